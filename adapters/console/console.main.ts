// npm run console: the local operator's surface. Piped commands run in order and the
// process exits at the end of input, so it is scriptable:
//   printf 'help\nnumbers search GB\n' | npm run console
import path from "node:path";
import { loadConfig, describeConfigError } from "../../src/config.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { startApp } from "../app.ts";
import { runConsole } from "./console-adapter.ts";

let config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(describeConfigError(error));
  process.exit(2);
}
// Logs go to stderr so stdout carries only the conversation.
const log = createLogger(process.env.LOG_LEVEL ?? "warn", process.stderr);
const app = await startApp(config, { log }, { http: false, consoleOutput: process.stdout });
const interactive = process.stdin.isTTY === true;
const summary = await runConsole(app.dispatcher, {
  input: process.stdin,
  output: process.stdout,
  interactive,
  filesDir: path.join(config.dataDir, "console-files"),
});
await app.stop();
process.exit(summary.errors > 0 ? 1 : 0);
