// Issue 13's findings 1, 2, 3 and 7, each reproduced as it was reported: one unauthenticated
// request must not end the process, a validly signed but malformed body is a 4xx, bodies are
// limited while they stream, and a Slack signature dated in the future is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFrontDoor, discordHeaders, healthy, nowSeconds, rawRequest, slackHeaders, strayErrors, type FrontDoor } from "../helpers/front-door.ts";
import { slashCommand } from "../helpers/slack-requests.ts";
import { slash } from "../helpers/discord/interactions.ts";

let door: FrontDoor;
beforeAll(async () => {
  door = await startFrontDoor();
}, 180_000);
afterAll(() => door?.close());

const FORM = "application/x-www-form-urlencoded";
const post = (path: string, body: string | Buffer, headers: Record<string, string>) =>
  fetch(`${door.baseUrl}${path}`, { method: "POST", body, headers });

describe("finding 1: a request line no URL parser accepts", () => {
  for (const line of ["GET // HTTP/1.1", "GET http://[ HTTP/1.1", "GET http://x:99999/ HTTP/1.1", "GET http://[::1 HTTP/1.1"]) {
    it(`answers ${line} with a 4xx and keeps serving`, async () => {
      let status = 0;
      const stray = await strayErrors(async () => {
        status = (await rawRequest(door.port, `${line}\r\nHost: x\r\nConnection: close\r\n\r\n`)).status;
      });
      expect(stray).toEqual([]);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(await healthy(door.baseUrl)).toBe(200);
    });
  }
});

describe("finding 2: validly signed but malformed Slack bodies", () => {
  const cases: [string, string, string][] = [
    ["a JSON body null", "null", "application/json"],
    ["a form body payload=null", "payload=null", FORM],
    ["block_actions with actions: null", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", team: { id: "T1" }, user: { id: "U1" }, actions: null }))}`, FORM],
    ["view_submission without view", `payload=${encodeURIComponent(JSON.stringify({ type: "view_submission", team: { id: "T1" }, user: { id: "U1" } }))}`, FORM],
  ];
  for (const [name, body, type] of cases) {
    it(`answers ${name} with 400, nothing escaping`, async () => {
      let status = 0;
      const stray = await strayErrors(async () => {
        status = (await post("/slack/events", body, slackHeaders(body, type))).status;
      });
      expect(stray).toEqual([]);
      expect(status).toBe(400);
      expect(await healthy(door.baseUrl)).toBe(200);
    });
  }
});

describe("finding 2: validly signed but malformed Discord bodies", () => {
  const unknownType = JSON.stringify({ id: "1", application_id: "1", type: 99, token: "t", version: 1 });
  const noData = JSON.stringify((({ data: _data, ...rest }) => rest)(slash(["help"]) as Record<string, unknown>));
  for (const [name, body] of [["invalid JSON", "{"], ["null", "null"], ["[]", "[]"], ["an unknown interaction type", unknownType], ["a command without data", noData]]) {
    it(`answers ${name} with 400`, async () => {
      let status = 0;
      const stray = await strayErrors(async () => {
        status = (await post("/discord/interactions", body!, discordHeaders(door.discordKey, body!))).status;
      });
      expect(stray).toEqual([]);
      expect(status).toBe(400);
    });
  }
});

describe("finding 3: bodies are limited while they stream", () => {
  it("answers 413 to a payment form over its limit", async () => {
    const body = `token=x&name=${"a".repeat(30_000)}`;
    expect((await post("/billing/pay", body, { "content-type": FORM })).status).toBe(413);
  });

  it("answers 5 MB to the Discord endpoint with a bad signature without reading it: 401 or 413", async () => {
    const body = Buffer.alloc(5_000_000, "a");
    const status = (await post("/discord/interactions", body, { "content-type": "application/json", "x-signature-ed25519": "00".repeat(64), "x-signature-timestamp": String(nowSeconds()) })).status;
    expect([401, 413]).toContain(status);
    const unsigned = (await post("/discord/interactions", body, { "content-type": "application/json" })).status;
    expect(unsigned).toBe(401);
  });

  it("answers 413 to a 900 KB signed slash command", async () => {
    const body = new URLSearchParams(slashCommand(`help ${"x".repeat(900_000)}`, "http://127.0.0.1:9/r")).toString();
    expect((await post("/slack/events", body, slackHeaders(body, FORM))).status).toBe(413);
    expect(await healthy(door.baseUrl)).toBe(200);
  });
});

describe("finding 7: Slack signatures dated in the future", () => {
  it("refuses a request signed 6 minutes ahead and takes one 4 minutes ahead", async () => {
    const body = new URLSearchParams(slashCommand("help", door.slack.fake.responseUrl())).toString();
    expect((await post("/slack/events", body, slackHeaders(body, FORM, nowSeconds() + 6 * 60))).status).toBe(401);
    expect((await post("/slack/events", body, slackHeaders(body, FORM, nowSeconds() + 4 * 60))).status).toBe(200);
  });
});
