// `npm start` (`node scripts/run.mjs main`) and `npm run console` (`... console`): runs the
// compiled entry point from dist/, compiling first when the sources changed since the
// last build (scripts/build.mjs), in this same process. The entry point sees the
// arguments after its name, as if Node had been started on it directly.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ENTRY_POINTS, ensureBuilt, projectRoot } from "./build.mjs";

const [name, ...args] = process.argv.slice(2);
if (!name || !Object.hasOwn(ENTRY_POINTS, name)) {
  process.stderr.write(`Usage: node scripts/run.mjs <${Object.keys(ENTRY_POINTS).join("|")}> [arguments]\n`);
  process.exit(2);
}
await ensureBuilt();
// Stack traces in logs name src/*.ts lines, not the bundle's (dist/*.js.map); no cost
// measurable at start-up.
process.setSourceMapsEnabled(true);
const entry = path.join(projectRoot, "dist", `${name}.js`);
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(entry).href);
