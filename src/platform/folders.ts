// Folders Switchboard makes from its configuration: the data folder (DATA_DIR) and the
// console's files folder. Node's recursive mkdirSync never returns on some file systems: a
// path under /proc spins at full CPU (the parent exists, mkdir answers ENOENT, and it tries
// again), so a mistyped DATA_DIR hung the start without a word. Each missing folder is made
// on its own instead, and a failure says which folder and why.
import { mkdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Makes `folder` and any missing parents. `mode` applies to the folders made here, not to
 * ones that already exist: 0o700 for the data folder, which holds every account's data and
 * the encryption key (PostgreSQL itself refuses a data directory others can read).
 */
export function makeFolder(folder: string, mode = 0o777): void {
  const missing: string[] = [];
  for (let current = path.resolve(folder); !isFolder(current); current = path.dirname(current)) {
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const one of missing) {
    try {
      mkdirSync(one, { mode });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EEXIST" && isFolder(one)) continue;
      const why = code === "EEXIST" ? "a file of that name is in the way" : (code ?? (error as Error).message);
      throw new Error(`Could not create the folder ${one} (for ${folder}): ${why}. Choose a folder this user can write to.`, { cause: error });
    }
  }
}

function isFolder(candidate: string): boolean {
  try {
    return statSync(candidate).isDirectory();
  } catch {
    return false;
  }
}
