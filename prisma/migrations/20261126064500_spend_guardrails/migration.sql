-- CreateTable
CREATE TABLE "SpendPolicy" (
    "accountId" TEXT NOT NULL,
    "topupPerDay" DECIMAL(18,6) NOT NULL,
    "rentsPerHour" INTEGER NOT NULL,
    "approvalAbove" DECIMAL(18,6) NOT NULL,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendPolicy_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "SpendGrant" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" DECIMAL(18,6) NOT NULL,
    "actor" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendGrant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SpendApproval" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "argsHash" TEXT NOT NULL,
    "args" JSONB NOT NULL,
    "amount" DECIMAL(18,6) NOT NULL,
    "summary" TEXT NOT NULL,
    "permission" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedByName" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpendApproval_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpendGrant_accountId_kind_at_idx" ON "SpendGrant"("accountId", "kind", "at");

-- CreateIndex
CREATE INDEX "SpendApproval_accountId_status_idx" ON "SpendApproval"("accountId", "status");
