// Balance thresholds and their live state, behind explicit selects.
import type { Db } from "../data/database.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { Decimal } from "../core/money.ts";
import { newId } from "../core/ids.ts";
import type { AlertLevel, AlertState } from "./balance-alert-rules.ts";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export interface BalanceAlertRecord {
  id: string;
  accountId: string;
  threshold: Decimal;
  level: AlertLevel;
  channel: string;
  mention: string | null;
  state: AlertState;
  version: number;
  liveMessageId: string | null;
  shownBalance: Decimal | null;
  firedAt: Date | null;
  resolvedAt: Date | null;
  snoozedUntil: Date | null;
  ackedAt: Date | null;
  ackedBy: string | null;
}

const select = {
  id: true,
  accountId: true,
  threshold: true,
  level: true,
  channel: true,
  mention: true,
  state: true,
  version: true,
  liveMessageId: true,
  shownBalance: true,
  firedAt: true,
  resolvedAt: true,
  snoozedUntil: true,
  ackedAt: true,
  ackedBy: true,
} as const;

type Row = Prisma.BalanceAlertGetPayload<{ select: typeof select }>;

const toRecord = (row: Row): BalanceAlertRecord => ({
  ...row,
  level: row.level as AlertLevel,
  state: row.state as AlertState,
  threshold: new Decimal(row.threshold.toString()),
  shownBalance: row.shownBalance === null ? null : new Decimal(row.shownBalance.toString()),
});

type RawRow = Omit<Row, "threshold" | "shownBalance"> & { threshold: string; shownBalance: string | null };

const fromRaw = (row: RawRow): BalanceAlertRecord => ({
  ...row,
  level: row.level as AlertLevel,
  state: row.state as AlertState,
  threshold: new Decimal(row.threshold),
  shownBalance: row.shownBalance === null ? null : new Decimal(row.shownBalance),
});

const OF_ACCOUNTS_SQL = `
SELECT ${Object.keys(select)
  .map((column) => (column === "threshold" || column === "shownBalance" ? `"${column}"::text AS "${column}"` : `"${column}"`))
  .join(", ")}
  FROM "BalanceAlert"
 WHERE "accountId" = ANY($1::text[]) AND "removedAt" IS NULL
 ORDER BY "accountId", threshold DESC, "createdAt"`;

export type AlertChanges = Partial<Pick<BalanceAlertRecord, "state" | "liveMessageId" | "shownBalance" | "firedAt" | "resolvedAt" | "snoozedUntil" | "ackedAt" | "ackedBy">>;

export class BalanceAlertRepo {
  constructor(private readonly db: Db) {}

  async create(input: { accountId: string; threshold: Decimal; level: AlertLevel; channel: string; mention?: string; by: string; at: Date }) {
    const row = await this.db.balanceAlert.create({
      data: {
        id: newId("al"),
        accountId: input.accountId,
        threshold: input.threshold.toString(),
        level: input.level,
        channel: input.channel,
        mention: input.mention ?? null,
        createdBy: input.by,
        createdAt: input.at,
      },
      select,
    });
    return toRecord(row);
  }

  async ofAccount(accountId: string): Promise<BalanceAlertRecord[]> {
    return (await this.ofAccounts([accountId])).get(accountId) ?? [];
  }

  /** The live alerts of several accounts in one query, each account's highest threshold first. */
  async ofAccounts(accountIds: readonly string[]): Promise<Map<string, BalanceAlertRecord[]>> {
    const byAccount = new Map<string, BalanceAlertRecord[]>();
    if (accountIds.length === 0) return byAccount;
    // Raw: a sweep's batch names hundreds of accounts, and the query builder's IN list costs more than the query.
    const rows = await this.db.$queryRawUnsafe<RawRow[]>(OF_ACCOUNTS_SQL, accountIds);
    for (const row of rows) {
      const list = byAccount.get(row.accountId) ?? [];
      list.push(fromRaw(row));
      byAccount.set(row.accountId, list);
    }
    return byAccount;
  }

  async find(accountId: string, id: string): Promise<BalanceAlertRecord | undefined> {
    const row = await this.db.balanceAlert.findFirst({ where: { id, accountId, removedAt: null }, select });
    return row ? toRecord(row) : undefined;
  }

  async remove(tx: Tx, alert: BalanceAlertRecord, at: Date): Promise<boolean> {
    const { count } = await tx.balanceAlert.updateMany({
      where: { id: alert.id, version: alert.version, removedAt: null },
      data: { removedAt: at, version: alert.version + 1 },
    });
    return count > 0;
  }

  /**
   * Applies changes only if nobody changed the alert since it was read (same version):
   * two instances checking the same account change it once.
   */
  async update(tx: Tx, alert: BalanceAlertRecord, changes: AlertChanges): Promise<boolean> {
    return (await this.updateMany(tx, [{ alert, changes }])).has(alert.id);
  }

  /**
   * The same for many alerts in one statement; returns the ids it changed. Each alert's
   * changes are applied only if its version is still the one read; the others were
   * changed by someone else meanwhile (a person, another instance) and are left as they
   * are. The rows are locked in id order first, so two writers never wait on each other
   * in a circle.
   */
  async updateMany(tx: Tx, items: readonly { alert: BalanceAlertRecord; changes: AlertChanges }[]): Promise<Set<string>> {
    if (items.length === 0) return new Set();
    const ids = items.map(({ alert }) => alert.id);
    await tx.$queryRawUnsafe(`SELECT id FROM "BalanceAlert" WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, ids);
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      UPDATE_MANY_SQL,
      JSON.stringify(items.map(({ alert, changes }) => ({ id: alert.id, version: alert.version, c: changesJson(changes) }))),
    );
    return new Set(rows.map((r) => r.id));
  }

  async setLiveMessage(tx: Tx, id: string, liveMessageId: string | null): Promise<void> {
    await this.setLiveMessages(tx, [{ id, liveMessageId }]);
  }

  /** Points alerts at their live messages (just enqueued, or none), in one statement. */
  async setLiveMessages(tx: Tx, items: readonly { id: string; liveMessageId: string | null }[]): Promise<void> {
    if (items.length === 0) return;
    await tx.$executeRawUnsafe(
      `UPDATE "BalanceAlert" a SET "liveMessageId" = v.live FROM unnest($1::text[], $2::text[]) AS v(id, live) WHERE a.id = v.id`,
      items.map((i) => i.id),
      items.map((i) => i.liveMessageId),
    );
  }

  /**
   * One page of the hourly sweep, set-based: of the next `take` accounts with balance
   * alerts after `cursor`, the ones where some alert must change (see CHANGING_PAGE_SQL).
   * `last` is the page's last account, the next cursor; undefined when the sweep is done.
   */
  async changingPage(cursor: string, take: number, now: Date): Promise<{ last: string | undefined; scanned: number; due: string[] }> {
    const rows = await this.db.$queryRawUnsafe<{ last: string | null; scanned: number; due: string[] | null }[]>(CHANGING_PAGE_SQL, cursor, take, String(now.getTime()));
    return { last: rows[0]?.last ?? undefined, scanned: Number(rows[0]?.scanned ?? 0), due: rows[0]?.due ?? [] };
  }

  async channelsOf(accountId: string): Promise<string[]> {
    const rows = await this.db.balanceAlert.findMany({ where: { accountId, removedAt: null }, select: { channel: true } });
    return [...new Set(rows.map((r) => r.channel))];
  }
}

/** The columns a change may set, with their SQL types. */
const CHANGEABLE: Record<keyof AlertChanges, string> = {
  state: "text",
  liveMessageId: "text",
  shownBalance: "numeric",
  firedAt: "timestamp",
  resolvedAt: "timestamp",
  snoozedUntil: "timestamp",
  ackedAt: "timestamp",
  ackedBy: "text",
};

/** A change as JSON: only the columns it sets are keys (a null sets NULL); dates in UTC. */
function changesJson(changes: AlertChanges): Record<string, string | null> {
  const json: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    json[key] = value === null ? null : value instanceof Date ? value.toISOString() : value.toString();
  }
  return json;
}

/** $1 [{ id, version read, c: changes }] as JSON; a column a change does not name keeps its value. */
const UPDATE_MANY_SQL = `
UPDATE "BalanceAlert" a SET
  ${Object.entries(CHANGEABLE)
    .map(([column, type]) => `"${column}" = CASE WHEN v.c -> '${column}' IS NOT NULL THEN (v.c ->> '${column}')::${type} ELSE a."${column}" END`)
    .join(",\n  ")},
  version = a.version + 1
FROM jsonb_to_recordset($1::jsonb) AS v(id text, version int, c jsonb)
WHERE a.id = v.id AND a.version = v.version AND a."removedAt" IS NULL
RETURNING a.id`;

/**
 * The balance sweep's selection, one statement a page ($1 cursor, $2 accounts a page, $3
 * real now in ms). An account is due when one of its alerts would change by the rules in
 * balance-alert-rules.ts, read loosely so that nothing is missed (the rules decide on the
 * loaded rows): below the threshold and armed or resolved; firing and clear of the margin
 * that resolves it, or with a post missing or a balance not yet shown (unless snoozed). A
 * resolved alert above its threshold is idle: it is never selected. A Vonage account's balance is Vonage's, not the ledger's:
 * those are always checked. Every other account's is the maintained balance column.
 * The page's accounts are looked up by key (= ANY) and its alerts by their key range, the two
 * merged: joined to the page itself, the planner read every account (a sequential scan a
 * page, so an idle pass grew with the square of the accounts: 3.6 s of CPU at 100,000 on
 * PGlite, 0.8 s now).
 */
export const CHANGING_PAGE_SQL = `
WITH page AS (
  SELECT DISTINCT "accountId" AS id FROM "BalanceAlert"
   WHERE "removedAt" IS NULL AND "accountId" > $1
   ORDER BY 1 LIMIT $2::int
), due AS (
  SELECT DISTINCT a.id
    FROM "Account" a
    JOIN "BalanceAlert" al ON al."accountId" = a.id AND al."removedAt" IS NULL
         AND al."accountId" > $1 AND al."accountId" <= (SELECT max(id) FROM page)
   CROSS JOIN LATERAL (SELECT to_timestamp(($3::bigint + a."clockOffsetMs") / 1000.0) AT TIME ZONE 'UTC' AS at) t
   WHERE a.id = ANY(ARRAY(SELECT id FROM page)) AND a."closedAt" IS NULL
     AND (a.provider = 'vonage'
      OR (al.state = 'firing' AND (a.balance >= al.threshold + GREATEST(al.threshold * 0.1, 1)
            OR ((al."snoozedUntil" IS NULL OR al."snoozedUntil" <= t.at)
                AND (al."liveMessageId" IS NULL OR al."shownBalance" IS DISTINCT FROM a.balance))))
      OR (al.state IN ('armed', 'resolved') AND a.balance < al.threshold))
)
SELECT (SELECT max(id) FROM page) AS last, (SELECT count(*)::int FROM page) AS scanned, ARRAY(SELECT id FROM due ORDER BY id) AS due`;
