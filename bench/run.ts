// npm run bench: runs every bench/*.bench.ts in its own process, one after another, and
// fails if any of them fails. Benchmarks print figures; they assert nothing.
//   npm run bench -- [--quick] [name]   --quick: small sizes, about a minute on a quiet machine
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const dir = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes("--quick");
const only = args.find((a) => !a.startsWith("--"));
const files = readdirSync(dir)
  .filter((name) => name.endsWith(".bench.ts") && (!only || name.includes(only)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], {
    stdio: "inherit",
    env: { ...process.env, ...(quick ? { BENCH_QUICK: "1" } : {}) },
  });
  if (run.status !== 0) {
    failed++;
    console.error(`${file} failed (exit ${run.status ?? run.signal})`);
  }
}
if (files.length === 0) console.log(only ? `No benchmark matches "${only}".` : "No benchmarks.");
process.exit(failed ? 1 : 0);
