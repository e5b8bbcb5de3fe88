import type { Clock } from "../clock.ts";
import type { Logger } from "../../platform/logger.ts";
import type { Services } from "../../services.ts";
import type { AccountRecord, MemberRecord } from "../../accounts/directory.ts";

export type Surface = "console" | "slack" | "discord";

/** Where a request came from, in platform-neutral addresses. */
export interface Invocation {
  surface: Surface;
  /** slack:T123:U456, discord:G1:U2, console:local:operator */
  actor: string;
  actorName: string;
  /** slack:T123, discord:G1, console:local */
  workspace: string;
  /** slack:T123:C456, discord:G1:C2, console:local:console */
  channel: string;
  /** Set by the adapter from the platform's retry or interaction id. */
  idempotencyKey?: string;
  /** Whether the surface can ask for missing arguments with a form. */
  canShowForms: boolean;
  requestId?: string;
  /**
   * Sent by the surface itself to re-render a view after the user's own request (Slack's
   * App Home): a read only, not counted against the user's command limits (the request
   * that prompted it was).
   */
  refresh?: boolean;
}

/**
 * What a command may use: the domain's services and repositories. Not the database
 * (commands go through the service or repository that owns the data, which selects
 * explicitly), and not the plumbing the dispatcher and adapters run on.
 */
export type CommandServices = Omit<
  Services,
  "db" | "actions" | "idempotency" | "audit" | "suggestions" | "outboxDispatcher" | "statistics" | "log"
>;

export interface CommandContext {
  requestId: string;
  /**
   * Names the request across its retries (the idempotency key, scoped to the account),
   * when it has one. Money operations are keyed by it, not by `requestId`: a retry that
   * takes over from a run that died then charges once.
   */
  requestKey?: string;
  invocation: Invocation;
  services: CommandServices;
  /** The account's clock (sandbox accounts may run ahead), or the real one. */
  clock: Clock;
  log: Logger;
  account?: AccountRecord;
  member?: MemberRecord;
  /** The person behind the actor, when known. */
  personId?: string;
}

/**
 * What a command that declares `needsAccount: true` receives: the dispatcher has resolved
 * the account (from account:, the channel or the workspace) and checked access to it.
 */
export interface AccountCommandContext extends CommandContext {
  account: AccountRecord;
}
