// The registry as one application command, `/switchboard <group> <action>`, with typed
// options derived from each command's zod schema (argInfo), and the way back from an
// interaction's options to dispatcher input. Whatever does not fit Discord's limits stays
// reachable through `/switchboard run`, which takes a command line as in Slack.
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandSubcommandOption,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType } from "discord.js";
import type { AnyArgs, CommandDefinition } from "../../src/core/commands/definition.ts";
import { argInfo, formFieldFor, type ArgInfo } from "../../src/core/commands/arg-fields.ts";
import type { DispatchInput } from "../../src/core/commands/dispatcher.ts";
import { LIMITS, clamp } from "./discord-limits.ts";
import { fitToBudget } from "./discord-command-budget.ts";

export const ROOT_COMMAND = "switchboard";
export const RUN_SUBCOMMAND = "run";

/** One Discord option and the core argument it carries. */
export interface OptionRoute {
  name: string;
  arg: string;
  list: boolean;
  /** Enum values Discord's choices cannot carry (more than 25, or a list): offered by autocomplete. */
  choices?: string[];
}

export interface CommandRoute {
  path: string;
  options: OptionRoute[];
}

export interface CommandTable {
  json: RESTPostAPIChatInputApplicationCommandsJSONBody;
  /** "group sub" or "sub" → the command it runs. */
  routes: Map<string, CommandRoute>;
  /** Commands left out of the typed tree; `/switchboard run` still runs them. */
  overflow: string[];
}

export type ResolvedCommand =
  | { kind: "dispatch"; input: DispatchInput }
  | { kind: "autocomplete"; path: string; route?: OptionRoute; query: string }
  | { kind: "unknown"; name: string };

const optionName = (arg: string) => arg.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
const validName = (name: string) => /^[-_\p{L}\p{N}]{1,32}$/u.test(name) && name === name.toLowerCase();

export function buildCommandTable(definitions: CommandDefinition<AnyArgs>[]): CommandTable {
  const overflow: string[] = [];
  const routes = new Map<string, CommandRoute>();
  const root: APIApplicationCommandSubcommandOption[] = [];
  const groups = new Map<string, APIApplicationCommandSubcommandOption[]>();
  const groupWords = new Set(definitions.filter((d) => d.path.includes(" ")).map((d) => d.path.split(" ")[0]!));

  for (const definition of definitions) {
    const [first, ...rest] = definition.path.split(" ");
    const sub = rest.length ? rest.join("-") : first!;
    const key = rest.length ? `${first} ${sub}` : sub;
    // "billing methods add" and "billing methods-add" would both be methods-add.
    const clash = routes.has(key) || (rest.length === 0 && (groupWords.has(first!) || first === RUN_SUBCOMMAND));
    if (!validName(first!) || !validName(sub) || clash) {
      overflow.push(definition.path);
      continue;
    }
    const { option, route } = subcommand(definition, sub);
    if (rest.length === 0) root.push(option);
    else groups.set(first!, [...(groups.get(first!) ?? []), option]);
    routes.set(key, route);
  }

  // One level holds 25 entries: single-word commands first, then groups, then `run`.
  const top: (APIApplicationCommandSubcommandOption | ReturnType<typeof group>)[] = [...root];
  for (const [name, subs] of groups) top.push(group(name, subs.slice(0, LIMITS.commandOptions)));
  for (const [name, subs] of groups) for (const s of subs.slice(LIMITS.commandOptions)) drop(`${name} ${s.name}`);
  for (const extra of top.splice(LIMITS.commandOptions - 1)) {
    if (extra.type === ApplicationCommandOptionType.Subcommand) drop(extra.name);
    else for (const s of extra.options ?? []) drop(`${extra.name} ${s.name}`);
  }
  top.push(runSubcommand());
  function drop(key: string) {
    const route = routes.get(key);
    if (route) overflow.push(route.path);
    routes.delete(key);
  }

  const json: RESTPostAPIChatInputApplicationCommandsJSONBody = {
    type: ApplicationCommandType.ChatInput,
    name: ROOT_COMMAND,
    description: "Run your Vonage account: numbers, users, payments and alerts",
    contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
    options: top,
  };
  for (const key of fitToBudget(json, LIMITS.commandTotal, RUN_SUBCOMMAND)) drop(key);
  return { json, routes, overflow };
}

function group(name: string, options: APIApplicationCommandSubcommandOption[]) {
  return {
    type: ApplicationCommandOptionType.SubcommandGroup as const,
    name,
    description: clamp(`${name[0]!.toUpperCase()}${name.slice(1)} commands`, LIMITS.commandDescription),
    options,
  };
}

function runSubcommand(): APIApplicationCommandSubcommandOption {
  return {
    type: ApplicationCommandOptionType.Subcommand,
    name: RUN_SUBCOMMAND,
    description: "Run any command as a line of text, as in Slack: numbers search GB type:mobile-lvn",
    options: [{ type: ApplicationCommandOptionType.String, name: "command", description: "The command line", required: true }],
  };
}

function subcommand(definition: CommandDefinition<AnyArgs>, name: string) {
  // Secrets are never slash options (the invocation can show in the channel): the form asks.
  const infos = argInfo(definition).filter(
    (info) => !definition.fields?.[info.name]?.sensitive && validName(optionName(info.name)) && !["account", "confirm"].includes(info.name),
  );
  // Discord wants required options first.
  infos.sort((a, b) => Number(b.required) - Number(a.required));
  const options = infos.map((info) => basicOption(definition, info));
  const routes: OptionRoute[] = infos.map((info) => ({
    name: optionName(info.name),
    arg: info.name,
    list: info.list,
    ...(info.choices && (info.choices.length > LIMITS.commandChoices || info.list) ? { choices: info.choices } : {}),
  }));
  if (definition.needsAccount) {
    options.push({
      type: ApplicationCommandOptionType.String,
      name: "account",
      description: "API key or company name, when this server uses several accounts",
    });
    routes.push({ name: "account", arg: "account", list: false });
  }
  const option: APIApplicationCommandSubcommandOption = {
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: clamp(definition.description, LIMITS.commandDescription),
    options: options.slice(0, LIMITS.commandOptions),
  };
  return { option, route: { path: definition.path, options: routes.slice(0, LIMITS.commandOptions) } };
}

function basicOption(definition: CommandDefinition<AnyArgs>, info: ArgInfo): APIApplicationCommandBasicOption {
  const hint = definition.fields?.[info.name] ?? {};
  const described = hint.hint ?? formFieldFor(definition, info).label;
  const description = clamp(info.list ? `${described} (several: separate with commas)` : described, LIMITS.commandDescription);
  const name = optionName(info.name);
  const base = { name, description, required: info.required };
  if (info.kind === "number" && !info.list) return { ...base, type: ApplicationCommandOptionType.Number };
  const type = ApplicationCommandOptionType.String;
  if (info.choices && info.choices.length <= LIMITS.commandChoices && !info.list) {
    return { ...base, type, choices: info.choices.map((value) => ({ name: clamp(value, 100), value })) };
  }
  return hint.suggest || info.choices ? { ...base, type, autocomplete: true } : { ...base, type };
}

/** From an interaction's option tree to what the dispatcher runs (or what to suggest). */
export function resolveCommand(table: CommandTable, options: APIApplicationCommandInteractionDataOption[] = []): ResolvedCommand {
  let level = options;
  const names: string[] = [];
  for (;;) {
    const nested = level.find(
      (o) => o.type === ApplicationCommandOptionType.SubcommandGroup || o.type === ApplicationCommandOptionType.Subcommand,
    );
    if (!nested || !("options" in nested)) break;
    names.push(nested.name);
    level = (nested.options ?? []) as APIApplicationCommandInteractionDataOption[];
  }
  const key = names.join(" ");
  const values = level.filter((o): o is Extract<typeof o, { value: unknown }> => "value" in o);
  if (key === RUN_SUBCOMMAND) {
    const line = values.find((o) => o.name === "command")?.value;
    return { kind: "dispatch", input: { kind: "text", text: String(line ?? "") } };
  }
  const route = table.routes.get(key);
  if (!route) return { kind: "unknown", name: key };
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
