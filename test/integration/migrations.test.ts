import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { diffSchemaAgainstMigrations, emptyMigrationMarker } from "../../src/data/migration-diff.ts";
import { openDatabase } from "../../src/data/database.ts";
import { applyMigrations } from "../../src/data/migrate.ts";
import { templateFolderPath } from "../../src/data/pglite-template.ts";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { createTestDatabase, createTestDatabaseTarget, usingPostgres } from "../helpers/test-database.ts";

describe("schema and migrations", () => {
  it("agree: every schema change comes with a migration (npm run db:migration -- <name>)", async () => {
    const diff = await diffSchemaAgainstMigrations();
    expect(diff).toContain(emptyMigrationMarker);
    // The WASM schema engine replays every migration into a shadow database: tens of seconds on a busy machine.
  }, 180_000);

  it("apply once: a second start applies nothing", async () => {
    const testDb = await createTestDatabase();
    try {
      expect(await applyMigrations(testDb.database.adapterFactory)).toEqual([]);
      const rows = await testDb.database.prisma.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`,
      );
      expect(Number(rows[0]!.n)).toBeGreaterThan(0);
    } finally {
      await testDb.close();
    }
  });
});

describe("the embedded database", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-pglite-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps data across a restart", async () => {
    const first = await openDatabase({ kind: "pglite", dataDir: dir });
    await first.prisma.keyValue.create({ data: { key: "survives", value: { yes: true } } });
    await first.close();

    const second = await openDatabase({ kind: "pglite", dataDir: dir });
    const row = await second.prisma.keyValue.findUnique({ where: { key: "survives" } });
    // 16 MB rather than initdb's 128 MB, which PGlite touches in full at every start (database.ts).
    const buffers = await second.prisma.$queryRawUnsafe<{ shared_buffers: string }[]>("SHOW shared_buffers");
    await second.close();
    expect(row?.value).toEqual({ yes: true });
    expect(buffers[0]!.shared_buffers).toBe("16MB");
  });
});

describe("the prepared template for new embedded databases", () => {
  const columns = `SELECT table_name || '.' || column_name || ':' || data_type AS c FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY 1`;

  it("gives the same tables, columns and applied migrations as initialising and migrating from scratch", async () => {
    const fromTemplate = await openDatabase({ kind: "pglite", dataDir: "memory://" }, { migrate: false });
    const scratch = await PGlite.create("memory://");
    try {
      const applied = await applyMigrations(new PrismaPGlite(scratch));
      expect(applied.length).toBeGreaterThan(0);
      const templated = (await fromTemplate.prisma.$queryRawUnsafe<{ c: string }[]>(columns)).map((r) => r.c);
      const migrated = (await scratch.query<{ c: string }>(columns)).rows.map((r) => r.c);
      expect(templated).toEqual(migrated);
      expect(await applyMigrations(fromTemplate.adapterFactory)).toEqual([]);
    } finally {
      await fromTemplate.close();
      await scratch.close();
    }
  }, 180_000);

  it("holds only the database Switchboard uses: template0 and template1 are not copied into every new folder", async () => {
    const fromTemplate = await openDatabase({ kind: "pglite", dataDir: "memory://" }, { migrate: false });
    try {
      const databases = await fromTemplate.prisma.$queryRawUnsafe<{ datname: string }[]>("SELECT datname FROM pg_database ORDER BY 1");
      expect(databases.map((d) => d.datname)).toEqual(["postgres"]);
    } finally {
      await fromTemplate.close();
    }
  });
});

describe("a new data folder on disk", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sb-pglite-copy-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is a copy of the prepared folder: migrated, and made again when a copy was cut short", async () => {
    // A copy cut short leaves files but no PG_VERSION, which is copied last.
    writeFileSync(path.join(dir, "postgresql.conf"), "half a file");
    const first = await openDatabase({ kind: "pglite", dataDir: dir }, { migrate: false });
    try {
      expect(await applyMigrations(first.adapterFactory)).toEqual([]);
      expect(await first.prisma.account.count()).toBe(0);
    } finally {
      await first.close();
    }
    expect(readFileSync(path.join(dir, "postgresql.conf"), "utf8")).toBe(readFileSync(path.join(templateFolderPath(), "postgresql.conf"), "utf8"));
  }, 120_000);
});

describe.skipIf(!usingPostgres)("several instances starting at once on one PostgreSQL (needs TEST_DATABASE_URL)", () => {
  it("all come up: one applies the migrations, the others wait and find them applied", async () => {
    const { target, drop } = await createTestDatabaseTarget();
    try {
      const started = await Promise.allSettled([1, 2, 3].map(() => openDatabase(target)));
      expect(started.map((s) => s.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
      for (const s of started) if (s.status === "fulfilled") await s.value.close();
    } finally {
      await drop();
    }
  });
});
