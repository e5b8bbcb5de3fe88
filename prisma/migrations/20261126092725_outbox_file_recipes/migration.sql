-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "fileRecipes" JSONB;
