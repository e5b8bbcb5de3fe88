// Applies prisma/migrations in Prisma's own format and records them in _prisma_migrations,
// exactly as `prisma migrate deploy` would, so the stock CLI can take over anywhere.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openSchemaEngine } from "./schema-engine.ts";

export const prismaDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma");
export const schemaPath = path.join(prismaDir, "schema.prisma");
export const migrationsDir = path.join(prismaDir, "migrations");

export function readSchema(): string {
  return readFileSync(schemaPath, "utf8");
}

export function migrationsList() {
  const dirs = existsSync(migrationsDir)
    ? readdirSync(migrationsDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    : [];
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => ({
      path: dir,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: readFileSync(path.join(migrationsDir, dir, "migration.sql"), "utf8") },
      },
    })),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(readSchema(), adapterFactory);
  try {
    // Several instances may start at once on one PostgreSQL: the engine takes
    // Postgres's advisory lock around applying, as migrate deploy does.
    const result = await engine.applyMigrations({ migrationsList: migrationsList(), filters: noFilters });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}
