// The fetch the Slack clients use: a Web API 429 asking for longer than a reply is worth
// reaches the WebClient as Slack's "ratelimited" error (raised at once), a shorter one as it
// came (waited out), and anything that is not a Web API call untouched.
import { describe, expect, it } from "vitest";
import type { FetchFunction } from "@slack/web-api";
import { boundRateLimitWaits } from "../../adapters/slack/slack-rate-limits.ts";

const API = "https://slack.test/api/";
const limited = (seconds: string): FetchFunction => async () =>
  new Response(JSON.stringify({ ok: false, error: "ratelimited" }), { status: 429, headers: { "retry-after": seconds } });

describe("boundRateLimitWaits", () => {
  it("answers a Web API 429 asking for more than the limit as Slack's ratelimited error, keeping its Retry-After", async () => {
    const response = await boundRateLimitWaits(10_000, API, limited("600"))(`${API}chat.postEphemeral`);
    expect(response.status).toBe(200);
    expect(response.headers.get("retry-after")).toBe("600");
    expect(await response.json()).toEqual({ ok: false, error: "ratelimited" });
  });

  it("leaves a 429 within the limit to the WebClient, which waits it out", async () => {
    const response = await boundRateLimitWaits(10_000, API, limited("10"))(`${API}views.open`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("10");
  });

  it("leaves calls that are not Web API methods alone (a response_url, a file upload)", async () => {
    const response = await boundRateLimitWaits(10_000, API, limited("600"))("https://hooks.slack.test/actions/T1/1/abc");
    expect(response.status).toBe(429);
  });
});
