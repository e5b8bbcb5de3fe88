// The daily roll-ups of message records, which the usage summary reads instead of the
// records: MessageUsageDay (per account, UTC day and every key a summary view groups by) and
// MessageNumberDay (outbound messages per account, UTC day and destination number).
//
// Every write is an increment (INSERT … ON CONFLICT DO UPDATE SET n = n + …), so two
// transactions adding to the same row queue on its lock and both count; and it is part of
// the record write it mirrors (the same statement for an insert, the same transaction for a
// status change), so a rolled-back insert or status change leaves no trace in the roll-ups.
import type { Db } from "../data/database.ts";
import type { Decimal } from "../core/money.ts";
import { Prisma } from "../generated/prisma/client.ts";

type Tx = Db | Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The fields of a record that the roll-ups key and sum (what a status change moves). */
export interface RolledUpRecord {
  accountId: string;
  createdAt: Date;
  product: string;
  direction: string;
  country: string;
  status: string;
  failureReason?: string | null;
  parts: number;
  price: Decimal;
}

/**
 * The roll-ups' increments for the records of a CTE named `inserted` (the RETURNING of the
 * records' INSERT), as two more members of that statement's WITH: the records and their
 * counts are written by one statement, atomic without a transaction of its own, in one round
 * trip. The keys are computed by the database as the back-fill computes them.
 */
export const ROLL_UP_INSERTED = Prisma.sql`
  usage_days AS (
    INSERT INTO "MessageUsageDay" ("accountId", day, product, direction, country, status, "failureReason", messages, parts, cost)
    SELECT "accountId", "createdAt"::date, product, direction, country, status, coalesce("failureReason", ''), count(*), sum(parts), sum(price)
    FROM inserted GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("accountId", day, product, direction, country, status, "failureReason") DO UPDATE SET
      messages = "MessageUsageDay".messages + EXCLUDED.messages,
      parts = "MessageUsageDay".parts + EXCLUDED.parts,
      cost = "MessageUsageDay".cost + EXCLUDED.cost),
  number_days AS (
    INSERT INTO "MessageNumberDay" ("accountId", day, "to", messages, cost)
    SELECT "accountId", "createdAt"::date, "to", count(*), sum(price)
    FROM inserted WHERE direction = 'outbound' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("accountId", day, "to") DO UPDATE SET
      messages = "MessageNumberDay".messages + EXCLUDED.messages,
      cost = "MessageNumberDay".cost + EXCLUDED.cost)`;

/**
 * Moves a record whose status (or failure reason) changed from its old row to its new one.
 * The number roll-up counts every status, so it stays as it is.
 */
export async function moveInRollup(tx: Tx, before: RolledUpRecord, after: Pick<RolledUpRecord, "status" | "failureReason">): Promise<void> {
  await addToUsageDays(tx, [
    { record: before, sign: -1 },
    { record: { ...before, ...after }, sign: 1 },
  ]);
}

type Row = { accountId: string; day: string; product: string; direction: string; country: string; status: string; reason: string; messages: number; parts: number; cost: string };

/**
 * Adds (sign 1) or takes away (sign −1) each record in its MessageUsageDay row, in one
 * statement. Rows are written in key order, so two status changes that touch the same two
 * rows lock them in the same order and cannot deadlock each other; deltas with the same
 * key are merged first (ON CONFLICT may touch a row once per statement), and cancelled
 * ones left out.
 */
async function addToUsageDays(tx: Tx, changes: { record: RolledUpRecord; sign: 1 | -1 }[]): Promise<void> {
  const rows = new Map<string, Row>();
  for (const { record: r, sign } of changes) {
    const row: Row = {
      accountId: r.accountId, day: utcDay(r.createdAt), product: r.product, direction: r.direction, country: r.country, status: r.status,
      reason: r.failureReason ?? "", messages: sign, parts: sign * r.parts, cost: (sign === 1 ? r.price : r.price.negated()).toString(),
    };
    // The key's fields joined by the one character none of them contains: sorts in key order.
    const key = [row.accountId, row.day, row.product, row.direction, row.country, row.status, row.reason].join("\u0000");
    const seen = rows.get(key);
    if (!seen) rows.set(key, row);
    else if (seen.messages + row.messages === 0) rows.delete(key);
    else throw new Error("A record is counted twice in one roll-up change");
  }
  const ordered = [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
  if (ordered.length === 0) return;
  const column = <T>(pick: (r: Row) => T) => ordered.map(pick);
  await tx.$executeRaw`
    INSERT INTO "MessageUsageDay" ("accountId", day, product, direction, country, status, "failureReason", messages, parts, cost)
    SELECT account, day, product, direction, country, status, reason, messages, parts, cost
    FROM unnest(${column((r) => r.accountId)}::text[], ${column((r) => r.day)}::date[], ${column((r) => r.product)}::text[],
                ${column((r) => r.direction)}::text[], ${column((r) => r.country)}::text[], ${column((r) => r.status)}::text[],
                ${column((r) => r.reason)}::text[], ${column((r) => r.messages)}::int[], ${column((r) => r.parts)}::int[],
                ${column((r) => r.cost)}::numeric[])
         WITH ORDINALITY AS d(account, day, product, direction, country, status, reason, messages, parts, cost, position)
    ORDER BY position
    ON CONFLICT ("accountId", day, product, direction, country, status, "failureReason") DO UPDATE SET
      messages = "MessageUsageDay".messages + EXCLUDED.messages,
      parts = "MessageUsageDay".parts + EXCLUDED.parts,
      cost = "MessageUsageDay".cost + EXCLUDED.cost`;
}

/**
 * Recomputes both roll-ups from the records, set-based: the back-fill migration's
 * statements, for a database whose records were written around the roll-ups (the usage
 * bench's seed). Rows are set to the records' sums, so running it again changes nothing.
 */
export async function rebuildUsageRollup(db: Tx): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO "MessageUsageDay" ("accountId", day, product, direction, country, status, "failureReason", messages, parts, cost)
    SELECT "accountId", "createdAt"::date, product, direction, country, status, coalesce("failureReason", ''), count(*), sum(parts), sum(price)
    FROM "MessageRecord"
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT ("accountId", day, product, direction, country, status, "failureReason") DO UPDATE SET
      messages = EXCLUDED.messages, parts = EXCLUDED.parts, cost = EXCLUDED.cost`);
  await db.$executeRawUnsafe(`
    INSERT INTO "MessageNumberDay" ("accountId", day, "to", messages, cost)
    SELECT "accountId", "createdAt"::date, "to", count(*), sum(price)
    FROM "MessageRecord"
    WHERE direction = 'outbound'
    GROUP BY 1, 2, 3
    ON CONFLICT ("accountId", day, "to") DO UPDATE SET messages = EXCLUDED.messages, cost = EXCLUDED.cost`);
}

/** YYYY-MM-DD of the instant in UTC: the day a record is rolled up under. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}
