// Compiles the entry points `npm start` and `npm run console` run into JavaScript under
// dist/, so a start loads a few bundled files instead of transpiling ~350 TypeScript
// modules on tsx's loader thread (about two thirds of a start; docs/benchmarks.md).
// Packages stay external: node_modules is loaded by Node as it is. Chunks loaded on
// demand (Slack, Discord, the Vonage SDK) stay separate files.
//
// `npm ci` runs this (postinstall). `npm start` checks the build first (scripts/run.mjs):
// every source file the build read is recorded with its modification time and size, and
// any difference (an edit, a checkout, a deleted file) rebuilds before starting, so
// edited sources never run as stale JavaScript.
//
// Plain JavaScript: it runs before anything is compiled. esbuild is imported only to build.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** name → source: dist/<name>.js runs it. */
export const ENTRY_POINTS = {
  main: "adapters/main.ts",
  console: "adapters/console/console.main.ts",
};

/**
 * Worker threads, built beside the chunks: dist/<name>.js. A worker is started by its file
 * name relative to the module that starts it (`new URL("./chart-worker.js", import.meta.url)`),
 * which every chunk in dist/ resolves as the sources do. Not run by scripts/run.mjs.
 */
export const WORKER_ENTRY_POINTS = {
  "chart-worker": "src/charts/chart-worker.js",
};

/** Files that shape the output without being bundled: a change to one rebuilds too. */
const BUILD_INPUTS = ["scripts/build.mjs", "package.json", "tsconfig.json"];

const MANIFEST = "build-manifest.json";

/**
 * Builds every entry point into `outDir`. Each file is written beside its final name and
 * renamed over it, chunks before the entry points that import them and the manifest last,
 * so a process starting meanwhile (or a second build at once) never reads a half-written
 * or half-updated build.
 */
export async function build({ root = projectRoot, outDir = path.join(root, "dist"), entryPoints = ENTRY_POINTS, workers = WORKER_ENTRY_POINTS, clean = false } = {}) {
  const { build: esbuild } = await import("esbuild");
  const everyEntry = { ...entryPoints, ...workers };
  // Taken before esbuild reads anything: a file edited during the build no longer
  // matches what is recorded, so the next start builds again.
  const before = snapshot(root, [...Object.values(everyEntry), ...BUILD_INPUTS], "src", "adapters");
  const result = await esbuild({
    absWorkingDir: root,
    entryPoints: everyEntry,
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    // Class and function names survive bundling (error types in logs, `instanceof` messages).
    keepNames: true,
    sourcemap: "linked",
    // Stack traces need only the mappings; the sources themselves are in src/ (1.1 of the
    // map's 1.6 MB, which Node parses and keeps at every start).
    sourcesContent: false,
    metafile: true,
    write: false,
    logLevel: "warning",
  });
  const inputs = [...new Set([...Object.keys(result.metafile.inputs), ...BUILD_INPUTS])].sort();
  // null: the file did not exist (a build input that appears later rebuilds too). An
  // input outside the folders snapshotted is stamped now (none today).
  const files = Object.fromEntries(inputs.map((file) => [file, before.get(file) ?? stamp(path.join(root, file))]));
  mkdirSync(outDir, { recursive: true });
  const entryFiles = new Set(Object.keys(everyEntry).map((name) => path.join(outDir, `${name}.js`)));
  const ordered = [...result.outputFiles].sort((a, b) => Number(entryFiles.has(a.path)) - Number(entryFiles.has(b.path)));
  for (const file of ordered) writeAtomically(file.path, file.contents);
  const packages = Object.fromEntries(Object.entries(entryPoints).map(([name, source]) => [name, staticPackages(result.metafile, source)]));
  writeAtomically(path.join(outDir, MANIFEST), JSON.stringify({ entryPoints: everyEntry, packages, files }, null, 1));
  // Chunks of earlier builds are left alone by default: a process started from one may
  // still import its lazily loaded chunks. `npm ci` (nothing of the old build running)
  // removes them.
  if (clean) {
    const keep = new Set([...result.outputFiles.map((file) => file.path), path.join(outDir, MANIFEST)]);
    for (const name of readdirSync(outDir)) if (!keep.has(path.join(outDir, name))) rmSync(path.join(outDir, name), { force: true, recursive: true });
  }
  return { outDir, inputs: inputs.length, metafile: result.metafile };
}

/**
 * The packages the entry point compiled from `source` imports before it runs: its static
 * imports of packages, through the chunks it statically imports (not those loaded on demand).
 */
export function staticPackages(metafile, source) {
  const outputs = metafile.outputs;
  const entry = Object.keys(outputs).find((output) => outputs[output].entryPoint === source);
  const packages = new Set();
  const seen = new Set();
  const visit = (output) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const imported of outputs[output]?.imports ?? []) {
      if (imported.kind !== "import-statement") continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  if (entry) visit(entry);
  return [...packages].sort();
}

/** The packages recorded for the entry point `name` by the last build (staticPackages), or none. */
export function packagesOf(name, { root = projectRoot, outDir = path.join(root, "dist") } = {}) {
  try {
    return JSON.parse(readFileSync(path.join(outDir, MANIFEST), "utf8")).packages?.[name] ?? [];
  } catch {
    return [];
  }
}

/**
 * Why the build in `outDir` does not match the sources (a sentence), or undefined when it
 * does. Costs one stat per source file the build read (a few milliseconds).
 */
export function staleness({ root = projectRoot, outDir = path.join(root, "dist"), entryPoints = ENTRY_POINTS, workers = WORKER_ENTRY_POINTS } = {}) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(outDir, MANIFEST), "utf8"));
  } catch {
    return "there is no build yet";
  }
  if (JSON.stringify(manifest.entryPoints) !== JSON.stringify({ ...entryPoints, ...workers })) return "the entry points changed";
  for (const [file, recorded] of Object.entries(manifest.files)) {
    const now = stamp(path.join(root, file));
    if (now?.mtimeMs !== recorded?.mtimeMs || now?.size !== recorded?.size) return `${file} changed`;
  }
  return undefined;
}

/** Builds unless the build matches the sources; says so on stderr when it builds. */
export async function ensureBuilt(options = {}) {
  const reason = staleness(options);
  if (!reason) return false;
  process.stderr.write(`Compiling Switchboard (${reason})...\n`);
  await build(options);
  return true;
}

function stamp(file) {
  try {
    const s = statSync(file);
    return { mtimeMs: s.mtimeMs, size: s.size };
  } catch {
    return null;
  }
}

/** Modification time and size of the given files and of every file under the given folders. */
function snapshot(root, files, ...folders) {
  const listed = folders.flatMap((folder) => {
    const dir = path.join(root, folder);
    try {
      return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(root, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"));
    } catch {
      return [];
    }
  });
  const stamps = new Map();
  for (const file of [...files, ...listed]) {
    const s = stamp(path.join(root, file));
    if (s) stamps.set(file, s);
  }
  return stamps;
}

function writeAtomically(file, contents) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { outDir, inputs } = await build({ clean: true });
  console.log(`Compiled Switchboard to ${path.relative(process.cwd(), outDir) || outDir}/ (${inputs} sources, ${Math.round(performance.now() - started)} ms).`);
}
