// POST /discord/interactions: Discord's outgoing-webhook delivery of interactions, so any
// number of instances behind a load balancer can answer without the gateway. Every request
// is signed with Ed25519 (checked against DISCORD_PUBLIC_KEY; Discord probes with bad
// signatures and expects 401); the first answer is the HTTP response, later ones go through
// the interaction webhook like on the gateway. Signature headers are checked before the
// body is read, the body is limited while it streams, and only a well-formed interaction
// reaches the handler.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { APIInteraction, APIInteractionResponse, RawFile, REST } from "discord.js";
import { InteractionResponseType, InteractionType, Routes } from "discord.js";
import { HttpError, rawBody, sendJson, type FastifyRequest, type HttpServer } from "../../src/platform/http-server.ts";
import { parseJsonBody } from "../../src/platform/json-body.ts";
import type { DiscordInteractionHandler } from "./discord-interaction-handler.ts";
import { asInteraction } from "./discord-interaction-shape.ts";
import { EPHEMERAL } from "./discord-limits.ts";

export const INTERACTIONS_PATH = "/discord/interactions";
/** Signed requests older (or newer) than this are refused, so a captured one cannot be replayed later. */
const MAX_AGE_SECONDS = 5 * 60;
// A modal submission with every field full is under 30 KB; Discord's own limit is far below this.
const BODY_LIMIT = 256 * 1024;
// DER header of an Ed25519 SubjectPublicKeyInfo: the 32 raw key bytes follow it.
const SPKI_ED25519 = Buffer.from("302a300506032b6570032100", "hex");

export interface EndpointDeps {
  publicKey: string;
  handler: DiscordInteractionHandler;
  rest: REST;
  applicationId: string;
}

export function mountInteractionsEndpoint(http: HttpServer, deps: EndpointDeps): void {
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519, Buffer.from(deps.publicKey, "hex")]), format: "der", type: "spki" });
  http.route({
    method: "POST",
    url: INTERACTIONS_PATH,
    bodyLimit: BODY_LIMIT,
    // Before the body is read: without plausible, fresh signature headers nothing is read.
    onRequest: async (request) => {
      if (!signatureHeaders(request)) throw new HttpError(401, "invalid_signature", "invalid request signature");
    },
    handler: async (request, reply) => {
      const { signature, timestamp } = signatureHeaders(request)!;
      const body = rawBody(request);
      if (!validSignature(key, signature, timestamp, body)) return sendJson(reply, 401, { error: "invalid request signature" });
      if (!request.headers["content-type"]?.startsWith("application/json")) throw new HttpError(415, "unsupported_media_type", "interactions are JSON");
      const interaction = asInteraction(parseJsonBody(body.toString("utf8")));
      if (!interaction) throw new HttpError(400, "not_an_interaction", "the body is not an interaction Switchboard answers");
      if (interaction.type === InteractionType.Ping) return sendJson(reply, 200, { type: InteractionResponseType.Pong });
      const response = await answer(deps, interaction);
      if (!response) throw new Error("the interaction handler gave no answer");
      return sendJson(reply, 200, response);
    },
  });
}

async function answer(deps: EndpointDeps, interaction: APIInteraction): Promise<APIInteractionResponse | undefined> {
  let answerWith!: (response: APIInteractionResponse) => void;
  const first = new Promise<APIInteractionResponse>((resolve) => (answerWith = resolve));
  const done = deps.handler.handle(interaction, {
    async callback(response, files) {
      if (!files?.length) return answerWith(response);
      // Files do not fit a JSON body: defer in the HTTP answer, then attach them in an edit.
      const flags = "data" in response && response.data && "flags" in response.data ? response.data.flags : undefined;
      answerWith({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: (flags ?? 0) & EPHEMERAL } });
      await attachToOriginal(deps, interaction.token, response, files);
    },
  });
  return Promise.race([first, done.then(() => undefined)]);
}

function signatureHeaders(request: FastifyRequest): { signature: string; timestamp: string } | undefined {
  const signature = header(request.headers["x-signature-ed25519"]);
  const timestamp = header(request.headers["x-signature-timestamp"]);
  if (!signature || !timestamp || !/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return undefined;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return undefined;
  return { signature, timestamp };
}

export function validSignature(key: KeyObject, signature: string, timestamp: string, body: Buffer): boolean {
  if (!/^[0-9a-f]{128}$/i.test(signature) || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > MAX_AGE_SECONDS) return false;
  return verify(null, Buffer.concat([Buffer.from(timestamp, "utf8"), body]), key, Buffer.from(signature, "hex"));
}

async function attachToOriginal(deps: EndpointDeps, token: string, response: APIInteractionResponse, files: RawFile[]): Promise<void> {
  const data = "data" in response && response.data ? { ...response.data, flags: undefined } : {};
  await deps.rest.patch(Routes.webhookMessage(deps.applicationId, token, "@original"), { body: data, files, auth: false });
}

const header = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
