// The composition root: config → database → services → surfaces → jobs. `npm start`,
// the console and the end-to-end tests all start Switchboard through here.
import os from "node:os";
import type { Config } from "../src/config.ts";
import { openDatabase, type Database } from "../src/data/database.ts";
import { systemClock, type Clock } from "../src/core/clock.ts";
import { buildServices, type Services } from "../src/services.ts";
import { Dispatcher } from "../src/core/commands/dispatcher.ts";
import { HttpServer, sendJson } from "../src/platform/http-server.ts";
import type { Logger } from "../src/platform/logger.ts";
import { jobDefinitions } from "../src/jobs/index.ts";
import { loadSecretBox } from "../src/platform/secret-box.ts";
import type { ChannelPoster } from "../src/core/channel-poster.ts";
import type { RunningDiscord } from "./discord/discord-adapter.ts";

export interface AppDeps {
  log: Logger;
  clock?: Clock;
}

export interface RunningApp {
  config: Config;
  services: Services;
  dispatcher: Dispatcher;
  database: Database;
  http?: HttpServer;
  port?: number;
  /** Which chat surfaces are connected, for logs and /healthz. */
  surfaces: Record<string, boolean>;
  /** How the outbox posts into each connected chat platform (by address prefix). */
  posters: ChannelPoster[];
  stop(): Promise<void>;
}

export async function startApp(config: Config, deps: AppDeps, options: { http?: boolean } = {}): Promise<RunningApp> {
  const { log } = deps;
  const database = await openDatabase(config.database);
  const instanceId = config.instanceId ?? `${os.hostname()}:${process.pid}`;
  const services = buildServices({
    instanceId,
    secrets: loadSecretBox(config.encryptionKey, config.dataDir, log),
    db: database.prisma,
    clock: deps.clock ?? systemClock,
    log,
    settings: { publicUrl: config.publicUrl, devMode: config.devMode, inviteTtlDays: config.inviteTtlDays },
  });
  const dispatcher = new Dispatcher(services);
  const surfaces: Record<string, boolean> = { console: false, slack: false, discord: false };

  let http: HttpServer | undefined;
  let port: number | undefined;
  if (options.http !== false) {
    http = new HttpServer(log);
    http.route("GET", "/healthz", async (_req, res) => {
      const databaseUp = await database.ping();
      sendJson(res, databaseUp ? 200 : 503, {
        status: databaseUp ? "ok" : "degraded",
        database: { kind: database.kind, reachable: databaseUp },
        surfaces,
        instance: instanceId,
      });
    });
    port = await http.listen(config.port, config.host);
  }
  const posters: ChannelPoster[] = [];
  let discord: RunningDiscord | undefined;
  if (config.discord) {
    // Loaded only when configured: discord.js adds half a second to every start otherwise.
    const { startDiscord } = await import("./discord/discord-adapter.ts");
    discord = await startDiscord(config.discord, { services, dispatcher, http });
    surfaces.discord = discord.connected;
    if (discord.poster) posters.push(discord.poster);
  }
  if (config.jobs.enabled) services.jobs.start(jobDefinitions(services, config));

  let stopped = false;
  return {
    config,
    services,
    dispatcher,
    database,
    http,
    port,
    surfaces,
    posters,
    async stop() {
      if (stopped) return;
      stopped = true;
      await discord?.stop();
      await http?.stop();
      await services.jobs.stop();
      await database.close();
    },
  };
}
