// One definition per command drives every surface: the text grammar and help, Slack's
// slash command and modals, Discord's application commands, the console and manifest.yml.
import type { z } from "zod";
import type { Decimal } from "../money.ts";
import type { AccountCommandContext, CommandContext } from "./context.ts";
import type { FieldKind, FormField, Reply } from "../view.ts";
import type { Capability } from "../../providers/capabilities.ts";

export type SideEffect = "read" | "write" | "spend" | "destroy";

/** What a spend command is about to spend, declared by the command for the guardrails. */
export interface SpendIntent {
  kind: "topup" | "rent";
  /** EUR. */
  amount: Decimal;
  /** "a top-up of €600.00 from Visa •••• 4242": what an approver is asked about. */
  summary: string;
}

/** Rights a secondary user may be given; the primary user has them all. */
export const PERMISSIONS = ["numbers", "payments", "users", "api-keys", "alerts"] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Who may run a command:
 * - "anyone": no account needed (help, sign-up, accepting an invite);
 * - "member": any user of the account;
 * - a Permission: a member holding it (or the primary user);
 * - "primary": the primary user only.
 */
export type Access = "anyone" | "member" | "primary" | Permission;

export interface FieldHint {
  label?: string;
  kind?: FieldKind;
  placeholder?: string;
  hint?: string;
  suggest?: FormField["suggest"];
  /** Never echoed, logged or audited (API secrets, PINs). */
  sensitive?: boolean;
}

export interface ConfirmSummary {
  title: string;
  /** What will happen, including the cost. */
  text: string;
  confirmLabel: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyArgs = z.ZodObject<any>;

interface DefinitionBase<S extends AnyArgs> {
  /** Space-separated words: "numbers search". */
  path: string;
  description: string;
  examples?: string[];
  args: S;
  /** Argument names that may be given without a key, in order. */
  positional?: (keyof z.input<S> & string)[];
  /** The last positional argument takes the rest of the line ("sms send <to> <text...>"). */
  restPositional?: boolean;
  fields?: Partial<Record<keyof z.input<S> & string, FieldHint>>;
  access: Access;
  sideEffect: SideEffect;
  /**
   * The reply carries a secret or a one-time link. The dispatcher keeps replies of
   * mutations so that a retry gets the same answer; such a reply is not kept, and a retry
   * is told the request already ran instead.
   */
  secretReply?: boolean;
  /** Form title when arguments are missing (defaults to the description). */
  formTitle?: string;
}

/**
 * A command that acts on an account (resolved from account:, the channel or the
 * workspace): the dispatcher resolves it and checks access before the handler runs, so
 * the handler and the confirmation receive `ctx.account`.
 */
export interface AccountCommandDefinition<S extends AnyArgs = AnyArgs> extends DefinitionBase<S> {
  needsAccount: true;
  /**
   * For spend: what the command is about to spend, so the account's guardrails (daily
   * top-ups, rents an hour, approval above a limit) are applied before the handler runs.
   */
  spend?: (ctx: AccountCommandContext, args: z.output<S>) => Promise<SpendIntent>;
  /**
   * What the account's provider must be able to do (a sandbox-only or Vonage-only
   * capability). Checked by the dispatcher right after access; an account without it is
   * told what to do instead, and the handler never runs.
   */
  requires?: Capability;
  /** For spend and destroy: what the confirmation says. */
  confirm?: (ctx: AccountCommandContext, args: z.output<S>) => Promise<ConfirmSummary>;
  handler: (ctx: AccountCommandContext, args: z.output<S>) => Promise<Reply>;
}

/** A command that runs without an account (help, sign-up, accepting an invite). */
export interface OpenCommandDefinition<S extends AnyArgs = AnyArgs> extends DefinitionBase<S> {
  needsAccount: false;
  /** For spend and destroy: what the confirmation says. */
  confirm?: (ctx: CommandContext, args: z.output<S>) => Promise<ConfirmSummary>;
  handler: (ctx: CommandContext, args: z.output<S>) => Promise<Reply>;
}

export type CommandDefinition<S extends AnyArgs = AnyArgs> = AccountCommandDefinition<S> | OpenCommandDefinition<S>;

export function defineCommand<S extends AnyArgs>(definition: CommandDefinition<S>): CommandDefinition<S> {
  if (definition.sideEffect === "spend" || definition.sideEffect === "destroy") {
    if (!definition.confirm) throw new Error(`${definition.path}: spend and destroy commands must describe their confirmation`);
  }
  return definition;
}
