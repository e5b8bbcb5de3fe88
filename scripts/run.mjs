// `npm start` (`node scripts/run.mjs main`) and `npm run console` (`... console`): runs the
// compiled entry point from dist/, compiling first when the sources changed since the
// last build (scripts/build.mjs), in this same process. The entry point sees the
// arguments after its name, as if Node had been started on it directly.
//
// package.json starts Node with two flags that size its memory, which only take effect on
// the command line (the heap exists before any script runs): --max-semi-space-size=4 (V8's
// new space is two semi-spaces of up to 16 MB each by default, all of it resident once
// start-up has filled it) and --v8-pool-size=1 (V8's background threads compile hot
// PostgreSQL functions with TurboFan, tens of MB of scratch memory each, which the C
// allocator keeps per thread afterwards; four threads kept up to four such peaks).
// Together 30–40 MB less resident memory when idle; no measurable CPU at start-up or for
// reads, maybe ~10% for writes (docs/benchmarks.md, "Start-up"). Without them it works the
// same, with more memory.
import path from "node:path";
import { pathToFileURL } from "node:url";
import v8 from "node:v8";
import { ENTRY_POINTS, ensureBuilt, packagesOf, projectRoot } from "./build.mjs";

const [name, ...args] = process.argv.slice(2);
if (!name || !Object.hasOwn(ENTRY_POINTS, name)) {
  process.stderr.write(`Usage: node scripts/run.mjs <${Object.keys(ENTRY_POINTS).join("|")}> [arguments]\n`);
  process.exit(2);
}
await ensureBuilt();
// Stack traces in logs name src/*.ts lines, not the bundle's (dist/*.js.map). Node reads,
// parses and keeps the map of every module loaded while maps are on, so the packages the
// entry point imports are loaded first, without: their maps (PGlite's, Prisma's, 2.5 MB of
// JSON) would cost ~5 MB of memory and ~20 ms of every start for lines in node_modules.
// They are loaded at this point anyway, before any of our code runs.
await Promise.all(packagesOf(name).map((specifier) => import(specifier)));
process.setSourceMapsEnabled(true);
// The embedded database is PostgreSQL compiled to WebAssembly. V8 compiles it quickly first
// (Liftoff) and again, optimised (TurboFan), once a function has run enough; at the default
// budget much of the code that starts PostgreSQL once gets optimised too: ~1 s of CPU and
// ~70 MB of memory at every start, for nothing. A budget 100 times the default (1,800,000)
// leaves that code alone, while queries that run again and again are still optimised,
// after a longer warm-up (docs/benchmarks.md, "Start-up").
v8.setFlagsFromString("--wasm-tiering-budget=180000000");
// With this machine's default heap limit (4.3 GB) V8 lets the old generation grow to 4 times
// the heap that survived the last full collection before it collects again: a sweep of
// 100,000 accounts, ~50 MB live, peaked at 400-650 MB of garbage. At 50% it collects at 1.5
// times (peaks 230-370 MB; docs/benchmarks.md, "Sweep memory"). Not a cap: the heap still
// grows as far as the live data needs.
v8.setFlagsFromString("--heap-growing-percent=50");
const entry = path.join(projectRoot, "dist", `${name}.js`);
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
