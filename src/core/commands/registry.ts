import type { AnyArgs, CommandDefinition } from "./definition.ts";
import { closestNames } from "./suggest.ts";

export class CommandRegistry {
  private readonly byPath = new Map<string, CommandDefinition>();

  constructor(definitions: CommandDefinition<AnyArgs>[] = []) {
    for (const definition of definitions) this.add(definition);
  }

  add(definition: CommandDefinition<AnyArgs>): void {
    // Later words may start with a digit ("shortcodes 2fa"); Discord subcommand names allow it.
    if (!/^[a-z][a-z0-9-]*( [a-z0-9][a-z0-9-]*){0,2}$/.test(definition.path)) {
      throw new Error(`Command path "${definition.path}" must be one to three lower-case words, the first starting with a letter`);
    }
    if (this.byPath.has(definition.path)) throw new Error(`Command "${definition.path}" is defined twice`);
    this.byPath.set(definition.path, definition);
  }

  get(path: string): CommandDefinition | undefined {
    return this.byPath.get(path);
  }

  all(): CommandDefinition[] {
    return [...this.byPath.values()].sort((a, b) => a.path.localeCompare(b.path));
  }

  /** The longest command path that starts the token list, and how many tokens it used. */
  match(tokens: string[]): { definition: CommandDefinition; used: number } | undefined {
    for (let used = Math.min(3, tokens.length); used > 0; used--) {
      const definition = this.byPath.get(tokens.slice(0, used).join(" ").toLowerCase());
      if (definition) return { definition, used };
    }
    return undefined;
  }

  /** Commands under a group word ("numbers" → numbers search, numbers rent, ...). */
  group(prefix: string): CommandDefinition[] {
    return this.all().filter((d) => d.path.startsWith(prefix + " "));
  }

  suggest(input: string): string[] {
    return closestNames(input.toLowerCase(), [...this.byPath.keys()]);
  }
}
