// Applies prisma/migrations in Prisma's own format and records them in _prisma_migrations,
// exactly as `prisma migrate deploy` would, so the stock CLI can take over anywhere.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openSchemaEngine } from "./schema-engine.ts";

/**
 * The project's prisma/ folder, found upwards from this module: it runs as src/data/ under
 * tsx and bundled into dist/ by `npm start` (scripts/build.mjs), at different depths.
 */
export const prismaDir = findUpwards(path.dirname(fileURLToPath(import.meta.url)), "prisma/schema.prisma");
export const schemaPath = path.join(prismaDir, "schema.prisma");
export const migrationsDir = path.join(prismaDir, "migrations");

function findUpwards(from: string, relative: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, relative))) return path.dirname(path.join(dir, relative));
    if (path.dirname(dir) === dir) throw new Error(`No ${relative} in ${from} or any folder above it`);
  }
}

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
  // Several instances may start at once on one PostgreSQL. The engine takes an advisory
  // lock around applying and the others time out waiting for it: they try again, and by
  // then find everything applied without starting the engine at all.
  for (let attempt = 1; ; attempt++) {
    if (await allApplied(adapterFactory)) return [];
    try {
      return await applyWithEngine(adapterFactory);
    } catch (error) {
      if (attempt >= 6 || !/advisory lock/i.test(String((error as Error).message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

async function applyWithEngine(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(readSchema(), adapterFactory);
  try {
    const result = await engine.applyMigrations({ migrationsList: migrationsList(), filters: noFilters });
    return result.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** Whether every migration folder is recorded as applied (no table yet: no). */
async function allApplied(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<boolean> {
  const wanted = migrationsList().migrationDirectories.map((d) => d.path);
  const adapter = await adapterFactory.connect();
  try {
    const result = await adapter.queryRaw({
      sql: `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      args: [],
      argTypes: [],
    });
    const applied = new Set(result.rows.map((row) => String(row[0])));
    return wanted.every((name) => applied.has(name));
  } catch {
    return false;
  } finally {
    await adapter.dispose();
  }
}
