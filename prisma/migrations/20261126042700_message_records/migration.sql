-- CreateTable
CREATE TABLE "MessageRecord" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "product" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "network" TEXT,
    "networkName" TEXT,
    "parts" INTEGER NOT NULL,
    "price" DECIMAL(18,6) NOT NULL,
    "status" TEXT NOT NULL,
    "failureReason" TEXT,
    "demo" BOOLEAN NOT NULL DEFAULT false,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "receiptAt" TIMESTAMP(3),

    CONSTRAINT "MessageRecord_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MessageRecord_accountId_createdAt_idx" ON "MessageRecord"("accountId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "MessageRecord_accountId_to_createdAt_idx" ON "MessageRecord"("accountId", "to", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "MessageRecord_accountId_from_createdAt_idx" ON "MessageRecord"("accountId", "from", "createdAt" DESC);
