// One process per embedded data folder. PGlite takes no lock of its own: a second process
// opening the same folder (a console started beside `npm start`, a supervisor starting the
// new process before the old one is gone) opens it happily, both write, and each one's
// checkpoints overwrite the other's pages. Tried on PGlite 0.5.16: two writers on one
// folder, 1,372 acknowledged inserts, 778 rows after reopening, no error anywhere. A killed
// process is another matter: PostgreSQL's crash recovery replays what it committed
// (test/e2e/pglite-sigkill.test.ts). So the folder carries the owner's pid: a live owner
// refuses the second opener, a dead one (SIGKILL leaves the file behind) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

export const LOCK_FILE = "switchboard.pid";

export class DataFolderInUse extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dataDir} is in use by another Switchboard process (pid ${pid}). ` +
        `Stop that one first, or give this one its own DATA_DIR; to run several instances together, use PostgreSQL (DATABASE_URL). ` +
        `If no such process runs, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
    this.name = "DataFolderInUse";
  }
}

/** Folders this process holds: the same pid in the file is then a live owner, not a stale one. */
const held = new Set<string>();

/** Takes the folder for this process; returns the release. */
export function lockDataFolder(dataDir: string): () => void {
  const file = path.join(path.resolve(dataDir), LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = ownerOf(file);
      // This process's own pid in the file is stale unless this process holds the folder
      // (a restarted container gives the new process the old one's pid).
      const live = owner !== undefined && (owner === process.pid ? held.has(file) : alive(owner));
      if (live) throw new DataFolderInUse(dataDir, owner);
      removeIfPresent(file); // left by a process that died without closing
      continue;
    }
    held.add(file);
    const onExit = () => removeIfPresent(file);
    process.once("exit", onExit);
    return () => {
      if (!held.delete(file)) return;
      process.off("exit", onExit);
      removeIfPresent(file);
    };
  }
  throw new Error(`Could not take the lock file ${file}: other processes keep replacing it.`);
}

function ownerOf(file: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(file, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function removeIfPresent(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
