// The registry as Discord application commands: typed options from the zod schemas, within
// Discord's limits however large the registry grows, and the way back to dispatcher input.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineCommand, type AnyArgs, type CommandDefinition } from "../../src/core/commands/definition.ts";
import { say } from "../../src/core/view.ts";
import { allCommands } from "../../src/commands/index.ts";
import { buildCommandTable, resolveCommand } from "../../adapters/discord/discord-commands.ts";
import { commandProblems } from "../helpers/discord/discord-rules.ts";
import { commandOptions } from "../helpers/discord/interactions.ts";

const command = (path: string, args: AnyArgs = z.object({}), extra: Partial<CommandDefinition> = {}) =>
  defineCommand({ path, description: `Does ${path}`, args, access: "member", sideEffect: "read", needsAccount: false, handler: async () => say("ok"), ...extra }) as CommandDefinition;

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

const sub = (json: ReturnType<typeof buildCommandTable>["json"], ...names: string[]) => {
  let level: { name: string; options?: unknown[] }[] = json.options as never;
  let found: { name: string; options?: unknown[] } | undefined;
  for (const name of names) {
    found = level.find((o) => o.name === name);
    level = (found?.options ?? []) as never;
  }
  return found as { name: string; description: string; options?: Record<string, unknown>[] } | undefined;
};

describe("discord application commands", () => {
  it("generates valid commands from the real registry", () => {
    const table = buildCommandTable(allCommands);
    expect(commandProblems(table.json)).toEqual([]);
    expect(table.json.name).toBe("switchboard");
    expect(sub(table.json, "help")?.options?.map((o) => o.name)).toEqual(["topic"]);
    expect(sub(table.json, "home")).toBeDefined();
    expect(table.overflow).toEqual([]);
    for (const definition of allCommands) {
      const words = definition.path.split(" ");
      const resolved = resolveCommand(table, commandOptions(words, []));
      expect(resolved).toEqual({ kind: "dispatch", input: { kind: "command", command: definition.path, args: {} } });
    }
  });

  it("puts groups and actions in two levels, required options first, with choices and autocomplete", () => {
    const table = buildCommandTable([search, link, addCard]);
    expect(commandProblems(table.json)).toEqual([]);
    const options = sub(table.json, "numbers", "search")!.options!;
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
    expect(sub(table.json, "billing", "methods-add")!.options!.map((o) => o.name)).toEqual(["amount", "note"]);
  });

  it("never makes a secret a slash option: the form asks for it privately", () => {
    const table = buildCommandTable([link]);
    expect(sub(table.json, "account", "link")!.options!.map((o) => o.name)).toEqual(["api-key"]);
  });

  it("leaves out a path that would take another's Discord name, and a single word that names a group", () => {
    const table = buildCommandTable([addCard, command("billing methods-add"), command("billing"), command("run")]);
    expect(commandProblems(table.json)).toEqual([]);
    expect(table.overflow).toEqual(["billing methods-add", "billing", "run"]);
    expect(table.routes.get("billing methods-add")?.path).toBe("billing methods add");
  });

  it("offers more than 25 enum values by autocomplete instead of choices", () => {
    const many = z.enum(Array.from({ length: 30 }, (_, i) => `plan-${i}`) as [string, ...string[]]);
    const table = buildCommandTable([command("plans pick", z.object({ plan: many }))]);
    expect(commandProblems(table.json)).toEqual([]);
    expect(sub(table.json, "plans", "pick")!.options![0]).toMatchObject({ autocomplete: true });
    expect(table.routes.get("plans pick")!.options[0]!.choices).toHaveLength(30);
  });

  it("keeps 25 entries a level, the rest reachable through run", () => {
    const defs = Array.from({ length: 30 }, (_, i) => command(`group${i} act`));
    defs.push(...Array.from({ length: 30 }, (_, i) => command(`wide action${i}`)));
    const table = buildCommandTable(defs);
    expect(commandProblems(table.json)).toEqual([]);
    expect(table.json.options).toHaveLength(25);
    expect(sub(table.json, "run")).toBeDefined();
    expect(table.routes.size + table.overflow.length).toBe(defs.length);
    expect(table.overflow).toContain("wide action29");
  });

  it("fits a large registry into Discord's 4,000 characters a command, shortening descriptions first", () => {
    const long = "A description that goes on and on about what this command does, with examples and caveats.";
    const registry = (n: number) =>
      Array.from({ length: n }, (_, g) =>
        Array.from({ length: n }, (_, a) =>
          command(`group${g} action${a}`, z.object({ first: z.string(), second: z.string().optional() }), {
            description: long,
            fields: { first: { hint: long }, second: { hint: long } },
          }),
        ),
      ).flat();
    const small = buildCommandTable(registry(2));
    expect(sub(small.json, "group0", "action0")!.description).toBe(long);

    const medium = buildCommandTable(registry(6));
    expect(commandProblems(medium.json)).toEqual([]);
    expect(medium.overflow).toEqual([]);
    expect(sub(medium.json, "group0", "action0")!.options![0]!.description).not.toBe(long);

    const large = registry(8);
    const table = buildCommandTable(large);
    expect(commandProblems(table.json)).toEqual([]);
    expect(table.overflow.length).toBeGreaterThan(0);
    expect(table.routes.size + table.overflow.length).toBe(large.length);
  });

  it("routes options back to the command's own argument names, splitting lists", () => {
    const table = buildCommandTable([search]);
    const resolved = resolveCommand(table, [
      {
        type: 2,
        name: "numbers",
        options: [
          {
            type: 1,
            name: "search",
            options: [
              { type: 3, name: "country", value: "GB" },
              { type: 10, name: "max-price", value: 1.5 },
              { type: 3, name: "features", value: "SMS, VOICE" },
            ],
          },
        ],
      },
    ]);
    expect(resolved).toEqual({
      kind: "dispatch",
      input: { kind: "command", command: "numbers search", args: { country: "GB", maxPrice: "1.5", features: ["SMS", "VOICE"] } },
    });
  });

  it("recognises the option being typed for autocomplete, and run as a command line", () => {
    const table = buildCommandTable([search]);
    const focused = resolveCommand(table, [
      { type: 2, name: "numbers", options: [{ type: 1, name: "search", options: [{ type: 3, name: "country", value: "ger", focused: true }] }] },
    ]);
    expect(focused).toMatchObject({ kind: "autocomplete", path: "numbers search", route: { arg: "country" }, query: "ger" });
    const run = resolveCommand(table, [{ type: 1, name: "run", options: [{ type: 3, name: "command", value: "numbers search GB" }] }]);
    expect(run).toEqual({ kind: "dispatch", input: { kind: "text", text: "numbers search GB" } });
  });
});
