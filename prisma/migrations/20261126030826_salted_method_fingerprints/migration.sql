-- DropIndex
DROP INDEX "PaymentMethod_activeFingerprint_key";

-- AlterTable
ALTER TABLE "PaymentMethod" DROP COLUMN "activeFingerprint";

-- CreateIndex
CREATE INDEX "PaymentMethod_kind_label_idx" ON "PaymentMethod"("kind", "label");

-- The old fingerprints were fast HMACs: with brand, BIN and last four they gave the card
-- number back in about a second. They are dropped, not converted (converting needs the
-- card number). A method added before this change is not compared until it is added again.
UPDATE "PaymentMethod" SET "fingerprint" = NULL WHERE "fingerprint" IS NOT NULL;
