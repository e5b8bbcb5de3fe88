// A back-filling migration is tested on the database as it stood just before it: the
// migrations up to it are applied, the test writes rows the old schema held, then the rest
// (the migration itself and those after it) run, as on an existing data folder.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import type { PGlite } from "@electric-sql/pglite";
import { migrationsDir } from "../../src/data/migrate.ts";

export interface MigrationSteps {
  /** Applies every migration before the one named. */
  applyBefore(db: PGlite): Promise<void>;
  /** Applies the one named and every one after it. */
  applyFrom(db: PGlite): Promise<void>;
}

/** `suffix`: the end of the migration folder's name, e.g. "_usage_rollup". */
export function migrationSteps(suffix: string): MigrationSteps {
  const names = readdirSync(migrationsDir).filter((n) => /^\d+_/.test(n)).sort();
  const index = names.findIndex((n) => n.endsWith(suffix));
  expect(index, `a migration ending in ${suffix}`).toBeGreaterThan(0);
  const apply = async (db: PGlite, some: string[]) => {
    for (const name of some) await db.exec(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));
  };
  return { applyBefore: (db) => apply(db, names.slice(0, index)), applyFrom: (db) => apply(db, names.slice(index)) };
}
