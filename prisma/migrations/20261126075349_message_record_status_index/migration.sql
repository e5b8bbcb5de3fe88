-- CreateIndex
CREATE INDEX "MessageRecord_accountId_status_createdAt_idx" ON "MessageRecord"("accountId", "status", "createdAt" DESC);
