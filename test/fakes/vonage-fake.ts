// A local fake of Vonage's two hosts, written from the public API reference: the REST
// host (form-encoded POSTs, `error-code` bodies) and the API host (JSON, problem details),
// both with Basic authentication, on 127.0.0.1 only. Tests script failures per request:
// any status and body, or an answer later than the client's timeout.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Socket } from "node:net";
import { restRoutes } from "./vonage-fake-rest.ts";
import { apiRoutes } from "./vonage-fake-api.ts";
import { reportsRecords, type FakeReportRecord, type ReportsState } from "./vonage-fake-reports.ts";
import { coded, newAccount, problem, type FakeAccount, type FakeNumber, type FakeReply } from "./vonage-fake-state.ts";

type Host = "rest" | "api";

export interface FakeRequest {
  host: Host;
  method: string;
  path: string;
  query: URLSearchParams;
  contentType?: string;
  authorization?: string;
  body: string;
}

/** Answer with this instead, or answer late (after acting, unless `perform` is false). */
export type Reaction = FakeReply | { delayMs: number; perform: boolean };

export class VonageFake {
  readonly accounts = new Map<string, FakeAccount>();
  readonly inventory: FakeNumber[] = [];
  readonly requests: FakeRequest[] = [];
  /** The Reports API's records per account, and its page size (1,000, as Vonage's). */
  readonly reports: ReportsState = { records: new Map(), pageSize: 1000, cursors: new Map() };
  restHost = "";
  apiHost = "";
  private readonly scripts: { route: string; reaction: Reaction }[] = [];
  private readonly servers: http.Server[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();

  static async start(): Promise<VonageFake> {
    const fake = new VonageFake();
    fake.restHost = await fake.listen("rest");
    fake.apiHost = await fake.listen("api");
    return fake;
  }

  addAccount(input: Parameters<typeof newAccount>[0]): FakeAccount {
    const account = newAccount(input);
    this.accounts.set(account.apiKey, account);
    return account;
  }

  addReportRecords(apiKey: string, ...records: FakeReportRecord[]): void {
    this.reports.records.set(apiKey, [...(this.reports.records.get(apiKey) ?? []), ...records]);
  }

  addNumbers(...numbers: FakeNumber[]): void {
    this.inventory.push(...numbers);
  }

  /** The next request to `route` ("POST /number/buy", or a path prefix) gets `reaction`. */
  script(route: string, reaction: Reaction): void {
    this.scripts.push({ route, reaction });
  }

  requestsTo(route: string): FakeRequest[] {
    return this.requests.filter((r) => `${r.method} ${r.path}`.startsWith(route));
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    for (const socket of this.sockets) socket.destroy();
    await Promise.all(this.servers.map((s) => new Promise((resolve) => s.close(resolve))));
  }

  private async listen(host: Host): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handle(host, req, res).catch((error) => {
        res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      });
    });
    server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
    this.servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async handle(host: Host, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://fake");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: FakeRequest = {
      host,
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers["content-type"],
      authorization: req.headers.authorization,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    this.requests.push(request);
    const scripted = this.take(`${request.method} ${request.path}`);
    if (scripted && "status" in scripted) return send(res, scripted);
    if (scripted && !scripted.perform) {
      this.later(scripted.delayMs, () => res.destroy());
      return;
    }
    const reply = this.route(host, request);
    if (scripted) this.later(scripted.delayMs, () => send(res, reply));
    else send(res, reply);
  }

  private route(host: Host, request: FakeRequest): FakeReply {
    const account = this.authenticate(request.authorization);
    const unauthorized =
      host === "rest"
        ? coded(401, "authentication failed")
        : problem(401, "#unauthorized", "Invalid credentials supplied", "You did not provide correct credentials.");
    if (!account) return unauthorized;
    const writes = ["POST", "PATCH", "PUT"].includes(request.method);
    const expected = host === "rest" ? "application/x-www-form-urlencoded" : "application/json";
    if (writes && !request.contentType?.startsWith(expected)) {
      return host === "rest" ? coded(400, `expected ${expected}`) : problem(415, "#content-type-header", "Unsupported Media Type", `Send ${expected}`);
    }
    const lookup = (key: string) => this.accounts.get(key);
    if (host === "rest") {
      const handler = restRoutes[`${request.method} ${request.path}`];
      if (!handler) return coded(404, "not found");
      const form = Object.fromEntries(new URLSearchParams(request.method === "GET" ? "" : request.body));
      return handler({ account, lookup, inventory: this.inventory, query: request.query, form });
    }
    if (request.method === "GET" && request.path === "/v2/reports/records") return reportsRecords(this.reports, account, request.query, this.apiHost, lookup);
    for (const [method, pattern, handler] of apiRoutes) {
      const match = method === request.method ? pattern.exec(request.path) : null;
      if (!match) continue;
      const body = request.body ? (JSON.parse(request.body) as Record<string, unknown>) : {};
      return handler({
        account,
        params: match.slice(1),
        body,
        lookup,
        add: (a) => this.accounts.set(a.apiKey, a),
        subaccountsOf: (key) => [...this.accounts.values()].filter((a) => a.parent === key),
      });
    }
    return problem(404, "#not-found", "Not Found", `No route ${request.method} ${request.path}`);
  }

  /** Basic authentication: base64(api_key:api_secret) against the account's live secrets. */
  private authenticate(header: string | undefined): FakeAccount | undefined {
    const encoded = /^Basic (.+)$/.exec(header ?? "")?.[1];
    if (!encoded) return undefined;
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const account = this.accounts.get(decoded.slice(0, colon));
    return account?.secrets.some((s) => s.value === decoded.slice(colon + 1)) && !account.suspended ? account : undefined;
  }

  private take(route: string): Reaction | undefined {
    const index = this.scripts.findIndex((s) => route.startsWith(s.route));
    return index < 0 ? undefined : this.scripts.splice(index, 1)[0]!.reaction;
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }
}

function send(res: http.ServerResponse, reply: FakeReply): void {
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body !== undefined) headers["content-type"] = reply.contentType ?? "application/json";
  res.writeHead(reply.status, headers);
  res.end(reply.body === undefined ? undefined : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
}
