// The registry as Discord application commands: one chat-input command per group word
// (`/numbers search`, `/billing methods-add`: a third word joins the second with a dash),
// and `/switchboard` for the single-word commands (help, home, cancel) and `run`, which
// takes a command line as in Slack. Discord counts 25 subcommands and 4,000 characters per
// command, all levels together, so the whole registry under one /switchboard stopped
// fitting; per group, each command stays small. Whatever still does not fit (a group past
// 25 actions, a name Discord refuses) is left out and reachable through `/switchboard run`.
import type { APIApplicationCommandSubcommandOption, RESTPostAPIChatInputApplicationCommandsJSONBody } from "discord.js";
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from "discord.js";
import type { AnyArgs, CommandDefinition } from "../../src/core/commands/definition.ts";
import { LIMITS, clamp } from "./discord-limits.ts";
import { fitToBudget } from "./discord-command-budget.ts";
import { subcommand, validName, type CommandRoute } from "./discord-command-options.ts";

export type { CommandRoute, OptionRoute } from "./discord-command-options.ts";

export const ROOT_COMMAND = "switchboard";
export const RUN_SUBCOMMAND = "run";

export type ChatInputCommand = RESTPostAPIChatInputApplicationCommandsJSONBody;
type Subcommand = APIApplicationCommandSubcommandOption;

export interface CommandTable {
  /** Every command, registered together in one bulk PUT: /switchboard first, then one per group. */
  commands: ChatInputCommand[];
  /** "<command> <subcommand>" as Discord sends it ("numbers search", "switchboard help") → what it runs. */
  routes: Map<string, CommandRoute>;
  /** Registry commands left out of the typed commands; `/switchboard run` still runs them. */
  overflow: string[];
}

interface Placed {
  key: string;
  option: Subcommand;
  route: CommandRoute;
}

export const routeKey = (command: string, sub: string) => `${command} ${sub}`;

export function buildCommandTable(definitions: readonly CommandDefinition<AnyArgs>[]): CommandTable {
  const overflow: string[] = [];
  const placed = new Map<string, Placed[]>([[ROOT_COMMAND, []]]);
  // `run` is taken up front, so a registry command named run cannot hide it.
  const keys = new Set([routeKey(ROOT_COMMAND, RUN_SUBCOMMAND)]);
  for (const definition of definitions) {
    const place = placeOf(definition.path);
    const key = place && routeKey(place.command, place.sub);
    // "billing methods add" and "billing methods-add" would both be /billing methods-add.
    if (!place || !key || keys.has(key)) {
      overflow.push(definition.path);
      continue;
    }
    keys.add(key);
    const { option, route } = subcommand(definition, place.sub);
    placed.set(place.command, [...(placed.get(place.command) ?? []), { key, option, route }]);
  }

  const routes = new Map<string, CommandRoute>();
  const commands: ChatInputCommand[] = [];
  for (const [name, subs] of placed) {
    const root = name === ROOT_COMMAND;
    const room = commands.length < LIMITS.commandsPerApplication ? LIMITS.commandOptions - (root ? 1 : 0) : 0;
    overflow.push(...subs.slice(room).map((s) => s.route.path));
    const kept = subs.slice(0, room);
    if (!root && kept.length === 0) continue;
    const json = chatInput(name, kept.map((s) => s.option), root);
    const removed = new Set(fitToBudget(json, LIMITS.commandTotal, root ? RUN_SUBCOMMAND : undefined));
    for (const s of kept) {
      if (removed.has(s.option.name)) overflow.push(s.route.path);
      else routes.set(s.key, s.route);
    }
    if (json.options?.length) commands.push(json);
  }
  return { commands, routes, overflow };
}

/** Which command and subcommand a registry path becomes, or undefined if Discord cannot name it. */
function placeOf(path: string): { command: string; sub: string } | undefined {
  const [first, ...rest] = path.split(" ");
  const place = rest.length ? { command: first!, sub: rest.join("-") } : { command: ROOT_COMMAND, sub: first! };
  return validName(place.command) && validName(place.sub) ? place : undefined;
}

function chatInput(name: string, options: Subcommand[], root: boolean): ChatInputCommand {
  const description = root
    ? "Switchboard: help, home, cancel, and run for any command typed as a line"
    : `${name[0]!.toUpperCase()}${name.slice(1)} commands`;
  return {
    type: ApplicationCommandType.ChatInput,
    name,
    description: clamp(description, LIMITS.commandDescription),
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: root ? [...options, runSubcommand()] : options,
  };
}

function runSubcommand(): Subcommand {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: RUN_SUBCOMMAND,
    description: "Run any command as a line of text, as in Slack: numbers search GB type:mobile-lvn",
    options: [{ type: ApplicationCommandOptionType.String, name: "command", description: "The command line", required: true }],
  };
}
