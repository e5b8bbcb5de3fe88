// What a chat surface may use of Switchboard, and no more: run a command line, a click or
// a form submission through the one dispatcher, ask it for suggestions, read the command
// definitions a surface is generated from, keep a little state of its own, and log. The
// composition root (adapters/app.ts) builds it from the core's services; no chat adapter
// sees those. vercel/chat's ChatInstance and StateAdapter have the same shape.
import type { Clock } from "../../src/core/clock.ts";
import type { Invocation } from "../../src/core/commands/context.ts";
import type { CommandDefinition } from "../../src/core/commands/definition.ts";
import type { DispatchInput, DispatchResult } from "../../src/core/commands/dispatcher.ts";
import type { Action, SelectOption } from "../../src/core/view.ts";
import type { Logger } from "../../src/platform/logger.ts";

export interface ChatHost {
  /** Parses, checks, validates and runs; every failure comes back as a reply. */
  dispatch(invocation: Invocation, input: DispatchInput): Promise<DispatchResult>;
  /** Typeahead for one argument of a command, as the requester may see it. */
  suggest(invocation: Invocation, command: string, argName: string, query: string): Promise<SelectOption[]>;
  /** The command definitions, read-only: Discord's application commands are built from them. */
  commands: CommandCatalogue;
  /** Stores an action for a button the surface adds itself; the reference goes in its id. */
  saveAction(action: Action): Promise<string>;
  /** The surface's own state (such as what it last registered with its platform). */
  state: StateStore;
  clock: Clock;
  log: Logger;
}

/** The part of the host a surface that only runs commands needs (the console). */
export type CommandRunner = Pick<ChatHost, "dispatch">;

export interface CommandCatalogue {
  all(): readonly CommandDefinition[];
  get(path: string): CommandDefinition | undefined;
}

/** A small key-value store shared by every instance; values are JSON. */
export interface StateStore {
  get<T>(key: string): Promise<T | undefined>;
  /** With `ttlMs` the key reads as absent once that long has passed (setting it again renews it). */
  set(key: string, value: unknown, options?: { ttlMs?: number }): Promise<void>;
  delete(key: string): Promise<void>;
}
