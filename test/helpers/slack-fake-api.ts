// A stand-in for Slack's Web API (https://docs.slack.dev/reference/methods), listening on
// 127.0.0.1 only. It answers the methods Switchboard calls the way Slack documents them,
// refuses what Slack would refuse (too many blocks, a modal title over 24 characters...),
// records every call, and also serves response_url posts and file upload URLs.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeCall {
  method: string;
  args: Record<string, unknown>;
  token?: string;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** A Web API answer body: `{ ok: true, ... }` or `{ ok: false, error }`. */
type SlackBody = { ok: boolean; [key: string]: unknown };
type Handler = (args: Record<string, unknown>, call: FakeCall) => unknown;

/**
 * A scripted failure for one call: an HTTP answer (429 with Retry-After, 500...) given
 * instead of carrying the call out, or "hang": the request is read and never answered
 * (nor carried out), as a platform that times out.
 */
export type FakeFault = FakeReply | "hang";

/** Where a fault applies: a Web API method, or "response_url" for every response_url POST. */
export const RESPONSE_URL = "response_url";

export class FakeSlackApi {
  readonly calls: FakeCall[] = [];
  /** Bodies POSTed to response_url, in order. */
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  readonly uploads = new Map<string, { bytes: Buffer; filename?: string }>();
  /** What files.getUploadURLExternal was told about each file id. */
  /** files.getUploadURLExternal requests by file id; `altTextField`: the name the screen-reader text came under. */
  readonly uploadRequests = new Map<string, { filename: string; length: number; altText?: string; altTextField?: "alt_txt" | "alt_text" }>();
  /** Messages posted with chat.postMessage, per channel, oldest first (conversations.history). */
  readonly history = new Map<string, Record<string, unknown>[]>();
  socketUrl = "";
  private readonly overrides = new Map<string, Handler | FakeReply | SlackBody>();
  private readonly holds = new Map<string, number>();
  private readonly gates = new Map<string, Promise<void>>();
  private readonly faults = new Map<string, FakeFault[]>();
  private readonly standingFaults = new Map<string, FakeFault>();
  /** Every response_url POST that arrived, answered or not (a fault's too). */
  readonly responseAttempts: string[] = [];
  private readonly server = http.createServer((req, res) => void this.handle(req, res));
  private seq = 0;
  private waiters: (() => void)[] = [];
  url = "";

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  responseUrl(): string {
    return `${this.url}/respond/${++this.seq}`;
  }

  /** Replaces a method's answer: a function of the arguments, a fixed HTTP reply, or a JSON body. */
  on(method: string, handler: Handler | FakeReply | SlackBody): void {
    this.overrides.set(method, handler);
  }

  reset(method: string): void {
    this.overrides.delete(method);
  }

  /**
   * The `nth` call to `method` is carried out (a post is in the channel's history) but never
   * answered: the caller waits for ever, as a process that dies before hearing Slack's
   * answer would have.
   */
  holdAnswer(method: string, nth: number): void {
    this.holds.set(method, nth);
  }

  /**
   * Calls to `method` are recorded as they arrive but answered only once the returned
   * function is called (then all at once, as usual): a Slack that is slow to answer them.
   */
  holdAnswersUntilReleased(method: string): () => void {
    let release!: () => void;
    this.gates.set(method, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.gates.delete(method);
      release();
    };
  }

  /** The next calls to `method` (or RESPONSE_URL) meet these faults, one each, in order; later calls are served as usual. */
  fail(method: string, ...faults: FakeFault[]): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...faults]);
  }

  /** Every call to `method` (or RESPONSE_URL) meets this fault until reset. */
  failAlways(method: string, fault: FakeFault): void {
    this.standingFaults.set(method, fault);
  }

  /** Stops scripted faults on `method`. */
  heal(method: string): void {
    this.faults.delete(method);
    this.standingFaults.delete(method);
  }

  private nextFault(method: string): FakeFault | undefined {
    return this.faults.get(method)?.shift() ?? this.standingFaults.get(method);
  }

  callsTo(method: string): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves once `check` returns something, as calls and responses arrive. */
  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found) return found;
      if (Date.now() > deadline) throw new Error("The fake Slack API did not see what the test waited for");
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const raw = await readAll(req);
      const path = new URL(req.url ?? "/", this.url).pathname;
      if (path.startsWith("/respond/")) {
        this.responseAttempts.push(path.slice(9));
        const fault = this.nextFault(RESPONSE_URL);
        if (fault) return this.fault(res, fault);
        this.responses.push({ id: path.slice(9), body: JSON.parse(raw.toString("utf8")) });
        return this.finish(res, { status: 200, headers: { "content-type": "text/plain" }, body: "ok" });
      }
      if (path.startsWith("/upload/")) {
        const form = await new Request("http://x", { method: "POST", headers: req.headers as Record<string, string>, body: raw }).formData();
        const file = [...form.values()].find((v) => typeof v !== "string") as Blob & { name?: string } | undefined;
        this.uploads.set(path.slice(8), { bytes: file ? Buffer.from(await file.arrayBuffer()) : raw, filename: file?.name });
        return this.finish(res, { status: 200, headers: { "content-type": "text/plain" }, body: "OK - 1" });
      }
      const method = path.replace(/^\/api\//, "");
      const args = parseArgs(raw, String(req.headers["content-type"] ?? ""));
      const token = String(req.headers.authorization ?? "").replace(/^Bearer /, "") || (args.token as string | undefined);
      const call: FakeCall = { method, args, token };
      this.calls.push(call);
      const fault = this.nextFault(method);
      if (fault) return this.fault(res, fault);
      const gate = this.gates.get(method);
      if (gate) {
        this.wake();
        await gate;
      }
      const override = this.overrides.get(method);
      const answer = typeof override === "function" ? override(args, call) : override ?? this.answer(method, args, call);
      if (this.holds.get(method) === this.callsTo(method).length) return;
      this.finish(res, isReply(answer) ? answer : { body: answer });
    } catch (error) {
      this.finish(res, { status: 500, body: { ok: false, error: "fake_failed", detail: String(error) } });
    }
  }

  private fault(res: http.ServerResponse, fault: FakeFault): void {
    if (fault === "hang") {
      this.wake();
      return;
    }
    this.finish(res, fault);
  }

  private wake(): void {
    const waiting = this.waiters;
    this.waiters = [];
    setImmediate(() => waiting.forEach((w) => w()));
  }

  private finish(res: http.ServerResponse, reply: FakeReply): void {
    const body = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
    res.writeHead(reply.status ?? 200, { "content-type": "application/json; charset=utf-8", ...reply.headers });
    res.end(body);
    this.wake();
  }

  private answer(method: string, args: Record<string, unknown>, call: FakeCall): unknown {
    const ts = () => `1700000000.${String(++this.seq).padStart(6, "0")}`;
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://acme.slack.test/", team: "Acme", user: "switchboard", team_id: call.token === "xoxb-installed" ? "T2" : "T1", user_id: "UBOT", bot_id: "BBOT" };
      case "apps.connections.open":
        return this.socketUrl ? { ok: true, url: this.socketUrl } : { ok: false, error: "invalid_auth" };
      case "chat.postMessage": {
        const problem = messageProblem(args) ?? metadataProblem(args.metadata);
        if (problem) return problem;
        const message = { type: "message", ts: ts(), text: args.text, blocks: args.blocks, bot_id: "BBOT", ...(args.metadata ? { metadata: args.metadata } : {}) };
        const channel = String(args.channel);
        this.history.set(channel, [...(this.history.get(channel) ?? []), message]);
        return { ok: true, channel, ts: message.ts, message };
      }
      case "chat.postEphemeral":
      case "chat.update":
        return messageProblem(args) ?? { ok: true, channel: args.channel, ts: args.ts ?? ts(), message_ts: ts() };
      case "conversations.history": {
        // Newest first, at most `limit` (default 100, at most 999); metadata only when asked for.
        if (!args.channel) return { ok: false, error: "channel_not_found" };
        const limit = Math.min(Number(args.limit ?? 100), 999);
        const all = [...(this.history.get(String(args.channel)) ?? [])].reverse();
        const withMetadata = args.include_all_metadata === true || args.include_all_metadata === "true";
        const messages = all.slice(0, limit).map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
        return { ok: true, messages, has_more: all.length > limit, response_metadata: { next_cursor: "" } };
      }
      case "conversations.open":
        return args.users ? { ok: true, channel: { id: `D${String(args.users).replace(/^U/, "")}` } } : { ok: false, error: "users_list_not_supplied" };
      case "views.open":
      case "views.update":
      case "views.publish":
        return viewProblem(method, args) ?? { ok: true, view: { ...(args.view as object), id: `V${++this.seq}` } };
      case "files.getUploadURLExternal": {
        // The reference names the screen-reader text `alt_txt` (at most 1,000 characters);
        // @slack/web-api's files.uploadV2 sends it as `alt_text`. Both are held to the limit,
        // and the name it came under is kept for the tests to check.
        const altTextField = args.alt_txt !== undefined ? "alt_txt" : args.alt_text !== undefined ? "alt_text" : undefined;
        const altText = altTextField ? String(args[altTextField]) : undefined;
        if (!args.filename || !Number(args.length)) return { ok: false, error: "missing_argument" };
        if (altText !== undefined && altText.length > 1000) return { ok: false, error: "alt_txt_too_large" };
        const id = `F${++this.seq}`;
        this.uploadRequests.set(id, { filename: String(args.filename), length: Number(args.length), altText, altTextField });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = (typeof args.files === "string" ? JSON.parse(args.files) : args.files) as { id: string; title?: string }[];
        const missing = files.find((f) => !this.uploads.has(f.id));
        if (missing) return { ok: false, error: "file_not_found" };
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case "oauth.v2.access":
        return args.code === "good-code"
          ? {
              ok: true,
              app_id: "A1",
              access_token: "xoxb-installed",
              token_type: "bot",
              scope: "channels:history,chat:write,commands,files:write,groups:history,im:history,im:write",
              bot_user_id: "UBOT2",
              team: { id: "T2", name: "Second Co" },
              enterprise: null,
              is_enterprise_install: false,
              authed_user: { id: "U9" },
            }
          : { ok: false, error: "invalid_code" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }
}

/** What Slack answers when a message payload breaks its rules. */
function messageProblem(args: Record<string, unknown>): unknown {
  const blocks = args.blocks as unknown[] | undefined;
  if (!args.channel) return { ok: false, error: "channel_not_found" };
  if (!blocks?.length && !args.text) return { ok: false, error: "no_text" };
  if (blocks && blocks.length > 50) return { ok: false, error: "invalid_blocks", errors: ["must provide at most 50 items"] };
  return undefined;
}

/** Message metadata: an event_type of a-z, 0-9 and _ (at most 255) and an event_payload object. */
function metadataProblem(metadata: unknown): unknown {
  if (metadata === undefined) return undefined;
  const m = metadata as { event_type?: unknown; event_payload?: unknown };
  const typeOk = typeof m.event_type === "string" && /^[a-z0-9_]{1,255}$/.test(m.event_type);
  const payloadOk = typeof m.event_payload === "object" && m.event_payload !== null && !Array.isArray(m.event_payload);
  return typeOk && payloadOk ? undefined : { ok: false, error: "invalid_metadata_format" };
}

function viewProblem(method: string, args: Record<string, unknown>): unknown {
  const view = args.view as { type?: string; title?: { text?: string }; blocks?: unknown[]; private_metadata?: string } | undefined;
  if (!view) return { ok: false, error: "invalid_arguments" };
  if (method === "views.open" && !args.trigger_id) return { ok: false, error: "invalid_trigger_id" };
  if (method === "views.publish" && (!args.user_id || view.type !== "home")) return { ok: false, error: "invalid_arguments" };
  if ((view.blocks?.length ?? 0) > 100) return { ok: false, error: "invalid_arguments", errors: ["must provide at most 100 blocks"] };
  if ((view.title?.text?.length ?? 0) > 24) return { ok: false, error: "invalid_arguments", errors: ["title must be at most 24 characters"] };
  if ((view.private_metadata?.length ?? 0) > 3000) return { ok: false, error: "invalid_arguments" };
  return undefined;
}

function parseArgs(raw: Buffer, contentType: string): Record<string, unknown> {
  const text = raw.toString("utf8");
  if (contentType.includes("application/json")) return text ? (JSON.parse(text) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    // Nested arguments (blocks, view, files) arrive JSON-encoded inside form fields.
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value;
  }
  return args;
}

const isReply = (value: unknown): value is FakeReply =>
  typeof value === "object" && value !== null && ("status" in value || "headers" in value) && "body" in value;

async function readAll(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
