// A local stand-in for Discord, written from its public API reference: the REST routes
// discord.js and the adapter use, and a gateway (see fake-gateway.ts) on the same port.
// It refuses what Discord refuses (payloads over the limits, a second answer to one
// interaction, a follow-up before the answer, a bot route without the bot token) with
// Discord's status and error code. Listens on 127.0.0.1 only.
/* eslint-disable @typescript-eslint/no-explicit-any */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { FakeGateway } from "./fake-gateway.ts";
import { messageProblems, modalProblems, commandSetProblems } from "./discord-rules.ts";

export interface Recorded {
  method: string;
  /** Decoded path below /api/v10, such as /webhooks/1/tok/messages/@original. */
  path: string;
  auth?: string;
  body: any;
  /** Uploaded files in order, with the form field that carried each (`files[n]`). */
  files: { field?: string; name: string; type: string; content: Buffer }[];
}

interface Failure {
  method: string;
  path: RegExp;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  times: number;
}

interface InteractionState {
  id: string;
  type: number;
  answered?: number;
  expired?: boolean;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };
const error = (status: number, code: number, message: string, extra: object = {}): Answer => ({ status, body: { code, message, ...extra } });

export class FakeDiscord {
  readonly requests: Recorded[] = [];
  readonly registered = new Map<string, any[]>();
  readonly gateway: FakeGateway;
  private readonly interactions = new Map<string, InteractionState>();
  private readonly failures: Failure[] = [];
  private nextId = 900000000000000000n;

  private constructor(
    private readonly server: http.Server,
    readonly options: { applicationId: string; token: string; botUserId: string },
  ) {
    this.gateway = new FakeGateway(server, options);
  }

  static async start(options: { applicationId: string; token: string; botUserId?: string }): Promise<FakeDiscord> {
    const server = http.createServer();
    const fake = new FakeDiscord(server, { botUserId: "100000000000000099", ...options });
    server.on("request", (req, res) => void fake.serve(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  /** The next `times` requests matching answer `status` instead. */
  fail(method: string, path: RegExp, status: number, body: unknown, headers: Record<string, string> = {}, times = 1): void {
    this.failures.push({ method, path, status, body, headers, times });
  }

  /** The next `times` requests matching are read and never answered (nor carried out): a timeout. */
  hang(method: string, path: RegExp, times = 1): void {
    this.failures.push({ method, path, status: 0, body: undefined, headers: {}, times });
  }

  /** Delivers an interaction through the gateway, as Discord does when a user acts. */
  interact(interaction: any): void {
    this.expectInteraction(interaction);
    this.gateway.dispatch("INTERACTION_CREATE", interaction);
  }

  /** Makes the REST side know an interaction delivered some other way (HTTP endpoint). */
  expectInteraction(interaction: any): void {
    this.interactions.set(interaction.token, { id: interaction.id, type: interaction.type });
  }

  /** Fifteen minutes have passed: the interaction's token no longer works. */
  expire(token: string): void {
    this.interactions.get(token)!.expired = true;
  }

  mark(): number {
    return this.requests.length;
  }

  async waitFor(predicate: (r: Recorded) => boolean, from = 0, timeoutMs = 15_000): Promise<Recorded> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.slice(from).find(predicate);
      if (found) return found;
      if (Date.now() > deadline) {
        const seen = this.requests.slice(from).map((r) => `${r.method} ${r.path}`);
        throw new Error(`no matching request to the fake Discord; seen: ${seen.join(", ") || "none"}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const recorded = await this.record(req);
      const answer = this.injected(recorded) ?? this.route(recorded);
      if (answer.status === 0) return;
      if (answer.body === undefined) {
        // A 204 must carry no JSON content type, or the REST client tries to parse it.
        res.writeHead(answer.status, answer.headers ?? {}).end();
      } else {
        res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(JSON.stringify(answer.body));
      }
    } catch (e) {
      res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ code: 0, message: String(e) }));
    }
  }

  private async record(req: http.IncomingMessage): Promise<Recorded> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ""));
    const type = req.headers["content-type"] ?? "";
    let body: any = undefined;
    const files: Recorded["files"] = [];
    if (type.startsWith("multipart/form-data")) {
      const form = await new Response(raw, { headers: { "content-type": type } }).formData();
      for (const [name, value] of form.entries()) {
        if (name === "payload_json") body = JSON.parse(String(value));
        else if (typeof value !== "string") files.push({ field: name, name: value.name, type: value.type, content: Buffer.from(await value.arrayBuffer()) });
      }
    } else if (raw.length) body = JSON.parse(raw.toString("utf8"));
    const recorded = { method: req.method ?? "GET", path, auth: req.headers.authorization, body, files };
    this.requests.push(recorded);
    return recorded;
  }

  private injected(r: Recorded): Answer | undefined {
    const failure = this.failures.find((f) => f.times > 0 && f.method === r.method && f.path.test(r.path));
    if (!failure) return undefined;
    failure.times--;
    return { status: failure.status, body: failure.body, headers: failure.headers };
  }

  private route(r: Recorded): Answer {
    const { applicationId: app } = this.options;
    const bot = r.auth === `Bot ${this.options.token}`;
    let m: RegExpMatchArray | null;
    if ((m = r.path.match(/^\/interactions\/(\d+)\/([^/]+)\/callback$/)) && r.method === "POST") return this.callback(m[1]!, m[2]!, r);
    if ((m = r.path.match(new RegExp(`^/webhooks/${app}/([^/]+)(/messages/@original)?$`)))) return this.webhook(m[1]!, Boolean(m[2]), r);
    if (!bot) return error(401, 0, "401: Unauthorized");
    if (r.path === "/gateway/bot" && r.method === "GET") return { status: 200, body: this.gateway.info(this.port) };
    if ((m = r.path.match(new RegExp(`^/applications/${app}(/guilds/\\d+)?/commands$`)))) return this.commands(r);
    if (r.path === "/users/@me/channels" && r.method === "POST") {
      return { status: 200, body: { id: `7${r.body.recipient_id}`.slice(0, 19), type: 1, recipients: [{ id: r.body.recipient_id }] } };
    }
    if ((m = r.path.match(/^\/channels\/(\d+)\/messages(?:\/(\d+))?$/))) return this.message(m[1]!, m[2], r);
    return error(404, 0, "404: Not Found");
  }

  private callback(id: string, token: string, r: Recorded): Answer {
    const state = this.interactions.get(token);
    if (!state || state.id !== id || state.expired) return error(404, 10062, "Unknown interaction");
    if (state.answered !== undefined) return error(400, 40060, "Interaction has already been acknowledged.");
    const { type, data } = r.body;
    const problems =
      type === 4 || type === 7
        ? messageProblems(data, r.files.length > 0, r.files)
        : type === 9
          ? state.type === 5 || state.type === 4
            ? ["a modal cannot answer a modal submission or an autocomplete"]
            : modalProblems(data)
          : type === 8
            ? (data.choices ?? []).length > 25 ? ["more than 25 choices"] : []
            : [5, 6].includes(type) ? [] : [`unknown callback type ${type}`];
    if (type === 7 && state.type !== 3 && state.type !== 5) problems.push("only a component can update its message");
    if (problems.length) return error(400, 50035, "Invalid Form Body", { errors: problems });
    state.answered = type;
    return { status: 204 };
  }

  private webhook(token: string, original: boolean, r: Recorded): Answer {
    const state = this.interactions.get(token);
    if (state?.expired) return error(401, 50027, "Invalid Webhook Token");
    if (!state || state.answered === undefined) return error(404, 10015, "Unknown Webhook");
    if (r.method === "DELETE") return { status: 204 };
    const problems = messageProblems(r.body ?? {}, r.files.length > 0, r.files);
    if (r.method === "PATCH" && problems.length === 1 && problems[0] === "empty message") problems.pop();
    if (problems.length) return error(400, 50035, "Invalid Form Body", { errors: problems });
    const id = original ? `${state.id}` : this.newId();
    return { status: 200, body: this.asMessage(id, "0", r.body, state.answered === 5 ? 64 : 0) };
  }

  private commands(r: Recorded): Answer {
    if (r.method === "GET") return { status: 200, body: this.registered.get(r.path) ?? [] };
    if (r.method !== "PUT") return error(405, 0, "405: Method Not Allowed");
    const problems = commandSetProblems(r.body);
    if (problems.length) return error(400, 50035, "Invalid Form Body", { errors: problems });
    const stored = (r.body as any[]).map((c) => ({ ...c, id: this.newId(), application_id: this.options.applicationId, version: this.newId() }));
    this.registered.set(r.path, stored);
    return { status: 200, body: stored };
  }

  private readonly byNonce = new Map<string, unknown>();
  /** Messages the bot created in channels, once each. */
  readonly created: { id: string; channel_id: string }[] = [];

  private message(channelId: string, messageId: string | undefined, r: Recorded): Answer {
    const problems = messageProblems(r.body ?? {}, r.files.length > 0, r.files);
    if (problems.length) return error(400, 50035, "Invalid Form Body", { errors: problems });
    if (r.method === "POST" && !messageId) {
      // Discord: with enforce_nonce, a nonce seen in the last few minutes returns the
      // message already created instead of a new one.
      const nonce = r.body?.enforce_nonce ? String(r.body.nonce ?? "") : "";
      const seen = nonce ? this.byNonce.get(`${channelId}:${nonce}`) : undefined;
      if (seen) return { status: 200, body: seen };
      const created = this.asMessage(this.newId(), channelId, r.body, 0);
      if (nonce) this.byNonce.set(`${channelId}:${nonce}`, created);
      this.created.push(created);
      return { status: 200, body: created };
    }
    if (r.method === "PATCH" && messageId) return { status: 200, body: this.asMessage(messageId, channelId, r.body, 0) };
    return error(405, 0, "405: Method Not Allowed");
  }

  asMessage(id: string, channelId: string, body: any, flags: number): any {
    return {
      id,
      channel_id: channelId,
      type: 0,
      content: body?.content ?? "",
      embeds: body?.embeds ?? [],
      components: body?.components ?? [],
      attachments: [],
      flags,
      author: { id: this.options.botUserId, username: "Switchboard", discriminator: "0", global_name: null, avatar: null, bot: true },
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
    };
  }

  private newId(): string {
    return String(this.nextId++);
  }
}
