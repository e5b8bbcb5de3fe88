-- The status index ends with the search's tie-breaker (id), so that it gives the whole
-- order of `usage search status:…` and its capped count: with the status as a parameter
-- (a generic plan) it is the one index that needs no sort.
-- DropIndex
DROP INDEX "MessageRecord_accountId_status_createdAt_idx";

-- CreateIndex
CREATE INDEX "MessageRecord_accountId_status_createdAt_id_idx" ON "MessageRecord"("accountId", "status", "createdAt" DESC, "id" DESC);
