// What every Slack listener shares: the core it calls, a budget for answering inside
// Slack's 3-second window, and a record of work that continues after the ack so that a
// shutdown can let it finish instead of cutting a purchase in half (both from the shared
// adapter kit in adapters/shared/).
import type { DispatchResult } from "../../src/core/commands/dispatcher.ts";
import type { Logger } from "../../src/platform/logger.ts";
import { newRequestId } from "../../src/core/ids.ts";
import { safeError } from "../../src/core/errors.ts";
import type { BackgroundWork } from "../shared/background-work.ts";
import type { ChatHost } from "../shared/chat-host.ts";
import type { SlackHome } from "./slack-home.ts";
import { reliableRespond, type Respond, type RespondPolicy } from "./slack-respond.ts";

export interface ListenerDeps {
  host: ChatHost;
  log: Logger;
  work: BackgroundWork;
  /** How long a listener waits for the core before acknowledging with "working on it". */
  ackBudgetMs: number;
  /** Retries and time limits for answers through response_url. */
  respondPolicy: RespondPolicy;
  /** The App Home tab: published when opened, refreshed in the background after a change. */
  home: Pick<SlackHome, "opened" | "changed">;
}

/** The request id the HTTP server or the Socket Mode envelope gave this request. */
export function requestIdOf(context: Record<string, unknown>): string {
  const id = context.switchboardRequestId;
  return typeof id === "string" && id !== "" ? id.slice(0, 64) : newRequestId();
}

/**
 * True when a command changed something, so the user's App Home may be out of date; a
 * confirmation, a form or a retry answered from the first run changed nothing.
 */
export function changedSomething(result: DispatchResult): boolean {
  return result.outcome === "ok" && result.wrote === true;
}

/** Adapter failures are logged with the request id and never with payloads (they hold tokens). */
export function logFailure(deps: ListenerDeps, requestId: string, what: string, error: unknown): void {
  deps.log.error({ requestId, err: safeError(error) }, `slack: ${what}`);
}

/** What the user sees when the adapter itself fails: short, with the id to quote. */
export const failureText = (requestId: string): string =>
  `:x: Something went wrong on our side; nothing more was done. Request id: ${requestId}.`;

/** Answers through the request's response_url, retried within bounds (see slack-respond.ts). */
export function responderFor(deps: ListenerDeps, responseUrl: string | undefined): Respond | undefined {
  return responseUrl ? reliableRespond(responseUrl, deps.respondPolicy) : undefined;
}
