-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "balance" DECIMAL(18,6) NOT NULL DEFAULT 0;

-- Backfill: each account's balance is the sum of its ledger entries.
UPDATE "Account" AS a
SET "balance" = s."total"
FROM (SELECT "accountId", SUM("amount") AS "total" FROM "LedgerEntry" GROUP BY "accountId") AS s
WHERE s."accountId" = a."id";
