// A new embedded database starts from a prepared, already-migrated data folder instead of
// running initdb and every migration: PGlite's initdb is most of a fresh start (seconds,
// and hundreds of MB of WASM heap while it runs). The template is made once per set of
// migrations (its name carries their hash), from the same migrations any start applies,
// so a template can never be older than the code that loads it. It is made at install
// (`npm ci` runs scripts/prepare-database.ts) or, failing that, on first need.
//
// It comes in two forms: a tar, which an in-memory database (the tests) loads, and the same
// folder on disk, which a new data folder is copied from with native file copies. Loading
// the tar into a folder on disk goes through PGlite's emulated file system instead: 0.3–0.7 s
// more CPU and ~165 MB of resident memory left behind (docs/benchmarks.md).
import { createHash } from "node:crypto";
import { constants, copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { applyMigrations, migrationsList, prismaDir } from "./migrate.ts";

const nodeModules = path.resolve(prismaDir, "../node_modules");
/** Outside the data folder: one template serves every data folder and every test. */
export const templateCacheDir = path.join(nodeModules, ".cache/switchboard");

/** Bumped whenever writeTemplate changes what a template holds, so older ones are made again. */
const TEMPLATE_FORMAT = "2: without template0 and template1";

function migrationsHash(): string {
  const hash = createHash("sha256");
  hash.update(TEMPLATE_FORMAT);
  // A PGlite upgrade may change the on-disk format: its version is part of the name.
  hash.update(readFileSync(path.join(nodeModules, "@electric-sql/pglite/package.json"), "utf8"));
  for (const dir of migrationsList().migrationDirectories) {
    hash.update(dir.path);
    hash.update(dir.migrationFile.content.value);
  }
  return hash.digest("hex").slice(0, 16);
}

export function templatePath(): string {
  return path.join(templateCacheDir, `pglite-${migrationsHash()}.tar`);
}

/** The prepared data folder on disk, made from the tar the first time. */
export function templateFolderPath(): string {
  return templatePath().replace(/\.tar$/, "");
}

/**
 * Makes `dataDir` a copy of the prepared data folder (copy-on-write where the file system
 * can). PG_VERSION is copied last: a folder without it counts as new, so a copy cut short
 * by a crash is simply made again at the next start.
 */
export async function copyPreparedDataDir(dataDir: string): Promise<void> {
  const template = await preparedDataFolder();
  const version = path.join(template, "PG_VERSION");
  cpSync(template, dataDir, { recursive: true, force: true, mode: constants.COPYFILE_FICLONE, filter: (source) => source !== version });
  copyFileSync(version, path.join(dataDir, "PG_VERSION"), constants.COPYFILE_FICLONE);
}

/** The prepared data folder on disk: the tar loaded once by PGlite into a folder of its own. */
export async function preparedDataFolder(): Promise<string> {
  const folder = templateFolderPath();
  if (existsSync(folder)) return folder;
  const tar = await preparedDataDir();
  // Made aside and renamed, like the tar: a folder under the final name is complete.
  const partial = `${folder}.${process.pid}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const pglite = await PGlite.create({ dataDir: partial, loadDataDir: tar });
  await pglite.close();
  try {
    renameSync(partial, folder);
  } catch (error) {
    // Another process made it meanwhile: theirs is the same.
    if (!existsSync(folder)) throw error;
    rmSync(partial, { recursive: true, force: true });
  }
  return folder;
}

/** The prepared data folder as a tar blob for `PGlite.create({ loadDataDir })`. */
export async function preparedDataDir(): Promise<Blob> {
  const file = templatePath();
  if (!existsSync(file)) await writeTemplate(file);
  return new Blob([readFileSync(file)]);
}

async function writeTemplate(file: string): Promise<void> {
  const pglite = await PGlite.create("memory://");
  try {
    await applyMigrations(new PrismaPGlite(pglite));
    await dropTemplateDatabases(pglite);
    // Uncompressed: loading skips a gunzip of ~40 MB at every start, for ~35 MB of disk.
    const tar = await pglite.dumpDataDir("none");
    mkdirSync(path.dirname(file), { recursive: true });
    // Written aside and renamed, so a process starting at the same moment never reads
    // half a template; two writers simply replace each other with identical files.
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, Buffer.from(await tar.arrayBuffer()));
    renameSync(partial, file);
  } finally {
    await pglite.close();
  }
}

/**
 * initdb leaves three databases: postgres, which Switchboard uses, and template0 and
 * template1, which only `CREATE DATABASE` copies from. Nothing creates databases on
 * PGlite (Prisma's shadow database for the schema engine is a new in-memory PGlite), so
 * they are dropped: 600 of the template's 1,185 files and 14 of its 40 MB, which every
 * new data folder would otherwise copy (docs/benchmarks.md, "Start-up").
 */
async function dropTemplateDatabases(pglite: PGlite): Promise<void> {
  for (const name of ["template0", "template1"]) {
    // A template database cannot be dropped; template0 cannot even be connected to.
    await pglite.exec(`ALTER DATABASE ${name} IS_TEMPLATE false`);
    await pglite.exec(`DROP DATABASE ${name}`);
  }
  // The drops are in the WAL; a checkpoint writes them out before the folder is dumped.
  await pglite.exec("CHECKPOINT");
}
