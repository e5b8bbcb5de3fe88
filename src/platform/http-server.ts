// The one HTTP server: health, the payment page, Slack's and Discord's endpoints. Routes
// are mounted by whoever owns them; this file knows none of them.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { newRequestId } from "../core/ids.ts";
import type { Logger } from "./logger.ts";

export type RouteHandler = (req: http.IncomingMessage, res: http.ServerResponse, requestId: string) => void | Promise<void>;

interface Route {
  method: string | "*";
  prefix: string;
  exact: boolean;
  handler: RouteHandler;
}

export class HttpServer {
  private readonly routes: Route[] = [];
  private readonly server: http.Server;
  private inFlight = 0;
  private closing = false;

  constructor(private readonly log: Logger) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    // Keep-alive sockets would hold shutdown open; idle ones are closed on stop().
    this.server.keepAliveTimeout = 5_000;
  }

  /** `path` matches exactly; a path ending in `/*` matches everything below it. */
  route(method: string | "*", path: string, handler: RouteHandler): void {
    const exact = !path.endsWith("/*");
    this.routes.push({ method, prefix: exact ? path : path.slice(0, -2), exact, handler });
  }

  async listen(port: number, host: string): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Stops taking requests and waits for those in flight (bounded by `timeoutMs`). */
  async stop(timeoutMs = 4_000): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    this.server.closeAllConnections();
    await closed;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = (req.headers["x-request-id"] as string | undefined)?.slice(0, 64) ?? newRequestId();
    res.setHeader("x-request-id", requestId);
    if (this.closing) res.setHeader("connection", "close");
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = this.routes.find(
      (r) =>
        (r.method === "*" || r.method === req.method) &&
        (r.exact ? url.pathname === r.prefix : url.pathname === r.prefix || url.pathname.startsWith(r.prefix + "/")),
    );
    const started = Date.now();
    this.inFlight++;
    try {
      if (!route) sendJson(res, 404, { error: "not_found" });
      else await route.handler(req, res, requestId);
    } catch (error) {
      this.log.error({ requestId, path: url.pathname, err: { message: (error as Error).message } }, "request failed");
      if (!res.headersSent) sendJson(res, 500, { error: "internal_error", requestId });
      else res.end();
    } finally {
      this.inFlight--;
      res.once("finish", () =>
        this.log.debug({ requestId, method: req.method, path: url.pathname, status: res.statusCode, ms: Date.now() - started }, "http"),
      );
    }
  }
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
  res.end(JSON.stringify(body));
}

export async function readBody(req: http.IncomingMessage, limitBytes = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
