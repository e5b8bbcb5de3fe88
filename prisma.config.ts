// Prisma 7 reads its settings here. The database URL is only needed by the stock CLI's
// migrate commands; Switchboard applies migrations itself (src/data/migrate.ts).
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/switchboard" },
});
