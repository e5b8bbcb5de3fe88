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

  /** Accounts that have balance alerts, in id order after `cursor`: the hourly sweep's batches. */
  async accountIdsAfter(cursor: string, take: number): Promise<string[]> {
    const rows = await this.db.$queryRaw<{ accountId: string }[]>`
      SELECT DISTINCT "accountId" FROM "BalanceAlert"
      WHERE "removedAt" IS NULL AND "accountId" > ${cursor}
      ORDER BY "accountId" LIMIT ${take}`;
    return rows.map((r) => r.accountId);
  }

  async channelsOf(accountId: string): Promise<string[]> {
    const rows = await this.db.balanceAlert.findMany({ where: { accountId, removedAt: null }, select: { channel: true } });
    return [...new Set(rows.map((r) => r.channel))];
  }
}
