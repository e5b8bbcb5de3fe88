-- CreateTable
CREATE TABLE "MessageUsageDay" (
    "accountId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "product" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "failureReason" TEXT NOT NULL,
    "messages" INTEGER NOT NULL,
    "parts" INTEGER NOT NULL,
    "cost" DECIMAL(18,6) NOT NULL,

    CONSTRAINT "MessageUsageDay_pkey" PRIMARY KEY ("accountId","day","product","direction","country","status","failureReason")
);

-- CreateTable
CREATE TABLE "MessageNumberDay" (
    "accountId" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "to" TEXT NOT NULL,
    "messages" INTEGER NOT NULL,
    "cost" DECIMAL(18,6) NOT NULL,

    CONSTRAINT "MessageNumberDay_pkey" PRIMARY KEY ("accountId","day","to")
);

-- Back-fill both roll-ups from the records already written (src/usage/usage-rollup.ts
-- keeps them in step from here on, in the same transaction as each record write).
INSERT INTO "MessageUsageDay" ("accountId", "day", "product", "direction", "country", "status", "failureReason", "messages", "parts", "cost")
SELECT "accountId", "createdAt"::date, "product", "direction", "country", "status", coalesce("failureReason", ''), count(*), sum("parts"), sum("price")
FROM "MessageRecord"
GROUP BY 1, 2, 3, 4, 5, 6, 7;

INSERT INTO "MessageNumberDay" ("accountId", "day", "to", "messages", "cost")
SELECT "accountId", "createdAt"::date, "to", count(*), sum("price")
FROM "MessageRecord"
WHERE "direction" = 'outbound'
GROUP BY 1, 2, 3;
