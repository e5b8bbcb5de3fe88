// The one front door: health, the payment page, Slack's and Discord's endpoints, all on
// Fastify, which parses URLs safely, enforces each route's body limit while the body
// streams (413 before it is all read), answers unknown content types with 415, and gives
// every request an error boundary. Routes are mounted by whoever owns them; bodies reach
// them raw (a Buffer), because signatures are computed over the exact bytes.
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type RouteOptions } from "fastify";
import { newRequestId } from "../core/ids.ts";
import { safeError } from "../core/errors.ts";
import type { Logger } from "./logger.ts";

export type { FastifyReply, FastifyRequest };

/** What a route refuses with: a status under 500 and a short machine-readable reason. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message = code,
  ) {
    super(message);
  }
}

/** A route: Fastify's own options, with a body limit every owner must think about. */
export type Route = Omit<RouteOptions, "bodyLimit"> & { bodyLimit?: number };

// Small on purpose: a route that takes more (Slack's interactive payloads) says so.
const DEFAULT_BODY_LIMIT = 64 * 1024;
const BODY_TYPES = ["application/json", "application/x-www-form-urlencoded"];
// A client-supplied request id is kept only if it is a plain token (it is logged).
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const noSchemaCompiler = (): never => {
  throw new Error("Routes on this server declare no JSON schema: check the raw body in the handler instead.");
};

export class HttpServer {
  private readonly app: FastifyInstance;

  constructor(private readonly log: Logger) {
    this.app = Fastify({
      logger: false,
      bodyLimit: DEFAULT_BODY_LIMIT,
      // Longer than any client's or load balancer's idle timeout, so the client always
      // closes an idle connection first and never sends into one the server is closing.
      // Idle sockets do not hold shutdown open: stop() closes them.
      keepAliveTimeout: 65_000,
      forceCloseConnections: "idle",
      return503OnClosing: true,
      genReqId: (req) => {
        const given = req.headers["x-request-id"];
        return typeof given === "string" && CLIENT_REQUEST_ID.test(given) ? given : newRequestId();
      },
      // No route declares a JSON schema (bodies stay raw and are checked by their owner),
      // so Fastify's Ajv and fast-json-stringify compilers are never used: without these
      // factories Fastify loads and sets them up anyway, ~0.3 s of every start.
      schemaController: { compilersFactory: { buildValidator: noSchemaCompiler, buildSerializer: noSchemaCompiler } },
    });
    this.app.removeAllContentTypeParsers();
    // Bodies stay raw: each route verifies its signature over the bytes, then parses.
    this.app.addContentTypeParser(BODY_TYPES, { parseAs: "buffer" }, (_req, body, done) => done(null, body));
    this.app.addHook("onRequest", async (request, reply) => {
      reply.header("x-request-id", request.id);
    });
    this.app.addHook("onResponse", async (request, reply) => {
      // The path only: the payment link's token travels in the query string.
      this.log.debug({ requestId: request.id, method: request.method, path: pathOf(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, "http");
    });
    this.app.setNotFoundHandler((_request, reply) => void reply.code(404).send({ error: "not_found" }));
    this.app.setErrorHandler((error, request, reply) => this.fail(error, request, reply));
  }

  route(route: Route): void {
    this.app.route({ bodyLimit: DEFAULT_BODY_LIMIT, ...route } as RouteOptions);
  }

  async listen(port: number, host: string): Promise<number> {
    await this.app.listen({ port, host });
    return (this.app.server.address() as AddressInfo).port;
  }

  /** Stops taking requests and waits for those in flight (bounded by `timeoutMs`). */
  async stop(timeoutMs = 4_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([this.app.close(), late]);
    clearTimeout(timer);
    this.app.server.closeAllConnections();
  }

  // The error boundary: a client's mistake is a 4xx with its reason; anything else is
  // logged once with the request id, and the client gets that id to quote.
  private fail(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    const status = (error as { statusCode?: number }).statusCode;
    if (typeof status === "number" && status >= 400 && status < 500) {
      const code = error instanceof HttpError ? error.code : fastifyCode(error);
      void reply.code(status).send({ error: code, message: (error as Error).message, requestId: request.id });
      return;
    }
    this.log.error({ requestId: request.id, method: request.method, path: pathOf(request.url), err: safeError(error) }, "request failed");
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    void reply.code(500).send({ error: "internal_error", requestId: request.id });
  }
}

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply.code(status).header("content-type", "application/json; charset=utf-8").send(JSON.stringify(body));
}

/** The raw body a route received (empty when there was none). */
export const rawBody = (request: FastifyRequest): Buffer => (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));

const pathOf = (url: string) => url.split("?")[0]!.slice(0, 200);

const fastifyCode = (error: unknown): string => {
  const code = (error as { code?: string }).code;
  if (code === "FST_ERR_CTP_BODY_TOO_LARGE") return "body_too_large";
  if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return "unsupported_media_type";
  return "bad_request";
};
