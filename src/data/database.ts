// Opens the one database Switchboard uses: PostgreSQL when a URL is given, otherwise an
// embedded PGlite (Postgres compiled to WASM) persisted in a folder. Both run the same
// schema and migrations through Prisma driver adapters. Each driver is imported only when
// its database is used: the embedded default never loads pg (PGlite's WASM, too, only
// starts when opened).
import { existsSync } from "node:fs";
import { makeFolder } from "../platform/folders.ts";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "../generated/prisma/client.ts";
import { applyMigrations } from "./migrate.ts";
import { copyPreparedDataDir, preparedDataDir } from "./pglite-template.ts";
import { lockDataFolder } from "./data-folder-lock.ts";

export type Db = InstanceType<typeof PrismaClient>;

export type DatabaseTarget =
  | { kind: "postgres"; url: string }
  | { kind: "pglite"; dataDir: string | "memory://" };

export interface Database {
  prisma: Db;
  kind: DatabaseTarget["kind"];
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openDatabase(target: DatabaseTarget, options: { migrate?: boolean } = {}): Promise<Database> {
  const { adapterFactory, closeDriver, pglite } = await openAdapter(target);
  if (options.migrate !== false) {
    if (target.kind === "postgres") await withStartupLock(target.url, () => applyMigrations(adapterFactory));
    // PGlite gathers no statistics by itself (no autovacuum): a migration that changed
    // tables leaves the planner blind until the next housekeeping run otherwise.
    else if ((await applyMigrations(adapterFactory)).length > 0) await pglite?.exec("ANALYZE");
  }
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    prisma,
    kind: target.kind,
    adapterFactory,
    async ping() {
      try {
        await prisma.$queryRawUnsafe("SELECT 1");
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await prisma.$disconnect();
      await closeDriver();
    },
  };
}

/**
 * Instances starting together queue here, on a connection of their own, rather than on
 * the schema engine's lock, which gives up after 10 seconds: the first applies the
 * migrations, the others then find them applied.
 */
async function withStartupLock<T>(url: string, work: () => Promise<T>): Promise<T> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [STARTUP_LOCK]);
    return await work();
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [STARTUP_LOCK]).catch(() => {});
    await client.end();
  }
}

const STARTUP_LOCK = 5_402_017_711;

/**
 * PGlite allocates and touches all of shared_buffers in its WASM heap when it starts: with
 * initdb's 128 MB that is ~125 MB of resident memory and ~0.2 s of CPU at every start, for
 * a cache in front of files the operating system caches anyway (a 90 MB table read with
 * 16 MB of buffers showed no difference within noise; docs/benchmarks.md). A deployment
 * that outgrows it belongs on PostgreSQL (DATABASE_URL).
 */
const PGLITE_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=16MB"];

async function openAdapter(target: DatabaseTarget) {
  if (target.kind === "postgres") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const adapterFactory = new PrismaPg({ connectionString: target.url, max: 10 });
    return { adapterFactory, closeDriver: async () => {}, pglite: undefined };
  }
  const inMemory = target.dataDir === "memory://";
  const fresh = inMemory || !existsSync(path.join(target.dataDir, "PG_VERSION"));
  let unlock = () => {};
  if (!inMemory) {
    makeFolder(target.dataDir, 0o700);
    unlock = lockDataFolder(target.dataDir);
  }
  let pglite: PGlite;
  try {
    if (fresh && !inMemory) await copyPreparedDataDir(target.dataDir);
    pglite = await PGlite.create({
      dataDir: target.dataDir,
      startParams: PGLITE_START_PARAMS,
      ...(fresh && inMemory ? { loadDataDir: await preparedDataDir() } : {}),
    });
  } catch (error) {
    unlock();
    throw error;
  }
  const adapterFactory = new PrismaPGlite(pglite);
  return {
    adapterFactory,
    pglite,
    closeDriver: async () => {
      try {
        if (!pglite.closed) await pglite.close();
      } finally {
        unlock();
      }
    },
  };
}
