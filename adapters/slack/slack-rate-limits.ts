// Slack's 429s, bounded. Told to wait, @slack/web-api's WebClient waits out the Retry-After
// whatever it says, with every other call of that client paused meanwhile, and then retries
// (so a Retry-After of 600 held a reply, and every reply behind it on that token, for ten
// minutes or more). Its only other choice, rejectRateLimitedCalls, refuses even a 1-second
// wait. This fetch sits between the two: a 429 asking for at most `maxWaitMs` reaches the
// client as it came (waited out, retried); a longer one reaches it as Slack's own
// "ratelimited" error (HTTP 200, ok: false, the Retry-After header kept), which the client
// raises at once, without a retry, with the wait in `data.response_metadata.retryAfter`.
// The reply then goes its next way (slack-reply-sender.ts) and a channel post is left to
// the outbox, which schedules its next attempt after the Retry-After (slack-delivery-errors.ts).
import type { FetchFunction } from "@slack/web-api";

/** As long as an answer is worth waiting for: response_url's own limit (slack-respond.ts). */
export const MAX_RATE_LIMIT_WAIT_MS = 10_000;

/**
 * Web API method calls (URLs under `apiBase`) only: a response_url or a file upload URL is
 * not answered in the Web API's shape, and Bolt sends its own response_url POSTs through the
 * same fetch.
 */
export function boundRateLimitWaits(maxWaitMs: number, apiBase = "https://slack.com/api/", base: FetchFunction = globalThis.fetch as FetchFunction): FetchFunction {
  return async (url, init) => {
    const response = await base(url, init);
    if (response.status !== 429 || !String(url).startsWith(apiBase)) return response;
    const retryAfter = response.headers.get("retry-after");
    const seconds = Number.parseInt(retryAfter ?? "", 10);
    if (Number.isNaN(seconds) || seconds * 1000 <= maxWaitMs) return response;
    await response.arrayBuffer().catch(() => undefined); // the connection is reused only once its body is read
    return new Response(JSON.stringify({ ok: false, error: "ratelimited" }), {
      status: 200,
      headers: { "content-type": "application/json; charset=utf-8", "retry-after": String(seconds) },
    });
  };
}
