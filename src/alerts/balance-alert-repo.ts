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
    const rows = await this.db.balanceAlert.findMany({
      where: { accountId, removedAt: null },
      orderBy: [{ threshold: "desc" }, { createdAt: "asc" }],
      select,
    });
    return rows.map(toRecord);
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
    const { shownBalance, ...rest } = changes;
    const { count } = await tx.balanceAlert.updateMany({
      where: { id: alert.id, version: alert.version, removedAt: null },
      data: {
        ...rest,
        ...(shownBalance !== undefined ? { shownBalance: shownBalance?.toString() ?? null } : {}),
        version: alert.version + 1,
      },
    });
    return count > 0;
  }

  async setLiveMessage(tx: Tx, id: string, liveMessageId: string | null): Promise<void> {
    await tx.balanceAlert.update({ where: { id }, data: { liveMessageId }, select: { id: true } });
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

/**
 * The balance sweep's selection, one statement a page ($1 cursor, $2 accounts a page, $3
 * real now in ms). An account is due when one of its alerts would change by the rules in
 * balance-alert-rules.ts, read loosely so that nothing is missed (the rules decide on the
 * loaded rows): below the threshold and armed or resolved; firing and clear of the margin
 * that resolves it, or with a post missing or a balance not yet shown (unless snoozed). A
 * resolved alert above its threshold is idle: it is never selected. A Vonage account's balance is Vonage's, not the ledger's:
 * those are always checked. Every other account's is the maintained balance column.
 */
export const CHANGING_PAGE_SQL = `
WITH page AS (
  SELECT DISTINCT "accountId" AS id FROM "BalanceAlert"
   WHERE "removedAt" IS NULL AND "accountId" > $1
   ORDER BY 1 LIMIT $2::int
), due AS (
  SELECT DISTINCT p.id
    FROM page p
    JOIN "Account" a ON a.id = p.id AND a."closedAt" IS NULL
    JOIN "BalanceAlert" al ON al."accountId" = p.id AND al."removedAt" IS NULL
   CROSS JOIN LATERAL (SELECT to_timestamp(($3::bigint + a."clockOffsetMs") / 1000.0) AT TIME ZONE 'UTC' AS at) t
   WHERE a.provider = 'vonage'
      OR (al.state = 'firing' AND (a.balance >= al.threshold + GREATEST(al.threshold * 0.1, 1)
            OR ((al."snoozedUntil" IS NULL OR al."snoozedUntil" <= t.at)
                AND (al."liveMessageId" IS NULL OR al."shownBalance" IS DISTINCT FROM a.balance))))
      OR (al.state IN ('armed', 'resolved') AND a.balance < al.threshold)
)
SELECT (SELECT max(id) FROM page) AS last, (SELECT count(*)::int FROM page) AS scanned, ARRAY(SELECT id FROM due ORDER BY id) AS due`;
