// Slack failing while Switchboard answers (issue 17): the fake Web API and the response_url
// answer 429 with Retry-After, 500 (once, or always) or never, for the three ways a reply
// goes out: a POST to response_url (a button's answer), chat.postEphemeral (a modal's
// answer in the channel) and views.open (a form). Signed HTTP requests into the real Bolt
// receiver; the real WebClient with Switchboard's own retry policy, shortened.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness, type SlackHarness } from "../helpers/slack-harness.ts";
import { RESPONSE_URL } from "../helpers/slack-fake-api.ts";
import { buttonClick, slashCommand, viewSubmission } from "../helpers/slack-requests.ts";
import { buttonsIn, textOf } from "./slack-flow.ts";

type Json = Record<string, unknown>;

// A timed-out attempt is retried; the limit is long enough that a loaded machine does not
// time out an answered call (which would show the answer twice), short enough for a test.
const TIMEOUT_MS = 3_000;
const RATE_LIMITED = { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };
const SERVER_ERROR = { status: 500, headers: { "content-type": "text/plain" }, body: "Internal Server Error" };

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness("http", {}, {
    retryConfig: { retries: 2, factor: 1, minTimeout: 20, maxTimeout: 20 },
    apiTimeoutMs: TIMEOUT_MS,
    respond: { retries: 2, timeoutMs: TIMEOUT_MS, baseDelayMs: 20 },
  });
});
afterEach(() => {
  for (const target of [RESPONSE_URL, "chat.postEphemeral", "chat.postMessage", "views.open"]) h.fake.heal(target);
});
afterAll(() => h?.close());

const idOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);
const attemptsAt = (url: string) => h.fake.responseAttempts.filter((id) => id === idOf(url)).length;
const answersAt = (url: string) => h.fake.responses.filter((r) => r.id === idOf(url));

/** Asks for a €5 charge and clicks Pay: the answer goes through the click's response_url. */
async function chargeByClick(): Promise<{ url: string; charged: number }> {
  const before = h.charges();
  const asked = await h.transport.command(slashCommand("test charge 5", h.fake.responseUrl()));
  const [pay] = buttonsIn(asked.body.blocks);
  const url = h.fake.responseUrl();
  const clicked = await h.transport.interactive(buttonClick(pay!.action_id, pay!.value, url));
  expect(clicked.status).toBe(200);
  return { url, charged: before };
}

describe("answers through response_url while Slack fails", () => {
  for (const [name, fault] of [
    ["429 with Retry-After: 1", RATE_LIMITED],
    ["500", SERVER_ERROR],
    ["no answer (a timeout)", "hang"],
  ] as const) {
    it(`retries after ${name} once, and the answer arrives once; charged once`, async () => {
      h.fake.fail(RESPONSE_URL, fault);
      const { url, charged } = await chargeByClick();
      const [answer] = await h.fake.waitFor(() => answersAt(url).length > 0 && answersAt(url));
      expect(textOf(answer!.body.blocks)).toContain("Charged €5.");
      expect(answer!.body).toMatchObject({ replace_original: true });
      expect(attemptsAt(url)).toBe(2);
      expect(answersAt(url)).toHaveLength(1);
      expect(h.charges() - charged).toBe(1);
      expect(h.fake.callsTo("chat.postEphemeral").filter((c) => textOf(c.args.blocks).includes("Charged"))).toHaveLength(0);
    });
  }

  it("after 500 on every attempt, answers in the channel instead: once, charged once", async () => {
    h.fake.failAlways(RESPONSE_URL, SERVER_ERROR);
    const before = h.fake.callsTo("chat.postEphemeral").length;
    const { url, charged } = await chargeByClick();
    const posted = await h.fake.waitFor(() => h.fake.callsTo("chat.postEphemeral").slice(before).find((c) => textOf(c.args.blocks).includes("Charged €5.")));
    expect(posted.args).toMatchObject({ channel: "C1", user: "U1" });
    expect(attemptsAt(url)).toBe(3);
    expect(answersAt(url)).toHaveLength(0);
    expect(h.fake.callsTo("chat.postEphemeral").slice(before)).toHaveLength(1);
    expect(h.charges() - charged).toBe(1);
  });
});

describe("answers in the channel (chat.postEphemeral) while Slack fails", () => {
  /** Opens the rent form and submits FR: the modal closes and the answer goes to the channel. */
  async function rentThroughModal(): Promise<void> {
    const command = slashCommand("test rent", h.fake.responseUrl());
    await h.transport.command(command);
    const opened = await h.fake.waitFor(() => h.fake.callsTo("views.open").find((c) => c.args.trigger_id === command.trigger_id && c.args.view));
    const view = opened.args.view as { blocks: Json[]; private_metadata: string; title: Json; callback_id: string };
    const submitted = await h.transport.interactive(viewSubmission(view, { "f:country": { v: { type: "external_select", selected_option: { value: "FR", text: { type: "plain_text", text: "France" } } } } }));
    expect(submitted.status).toBe(200);
  }
  const rented = (from: number) => h.fake.callsTo("chat.postEphemeral").slice(from).filter((c) => textOf(c.args.blocks).includes("Rented a number in FR."));

  for (const [name, fault] of [
    ["429 with Retry-After: 1", RATE_LIMITED],
    ["500", SERVER_ERROR],
    ["no answer (a timeout)", "hang"],
  ] as const) {
    it(`retries after ${name} once, and the answer is posted once`, async () => {
      const before = h.fake.callsTo("chat.postEphemeral").length;
      h.fake.fail("chat.postEphemeral", fault);
      await rentThroughModal();
      await h.fake.waitFor(() => rented(before).length === 2);
      // Both calls carried the answer; the first one failed (or was never read), the second was answered.
      expect(h.fake.callsTo("chat.postEphemeral").slice(before)).toHaveLength(2);
      expect(h.fake.callsTo("chat.postMessage").filter((c) => textOf(c.args.blocks).includes("Rented a number in FR."))).toHaveLength(0);
    });
  }

  it("does not wait out a 429 asking for 10 minutes: one call, then the answer by direct message at once", async () => {
    const before = h.fake.callsTo("chat.postEphemeral").length;
    const dmBefore = h.fake.callsTo("chat.postMessage").length;
    h.fake.fail("chat.postEphemeral", { ...RATE_LIMITED, headers: { "retry-after": "600" } });
    await rentThroughModal();
    // The WebClient on its own waits the 600 s out (every call on its token paused), then retries.
    const direct = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").slice(dmBefore).find((c) => textOf(c.args.blocks).includes("Rented a number in FR.")));
    expect(direct.args.channel).toBe("D1");
    expect(rented(before)).toHaveLength(1);
    expect(h.fake.callsTo("chat.postMessage").slice(dmBefore)).toHaveLength(1);
  });

  it("after 500 on every attempt, answers in a direct message instead, once", async () => {
    const before = h.fake.callsTo("chat.postEphemeral").length;
    const dmBefore = h.fake.callsTo("chat.postMessage").length;
    h.fake.failAlways("chat.postEphemeral", SERVER_ERROR);
    await rentThroughModal();
    const direct = await h.fake.waitFor(() => h.fake.callsTo("chat.postMessage").slice(dmBefore).find((c) => textOf(c.args.blocks).includes("Rented a number in FR.")));
    expect(direct.args.channel).toBe("D1");
    expect(rented(before)).toHaveLength(3);
    expect(h.fake.callsTo("chat.postMessage").slice(dmBefore)).toHaveLength(1);
  });
});

describe("opens a form (views.open) while Slack fails", () => {
  const openedFor = (trigger: string | undefined) => h.fake.callsTo("views.open").filter((c) => c.args.trigger_id === trigger);

  for (const [name, fault] of [
    ["429 with Retry-After: 1", RATE_LIMITED],
    ["500", SERVER_ERROR],
    ["no answer (a timeout)", "hang"],
  ] as const) {
    it(`retries after ${name} once, and the form opens once`, async () => {
      h.fake.fail("views.open", fault);
      const url = h.fake.responseUrl();
      const command = slashCommand("test rent", url);
      const acked = await h.transport.command(command);
      expect(acked.status).toBe(200);
      await h.fake.waitFor(() => openedFor(command.trigger_id).length === 2);
      expect(answersAt(url)).toHaveLength(0);
    });
  }

  it("after 500 on every attempt, says plainly that Slack did not open the form, once", async () => {
    h.fake.failAlways("views.open", SERVER_ERROR);
    const url = h.fake.responseUrl();
    const command = slashCommand("test rent", url);
    await h.transport.command(command);
    const [told] = await h.fake.waitFor(() => answersAt(url).length > 0 && answersAt(url));
    expect(textOf(told!.body.blocks)).toContain("Slack did not open the");
    expect(textOf(told!.body.blocks)).toContain("country:");
    expect(openedFor(command.trigger_id)).toHaveLength(3);
    expect(answersAt(url)).toHaveLength(1);
  });
});
