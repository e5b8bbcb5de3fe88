// One registry command as one Discord subcommand: typed options derived from its zod
// schema (argInfo), and the route that maps those options back to its argument names.
import type { APIApplicationCommandBasicOption, APIApplicationCommandSubcommandOption } from "discord.js";
import { ApplicationCommandOptionType } from "discord.js";
import type { AnyArgs, CommandDefinition } from "../../src/core/commands/definition.ts";
import { argInfo, formFieldFor, type ArgInfo } from "../../src/core/commands/arg-fields.ts";
import { LIMITS, clamp } from "./discord-limits.ts";

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

export const optionName = (arg: string) => arg.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
export const validName = (name: string) => /^[-_\p{L}\p{N}]{1,32}$/u.test(name) && name === name.toLowerCase();

export function subcommand(definition: CommandDefinition<AnyArgs>, name: string) {
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
  const route: CommandRoute = { path: definition.path, options: routes.slice(0, LIMITS.commandOptions) };
  return { option, route };
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
