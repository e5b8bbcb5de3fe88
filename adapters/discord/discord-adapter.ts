// Discord as a surface, started by the composition root when DISCORD_APPLICATION_ID is set:
// the gateway with DISCORD_TOKEN, the HTTP endpoint with DISCORD_PUBLIC_KEY (both may run;
// Discord delivers each interaction one way), command registration, and the poster the
// outbox uses for discord: addresses.
import { REST, Routes, type APIInteraction, type RESTOptions } from "discord.js";
import type { Config } from "../../src/config.ts";
import type { HttpServer } from "../../src/platform/http-server.ts";
import type { ChatHost } from "../shared/chat-host.ts";
import { buildCommandTable } from "./discord-commands.ts";
import { syncCommands } from "./discord-command-sync.ts";
import { ReplyDelivery, type InteractionReplier } from "./discord-delivery.ts";
import { DiscordGateway } from "./discord-gateway.ts";
import { DiscordInteractionHandler, type HandlerTiming } from "./discord-interaction-handler.ts";
import { mountInteractionsEndpoint } from "./discord-interactions-http.ts";
import { DiscordPoster, createPosterRest } from "./discord-poster.ts";

export type DiscordConfig = NonNullable<Config["discord"]>;

export interface DiscordDeps {
  host: ChatHost;
  /** The one HTTP server, for the interactions endpoint. */
  http?: HttpServer;
}

export interface RunningDiscord {
  /** Whether interactions can arrive: the gateway connected or the endpoint mounted. */
  connected: boolean;
  registration: "registered" | "unchanged" | "skipped" | "failed";
  /** Posts to discord:GUILD:CHANNEL and discord:GUILD:@USER; absent without a bot token. */
  poster?: DiscordPoster;
  stop(): Promise<void>;
}

export async function startDiscord(config: DiscordConfig, deps: DiscordDeps, timing: HandlerTiming = {}): Promise<RunningDiscord> {
  const { host, http } = deps;
  const log = host.log.child({ surface: "discord" });
  const table = buildCommandTable(host.commands.all());
  if (table.overflow.length) {
    log.warn({ commands: table.overflow }, "these commands do not fit Discord's command limits: /switchboard run still runs them");
  }
  const api = config.apiUrl;
  const restOptions = replyRestOptions(timing.restTimeoutMs);
  const gateway = config.token ? new DiscordGateway({ token: config.token, api, rest: restOptions }, log) : undefined;
  // Interaction webhooks need no bot token, so the endpoint works without one.
  const rest = gateway?.rest ?? new REST({ ...(api ? { api } : {}), ...restOptions });
  if (config.token) rest.setToken(config.token);
  const poster = config.token ? new DiscordPoster(createPosterRest({ token: config.token, api })) : undefined;
  const delivery = new ReplyDelivery({ rest, applicationId: config.applicationId, saveAction: (action) => host.saveAction(action), poster, log });
  const handler = new DiscordInteractionHandler({ host: { ...host, log }, table, delivery }, timing);

  let registration: RunningDiscord["registration"] = "skipped";
  if (config.token) {
    registration = await syncCommands(rest, host.state, table, { applicationId: config.applicationId, guildId: config.guildId }).catch((error) => {
      log.error({ err: { message: (error as Error).message } }, "could not register the Discord commands; will try again at the next start");
      return "failed" as const;
    });
    if (registration === "registered") log.info({ guild: config.guildId ?? "global" }, "Discord commands registered");
  }

  let connected = false;
  if (config.publicKey && http) {
    mountInteractionsEndpoint(http, { publicKey: config.publicKey, handler, rest, applicationId: config.applicationId });
    connected = true;
  }
  if (gateway) {
    try {
      await gateway.start((interaction) => void handler.handle(interaction, gatewayReplier(rest, interaction)));
      connected = true;
    } catch (error) {
      log.error({ err: { message: (error as Error).message } }, "could not connect to the Discord gateway: check DISCORD_TOKEN");
    }
  }

  return {
    connected,
    registration,
    poster,
    async stop() {
      await gateway?.stop();
      // Bounded: shutdown has about 4.5 s in all, and the HTTP server waits for its own requests too.
      await handler.idle(1_500);
    },
  };
}

/**
 * Answers are worth little after seconds (the first within 3, the token within 15 minutes):
 * discord.js retries a 5xx or a timed-out call twice, waits out a 429's Retry-After when it
 * is short, and gives up at once past 10 s (the delivery then takes another way).
 */
function replyRestOptions(timeoutMs = 5_000): Partial<RESTOptions> {
  return { retries: 2, timeout: timeoutMs, rejectOnRateLimit: (limit) => limit.retryAfter > 10_000 };
}

/** On the gateway the first answer is a REST call to the interaction's callback. */
function gatewayReplier(rest: REST, interaction: APIInteraction): InteractionReplier {
  return {
    async callback(response, files) {
      await rest.post(Routes.interactionCallback(interaction.id, interaction.token), { body: response, files, auth: false });
    },
  };
}
