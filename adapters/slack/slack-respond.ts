// POSTs to a response_url with the patience a reply deserves. Bolt's own respond() makes one
// attempt with no time limit (and the WebClient's retry settings do not reach it), so a 429,
// a 500 or a Slack that never answers would lose the reply or hold it for ever. Here: a
// bounded number of retries, honouring Retry-After when Slack gives one (up to a ceiling;
// past it the reply goes another way at once), a time limit on every attempt, and no retry
// of what cannot succeed later (404: the response_url expired or was used up).
import type { RespondArguments } from "@slack/bolt";

export interface RespondPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Each attempt's time limit. */
  timeoutMs: number;
  /** Wait before the first retry without Retry-After; doubled for each one after. */
  baseDelayMs: number;
  /** A longer Retry-After than this is not waited for: the reply goes another way. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RESPOND_POLICY: RespondPolicy = { retries: 2, timeoutMs: 5_000, baseDelayMs: 250, maxRetryAfterMs: 10_000 };

export class ResponseUrlError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
    this.name = "ResponseUrlError";
  }
}

export type Respond = (message: RespondArguments) => Promise<void>;

export function reliableRespond(responseUrl: string, policy: RespondPolicy, fetchFn: typeof fetch = globalThis.fetch): Respond {
  return async (message) => {
    const body = JSON.stringify(message);
    let last = "";
    let status: number | undefined;
    for (let attempt = 0; attempt <= policy.retries; attempt++) {
      let wait = policy.baseDelayMs * 2 ** attempt;
      try {
        const response = await fetchFn(responseUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body,
          signal: AbortSignal.timeout(policy.timeoutMs),
        });
        await response.body?.cancel().catch(() => {});
        if (response.ok) return;
        status = response.status;
        last = `Slack answered HTTP ${response.status}`;
        if (response.status === 429) {
          const seconds = Number.parseInt(response.headers.get("retry-after") ?? "", 10);
          if (Number.isFinite(seconds)) {
            if (seconds * 1000 > policy.maxRetryAfterMs) break;
            wait = seconds * 1000;
          }
        } else if (response.status < 500 && response.status !== 408) {
          break;
        }
      } catch (error) {
        status = undefined;
        last = error instanceof Error && error.name === "TimeoutError" ? `Slack did not answer within ${policy.timeoutMs} ms` : "Slack could not be reached";
      }
      if (attempt < policy.retries) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    throw new ResponseUrlError(`Answering through response_url failed: ${last}`, status);
  };
}
