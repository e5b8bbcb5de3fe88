-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "firstAttemptAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "BalanceAlert" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "threshold" DECIMAL(18,6) NOT NULL,
    "level" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "mention" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "removedAt" TIMESTAMP(3),
    "state" TEXT NOT NULL DEFAULT 'armed',
    "version" INTEGER NOT NULL DEFAULT 0,
    "liveMessageId" TEXT,
    "shownBalance" DECIMAL(18,6),
    "firedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "snoozedUntil" TIMESTAMP(3),
    "ackedAt" TIMESTAMP(3),
    "ackedBy" TEXT,

    CONSTRAINT "BalanceAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventSubscription" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "types" TEXT[],
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuietHours" (
    "channel" TEXT NOT NULL,
    "startsAt" TEXT NOT NULL,
    "endsAt" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuietHours_pkey" PRIMARY KEY ("channel")
);

-- CreateTable
CREATE TABLE "EventFanout" (
    "eventId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EventFanout_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "BalanceAlert_accountId_idx" ON "BalanceAlert"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "EventSubscription_accountId_channel_key" ON "EventSubscription"("accountId", "channel");

-- CreateIndex
CREATE INDEX "OutboxMessage_replacesId_idx" ON "OutboxMessage"("replacesId");
