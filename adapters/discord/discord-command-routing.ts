// From an interaction back to the registry: the top-level command's name and its nested
// subcommand names make the route key ("numbers search", "switchboard help"); the values
// on the last level become the command's arguments, or the text being typed for autocomplete.
import type { APIApplicationCommandInteractionDataOption } from "discord.js";
import { ApplicationCommandOptionType } from "discord.js";
import type { DispatchInput } from "../../src/core/commands/dispatcher.ts";
import { ROOT_COMMAND, RUN_SUBCOMMAND, routeKey, type CommandTable, type OptionRoute } from "./discord-commands.ts";

export type ResolvedCommand =
  | { kind: "dispatch"; input: DispatchInput }
  | { kind: "autocomplete"; path: string; route?: OptionRoute; query: string }
  /** `name` is the command as typed, without /switchboard: the core explains or runs it as a line. */
  | { kind: "unknown"; name: string };

/** What a chat-input or autocomplete interaction's `data` carries. */
export interface CommandData {
  name: string;
  options?: APIApplicationCommandInteractionDataOption[];
}

export function resolveCommand(table: CommandTable, data: CommandData): ResolvedCommand {
  let level = data.options ?? [];
  const names: string[] = [];
  for (;;) {
    const nested = level.find(
      (o) => o.type === ApplicationCommandOptionType.SubcommandGroup || o.type === ApplicationCommandOptionType.Subcommand,
    );
    if (!nested || !("options" in nested)) break;
    names.push(nested.name);
    level = (nested.options ?? []) as APIApplicationCommandInteractionDataOption[];
  }
  const key = routeKey(data.name, names.join(" "));
  const values = level.filter((o): o is Extract<typeof o, { value: unknown }> => "value" in o);
  if (key === routeKey(ROOT_COMMAND, RUN_SUBCOMMAND)) {
    const line = values.find((o) => o.name === "command")?.value;
    return { kind: "dispatch", input: { kind: "text", text: String(line ?? "") } };
  }
  const route = table.routes.get(key);
  if (!route) return { kind: "unknown", name: (data.name === ROOT_COMMAND ? names : [data.name, ...names]).join(" ") };
  const focused = values.find((o) => "focused" in o && o.focused);
  if (focused) {
    return { kind: "autocomplete", path: route.path, route: route.options.find((o) => o.name === focused.name), query: String(focused.value) };
  }
  const args: Record<string, unknown> = {};
  for (const option of values) {
    const target = route.options.find((o) => o.name === option.name);
    if (!target) continue;
    const value = String(option.value);
    args[target.arg] = target.list ? value.split(/[\s,]+/).filter(Boolean) : value;
  }
  return { kind: "dispatch", input: { kind: "command", command: route.path, args } };
}
