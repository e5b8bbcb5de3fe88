// One layout for commands: a reader finds `billing methods add` at
// src/commands/billing/billing-methods-add.command.ts without searching, and a new command
// that lands elsewhere (or two commands sharing a file) fails here.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { allCommands } from "../../src/commands/index.ts";
import type { CommandDefinition } from "../../src/core/commands/definition.ts";

const COMMANDS_DIR = path.resolve("src/commands");

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : filesUnder(full);
    return [full];
  });
}

/** Groups whose word is also a command of its own (`usage`, beside `usage search`). */
function isGroup(word: string): boolean {
  return readdirSync(COMMANDS_DIR, { withFileTypes: true }).some((e) => e.isDirectory() && e.name === word);
}

/** Where the layout says a command's file is: a group's own one-word command lives in its folder. */
export function expectedFile(commandPath: string): string {
  const words = commandPath.split(" ");
  const name = `${words.join("-")}.command.ts`;
  return words.length === 1 && !isGroup(words[0]!) ? path.join(COMMANDS_DIR, name) : path.join(COMMANDS_DIR, words[0]!, name);
}

function isDefinition(value: unknown): value is CommandDefinition {
  return typeof value === "object" && value !== null && "path" in value && "handler" in value && "access" in value;
}

async function definitionsIn(file: string): Promise<CommandDefinition[]> {
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return Object.values(module).filter(isDefinition);
}

describe("command layout", () => {
  const commandFiles = filesUnder(path.resolve("src")).filter((f) => f.endsWith(".command.ts"));

  it("puts every registry path in the one file named by its path", async () => {
    const misplaced: string[] = [];
    for (const definition of allCommands) {
      const file = expectedFile(definition.path);
      const found = commandFiles.includes(file) ? await definitionsIn(file) : [];
      if (!found.includes(definition)) misplaced.push(`${definition.path} is not defined in ${path.relative(".", file)}`);
    }
    expect(misplaced).toEqual([]);
  });

  it("keeps one command per file, and no command file outside src/commands", async () => {
    const problems: string[] = [];
    for (const file of commandFiles) {
      const definitions = await definitionsIn(file);
      const where = path.relative(".", file);
      if (definitions.length !== 1) problems.push(`${where} exports ${definitions.length} commands`);
      else if (expectedFile(definitions[0]!.path) !== file) problems.push(`${where} holds ${definitions[0]!.path}`);
      if (!allCommands.includes(definitions[0]!)) problems.push(`${where} is not in the registry`);
    }
    expect(problems).toEqual([]);
  });

  it("gives every group one index.ts that lists exactly its folder's commands", async () => {
    const groups = readdirSync(COMMANDS_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(groups.length).toBeGreaterThan(5);
    for (const group of groups) {
      const index = (await import(pathToFileURL(path.join(COMMANDS_DIR, group, "index.ts")).href)) as Record<string, unknown>;
      const listed = Object.values(index).filter(Array.isArray).flat().filter(isDefinition);
      const inFolder = allCommands.filter((d) => d.path.split(" ")[0] === group);
      expect(listed.map((d) => d.path).sort(), group).toEqual(inFolder.map((d) => d.path).sort());
    }
    // A group's words never also name a one-word command file at the top.
    const topLevel = readdirSync(COMMANDS_DIR).filter((f) => f.endsWith(".command.ts")).map((f) => f.replace(".command.ts", ""));
    expect(topLevel.filter((name) => groups.includes(name))).toEqual([]);
  });

  it("maps paths to files as documented", () => {
    expect(path.relative(".", expectedFile("billing methods add"))).toBe(path.join("src", "commands", "billing", "billing-methods-add.command.ts"));
    expect(path.relative(".", expectedFile("help"))).toBe(path.join("src", "commands", "help.command.ts"));
    expect(readFileSync(expectedFile("numbers rent"), "utf8")).toContain('path: "numbers rent"');
    expect(path.relative(".", expectedFile("usage"))).toBe(path.join("src", "commands", "usage", "usage.command.ts"));
  });
});
