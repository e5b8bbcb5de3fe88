// A verified Slack request body, parsed and checked against what Bolt reads before any
// listener runs (the team, the user, the event, the actions, the view). Bolt trusts
// these fields; a signed body without them (a bug, or a replayed request of another kind)
// is answered 400 here rather than crash Bolt's routing.
import { z } from "zod";
import { HttpError } from "../../src/platform/http-server.ts";
import { isPlainObject, parseJsonBody } from "../../src/platform/json-body.ts";

export type SlackBody = Record<string, unknown>;

const id = z.string().min(1).max(64);
const ref = z.looseObject({ id }).nullish();
const person = z.looseObject({ id, team_id: z.string().nullish() });
const common = { team: ref, enterprise: ref, channel: ref, response_url: z.string().max(2000).optional() };

const command = z.looseObject({ command: z.string().max(64), text: z.string().optional(), team_id: id, user_id: id, channel_id: id.optional() });
const event = z.looseObject({
  type: z.literal("event_callback"),
  team_id: id.optional(),
  event: z.looseObject({
    type: z.string().max(100),
    user: z.union([z.string(), z.looseObject({ id })]).optional(),
    channel: z.union([z.string(), z.looseObject({ id: z.string() })]).optional(),
    item: z.looseObject({}).optional(),
    subteam: z.looseObject({}).optional(),
  }),
  authorizations: z.array(z.looseObject({ team_id: z.string().nullish() })).optional(),
});
const interactive = z.discriminatedUnion("type", [
  z.looseObject({ ...common, type: z.literal("block_actions"), user: person, actions: z.array(z.looseObject({ action_id: z.string().max(255), type: z.string().optional() })).min(1) }),
  z.looseObject({ ...common, type: z.literal("block_suggestion"), user: person, action_id: z.string().max(255), value: z.string().optional() }),
  z.looseObject({ ...common, type: z.literal("view_submission"), user: person, view: z.looseObject({ id, state: z.looseObject({ values: z.record(z.string(), z.unknown()) }).optional() }) }),
  z.looseObject({ ...common, type: z.literal("view_closed"), user: person, view: z.looseObject({ id }) }),
  z.looseObject({ ...common, type: z.literal("shortcut"), user: person, callback_id: z.string().max(255) }),
  z.looseObject({ ...common, type: z.literal("message_action"), user: person, callback_id: z.string().max(255) }),
]);

/** The body as Bolt expects it, or an HttpError (400 for a malformed body, 415 for another type). */
export function parseSlackBody(contentType: string | undefined, raw: Buffer): SlackBody {
  const text = raw.toString("utf8");
  if (contentType?.startsWith("application/json")) return checked(parseJsonBody(text));
  if (!contentType?.startsWith("application/x-www-form-urlencoded")) throw new HttpError(415, "unsupported_media_type", "Slack sends JSON or a form");
  const form = Object.fromEntries(new URLSearchParams(text));
  if (form.payload !== undefined) return checked(parseJsonBody(form.payload));
  return checked(form);
}

function checked(body: unknown): SlackBody {
  if (!isPlainObject(body)) throw malformed();
  // Answered by the receiver itself, before Bolt: Slack's probes carry little else.
  if (body.ssl_check !== undefined || body.type === "url_verification") return body;
  const schema = body.command !== undefined ? command : body.event !== undefined ? event : interactive;
  if (!schema.safeParse(body).success) throw malformed();
  return body;
}

const malformed = () => new HttpError(400, "not_a_slack_request", "the body is not a Slack request Switchboard answers");
