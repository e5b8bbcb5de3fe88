// NumberRental rows: one per rental, active while releasedAt is null. activeMsisdn is
// unique, so a number is rented by at most one account at a time.
import type { Db } from "../data/database.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { Decimal } from "../core/money.ts";
import type { NumberConfig, NumberFeature, NumberType, OwnedNumber, PatternMatch } from "../providers/number-provider.ts";

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export const rentalSelect = {
  id: true,
  accountId: true,
  msisdn: true,
  country: true,
  type: true,
  features: true,
  monthlyPrice: true,
  subscribedAt: true,
  nextRenewalAt: true,
  periodsPaid: true,
  smsWebhookUrl: true,
  voiceAnswerUrl: true,
  voiceEventUrl: true,
  applicationId: true,
} as const;

export type RentalRow = Prisma.NumberRentalGetPayload<{ select: typeof rentalSelect }>;

export interface DueRental {
  id: string;
  accountId: string;
  offsetMs: number;
}

export class RentalsRepository {
  constructor(private readonly db: Db) {}

  /**
   * Numbers rented by anyone in a country, narrowed by type and pattern. Aggregated into
   * one array in SQL: a popular range may hold thousands, and one row is far cheaper to
   * bring back than thousands.
   */
  async rentedIn(country: string, type?: NumberType, pattern?: string, match?: PatternMatch): Promise<Set<string>> {
    const digits = pattern && /^\d+$/.test(pattern) ? pattern : undefined;
    const like = !digits ? "%" : match === "starts" ? `${digits}%` : match === "ends" ? `%${digits}` : `%${digits}%`;
    const rows = await this.db.$queryRawUnsafe<{ numbers: string[] | null }[]>(
      `SELECT array_agg(msisdn) AS numbers FROM "NumberRental"
        WHERE country = $1 AND ($2::text IS NULL OR type = $2) AND "activeMsisdn" IS NOT NULL AND msisdn LIKE $3`,
      country,
      type ?? null,
      like,
    );
    return new Set(rows[0]?.numbers ?? []);
  }

  async isRented(msisdn: string): Promise<boolean> {
    return (await this.db.numberRental.findUnique({ where: { activeMsisdn: msisdn }, select: { id: true } })) !== null;
  }

  async activeOf(accountId: string): Promise<RentalRow[]> {
    return this.db.numberRental.findMany({
      where: { accountId, releasedAt: null },
      orderBy: [{ subscribedAt: "asc" }, { msisdn: "asc" }],
      select: rentalSelect,
    });
  }

  async findActive(accountId: string, msisdn: string): Promise<RentalRow | undefined> {
    const row = await this.db.numberRental.findFirst({ where: { accountId, activeMsisdn: msisdn }, select: rentalSelect });
    return row ?? undefined;
  }

  async updateConfig(id: string, config: NumberConfig): Promise<RentalRow> {
    return this.db.numberRental.update({ where: { id }, data: config, select: rentalSelect });
  }

  /** Releases an active rental; false if it was already released (by a concurrent run). */
  async release(id: string, at: Date, reason: string, tx: Tx | Db = this.db): Promise<boolean> {
    const { count } = await tx.numberRental.updateMany({
      where: { id, releasedAt: null },
      data: { releasedAt: at, activeMsisdn: null, releaseReason: reason },
    });
    return count === 1;
  }

  async nextDueOf(accountId: string): Promise<Date | undefined> {
    const row = await this.db.numberRental.findFirst({
      where: { accountId, releasedAt: null },
      orderBy: { nextRenewalAt: "asc" },
      select: { nextRenewalAt: true },
    });
    return row?.nextRenewalAt;
  }

  async dueOfAccount(accountId: string, at: Date): Promise<string[]> {
    const rows = await this.db.numberRental.findMany({
      where: { accountId, releasedAt: null, nextRenewalAt: { lte: at } },
      orderBy: { id: "asc" },
      select: { id: true },
    });
    return rows.map((r) => r.id);
  }

  /**
   * One batch of sandbox rentals due at each account's own "now" (real time plus the
   * account's clock offset), after `cursor` in id order: a sweep resumes where it stopped.
   * `dueBy` (the furthest-ahead account's now) bounds nextRenewalAt without the join, so
   * the planner can use its index when few rentals are due.
   */
  async dueBatch(realNow: Date, cursor: string, take: number, dueBy?: Date): Promise<DueRental[]> {
    const rows = await this.db.$queryRawUnsafe<{ id: string; accountId: string; offset: string }[]>(
      DUE_BATCH_SQL,
      cursor,
      String(realNow.getTime()),
      take,
      (dueBy ?? new Date(8.64e15)).toISOString(),
    );
    return rows.map((r) => ({ id: r.id, accountId: r.accountId, offsetMs: Number(r.offset) }));
  }

  /** The latest "now" of any account (the furthest-ahead sandbox clock): bounds a sweep's due dates. */
  async latestAccountNow(realNow: Date): Promise<Date> {
    const rows = await this.db.$queryRawUnsafe<{ ahead: string | null }[]>(`SELECT max("clockOffsetMs")::text AS ahead FROM "Account"`);
    return new Date(realNow.getTime() + Math.max(0, Number(rows[0]?.ahead ?? 0)));
  }
}

/** Exported so a test can check its plan at scale ($1 cursor, $2 real now in ms, $3 limit, $4 due by). */
export const DUE_BATCH_SQL = `SELECT r.id, r."accountId", a."clockOffsetMs"::text AS "offset"
   FROM "NumberRental" r JOIN "Account" a ON a.id = r."accountId"
  WHERE r."releasedAt" IS NULL AND a.provider = 'sandbox' AND r.id > $1
    AND r."nextRenewalAt" <= $4::timestamp
    AND r."nextRenewalAt" <= (to_timestamp(($2::bigint + a."clockOffsetMs") / 1000.0) AT TIME ZONE 'UTC')
  ORDER BY r.id
  LIMIT $3::int`;

export function toOwnedNumber(row: RentalRow): OwnedNumber {
  return {
    msisdn: row.msisdn,
    country: row.country,
    type: row.type as NumberType,
    features: row.features as NumberFeature[],
    monthlyPrice: new Decimal(row.monthlyPrice.toString()),
    subscribedAt: row.subscribedAt,
    nextRenewalAt: row.nextRenewalAt,
    config: {
      smsWebhookUrl: row.smsWebhookUrl,
      voiceAnswerUrl: row.voiceAnswerUrl,
      voiceEventUrl: row.voiceEventUrl,
      applicationId: row.applicationId,
    },
  };
}
