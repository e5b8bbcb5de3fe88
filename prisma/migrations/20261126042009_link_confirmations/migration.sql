-- AlterTable
ALTER TABLE "LinkCode" ADD COLUMN     "issuedBy" TEXT,
ADD COLUMN     "issuerConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "redeemer" TEXT,
ADD COLUMN     "redeemerConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "redeemerName" TEXT;
