// Two kinds of failure. A UserError is the user's to fix: it has a stable code and a
// sentence that says what to do. Anything else is ours: logged with the request id, and
// the user sees a short message carrying that id.

import { redactCardNumbers } from "./card-numbers.ts";
import type { ErrorCode } from "./error-codes.ts";

export class UserError extends Error {
  constructor(
    /** A stable identifier from the catalogue in error-codes.ts, which says what it means. */
    readonly code: ErrorCode,
    message: string,
    readonly details: { hint?: string; field?: string; usage?: string } = {},
  ) {
    super(message);
    this.name = "UserError";
  }
}

export const isUserError = (error: unknown): error is UserError => error instanceof UserError;

export function notFound(what: string, hint?: string): UserError {
  return new UserError("not_found", `${what} was not found.`, { hint });
}

/** SDK and driver errors may carry request headers: log only what is safe. */
export function safeError(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error) {
    return { name: error.name, message: redactCardNumbers(error.message.slice(0, 500)), stack: error.stack && redactCardNumbers(error.stack.split("\n").slice(0, 6).join("\n")) };
  }
  return { name: "NonError", message: redactCardNumbers(String(error).slice(0, 200)) };
}
