// The registry as Discord application commands: typed options from the zod schemas, within
// Discord's limits however large the registry grows, and the way back to dispatcher input.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand, type AnyArgs, type CommandDefinition } from "../../src/core/commands/definition.ts";
import { say } from "../../src/core/view.ts";
import { allCommands } from "../../src/commands/index.ts";
import { buildCommandTable, type CommandTable } from "../../adapters/discord/discord-commands.ts";
import { resolveCommand } from "../../adapters/discord/discord-command-routing.ts";
import { commandSetProblems } from "../helpers/discord/discord-rules.ts";
import { commandData } from "../helpers/discord/interactions.ts";

const command = (path: string, args: AnyArgs = z.object({}), { needsAccount = false, ...extra }: Partial<Omit<CommandDefinition, "handler" | "confirm">> = {}) =>
  defineCommand({ path, description: `Does ${path}`, args, access: "member", sideEffect: "read", needsAccount, handler: async () => say("ok"), ...extra } as CommandDefinition);

const search = command(
  "numbers search",
  z.object({
    country: z.string(),
    type: z.enum(["landline", "mobile-lvn", "toll-free"]).optional(),
    maxPrice: z.coerce.number().optional(),
    features: z.array(z.enum(["SMS", "VOICE", "MMS"])).optional(),
  }),
  { needsAccount: true, fields: { country: { suggest: "countries", hint: "Two-letter country code" } } },
);
const link = command("account link", z.object({ apiKey: z.string(), apiSecret: z.string() }), { fields: { apiSecret: { sensitive: true } } });
const addCard = command("billing methods add", z.object({ note: z.string().optional(), amount: z.string() }));

/** The option at `/<command> <names...>` in the table's commands. */
const sub = (table: CommandTable, command: string, ...names: string[]) => {
  let found: { name: string; options?: unknown[] } | undefined = table.commands.find((c) => c.name === command) as never;
  for (const name of names) found = (found?.options as { name: string }[] | undefined)?.find((o) => o.name === name);
  return found as { name: string; description: string; options?: Record<string, unknown>[] } | undefined;
};
const names = (table: CommandTable) => table.commands.map((c) => c.name);
const pathsOf = (table: CommandTable) => [...table.routes.values()].map((r) => r.path);

describe("discord application commands", () => {
  it("generates valid commands from the real registry: one per group, none left out, each routing back to itself", () => {
    const table = buildCommandTable(allCommands);
    expect(commandSetProblems(table.commands)).toEqual([]);
    expect(table.overflow).toEqual([]);
    expect(pathsOf(table).sort()).toEqual(allCommands.map((d) => d.path).sort());
    const groups = new Set(allCommands.filter((d) => d.path.includes(" ")).map((d) => d.path.split(" ")[0]));
    expect(names(table)).toEqual(["switchboard", ...groups]);
    expect(names(table)).toEqual(expect.arrayContaining(["account", "billing", "numbers", "users", "alerts", "subaccounts", "vonage"]));
    expect(sub(table, "switchboard")!.options!.map((o) => o.name)).toEqual(["help", "cancel", "home", "usage", "run"]);
    expect(sub(table, "switchboard", "help")?.options?.map((o) => o.name)).toEqual(["topic"]);
    expect(sub(table, "numbers", "search")).toBeDefined();
    expect(sub(table, "billing", "methods-add")).toBeDefined();
    expect(sub(table, "account", "profile-update")).toBeDefined();
    for (const definition of allCommands) {
      const resolved = resolveCommand(table, commandData(definition.path.split(" "), []));
      expect(resolved).toEqual({ kind: "dispatch", input: { kind: "command", command: definition.path, args: {} } });
    }
  });

  it("makes each group word a command and each action a subcommand, required options first, with choices and autocomplete", () => {
    const table = buildCommandTable([search, link, addCard]);
    expect(commandSetProblems(table.commands)).toEqual([]);
    expect(names(table)).toEqual(["switchboard", "numbers", "account", "billing"]);
    const options = sub(table, "numbers", "search")!.options!;
    expect(options.map((o) => [o.name, o.required])).toEqual([
      ["country", true],
      ["type", false],
      ["max-price", false],
      ["features", false],
      ["account", undefined],
    ]);
    expect(options[0]).toMatchObject({ type: 3, autocomplete: true, description: "Two-letter country code" });
    expect(options[1]!.choices).toEqual([
      { name: "landline", value: "landline" },
      { name: "mobile-lvn", value: "mobile-lvn" },
      { name: "toll-free", value: "toll-free" },
    ]);
    expect(options[2]).toMatchObject({ type: 10 });
    expect(sub(table, "billing", "methods-add")).toMatchObject({ type: 1, description: "Does billing methods add" });
    expect(sub(table, "billing", "methods-add")!.options!.map((o) => o.name)).toEqual(["amount", "note"]);
  });

  it("never makes a secret a slash option: the form asks for it privately", () => {
    const table = buildCommandTable([link]);
    expect(sub(table, "account", "link")!.options!.map((o) => o.name)).toEqual(["api-key"]);
  });

  it("keeps single words and run under /switchboard, and leaves out a path that would take another's Discord name", () => {
    const table = buildCommandTable([addCard, command("billing methods-add"), command("billing"), command("run"), command("switchboard run")]);
    expect(commandSetProblems(table.commands)).toEqual([]);
    expect(table.overflow).toEqual(["billing methods-add", "run", "switchboard run"]);
    expect(table.routes.get("billing methods-add")?.path).toBe("billing methods add");
    // `/switchboard billing` is its own command's subcommand: no clash with `/billing`.
    expect(table.routes.get("switchboard billing")?.path).toBe("billing");
    expect(sub(table, "switchboard")!.options!.map((o) => o.name)).toEqual(["billing", "run"]);
  });

  it("offers more than 25 enum values by autocomplete instead of choices", () => {
    const many = z.enum(Array.from({ length: 30 }, (_, i) => `plan-${i}`) as [string, ...string[]]);
    const table = buildCommandTable([command("plans pick", z.object({ plan: many }))]);
    expect(commandSetProblems(table.commands)).toEqual([]);
    expect(sub(table, "plans", "pick")!.options![0]).toMatchObject({ autocomplete: true });
    expect(table.routes.get("plans pick")!.options[0]!.choices).toHaveLength(30);
  });

  it("keeps 25 subcommands a command (24 and run under /switchboard), the rest reachable through run", () => {
    const defs = Array.from({ length: 30 }, (_, i) => command(`wide action${i}`));
    defs.push(...Array.from({ length: 30 }, (_, i) => command(`single${i}`)));
    defs.push(...Array.from({ length: 30 }, (_, i) => command(`group${i} act`)));
    const table = buildCommandTable(defs);
    expect(commandSetProblems(table.commands)).toEqual([]);
    expect(sub(table, "wide")!.options).toHaveLength(25);
    expect(sub(table, "switchboard")!.options).toHaveLength(25);
    expect(sub(table, "switchboard", "run")).toBeDefined();
    expect(sub(table, "group29", "act")).toBeDefined();
    expect(table.overflow).toEqual([...["24", "25", "26", "27", "28", "29"].map((i) => `single${i}`), ...["25", "26", "27", "28", "29"].map((i) => `wide action${i}`)]);
    expect(table.routes.size + table.overflow.length).toBe(defs.length);
  });

  it("keeps within Discord's 100 commands an application, the rest reachable through run", () => {
    const defs = Array.from({ length: 105 }, (_, i) => command(`group${i} act`));
    const table = buildCommandTable(defs);
    expect(commandSetProblems(table.commands)).toEqual([]);
    expect(table.commands).toHaveLength(100);
    expect(table.overflow).toEqual(["group99 act", "group100 act", "group101 act", "group102 act", "group103 act", "group104 act"]);
  });

  it("fits each command into Discord's 4,000 characters, shortening descriptions first, then leaving out its last actions", () => {
    const long = "A description that goes on and on about what this command does, with examples and caveats.";
    const group = (name: string, n: number, fields = 2) =>
      Array.from({ length: n }, (_, a) => {
        const names = Array.from({ length: fields }, (_, f) => `field${f}`);
        const args = z.object(Object.fromEntries(names.map((f) => [f, z.string().optional()])));
        const hints = Object.fromEntries(names.map((f) => [f, { hint: long }]));
        return command(`${name} action${a}`, args, { description: long, fields: hints });
      });
    const small = buildCommandTable(group("small", 4));
    expect(sub(small, "small", "action0")!.description).toBe(long);

    const medium = buildCommandTable(group("medium", 14));
    expect(commandSetProblems(medium.commands)).toEqual([]);
    expect(medium.overflow).toEqual([]);
    expect(sub(medium, "medium", "action0")!.options![0]!.description).not.toBe(long);

    // Budgets are per command: a big group is trimmed, its neighbours keep their text.
    const large = [...group("large", 25, 10), ...group("small", 4)];
    const table = buildCommandTable(large);
    expect(commandSetProblems(table.commands)).toEqual([]);
    expect(table.overflow.length).toBeGreaterThan(0);
    expect(table.overflow.every((path) => path.startsWith("large "))).toBe(true);
    expect(sub(table, "small", "action0")!.description).toBe(long);
    expect(table.routes.size + table.overflow.length).toBe(large.length);
  });

  it("routes options back to the command's own argument names, splitting lists", () => {
    const table = buildCommandTable([search, addCard]);
    const options = [
      { type: 3, name: "country", value: "GB" },
      { type: 10, name: "max-price", value: 1.5 },
      { type: 3, name: "features", value: "SMS, VOICE" },
    ];
    const resolved = resolveCommand(table, { name: "numbers", options: [{ type: 1, name: "search", options }] });
    expect(resolved).toEqual({
      kind: "dispatch",
      input: { kind: "command", command: "numbers search", args: { country: "GB", maxPrice: "1.5", features: ["SMS", "VOICE"] } },
    });
    const card = resolveCommand(table, { name: "billing", options: [{ type: 1, name: "methods-add", options: [{ type: 3, name: "amount", value: "10" }] }] });
    expect(card).toEqual({ kind: "dispatch", input: { kind: "command", command: "billing methods add", args: { amount: "10" } } });
  });

  it("recognises the option being typed for autocomplete, run as a command line, and a subcommand it no longer has", () => {
    const table = buildCommandTable([search]);
    const focused = resolveCommand(table, {
      name: "numbers",
      options: [{ type: 1, name: "search", options: [{ type: 3, name: "country", value: "ger", focused: true }] }],
    });
    expect(focused).toMatchObject({ kind: "autocomplete", path: "numbers search", route: { arg: "country" }, query: "ger" });
    const run = resolveCommand(table, { name: "switchboard", options: [{ type: 1, name: "run", options: [{ type: 3, name: "command", value: "numbers search GB" }] }] });
    expect(run).toEqual({ kind: "dispatch", input: { kind: "text", text: "numbers search GB" } });
    // `/numbers run` is not `/switchboard run`.
    expect(resolveCommand(table, { name: "numbers", options: [{ type: 1, name: "run", options: [] }] })).toEqual({ kind: "unknown", name: "numbers run" });
    expect(resolveCommand(table, { name: "switchboard", options: [{ type: 1, name: "gone", options: [] }] })).toEqual({ kind: "unknown", name: "gone" });
  });
});
