// The scheduled sweeps at 1,000 / 10,000 / 100,000 accounts (--quick: 1,000): the hourly
// balance check (a tenth below a €10 threshold), the daily renewals (every account has
// one rental due) and the 10-minute auto-reload (a tenth below its €5 threshold). Each
// line shows the sweep's first pass and its idle re-run beside the floor (the raw
// selection query over all rows, timed in a process of its own), the sweep process's RSS
// after opening the database, after the first pass, and its peak, and the load average
// (the machine is shared). PGlite by default; TEST_DATABASE_URL runs the same on a fresh
// PostgreSQL database, dropped afterwards.
//   BENCH_NODE_FLAGS: Node/V8 flags for the sweep's process, variants separated by ";"
//   ("" = none), each case run once a variant, side by side: e.g.
//   BENCH_NODE_FLAGS=";--heap-growing-percent=50" shows the defaults beside that flag.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabaseTarget } from "../test/helpers/test-database.ts";
import type { DatabaseTarget } from "../src/data/database.ts";

const quick = process.env.BENCH_QUICK === "1";
const sizes = (process.env.BENCH_SIZES ?? (quick ? "1000" : "1000,10000,100000")).split(",").map(Number);
const kinds = (process.env.BENCH_SWEEPS ?? "balance,renewals,autoreload").split(",");
const variants = (process.env.BENCH_NODE_FLAGS ?? "").split(";").map((v) => v.trim().split(/\s+/).filter(Boolean));
const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "sweep-case.ts");

async function freshTarget(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }> {
  if (process.env.TEST_DATABASE_URL) return createTestDatabaseTarget();
  const dir = mkdtempSync(path.join(tmpdir(), "sb-bench-"));
  return { target: { kind: "pglite", dataDir: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

function step(mode: string, kind: string, count: number, target: DatabaseTarget, flags: string[] = []): Record<string, unknown> {
  const run = spawnSync(process.execPath, [...flags, "--import", "tsx", script, mode, kind, String(count)], {
    env: { ...process.env, BENCH_TARGET: JSON.stringify(target) },
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`${mode} ${kind} ${count} failed: ${run.stderr || run.stdout}`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!);
}

const f = (n: unknown, digits = 2) => Number(n).toFixed(digits);
const goals: Record<string, string> = {
  balance: "100k: < 30 s PG, < 60 s PGlite; idle < 5 s",
  renewals: "100k: < 60 s",
  autoreload: "100k: < 30 s PG, < 60 s PGlite; idle < 5 s",
};

console.log("sweep      | rows    | db       | node flags      | floor s | first pass s (cpu s) | rows/s | idle s (cpu s) | RSS open → after first / peak MB | load 1/5/15 | what it did");
for (const kind of kinds) {
  for (const count of sizes) {
    for (const flags of variants) {
      const { target, drop } = await freshTarget();
      try {
        step("seed", kind, count, target);
        const floor = step("floor", kind, count, target);
        const r = { ...step("run", kind, count, target, flags), ...floor } as Record<string, number & string & object>;
        const rate = count / Number(r.firstS);
        console.log(
          [
            kind.padEnd(10),
            String(count).padEnd(7),
            String(r.database).padEnd(8),
            (flags.join(" ") || "-").padEnd(15),
            f(r.floorS).padStart(7),
            `${f(r.firstS)} (${f(r.firstCpuS)})`.padStart(20),
            f(rate, 0).padStart(6),
            `${f(r.idleS)} (${f(r.idleCpuS)})`.padStart(14),
            `${r.openRssMb} → ${r.afterFirstRssMb} / ${r.peakRssMb}`.padStart(20),
            String(r.load).padEnd(11),
            `selected ${r.selected}; ${JSON.stringify(r.first)}; idle ${JSON.stringify(r.idle)}`,
          ].join(" | "),
        );
      } finally {
        await drop();
      }
    }
  }
  console.log(`goal ${kind}: ${goals[kind]}, peak RSS < 400 MB`);
}
