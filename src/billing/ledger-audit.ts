// The maintained balance must always equal the ledger's sum: both move in one transaction
// under the account's lock. This check finds any account where they differ (a bug, or a
// hand edit of the database); housekeeping runs it and logs what it finds, loudly.
import type { Db } from "../data/database.ts";

export interface BalanceMismatch {
  accountId: string;
  balance: string;
  ledgerSum: string;
}

/** Up to `limit` accounts whose maintained balance differs from their ledger's sum. One statement: one snapshot. */
export async function balanceMismatches(db: Db, limit = 20): Promise<{ count: number; sample: BalanceMismatch[] }> {
  const rows = await db.$queryRaw<{ accountId: string; balance: string; ledgerSum: string; total: bigint }[]>`
    SELECT a."id" AS "accountId", a."balance"::text AS "balance", COALESCE(s."sum", 0)::text AS "ledgerSum", COUNT(*) OVER () AS "total"
    FROM "Account" a
    LEFT JOIN (SELECT "accountId", SUM("amount") AS "sum" FROM "LedgerEntry" GROUP BY "accountId") s ON s."accountId" = a."id"
    WHERE a."balance" <> COALESCE(s."sum", 0)
    ORDER BY a."id"
    LIMIT ${limit}`;
  return { count: Number(rows[0]?.total ?? 0), sample: rows.map(({ accountId, balance, ledgerSum }) => ({ accountId, balance, ledgerSum })) };
}
