// The composition root: config → database → services → surfaces → jobs. `npm start`,
// the console and the end-to-end tests all start Switchboard through here.
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import type { Config } from "../src/config.ts";
import { openDatabase, type Database } from "../src/data/database.ts";
import { systemClock, type Clock } from "../src/core/clock.ts";
import { buildServices, type Services } from "../src/services.ts";
import { Dispatcher } from "../src/core/commands/dispatcher.ts";
import { HttpServer, sendJson } from "../src/platform/http-server.ts";
import type { Logger } from "../src/platform/logger.ts";
import { jobDefinitions } from "../src/jobs/index.ts";
import { loadSecretBox } from "../src/platform/secret-box.ts";
import { startPollingLoop, type PollingLoop } from "../src/outbox/outbox-loop.ts";
import { ConsolePoster } from "./console/console-poster.ts";
import { SdkVonageGateway } from "./vonage/sdk-gateway.ts";
import { safeError } from "../src/core/errors.ts";
import type { SlackOptions, SlackSurface } from "./slack/slack-app.ts";
import { mountPaymentPages } from "../src/billing/payment-page/payment-pages.ts";
import type { RunningDiscord } from "./discord/discord-adapter.ts";
import { openCommandLimits } from "./command-limits-store.ts";
import type { ChatHost } from "./shared/chat-host.ts";
import { DatabaseState } from "./shared/database-state.ts";
import { SlackInstallationStore } from "./slack/slack-installation-store.ts";

export interface AppDeps {
  log: Logger;
  clock?: Clock;
  /** Slack client knobs (tests: no retries); production uses the defaults. */
  slack?: SlackOptions;
}

export interface RunningApp {
  config: Config;
  services: Services;
  dispatcher: Dispatcher;
  /** What the chat surfaces get of the core (they never see `services`). */
  host: ChatHost;
  database: Database;
  http?: HttpServer;
  port?: number;
  /** Which chat surfaces are connected, for logs and /healthz. */
  surfaces: Record<string, boolean>;
  stop(): Promise<void>;
}

export interface AppOptions {
  /**
   * The HTTP server: everything (default), only the payment pages (the console on its
   * own, so the links `billing methods add` prints open), or none.
   */
  http?: boolean | "payment-pages";
  /** Where the console shows channel posts (alerts, events), when the console runs. */
  consoleOutput?: Writable;
}

/**
 * `startApp` for the entry points: a start that fails (a data folder it cannot create, one
 * another process holds, a database it cannot reach) says so in one sentence on stderr and
 * exits 1, instead of ending in a stack trace.
 */
export async function startAppOrExit(...args: Parameters<typeof startApp>): Promise<RunningApp> {
  try {
    return await startApp(...args);
  } catch (error) {
    args[1].log.error({ err: error }, "could not start");
    process.stderr.write(`Switchboard could not start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

export async function startApp(config: Config, deps: AppDeps, options: AppOptions = {}): Promise<RunningApp> {
  const { log } = deps;
  const database = await openDatabase(config.database);
  const instanceId = config.instanceId ?? `${os.hostname()}:${process.pid}`;
  const services = buildServices({
    instanceId,
    secrets: loadSecretBox(config.encryptionKey, config.dataDir, log),
    db: database.prisma,
    clock: deps.clock ?? systemClock,
    log,
    settings: { publicUrl: config.publicUrl, devMode: config.devMode, inviteTtlDays: config.inviteTtlDays, fxRatesUrl: config.fxRatesUrl },
    vonage: new SdkVonageGateway({ restHost: config.vonage.restHost, apiHost: config.vonage.apiHost, log }),
  });
  const limits = await openCommandLimits(config);
  const dispatcher = new Dispatcher(services, limits.limiter);
  const host = chatHostFor(services, dispatcher);
  const surfaces: Record<string, boolean> = { console: false, slack: false, discord: false };
  let slack: SlackSurface | undefined;

  let http: HttpServer | undefined;
  let port: number | undefined;
  if (options.http === "payment-pages") {
    ({ http, port } = await servePaymentPages(config, services, log));
  } else if (options.http !== false) {
    http = new HttpServer(log);
    http.route({
      method: "GET",
      url: "/healthz",
      handler: async (_request, reply) => {
        const databaseUp = await database.ping();
        return sendJson(reply, databaseUp ? 200 : 503, {
          status: databaseUp ? "ok" : "degraded",
          database: { kind: database.kind, reachable: databaseUp },
          surfaces,
          instance: instanceId,
        });
      },
    });
    mountPaymentPages(http, services);
    // Slack answers on this server (HTTP mode) or connects out (Socket Mode); only the
    // server process connects it, never a console-only run beside it.
    if (config.slack) {
      try {
        // Loaded only when configured: Bolt adds half a second to every start otherwise.
        const { startSlack } = await import("./slack/slack-app.ts");
        const installations = config.slack.oauth ? new SlackInstallationStore(services.db, services.secrets) : undefined;
        slack = await startSlack({ config: config.slack, publicUrl: config.publicUrl, host, installations, http, options: deps.slack });
        services.posters.register(slack.poster);
        surfaces.slack = true;
        log.info({ mode: slack.mode }, `Slack is connected (${slack.mode === "socket" ? "Socket Mode" : "HTTP: POST /slack/events"})`);
      } catch (error) {
        log.error({ err: safeError(error) }, "Slack could not be connected: check SLACK_BOT_TOKEN / SLACK_APP_TOKEN. Running without it.");
      }
    }
  }
  let discord: RunningDiscord | undefined;
  if (config.discord) {
    // Loaded only when configured: discord.js adds half a second to every start otherwise.
    const { startDiscord } = await import("./discord/discord-adapter.ts");
    discord = await startDiscord(config.discord, { host, http });
    surfaces.discord = discord.connected;
    if (discord.poster) {
      services.posters.register(discord.poster);
    }
  }
  // Every route is mounted by now (Fastify fixes its routes when it starts listening).
  if (http && options.http !== "payment-pages") {
    port = await http.listen(config.port, config.host);
    followBoundPort(config, services, port);
  }
  if (options.consoleOutput) {
    const output = options.consoleOutput;
    // Posts' files land where console replies put theirs (console.main.ts).
    services.posters.register(new ConsolePoster((text) => void output.write(text), path.join(config.dataDir, "console-files")));
  }
  let outboxLoop: PollingLoop | undefined;
  if (config.jobs.enabled) {
    services.jobs.start(jobDefinitions(services, config));
    outboxLoop = startPollingLoop(
      "outbox",
      [() => services.alerts.events.fanOut(), () => services.outboxDispatcher.dispatchDue()],
      config.jobs.outboxPollMs,
      log,
    );
  }

  let stopped = false;
  return {
    config,
    services,
    dispatcher,
    host,
    database,
    http,
    port,
    surfaces,
    async stop() {
      if (stopped) return;
      stopped = true;
      await discord?.stop();
      await http?.stop();
      await outboxLoop?.stop();
      await slack?.stop();
      await services.jobs.stop();
      await limits.close();
      // Button references of the last replies are written after their acks: let them land.
      await services.actions.settle();
      await database.close();
    },
  };
}

/** The narrow host a chat surface runs on, built from the core's services. */
export function chatHostFor(services: Services, dispatcher: Dispatcher): ChatHost {
  return {
    dispatch: (invocation, input) => dispatcher.dispatch(invocation, input),
    suggest: (invocation, command, argName, query) => dispatcher.suggest(invocation, command, argName, query),
    commands: services.registry,
    saveAction: (action) => services.actions.put(action),
    state: new DatabaseState(services.db, services.clock),
    clock: services.clock,
    log: services.log,
  };
}

/** Links name the port actually bound when PUBLIC_URL was left to its default (PORT=0 picks a free one). */
function followBoundPort(config: Config, services: Services, port: number): void {
  if (config.publicUrl === `http://localhost:${config.port}`) services.settings.publicUrl = `http://localhost:${port}`;
}

/**
 * The console on its own serves the payment pages, so its payment links open. A port in
 * use (often `npm start` beside it) is not fatal: the console still runs, and says what
 * the links then depend on.
 */
async function servePaymentPages(config: Config, services: Services, log: Logger): Promise<{ http?: HttpServer; port?: number }> {
  const http = new HttpServer(log);
  mountPaymentPages(http, services);
  try {
    const port = await http.listen(config.port, config.host);
    followBoundPort(config, services, port);
    return { http, port };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    log.warn(
      `Port ${config.port} is in use, so this console cannot serve the payment page: links from \`billing methods add\` open only if the Switchboard on that port uses this database. Set PORT to a free port (PORT=0 picks one).`,
    );
    return {};
  }
}
