// npm start: Switchboard with whatever is configured; with nothing configured, the
// embedded database, the sandbox account platform, the HTTP server and (on a terminal)
// the console.
import { loadConfig, describeConfigError, type Config } from "../src/config.ts";
import { createLogger } from "../src/platform/logger.ts";
import { guardProcess } from "../src/platform/process-guard.ts";
import { createLogDestination } from "../src/platform/log-destination.ts";
import { startApp } from "./app.ts";
import { runConsole } from "./console/console-adapter.ts";
import path from "node:path";

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(describeConfigError(error));
  process.exit(2);
}

const logOut = createLogDestination(process.stdout);
const log = createLogger(config.logLevel, logOut);
guardProcess(log);
const consoleWanted = config.console === "on" || (config.console === "auto" && process.stdin.isTTY === true);
const app = await startApp(config, { log }, { consoleOutput: consoleWanted ? process.stdout : undefined });
app.surfaces.console = consoleWanted;
log.info(
  {
    port: app.port,
    database: app.database.kind,
    surfaces: app.surfaces,
  },
  `Switchboard is running on ${config.publicUrl} (health: ${config.publicUrl}/healthz)`,
);
if (!app.surfaces.slack) log.info("Slack is not connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN for Socket Mode). See README.md.");
if (!app.surfaces.discord) log.info("Discord is not connected: set DISCORD_TOKEN and DISCORD_APPLICATION_ID. See README.md.");

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

if (consoleWanted) {
  await runConsole(app.dispatcher, {
    input: process.stdin,
    output: process.stdout,
    interactive: process.stdin.isTTY === true,
    filesDir: path.join(config.dataDir, "console-files"),
  });
  await shutdown("console closed");
}
