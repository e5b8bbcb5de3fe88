// npm run console: the local operator's surface. Piped commands run in order and the
// process exits at the end of input, so it is scriptable:
//   printf 'help\nnumbers search GB\n' | npm run console
// A failed line stops a script with exit code 1; `--keep-going` runs every line and exits 0.
import path from "node:path";
import { loadConfigOrExit } from "../../src/config.ts";
import { startAppOrExit } from "../app.ts";
import { runConsole } from "./console-adapter.ts";
import { consoleLogger } from "./console-log.ts";
import { ConsoleOutput } from "./console-output.ts";

const config = loadConfigOrExit(process.env);
const keepGoing = process.argv.slice(2).includes("--keep-going");
const interactive = process.stdin.isTTY === true;
const { log, file } = consoleLogger({
  interactive,
  dataDir: config.dataDir,
  // Piped, stdout carries the conversation and stderr only what went wrong, unless asked.
  level: interactive ? config.logLevel : (process.env.LOG_LEVEL ?? "warn"),
  stderr: process.stderr,
});
const asyncOutput = new ConsoleOutput(process.stdout);
const app = await startAppOrExit(config, { log }, { http: "payment-pages", consoleOutput: asyncOutput.stream });
if (file) process.stdout.write(`Logs: ${file}\n`);
const summary = await runConsole(app.host, {
  input: process.stdin,
  output: process.stdout,
  interactive,
  filesDir: path.join(config.dataDir, "console-files"),
  keepGoing,
  asyncOutput,
});
await app.stop();
if (summary.skipped > 0) {
  process.stderr.write(`A command failed, so the remaining ${summary.skipped} line(s) were not run. Use --keep-going to run every line.\n`);
}
const failed = keepGoing ? summary.errors : summary.failed;
process.exit(failed > 0 ? 1 : 0);
