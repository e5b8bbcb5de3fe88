-- CreateTable
CREATE TABLE "OutboxFile" (
    "outboxId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "title" TEXT,
    "imageWidth" INTEGER,
    "imageHeight" INTEGER,
    "imageAlt" TEXT,
    "content" BYTEA NOT NULL,

    CONSTRAINT "OutboxFile_pkey" PRIMARY KEY ("outboxId","position")
);

-- AddForeignKey
ALTER TABLE "OutboxFile" ADD CONSTRAINT "OutboxFile_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
