// Account events are written once, in the database, by whatever part of the platform
// caused them. The alerts part fans them out to subscribed channels; the activity export
// reads them. Emitting never branches on a chat platform.
import type { Db } from "../data/database.ts";
import { newId } from "../core/ids.ts";

export const ACCOUNT_EVENT_TYPES = [
  "number.rented",
  "number.released",
  "number.renewal_failed",
  "autoreload.charged",
  "autoreload.failed",
  "autoreload.disabled",
  "payment.received",
  "invoice.ready",
  "user.joined",
  "user.removed",
  "user.linked",
  "webhook.check_failed",
  "spend.requested",
  "spend.approved",
  "spend.denied",
] as const;
export type AccountEventType = (typeof ACCOUNT_EVENT_TYPES)[number];

export interface AccountEventInput {
  accountId: string;
  type: AccountEventType;
  /** One sentence a person reads in the channel: "+447700900123 was released: the balance could not cover its rent." */
  summary: string;
  data?: Record<string, unknown>;
  at: Date;
}

export class AccountEvents {
  constructor(private readonly db: Db) {}

  async emit(event: AccountEventInput): Promise<string> {
    return (await this.emitMany([event]))[0]!;
  }

  /** Writes several events in one statement (a sweep's batch); ids in the events' order. */
  async emitMany(events: readonly AccountEventInput[]): Promise<string[]> {
    if (events.length === 0) return [];
    const rows = events.map((e) => ({ id: newId("evt"), accountId: e.accountId, type: e.type, summary: e.summary, data: e.data ?? {}, at: e.at.toISOString() }));
    await this.db.$executeRawUnsafe(
      `INSERT INTO "AccountEvent" (id, "accountId", type, summary, data, at)
       SELECT v.id, v."accountId", v.type, v.summary, v.data, v.at FROM jsonb_to_recordset($1::jsonb) AS v(id text, "accountId" text, type text, summary text, data jsonb, at timestamp)`,
      JSON.stringify(rows),
    );
    return rows.map((r) => r.id);
  }

  async recent(accountId: string, take = 10) {
    return this.db.accountEvent.findMany({
      where: { accountId },
      orderBy: { at: "desc" },
      take,
      select: { type: true, summary: true, at: true },
    });
  }
}
