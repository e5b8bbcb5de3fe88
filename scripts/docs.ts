// npm run docs: regenerates the command reference in README.md from the registry.
import { readFileSync, writeFileSync } from "node:fs";
import { CommandRegistry } from "../src/core/commands/registry.ts";
import { allCommands } from "../src/commands/index.ts";
import { commandsReference, withReference } from "../src/docs/commands-reference.ts";

const readme = readFileSync("README.md", "utf8");
const updated = withReference(readme, commandsReference(new CommandRegistry(allCommands).all()));
writeFileSync("README.md", updated);
console.log(updated === readme ? "README.md is up to date." : "README.md: command reference regenerated.");
