import { z } from "zod";
import { defineCommand, type CommandDefinition } from "../core/commands/definition.ts";
import { usageOf } from "../core/commands/arg-fields.ts";
import { UserError } from "../core/errors.ts";
import { code, fields, header, reply, text } from "../core/view.ts";
import type { Block } from "../core/view.ts";

const EFFECT_NOTE = {
  read: "Reads only.",
  write: "Changes settings.",
  spend: "Spends money: asks for confirmation first (or give confirm:yes).",
  destroy: "Destroys something: asks for confirmation first (or give confirm:yes).",
} as const;

export const helpCommand = defineCommand({
  path: "help",
  description: "List the commands, or show how to use one",
  examples: ["help", "help numbers", "help numbers rent"],
  args: z.object({ topic: z.string().optional() }),
  positional: ["topic"],
  restPositional: true,
  access: "anyone",
  sideEffect: "read",
  needsAccount: false,
  async handler(ctx, { topic }) {
    const { registry } = ctx.services;
    if (!topic) return reply(overview(registry.all()));
    const words = topic.trim().toLowerCase().split(/\s+/);
    const match = registry.match(words);
    if (match && match.used === words.length) return reply(detail(match.definition));
    const group = registry.group(words[0]!);
    if (group.length > 0) return reply([header(`${words[0]} commands`), ...list(group)]);
    const suggestions = registry.suggest(topic);
    throw new UserError("unknown_command", `There is no command "${topic}".`, {
      hint: suggestions.length ? `Did you mean: ${suggestions.join(", ")}?` : "Type `help` for the list.",
    });
  },
});

type Def = CommandDefinition;

function overview(all: Def[]): Block[] {
  return [
    header("Switchboard commands"),
    text("Run your Vonage account from chat. Every command takes `account:<api key>` when this workspace uses several accounts."),
    ...list(all),
    text("`help <command>` shows its arguments and examples. Anything a form asks can also be given as `key:value`.", "muted"),
  ];
}

function list(definitions: Def[]): Block[] {
  return [fields(definitions.map((d) => ({ label: d.path, value: d.description })))];
}

function detail(definition: CommandDefinition): Block[] {
  const blocks: Block[] = [header(definition.path), text(definition.description), code(`Usage: ${usageOf(definition)}`)];
  if (definition.examples?.length) blocks.push(text(`Examples:\n${definition.examples.map((e) => `  ${e}`).join("\n")}`));
  const access =
    definition.access === "anyone"
      ? "Anyone."
      : definition.access === "member"
        ? "Any user of the account."
        : definition.access === "primary"
          ? "The primary user."
          : `Users with the "${definition.access}" permission.`;
  blocks.push(fields({ "Who can run it": access, Effect: EFFECT_NOTE[definition.sideEffect] }));
  return blocks;
}
