// POST /discord/interactions: Discord's outgoing-webhook delivery of interactions, so any
// number of instances behind a load balancer can answer without the gateway. Every request
// is signed with Ed25519 (checked against DISCORD_PUBLIC_KEY; Discord probes with bad
// signatures and expects 401); the first answer is the HTTP response, later ones go through
// the interaction webhook like on the gateway.
import { createPublicKey, verify, type KeyObject } from "node:crypto";
import type { APIInteraction, APIInteractionResponse, RawFile, REST } from "discord.js";
import { InteractionResponseType, InteractionType, Routes } from "discord.js";
import type { HttpServer } from "../../src/platform/http-server.ts";
import { readBody, sendJson } from "../../src/platform/http-server.ts";
import type { DiscordInteractionHandler } from "./discord-interaction-handler.ts";
import { EPHEMERAL } from "./discord-limits.ts";

export const INTERACTIONS_PATH = "/discord/interactions";
/** Signed requests older than this are refused, so a captured one cannot be replayed later. */
const MAX_AGE_SECONDS = 5 * 60;
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
  http.route("POST", INTERACTIONS_PATH, async (req, res) => {
    const body = await readBody(req);
    const signature = header(req.headers["x-signature-ed25519"]);
    const timestamp = header(req.headers["x-signature-timestamp"]);
    if (!signature || !timestamp || !validSignature(key, signature, timestamp, body)) {
      return sendJson(res, 401, { error: "invalid request signature" });
    }
    const interaction = JSON.parse(body.toString("utf8")) as APIInteraction;
    if (interaction.type === InteractionType.Ping) return sendJson(res, 200, { type: InteractionResponseType.Pong });

    let answer!: (response: APIInteractionResponse) => void;
    const first = new Promise<APIInteractionResponse>((resolve) => (answer = resolve));
    const done = deps.handler.handle(interaction, {
      async callback(response, files) {
        if (!files?.length) return answer(response);
        // Files do not fit a JSON body: defer in the HTTP answer, then attach them in an edit.
        const flags = "data" in response && response.data && "flags" in response.data ? response.data.flags : undefined;
        answer({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: (flags ?? 0) & EPHEMERAL } });
        await attachToOriginal(deps, interaction.token, response, files);
      },
    });
    const response = await Promise.race([first, done.then(() => undefined)]);
    if (!response) return sendJson(res, 500, { error: "no answer" });
    sendJson(res, 200, response);
  });
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
