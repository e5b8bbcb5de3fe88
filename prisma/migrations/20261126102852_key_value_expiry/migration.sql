-- AlterTable
ALTER TABLE "KeyValue" ADD COLUMN     "expiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "KeyValue_expiresAt_idx" ON "KeyValue"("expiresAt");
