-- CreateTable
CREATE TABLE "ShortCode" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "country" TEXT NOT NULL DEFAULT 'US',
    "template" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "messagesPerDay" INTEGER NOT NULL,
    "termsUrl" TEXT NOT NULL,
    "privacyUrl" TEXT NOT NULL,
    "optInText" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShortCode_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ShortCode_accountId_kind_key" ON "ShortCode"("accountId", "kind");

-- CreateIndex
CREATE INDEX "NumberRental_country_type_idx" ON "NumberRental"("country", "type");

-- AddForeignKey
ALTER TABLE "ShortCode" ADD CONSTRAINT "ShortCode_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
