// One process per embedded data folder: a second opener is refused while the owner lives
// (two writers on one PGlite folder silently lose acknowledged writes), and a folder whose
// owner died (SIGKILL leaves the pid file behind) is taken over. The cross-process case,
// a live child holding the folder, is in test/e2e/pglite-sigkill.test.ts.
import { afterEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { openDatabase, type Database } from "../../src/data/database.ts";
import { DataFolderInUse, LOCK_FILE } from "../../src/data/data-folder-lock.ts";
import { tempDataDir } from "../helpers/spawn.ts";

const opened: Database[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) await database.close();
});

async function open(dataDir: string): Promise<Database> {
  const database = await openDatabase({ kind: "pglite", dataDir });
  opened.push(database);
  return database;
}

describe("the embedded data folder", () => {
  it("refuses a second opener while it is open, and opens again once closed", async () => {
    const dataDir = path.join(tempDataDir(), "pglite");
    const first = await open(dataDir);
    const refused = await openDatabase({ kind: "pglite", dataDir }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataFolderInUse);
    expect((refused as DataFolderInUse).pid).toBe(process.pid);
    expect((refused as Error).message).toContain("use PostgreSQL (DATABASE_URL)");

    await first.close();
    opened.splice(0);
    const again = await open(dataDir);
    expect(await again.ping()).toBe(true);
  }, 120_000);

  it("is taken over from a process that died holding it", async () => {
    const dataDir = path.join(tempDataDir(), "pglite");
    await (await open(dataDir)).close();
    opened.splice(0);
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid!;
    writeFileSync(path.join(dataDir, LOCK_FILE), `${dead}\n`);

    const database = await open(dataDir);
    expect(await database.ping()).toBe(true);
    expect(readFileSync(path.join(dataDir, LOCK_FILE), "utf8").trim()).toBe(String(process.pid));
  }, 120_000);
});
