import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { CommandRegistry } from "../../src/core/commands/registry.ts";
import { allCommands } from "../../src/commands/index.ts";
import { commandsReference, withReference } from "../../src/docs/commands-reference.ts";

describe("README.md", () => {
  const readme = readFileSync("README.md", "utf8");
  const registry = new CommandRegistry(allCommands);

  it("lists every command exactly as the registry defines it (npm run docs regenerates it)", () => {
    expect(withReference(readme, commandsReference(registry.all()))).toBe(readme);
  });

  it("shows the install, test and run commands a newcomer needs", () => {
    expect(readme).toContain("npm ci\nnpm test");
    expect(readme).toContain("npm start");
  });

  it("mentions every command group in the reference", () => {
    const groups = new Set(registry.all().map((d) => d.path.split(" ")[0]));
    for (const group of groups) expect(readme).toContain(`\`${group}`);
  });
});
