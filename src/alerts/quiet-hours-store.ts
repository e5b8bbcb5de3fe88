import type { Db } from "../data/database.ts";
import { quietUntil, type QuietWindow } from "./quiet-hours.ts";

export class QuietHoursStore {
  constructor(private readonly db: Db) {}

  async get(channel: string): Promise<QuietWindow | undefined> {
    const row = await this.db.quietHours.findUnique({ where: { channel }, select: { startsAt: true, endsAt: true, timeZone: true } });
    return row ?? undefined;
  }

  async forChannels(channels: string[]): Promise<Map<string, QuietWindow>> {
    const rows = await this.db.quietHours.findMany({
      where: { channel: { in: channels } },
      select: { channel: true, startsAt: true, endsAt: true, timeZone: true },
    });
    return new Map(rows.map(({ channel, ...window }) => [channel, window]));
  }

  async set(channel: string, window: QuietWindow): Promise<void> {
    await this.db.quietHours.upsert({ where: { channel }, create: { channel, ...window }, update: window });
  }

  async clear(channel: string): Promise<boolean> {
    const { count } = await this.db.quietHours.deleteMany({ where: { channel } });
    return count > 0;
  }

  /** When a post of this urgency may go out in this channel: undefined means now. */
  async holdUntil(channel: string, critical: boolean, at: Date): Promise<Date | undefined> {
    if (critical) return undefined;
    const window = await this.get(channel);
    return window ? quietUntil(window, at) : undefined;
  }
}
