-- DropIndex
DROP INDEX "SandboxMessage_phone_createdAt_idx";

-- AlterTable
ALTER TABLE "SandboxMessage" ADD COLUMN     "accountId" TEXT,
ADD COLUMN     "requestedBy" TEXT;

-- CreateIndex
CREATE INDEX "SandboxMessage_accountId_createdAt_idx" ON "SandboxMessage"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "SandboxMessage_requestedBy_createdAt_idx" ON "SandboxMessage"("requestedBy", "createdAt");

-- Messages sent before this change belong to no one and are shown to no one: a phone
-- number never said who may read them.
