// Whether a Prisma client talks to the embedded PGlite: one connection inside this process
// (statements run one at a time, nothing runs in the background) rather than a server.
import type { Db } from "./database.ts";

const known = new WeakMap<Db, Promise<boolean>>();

export function isEmbedded(db: Db): Promise<boolean> {
  let answer = known.get(db);
  if (!answer) {
    answer = db.$queryRawUnsafe<{ version: string }[]>("SELECT version() AS version").then((rows) => /PGlite/i.test(rows[0]?.version ?? ""));
    known.set(db, answer);
  }
  return answer;
}

/**
 * How many independent accounts a sweep works on at once. On PostgreSQL a sweep waits on
 * round trips far more than it computes, and the pool has connections to spare; PGlite
 * runs one statement at a time, so there it would only interleave.
 */
export async function sweepConcurrency(db: Db): Promise<number> {
  return (await isEmbedded(db)) ? 1 : 4;
}

/** Runs `work` over `items` with at most `limit` at a time; resolves when all are done. */
export async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
