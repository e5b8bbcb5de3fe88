// Discord counts the names, descriptions and choices of a whole command, all levels
// together, against 4,000 characters. One command per group keeps each far below that
// today; this is the safety net for a group that grows: descriptions are shortened step by
// step, then the last subcommands are left out (still reachable through `/switchboard run`).
import type { APIApplicationCommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { ApplicationCommandOptionType } from "discord.js";
import { clamp } from "./discord-limits.ts";

type Json = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Option = APIApplicationCommandOption;

const isSub = (o: Option) =>
  o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;
const childrenOf = (o: { options?: Option[] }): Option[] => o.options ?? [];

export function commandSize(item: { name: string; description: string; options?: Option[] }): number {
  const choices = "choices" in item && Array.isArray(item.choices) ? item.choices : [];
  const own = item.name.length + item.description.length + choices.reduce((n, c) => n + c.name.length + String(c.value).length, 0);
  return own + childrenOf(item).reduce((n, o) => n + commandSize(o), 0);
}

/**
 * Shortens and trims `json` in place until it fits; returns the subcommands left out, as
 * their names below the command ("search", or "group sub"). `keep` is never left out.
 */
export function fitToBudget(json: Json, budget: number, keep?: string): string[] {
  const steps: [kind: "option" | "sub", max: number][] = [["option", 60], ["option", 35], ["sub", 60], ["option", 15], ["sub", 35]];
  for (const [kind, max] of steps) {
    if (commandSize(json) <= budget) return [];
    shorten(childrenOf(json), kind, max);
  }
  const removed: string[] = [];
  const top = childrenOf(json);
  while (commandSize(json) > budget) {
    const index = top.findLastIndex((o) => o.name !== keep);
    if (index < 0) break;
    const last = top[index]!;
    if (last.type === ApplicationCommandOptionType.SubcommandGroup && childrenOf(last).length > 1) {
      removed.push(`${last.name} ${childrenOf(last).pop()!.name}`);
    } else {
      top.splice(index, 1);
      removed.push(...(last.type === ApplicationCommandOptionType.SubcommandGroup ? childrenOf(last).map((s) => `${last.name} ${s.name}`) : [last.name]));
    }
  }
  return removed;
}

function shorten(options: Option[], kind: "option" | "sub", max: number): void {
  for (const option of options) {
    if (isSub(option)) {
      if (kind === "sub" && option.type === ApplicationCommandOptionType.Subcommand) option.description = clamp(option.description, max);
      shorten(childrenOf(option), kind, max);
    } else if (kind === "option") option.description = clamp(option.description, max);
  }
}
