// Slack over Socket Mode: the same conversation as over HTTP, delivered as envelopes by a
// local WebSocket server that the real Socket Mode client connects to (no public URL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness, type SlackHarness } from "../helpers/slack-harness.ts";
import { defineSlackFlow } from "./slack-flow.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness("socket");
});
afterAll(() => h?.close());

describe("Slack over Socket Mode", () => {
  it("connects with the app token and serves no Slack route over HTTP", async () => {
    expect(h.socket?.connections).toBe(1);
    expect(h.fake.callsTo("apps.connections.open")[0]?.token).toBe("xapp-test");
    const health = (await (await fetch(`${h.baseUrl}/healthz`)).json()) as { surfaces: Record<string, boolean> };
    expect(health.surfaces.slack).toBe(true);
    expect((await fetch(`${h.baseUrl}/slack/events`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  defineSlackFlow(() => h);
});
