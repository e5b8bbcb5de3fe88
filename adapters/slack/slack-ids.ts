// The ids Switchboard puts into Block Kit and reads back from Slack's payloads. Buttons and
// selects carry the dispatcher's stored action reference, so the adapter keeps no state of
// its own between a message and the click on it.
import { LIMITS } from "./block-kit-limits.ts";

export const ACTION_PREFIX = "sb:";
export const FORM_CALLBACK_ID = "sb_form";
export const RESULT_CALLBACK_ID = "sb_result";
/** Input blocks are named after the form field; the element inside always has this id. */
export const FIELD_ACTION_ID = "v";

export const buttonActionId = (ref: string, index: number): string => checkId(`${ACTION_PREFIX}b:${ref}:${index}`);
export const selectActionId = (ref: string, argName: string): string => checkId(`${ACTION_PREFIX}s:${ref}:${argName}`);
export const fieldBlockId = (name: string): string => checkId(`f:${name}`);

export type DecodedAction = { kind: "button"; ref: string } | { kind: "select"; ref: string; argName: string };

export function decodeActionId(actionId: string): DecodedAction | undefined {
  const match = /^sb:([bs]):([A-Za-z0-9_-]+):(.+)$/.exec(actionId);
  if (!match) return undefined;
  return match[1] === "b" ? { kind: "button", ref: match[2]! } : { kind: "select", ref: match[2]!, argName: match[3]! };
}

export const fieldNameOf = (blockId: string): string | undefined => (blockId.startsWith("f:") ? blockId.slice(2) : undefined);

/** What a form modal remembers between opening and submission: Slack hands it back verbatim. */
export interface FormMetadata {
  /** The form's action reference (dispatch { kind: "action", ref }). */
  ref: string;
  /** The command, for typeahead. */
  command: string;
  /** The channel the form was opened from, where the result goes; absent from App Home. */
  channelId?: string;
  /** Fields whose value is never put back into the modal when it is shown again (secrets). */
  secretFields?: string[];
}

export function encodeFormMetadata(metadata: FormMetadata): string {
  const secret = metadata.secretFields?.length ? metadata.secretFields : undefined;
  const encoded = JSON.stringify({ r: metadata.ref, c: metadata.command, ch: metadata.channelId, s: secret });
  // Bounded by construction (a token, a command path, a channel id); refuse rather than send
  // a view Slack would reject.
  if (encoded.length > LIMITS.privateMetadata) throw new Error(`private_metadata would be ${encoded.length} characters`);
  return encoded;
}

export function decodeFormMetadata(raw: string | undefined): FormMetadata | undefined {
  try {
    const parsed = JSON.parse(raw ?? "") as { r?: unknown; c?: unknown; ch?: unknown; s?: unknown };
    if (typeof parsed.r !== "string" || typeof parsed.c !== "string") return undefined;
    const secret = Array.isArray(parsed.s) ? parsed.s.filter((name): name is string => typeof name === "string") : [];
    return {
      ref: parsed.r,
      command: parsed.c,
      channelId: typeof parsed.ch === "string" ? parsed.ch : undefined,
      ...(secret.length ? { secretFields: secret } : {}),
    };
  } catch {
    return undefined;
  }
}

function checkId(id: string): string {
  if (id.length > LIMITS.actionId) throw new Error(`Block Kit id over ${LIMITS.actionId} characters: ${id.slice(0, 40)}…`);
  return id;
}
