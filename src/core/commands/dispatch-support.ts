// The dispatcher's small steps: reading what was typed, refusing card numbers, keeping
// secrets out of the audit log and replies out of the idempotency table.
import { createHash } from "node:crypto";
import { UserError } from "../errors.ts";
import { cardNumberRefused, containsCardNumber, refuseCardNumbersIn } from "../card-numbers.ts";
import type { Reply } from "../view.ts";
import type { Services } from "../../services.ts";
import type { AnyArgs, CommandDefinition } from "./definition.ts";
import { tokenize } from "./tokenize.ts";
import type { RawArgs } from "./parse-args.ts";
import { argInfo, isSensitive } from "./arg-fields.ts";

export function tokenizeOrExplain(line: string): string[] {
  try {
    return tokenize(line);
  } catch (error) {
    throw new UserError("bad_quotes", `${(error as Error).message}.`, { hint: "Close the quote and try again." });
  }
}

export function unknownCommand(words: string[], services: Services): UserError {
  const group = services.registry.group(words[0]!.toLowerCase());
  if (group.length > 0 && words.length === 1) {
    return new UserError("incomplete_command", `"${words[0]}" needs an action.`, {
      hint: `Try: ${group.map((d) => d.path).join(", ")}.`,
    });
  }
  const suggestions = services.registry.suggest(words.slice(0, 3).join(" "));
  return new UserError("unknown_command", `Unknown command "${words.slice(0, 2).join(" ")}".`, {
    hint: suggestions.length ? `Did you mean: ${suggestions.join(", ")}? Type \`help\` for all commands.` : "Type `help` for the list of commands.",
  });
}

/** PostgreSQL cannot store NUL in text or JSON: it is dropped from every input string, however deep. */
export function withoutNul<T>(value: T, depth = 0): T {
  if (typeof value === "string") return value.replaceAll(String.fromCharCode(0), "") as T;
  if (Array.isArray(value)) return value.map((v) => withoutNul(v, depth + 1)) as T;
  if (value && typeof value === "object" && depth < 20) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutNul(k), withoutNul(v, depth + 1)])) as T;
  }
  return value;
}

/**
 * Before anything parses what came in: a whole command line, a form's values or a typed
 * command's options. A "+" number short enough to be a phone passes here; the check per
 * field (below) holds it to phone fields.
 */
export function screenInput(input: { kind: string; text?: string; values?: unknown; args?: unknown }): void {
  refuseCardNumbersIn([input.text, input.values, input.args], { phone: true });
}

/** Per argument, once the command is known: only a phone field may hold a "+" number that passes Luhn. */
export function refuseCardNumbers(definition: CommandDefinition, raw: RawArgs): void {
  const infos = new Map(argInfo(definition).map((i) => [i.name, i]));
  for (const [name, value] of Object.entries(raw)) {
    const phone = infos.get(name)?.kind === "phone";
    const values = Array.isArray(value) ? value : [value];
    if (values.some((v) => containsCardNumber(v, { phone }))) throw cardNumberRefused();
  }
}

export function toRawArgs(args: Record<string, unknown>): RawArgs {
  const raw: RawArgs = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null || value === "") continue;
    raw[key] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return raw;
}

export function redactArgs(definition: CommandDefinition<AnyArgs>, raw: RawArgs): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, isSensitive(definition, k) ? "[redacted]" : v]));
}

/** Files are not kept with idempotency records; a repeat gets the message only. */
export const withoutFiles = (result: Reply): Reply => ({ ...result, files: undefined });

/** What a retry of a command with a secret reply gets: the secret was shown once. */
export const ALREADY_DONE: Reply = {
  visibility: "ephemeral",
  message: { blocks: [{ type: "text", text: "This request already ran; what it showed was shown once and is not kept.", tone: "muted" }] },
};

export const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[value.length - 1] : value);
export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const hashOf = (values: unknown) => createHash("sha256").update(JSON.stringify(values)).digest("base64url").slice(0, 16);
