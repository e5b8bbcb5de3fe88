// The discord.js client: the gateway connection (identify, heartbeats, resumes) and the REST
// client with its rate-limit buckets. Interactions are taken as the raw API payloads the
// gateway dispatches, so the HTTP endpoint and the gateway share one handler.
import { Client, GatewayDispatchEvents, type APIInteraction, type REST, type RESTOptions } from "discord.js";
import type { Logger } from "../../src/platform/logger.ts";

export interface GatewayOptions {
  token: string;
  /** DISCORD_API_URL; the gateway URL is discovered through it (GET /gateway/bot). */
  api?: string;
  /** The REST client's retries, time limit and rate-limit ceiling (see replyRestOptions). */
  rest?: Partial<RESTOptions>;
}

export class DiscordGateway {
  readonly client: Client;

  constructor(
    private readonly options: GatewayOptions,
    private readonly log: Logger,
  ) {
    // Interactions need no gateway intents; with none, the client waits for no guilds.
    this.client = new Client({ intents: [], rest: { ...(options.api ? { api: options.api } : {}), ...options.rest } });
  }

  get rest(): REST {
    return this.client.rest;
  }

  async start(onInteraction: (interaction: APIInteraction) => void): Promise<void> {
    this.client.ws.on(GatewayDispatchEvents.InteractionCreate, (data: APIInteraction) => onInteraction(data));
    this.client.on("error", (error) => this.log.error({ err: { message: error.message } }, "discord client error"));
    this.client.once("clientReady", (client) => this.log.info({ user: client.user.tag }, "Discord gateway connected"));
    await this.client.login(this.options.token);
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }
}
