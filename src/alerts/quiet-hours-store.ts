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
    return (await this.holds([{ channel, critical, at }]))[0];
  }

  /** The same for many posts, in the posts' order, with one query for all their channels. */
  async holds(posts: readonly { channel: string; critical: boolean; at: Date }[]): Promise<(Date | undefined)[]> {
    const channels = [...new Set(posts.filter((p) => !p.critical).map((p) => p.channel))];
    const windows = channels.length > 0 ? await this.forChannels(channels) : new Map<string, QuietWindow>();
    return posts.map(({ channel, critical, at }) => {
      const window = critical ? undefined : windows.get(channel);
      return window ? quietUntil(window, at) : undefined;
    });
  }
}
