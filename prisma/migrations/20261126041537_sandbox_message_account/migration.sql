-- AlterTable
ALTER TABLE "SandboxMessage" ADD COLUMN     "accountId" TEXT;

-- CreateIndex
CREATE INDEX "SandboxMessage_accountId_createdAt_idx" ON "SandboxMessage"("accountId", "createdAt");
