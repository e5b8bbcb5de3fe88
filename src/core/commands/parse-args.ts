// Turns the words after a command path into raw arguments: `key:value` for a known
// argument, the rest positional in the definition's order.
import { UserError } from "../errors.ts";
import type { AnyArgs, CommandDefinition } from "./definition.ts";
import { usageOf } from "./arg-fields.ts";

/** Options every command takes: they steer the dispatcher, not the handler. */
export const GLOBAL_OPTIONS = ["account", "confirm"] as const;

export type RawArgs = Record<string, string | string[]>;

export function parseArgs(definition: CommandDefinition<AnyArgs>, words: string[]): RawArgs {
  const known = new Set([...Object.keys(definition.args.shape), ...GLOBAL_OPTIONS]);
  const positional = [...(definition.positional ?? [])];
  const raw: RawArgs = {};
  const loose: string[] = [];

  for (const word of words) {
    const match = /^([a-zA-Z][a-zA-Z0-9_-]*):(.*)$/s.exec(word);
    if (match && known.has(match[1]!)) {
      add(raw, match[1]!, match[2]!);
    } else if (match && !match[2]!.startsWith("//") && !/^\d/.test(match[2]!)) {
      // Looks like an option but is not one of this command's: say so rather than guess.
      throw new UserError("unknown_option", `\`${definition.path}\` has no option "${match[1]}".`, {
        usage: usageOf(definition),
      });
    } else loose.push(word);
  }

  for (let i = 0; i < loose.length; i++) {
    const name = positional[i];
    if (!name) {
      throw new UserError("too_many_arguments", `Too many arguments: "${loose.slice(i).join(" ")}" was not expected.`, {
        usage: usageOf(definition),
      });
    }
    const isRest = definition.restPositional && i === positional.length - 1;
    if (isRest) {
      raw[name] = loose.slice(i).join(" ");
      break;
    }
    if (raw[name] !== undefined) {
      throw new UserError("duplicate_argument", `"${name}" was given twice.`, { usage: usageOf(definition) });
    }
    raw[name] = loose[i]!;
  }
  return raw;
}

function add(raw: RawArgs, key: string, value: string): void {
  const existing = raw[key];
  if (existing === undefined) raw[key] = value;
  else raw[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
}
