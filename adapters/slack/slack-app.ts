// The Slack surface: a Bolt App in Socket Mode (SLACK_APP_TOKEN) or on POST /slack/events
// of the one HTTP server (signatures checked with SLACK_SIGNING_SECRET), one workspace
// (SLACK_BOT_TOKEN) or many through OAuth, all listeners wired to the dispatcher, and the
// channel poster the outbox delivers through.
import { App, SocketModeReceiver } from "@slack/bolt";
import type { RetryOptions, WebClientOptions } from "@slack/web-api";
import type { Config } from "../../src/config.ts";
import type { HttpServer } from "../../src/platform/http-server.ts";
import { safeError } from "../../src/core/errors.ts";
import { boltLogger } from "./slack-logger.ts";
import type { SlackInstallationStore } from "./slack-installation-store.ts";
import { createInstaller, mountOAuthRoutes } from "./slack-oauth.ts";
import { FastifySlackReceiver } from "./slack-fastify-receiver.ts";
import { SlackPoster } from "./slack-poster.ts";
import type { ListenerDeps } from "./slack-listener-kit.ts";
import { DEFAULT_RESPOND_POLICY, type RespondPolicy } from "./slack-respond.ts";
import { boundRateLimitWaits, MAX_RATE_LIMIT_WAIT_MS } from "./slack-rate-limits.ts";
import { BackgroundWork } from "../shared/background-work.ts";
import type { ChatHost } from "../shared/chat-host.ts";
import { SlackHome, type HomeRefreshEvent } from "./slack-home.ts";
import { registerCommand } from "./slack-command-listener.ts";
import { registerActions } from "./slack-action-listener.ts";
import { registerViews } from "./slack-view-listener.ts";
import { registerOptions } from "./slack-options-listener.ts";
import { registerEvents } from "./slack-event-listeners.ts";

export const EVENTS_PATH = "/slack/events";

/** Knobs with production defaults; tests turn retries off and shorten the ack budget. */
export interface SlackOptions {
  retryConfig?: RetryOptions;
  ackBudgetMs?: number;
  /** Each Web API call's time limit (the WebClient's default is none: a silent Slack held a reply for ever). */
  apiTimeoutMs?: number;
  /** The longest Retry-After a reply waits out (longer: it goes its next way at once). */
  maxRateLimitWaitMs?: number;
  /** Retries and time limits for answers through response_url. */
  respond?: Partial<RespondPolicy>;
  /** Told how each App Home refresh ended (tests wait on it). */
  onHomeRefresh?: (event: HomeRefreshEvent) => void;
}

export interface SlackDeps {
  config: NonNullable<Config["slack"]>;
  publicUrl: string;
  host: ChatHost;
  /** Where OAuth installations are kept (sealed), when Slack is installed through OAuth. */
  installations?: SlackInstallationStore;
  http?: HttpServer;
  options?: SlackOptions;
}

export interface SlackSurface {
  mode: "socket" | "http";
  poster: SlackPoster;
  stop(): Promise<void>;
}

// Replies are only useful within seconds (trigger_id lives about 3): retry a little, fast.
// The WebClient retries 5xx and unreachable or timed-out calls after these delays, and a
// 429 after its Retry-After (each retry counts): at most 3 attempts in all.
const REPLY_RETRIES: RetryOptions = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 1000, randomize: true };
const API_TIMEOUT_MS = 10_000;

export async function startSlack(deps: SlackDeps): Promise<SlackSurface> {
  const { config, host } = deps;
  const log = host.log;
  const socketMode = Boolean(config.appToken);
  if (!socketMode && !deps.http) throw new Error("Slack over HTTP needs the HTTP server (or set SLACK_APP_TOKEN for Socket Mode)");
  const logger = boltLogger(log);
  const slackApiUrl = apiBase(config.apiUrl);
  const clientOptions: WebClientOptions = {
    slackApiUrl,
    retryConfig: deps.options?.retryConfig ?? REPLY_RETRIES,
    timeout: deps.options?.apiTimeoutMs ?? API_TIMEOUT_MS,
    // A Retry-After longer than a reply is worth is not waited out (slack-rate-limits.ts).
    fetch: boundRateLimitWaits(deps.options?.maxRateLimitWaitMs ?? MAX_RATE_LIMIT_WAIT_MS, slackApiUrl),
    logger,
  };
  if (config.oauth && !deps.installations) throw new Error("Slack over OAuth needs somewhere to keep its installations");
  const store = config.oauth ? deps.installations : undefined;
  const oauth = config.oauth && store
    ? { ...config.oauth, publicUrl: deps.publicUrl, installationStore: store, boltLogger: logger, clientOptions, log }
    : undefined;
  const installer = oauth ? createInstaller(oauth) : undefined;

  const receiver = socketMode
    ? new SocketModeReceiver({
        appToken: config.appToken!,
        logger,
        // Without a retryConfig the Socket Mode client keeps its own patient one for
        // reconnecting (apps.connections.open); the quick reply policy would give up.
        installerOptions: {
          clientOptions: { slackApiUrl: clientOptions.slackApiUrl, ...(deps.options?.retryConfig ? { retryConfig: deps.options.retryConfig } : {}) },
        },
        customPropertiesExtractor: (args) => ({ switchboardRequestId: String(args.envelope_id ?? "") }),
      })
    : // Listeners acknowledge early themselves; the response never waits for the work.
      new FastifySlackReceiver({ signingSecret: config.signingSecret!, log });

  const app = new App({
    receiver,
    logger,
    clientOptions,
    convoStore: false,
    deferInitialization: true,
    ...(installer ? { authorize: (source) => installer.authorize(source) } : { token: config.botToken }),
  });
  app.error(async (error) => log.error({ err: safeError(error), code: error.code }, "slack: request failed"));

  const work = new BackgroundWork();
  const listenerDeps: ListenerDeps = {
    host,
    log,
    work,
    ackBudgetMs: deps.options?.ackBudgetMs ?? 2000,
    respondPolicy: { ...DEFAULT_RESPOND_POLICY, ...deps.options?.respond },
    home: new SlackHome(host, work, deps.options?.onHomeRefresh),
  };
  registerCommand(app, config.command, listenerDeps);
  registerActions(app, listenerDeps);
  registerViews(app, listenerDeps);
  registerOptions(app, listenerDeps);
  registerEvents(app, listenerDeps, store);

  // Checks the bot token (auth.test) before anything is mounted or connected.
  await app.init();
  if (deps.http && installer && oauth) mountOAuthRoutes(deps.http, installer, oauth);
  if (socketMode) await app.start();
  else (receiver as FastifySlackReceiver).mount(deps.http!, EVENTS_PATH);

  // The outbox's client: no retries and no waiting out a 429 (the outbox reschedules the
  // post after the Retry-After), and the same time limit per call, so a Slack that never
  // answers a post cannot hold the outbox loop.
  const poster = new SlackPoster(
    store ? (teamId) => store.botTokenFor(teamId) : async () => config.botToken,
    { slackApiUrl: clientOptions.slackApiUrl, logger, timeout: clientOptions.timeout },
  );
  return {
    mode: socketMode ? "socket" : "http",
    poster,
    async stop() {
      if (socketMode) await app.stop().catch((error) => log.warn({ err: safeError(error) }, "slack: disconnecting failed"));
      await work.drain(2_000);
    },
  };
}

/** The Web API client appends method names to the base URL, so it must end with a slash. */
const apiBase = (url: string | undefined): string | undefined => (url ? (url.endsWith("/") ? url : `${url}/`) : undefined);
