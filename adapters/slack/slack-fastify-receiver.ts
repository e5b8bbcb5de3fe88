// Bolt on Switchboard's one front door: a custom receiver whose route checks the signature
// headers before the body is read, limits the body while it streams, verifies the HMAC
// over the exact bytes (±5 minutes), checks the body's shape, and only then hands it to
// Bolt. The HTTP answer is whatever the listener acks; work after the ack carries on.
import type { App, Receiver, ReceiverEvent } from "@slack/bolt";
import { ErrorCode, ReceiverMultipleAckError } from "@slack/bolt";
import { HttpError, rawBody, sendJson, type FastifyReply, type FastifyRequest, type HttpServer } from "../../src/platform/http-server.ts";
import type { Logger } from "../../src/platform/logger.ts";
import { safeError } from "../../src/core/errors.ts";
import { slackSignatureHeaders, validSlackSignature } from "./slack-signature.ts";
import { parseSlackBody } from "./slack-request-shape.ts";

// A full modal (100 blocks) with its state is a few hundred KB once form-encoded.
export const SLACK_BODY_LIMIT = 512 * 1024;

export class FastifySlackReceiver implements Receiver {
  private app?: App;

  constructor(private readonly options: { signingSecret: string; log: Logger }) {}

  init(app: App): void {
    this.app = app;
  }

  // The HTTP server is started and stopped by the composition root, not by Bolt.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  mount(http: HttpServer, path: string): void {
    http.route({
      method: "POST",
      url: path,
      bodyLimit: SLACK_BODY_LIMIT,
      onRequest: async (request) => {
        if (!slackSignatureHeaders(request.headers)) throw new HttpError(401, "invalid_signature", "invalid or stale request signature");
      },
      handler: (request, reply) => this.handle(request, reply),
    });
  }

  private async handle(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const headers = slackSignatureHeaders(request.headers);
    if (!headers || !validSlackSignature(this.options.signingSecret, headers, rawBody(request))) {
      throw new HttpError(401, "invalid_signature", "invalid or stale request signature");
    }
    const body = parseSlackBody(request.headers["content-type"], rawBody(request));
    if (body.ssl_check !== undefined) return reply.code(200).send();
    if (body.type === "url_verification") {
      if (typeof body.challenge !== "string") throw new HttpError(400, "not_a_slack_request", "a URL verification without a challenge");
      return sendJson(reply, 200, { challenge: body.challenge });
    }
    return this.dispatch(request, reply, body);
  }

  private async dispatch(request: FastifyRequest, reply: FastifyReply, body: Record<string, unknown>): Promise<FastifyReply> {
    let acked = false;
    let onAck!: () => void;
    const ackedNow = new Promise<"acked">((resolve) => (onAck = () => resolve("acked")));
    const event: ReceiverEvent = {
      body,
      retryNum: retryNum(request.headers["x-slack-retry-num"]),
      retryReason: typeof request.headers["x-slack-retry-reason"] === "string" ? request.headers["x-slack-retry-reason"].slice(0, 64) : undefined,
      customProperties: { switchboardRequestId: request.id },
      ack: async (response?: unknown) => {
        if (acked) throw new ReceiverMultipleAckError();
        acked = true;
        if (response === undefined || response === "") void reply.code(200).send();
        else if (typeof response === "string") void reply.code(200).type("text/plain; charset=utf-8").send(response);
        else sendJson(reply, 200, response);
        onAck();
      },
    };
    const processing = this.app!.processEvent(event);
    const outcome = await Promise.race([ackedNow, processing.then(() => "done" as const)]).catch((error: unknown) => ({ error }));
    if (outcome === "acked") {
      // The answer is sent; a failure after it can only be logged (once, with the request id).
      processing.catch((error: unknown) => this.options.log.error({ requestId: request.id, err: safeError(error) }, "slack: listener failed after the ack"));
      return reply;
    }
    if (outcome === "done") {
      // No listener took it (as Bolt's own receiver: 404, so Slack shows the failure).
      return acked ? reply : sendJson(reply, 404, { error: "unhandled" });
    }
    if ((outcome.error as { code?: string }).code === ErrorCode.AuthorizationError) throw new HttpError(401, "not_installed", "this workspace has not installed Switchboard");
    throw outcome.error;
  }
}

function retryNum(value: string | string[] | undefined): number | undefined {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return Number.isInteger(n) && n >= 0 && n < 100 ? n : undefined;
}
