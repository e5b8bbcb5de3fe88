-- AlterTable
ALTER TABLE "IdempotencyRecord" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "JobRun" ADD COLUMN     "cursor" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3);
