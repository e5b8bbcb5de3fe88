// Posts account events into the channels subscribed to them, once per (event, channel).
// Runs with the outbox loop on every instance: the fan-out marker and the outbox dedupe
// key make a second instance, or a rerun after a crash, post nothing twice.
import type { Db } from "../data/database.ts";
import type { Clock } from "../core/clock.ts";
import type { Message } from "../core/view.ts";
import { text } from "../core/view.ts";
import type { Outbox } from "../outbox/outbox.ts";
import type { EventSubscriptions, Subscription } from "./event-subscriptions.ts";
import type { QuietHoursStore } from "./quiet-hours-store.ts";
import { CRITICAL_EVENTS, eventLabel } from "./event-names.ts";

const BATCH = 200;
const WATERMARK_KEY = "alerts.events.watermark";
/** Events are written with the time they happened; this allows for late writers. */
const LATE_WRITE_MS = 3600 * 1000;
const WATERMARK_STEP_MS = 5 * 60 * 1000;
/** The first run looks back this far. */
const FIRST_LOOK_BACK_MS = 7 * 24 * 3600 * 1000;

interface EventRow {
  id: string;
  accountId: string;
  type: string;
  summary: string;
  at: Date;
}

export class EventFanout {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: Outbox,
    private readonly subscriptions: EventSubscriptions,
    private readonly quiet: QuietHoursStore,
  ) {}

  async fanOut(): Promise<{ events: number; posts: number }> {
    const now = this.clock.now();
    const since = await this.watermark(now);
    const events = await this.db.$queryRaw<EventRow[]>`
      SELECT e."id", e."accountId", e."type", e."summary", e."at" FROM "AccountEvent" e
      WHERE e."at" >= ${since} AND NOT EXISTS (SELECT 1 FROM "EventFanout" f WHERE f."eventId" = e."id")
      ORDER BY e."at", e."id" LIMIT ${BATCH}`;
    const caughtUp = events.length < BATCH;
    if (events.length === 0) {
      await this.advanceWatermark(new Date(now.getTime() - LATE_WRITE_MS), since);
      return { events: 0, posts: 0 };
    }
    const accountIds = [...new Set(events.map((e) => e.accountId))];
    const subscriptions = await this.subscriptions.ofAccounts(accountIds);
    const names = await this.companyNames(accountIds);
    let posts = 0;
    for (const event of events) {
      const targets = subscriptions.filter((s) => s.accountId === event.accountId && s.types.includes(event.type));
      posts += await this.post(event, targets, names.get(event.accountId) ?? "", now);
    }
    // Only once everything before it has been fanned out: a crash mid-batch rescans it.
    if (caughtUp) await this.advanceWatermark(new Date(now.getTime() - LATE_WRITE_MS), since);
    return { events: events.length, posts };
  }

  private async post(event: EventRow, targets: Subscription[], companyName: string, now: Date): Promise<number> {
    const critical = CRITICAL_EVENTS.has(event.type);
    const holds = await Promise.all(targets.map((t) => this.quiet.holdUntil(t.channel, critical, now)));
    const message = eventMessage(event, companyName, critical);
    await this.db.$transaction(async (tx) => {
      for (const [i, target] of targets.entries()) {
        await this.outbox.enqueueIn(tx, {
          channel: target.channel,
          message,
          dedupeKey: `event:${event.id}:${target.channel}`,
          notBefore: holds[i],
        });
      }
      await tx.eventFanout.createMany({ data: [{ eventId: event.id, at: now }], skipDuplicates: true });
    });
    return targets.length;
  }

  private async watermark(now: Date): Promise<Date> {
    const row = await this.db.keyValue.findUnique({ where: { key: WATERMARK_KEY }, select: { value: true } });
    const at = (row?.value as { at?: string } | null)?.at;
    return at ? new Date(at) : new Date(now.getTime() - FIRST_LOOK_BACK_MS);
  }

  private async advanceWatermark(to: Date, from: Date): Promise<void> {
    // Moved in steps, not on every poll: one write every few minutes is plenty.
    if (to.getTime() - from.getTime() < WATERMARK_STEP_MS) return;
    const value = { at: to.toISOString() };
    await this.db.keyValue.upsert({ where: { key: WATERMARK_KEY }, create: { key: WATERMARK_KEY, value }, update: { value } });
  }

  private async companyNames(accountIds: string[]): Promise<Map<string, string>> {
    const rows = await this.db.account.findMany({ where: { id: { in: accountIds } }, select: { id: true, companyName: true } });
    return new Map(rows.map((r) => [r.id, r.companyName]));
  }
}

function eventMessage(event: EventRow, companyName: string, critical: boolean): Message {
  const failure = /failed|disabled|removed|released/.test(event.type);
  return {
    blocks: [
      text(`*${eventLabel(event.type)}* · ${companyName}`),
      text(event.summary, critical ? "error" : failure ? "warning" : "success"),
    ],
  };
}
