// Slack over HTTP: signed requests into the real Bolt receiver mounted on Switchboard's
// one HTTP server, the real WebClient talking to the fake Web API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness, type SlackHarness } from "../helpers/slack-harness.ts";
import { httpTransport, slashCommand, sign } from "../helpers/slack-requests.ts";
import { defineSlackFlow } from "./slack-flow.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness("http");
});
afterAll(() => h?.close());

describe("Slack over HTTP", () => {
  it("reports Slack as connected", async () => {
    const health = (await (await fetch(`${h.baseUrl}/healthz`)).json()) as { surfaces: Record<string, boolean> };
    expect(health.surfaces.slack).toBe(true);
    expect(h.app.services.posters.platforms()).toEqual(["slack"]);
  });

  defineSlackFlow(() => h);

  it("refuses a bad signature and a stale timestamp with 401, running nothing", async () => {
    const before = h.charges();
    const body = new URLSearchParams(slashCommand("test charge 1 confirm:yes", h.fake.responseUrl())).toString();
    const forged = await httpTransport(h.baseUrl, "not-the-secret").post(body, "application/x-www-form-urlencoded");
    expect(forged.status).toBe(401);

    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const old = await fetch(`${h.baseUrl}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(stale), "x-slack-signature": sign("test-signing-secret", stale, body) },
      body,
    });
    expect(old.status).toBe(401);
    expect(h.charges()).toBe(before);
  });

  it("answers Slack's URL verification challenge", async () => {
    const answer = await httpTransport(h.baseUrl, "test-signing-secret").event({ type: "url_verification", challenge: "xyz", token: "t" });
    expect(answer.body).toEqual({ challenge: "xyz" });
  });
});
