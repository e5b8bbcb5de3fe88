// A chart on Slack, end to end: messages sent with `sms send`, then `usage` and `billing
// balance` run as slash commands into the real Bolt receiver, the real WebClient uploading
// each reply's PNG with files.uploadV2 to the local fake Web API: files.getUploadURLExternal
// (name, length, alt text within Slack's 1,000 characters), the bytes to the upload URL,
// files.completeUploadExternal into the requester's direct messages (the replies are
// private). The bytes decode to an 800×400 chart; the reply's blocks stay within Block Kit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness, type SlackHarness } from "../helpers/slack-harness.ts";
import { slashCommand } from "../helpers/slack-requests.ts";
import { blockKitProblems } from "../helpers/slack-block-rules.ts";
import { expectChartPng } from "../helpers/png.ts";
import { Decimal } from "../../src/core/money.ts";
import { textOf } from "./slack-flow.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness("http");
  const { id } = await h.app.services.db.account.findFirstOrThrow({ where: { apiKey: "abcd1234" }, select: { id: true } });
  await h.app.services.ledger.post({ accountId: id, kind: "payment", amount: new Decimal("20.00"), description: "Test top-up", ref: "payment:slack-chart", at: new Date() });
  await h.app.services.accounts.recordSuccessfulPayment(id);
}, 120_000);
afterAll(() => h?.close());

/** Runs a slash command and returns what reached the response_url (the reply's blocks). */
async function run(text: string): Promise<Record<string, unknown>> {
  const url = h.fake.responseUrl();
  const acked = await h.transport.command(slashCommand(text, url));
  expect(acked.status).toBe(200);
  // The ack carries the answer when it was quick, else the response_url does.
  if (acked.body?.blocks && !textOf(acked.body).includes("Working on it")) return acked.body;
  return (await h.fake.waitFor(() => h.fake.responses.find((r) => url.endsWith(`/respond/${r.id}`)), 60_000)).body;
}

/** The upload of a file whose name matches, from the URL request to the completion. */
async function uploaded(name: RegExp) {
  const id = await h.fake.waitFor(() => [...h.fake.uploadRequests].find(([fid, r]) => name.test(r.filename) && h.fake.uploads.has(fid))?.[0], 60_000);
  const done = await h.fake.waitFor(() => h.fake.callsTo("files.completeUploadExternal").find((c) => (c.args.files as { id: string }[]).some((f) => f.id === id)), 60_000);
  return { request: h.fake.uploadRequests.get(id)!, bytes: h.fake.uploads.get(id)!.bytes, done };
}

describe("a chart on Slack", () => {
  it("uploads the usage chart with files.uploadV2 to the requester's direct messages", async () => {
    for (const to of ["+447700900101", "+447700900102", "+4915112345678"]) expect(textOf(await run(`sms send ${to} Hello from Slack`))).toContain("Cost");

    const reply = await run("usage");
    expect(blockKitProblems(reply.blocks as never)).toEqual([]);
    expect(textOf(reply.blocks)).toContain("Usage of Acme");
    expect(textOf(reply.blocks)).toMatch(/usage-abcd1234-[\d_-]+\.png was sent to you in a direct message/);

    const { request, bytes, done } = await uploaded(/^usage-abcd1234-.*\.png$/);
    expect(request.length).toBe(bytes.length);
    expectChartPng(bytes);
    expect(request.altText).toMatch(/^Spend of Acme, the last 7 days: spend per day$/);
    // Under the name @slack/web-api's files.uploadV2 sends it (adapters/slack/slack-file-uploads.ts says why).
    expect(request.altTextField).toBe("alt_text");
    expect(done.args.channel_id).toBe("D1");
    expect(done.args.files).toEqual([{ id: expect.any(String), title: "Spend of Acme, the last 7 days" }]);
  });

  it("uploads the balance chart with its runway in the alt text", async () => {
    const reply = await run("billing balance");
    expect(blockKitProblems(reply.blocks as never)).toEqual([]);
    expect(textOf(reply.blocks)).toContain("Balance of Acme");

    const { request, bytes, done } = await uploaded(/^balance-abcd1234-\d{4}-\d\d-\d\d\.png$/);
    expect(request.length).toBe(bytes.length);
    expectChartPng(bytes);
    expect(request.altText).toMatch(/^Balance of Acme, last 30 days: /);
    expect(request.altText!.length).toBeLessThanOrEqual(1000);
    expect(done.args.channel_id).toBe("D1");
  });
});
