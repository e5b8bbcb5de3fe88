// Every command a user is told to type, in backticks in an error, hint, help text, example
// or the README, must be one the registry parses: a suggestion that fails with "has no
// option" teaches the user that the product is broken.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { CommandRegistry } from "../../src/core/commands/registry.ts";
import { allCommands } from "../../src/commands/index.ts";
import { parseArgs } from "../../src/core/commands/parse-args.ts";
import { tokenize } from "../../src/core/commands/tokenize.ts";

const registry = new CommandRegistry(allCommands);
const firstWords = new Set(registry.all().map((d) => d.path.split(" ")[0]!));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "generated" || name === "node_modules") return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

interface Span {
  where: string;
  code: string;
}

/** Code spans in the strings of a source file: `x` inside "..." and '...', \`x\` inside templates. */
function spansInSource(file: string): Span[] {
  const spans: Span[] = [];
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      const where = `${file}:${i + 1}`;
      for (const m of line.matchAll(/\\`([^`\\]+)\\`/g)) spans.push({ where, code: m[1]! });
      for (const literal of line.matchAll(/"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g)) {
        for (const m of (literal[1] ?? literal[2] ?? "").matchAll(/`([^`]+)`/g)) spans.push({ where, code: m[1]! });
      }
    });
  return spans;
}

/** Inline code spans of the README, outside fenced blocks. */
function spansInMarkdown(file: string): Span[] {
  const spans: Span[] = [];
  let fenced = false;
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      if (line.trimStart().startsWith("```")) fenced = !fenced;
      if (fenced) return;
      for (const m of line.replace(/\\\|/g, "|").matchAll(/`([^`]+)`/g)) spans.push({ where: `${file}:${i + 1}`, code: m[1]! });
    });
  return spans;
}

/** A usage line or a suggestion with placeholders, as a user would fill it in. */
function filledIn(code: string): string {
  return code
    .replace(/<[^>]*>/g, "x")
    .replace(/…|\.\.\./g, "x")
    .replace(/\[([^\]]*)\]/g, "$1")
    .replace(/(\S+?)\|\S+/g, "$1")
    .replace(/:(?=\s|$)/g, ":x");
}

/** Why `code` would not run, or undefined when it parses (or is not a command at all). */
function problem(code: string): string | undefined {
  let words: string[];
  try {
    words = tokenize(filledIn(code));
  } catch {
    return undefined;
  }
  if (!words.length || !firstWords.has(words[0]!.toLowerCase())) return undefined;
  const found = registry.match(words);
  if (!found) {
    if (words.length === 1) return undefined; // a group named on its own: `numbers`
    return `no command matches "${words.slice(0, 3).join(" ")}"`;
  }
  try {
    parseArgs(found.definition, words.slice(found.used));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe("commands suggested to users", () => {
  const spans = [
    ...[...sourceFiles("src"), ...sourceFiles("adapters")].flatMap(spansInSource),
    ...spansInMarkdown("README.md"),
    ...registry.all().flatMap((d) => (d.examples ?? []).map((code) => ({ where: `${d.path} example`, code }))),
  ];

  it("finds the suggestions it checks (errors, hints, help examples, README)", () => {
    const commands = spans.filter((s) => firstWords.has(tokenize(filledIn(s.code).replace(/["']/g, ""))[0]?.toLowerCase() ?? ""));
    expect(commands.length).toBeGreaterThan(100);
    expect(spans.some((s) => s.code.startsWith("account verify"))).toBe(true);
  });

  it("knows a broken suggestion when it sees one", () => {
    expect(problem("account profile phone:<another number>")).toContain('has no option "phone"');
    expect(problem("numbers rnet +447700900123")).toContain("no command matches");
    expect(problem("account profile update phone:<another number>")).toBeUndefined();
  });

  it("every backticked command parses against the registry", () => {
    const broken = spans.flatMap((s) => {
      const why = problem(s.code);
      return why ? [`${s.where}: \`${s.code}\`: ${why}`] : [];
    });
    expect(broken).toEqual([]);
  });
});
