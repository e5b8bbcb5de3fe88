// npm start: Switchboard with whatever is configured; with nothing configured, the
// embedded database, the sandbox account platform, the HTTP server and (on a terminal)
// the console.
import { loadConfigOrExit } from "../src/config.ts";
import { createLogger } from "../src/platform/logger.ts";
import { guardProcess } from "../src/platform/process-guard.ts";
import { createLogDestination } from "../src/platform/log-destination.ts";
import { startAppOrExit } from "./app.ts";
import { runConsole } from "./console/console-adapter.ts";
import { consoleLogger } from "./console/console-log.ts";
import { ConsoleOutput } from "./console/console-output.ts";
import path from "node:path";

const config = loadConfigOrExit(process.env);

const consoleWanted = config.console === "on" || (config.console === "auto" && process.stdin.isTTY === true);
const interactiveConsole = consoleWanted && process.stdin.isTTY === true;
// With the console on a terminal, logs go to a file (warnings also to stderr) so they do
// not run through the conversation.
// Otherwise stdout is written asynchronously, so a log reader that goes away can never
// block the event loop or shutdown.
const logOut = createLogDestination(process.stdout);
const { log, file: logFile } = interactiveConsole
  ? consoleLogger({ interactive: true, dataDir: config.dataDir, level: config.logLevel, stderr: process.stderr })
  : { log: createLogger(config.logLevel, logOut), file: undefined };
guardProcess(log);
const asyncOutput = new ConsoleOutput(process.stdout);
const app = await startAppOrExit(config, { log }, { consoleOutput: consoleWanted ? asyncOutput.stream : undefined });
app.surfaces.console = consoleWanted;
// Installed before the "running" line: a supervisor may send SIGTERM the moment it reads it,
// and without a handler the signal ends the process at once, mid-write, with no shutdown.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  // Armed before anything else, so nothing the shutdown does (or a log reader that went
  // away) can keep the process alive past it.
  setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, 4_500);
  log.info({ signal }, "shutting down: finishing in-flight work");
  await app.stop();
  log.info({ logLines: logOut.stats() }, "stopped");
  await logOut.drain(300);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

log.info(
  {
    port: app.port,
    database: app.database.kind,
    surfaces: app.surfaces,
  },
  `Switchboard is running on ${config.publicUrl} (health: ${config.publicUrl}/healthz)`,
);
if (logFile) process.stdout.write(`Switchboard is running on ${config.publicUrl}. Logs: ${logFile}\n`);
if (!app.surfaces.slack) log.info("Slack is not connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode). See README.md.");
if (!app.surfaces.discord) log.info("Discord is not connected: set DISCORD_TOKEN and DISCORD_APPLICATION_ID. See README.md.");

if (consoleWanted) {
  await runConsole(app.host, {
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    filesDir: path.join(config.dataDir, "console-files"),
    asyncOutput,
  });
  await shutdown("console closed");
}
