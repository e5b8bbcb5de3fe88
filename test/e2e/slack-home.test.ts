// Slack's App Home through the real Bolt receiver and WebClient against the fake Web API:
// opening the tab publishes it; after that, a change the user makes refreshes it in the
// background; a user who never opened it gets no publish; and a burst of changes while a
// refresh is in flight costs at most two publishes, the last showing the final state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSlackHarness, type SlackHarness } from "../helpers/slack-harness.ts";
import { eventCallback, slashCommand } from "../helpers/slack-requests.ts";
import type { HomeRefreshEvent } from "../../adapters/slack/slack-home.ts";
import { newId } from "../../src/core/ids.ts";
import { textOf } from "./slack-flow.ts";

let h: SlackHarness;
const refreshes: HomeRefreshEvent[] = [];

beforeAll(async () => {
  // A held publish must not time out while the test is still sending its burst.
  h = await startSlackHarness("http", {}, { apiTimeoutMs: 120_000, onHomeRefresh: (event) => refreshes.push(event) });
  const { db, directory } = h.app.services;
  const account = await db.account.findFirstOrThrow({ where: { apiKey: "abcd1234" }, select: { id: true } });
  const bea = await directory.ensurePerson("slack:T1:U2", "Bea");
  await db.member.create({ data: { id: newId("mem"), accountId: account.id, personId: bea, role: "secondary", permissions: ["payments"] } });
});
afterAll(() => h?.close());

const publishesTo = (userId: string) => h.fake.callsTo("views.publish").filter((c) => c.args.user_id === userId);

/** Waits until the user's refreshes have settled (a run ended with nothing waiting) after the `from`-th one. */
const settled = (userId: string, from: number) =>
  h.fake.waitFor(() => refreshes.slice(from).find((r) => r.userId === userId && r.idle), 60_000);

/** Sends a slash command as `userId` and returns its final answer (in the ack, or through response_url after "Working on it…"). */
async function run(text: string, userId: string): Promise<string> {
  const fields = slashCommand(text, h.fake.responseUrl(), { user_id: userId });
  const ack = await h.transport.command(fields);
  expect(ack.status).toBe(200);
  if (!/Working on it/.test(textOf(ack.body))) return textOf(ack.body);
  const id = fields.response_url!.split("/").pop();
  return textOf((await h.fake.waitFor(() => h.fake.responses.find((r) => r.id === id))).body);
}

const openHome = (userId: string) =>
  h.transport.event(eventCallback({ type: "app_home_opened", user: userId, channel: `D${userId}`, tab: "home", event_ts: "1700000000.1" }));

describe("Slack App Home", () => {
  it("does not publish Home after a change for a user who never opened it", async () => {
    const from = refreshes.length;
    expect(await run("test charge 1 confirm:yes", "U2")).toContain("Charged €1.");
    expect(await settled("U2", from)).toMatchObject({ outcome: "not-opened" });
    expect(publishesTo("U2")).toHaveLength(0);
  });

  it("publishes Home when the tab is opened, and refreshes it after each later change", async () => {
    const from = refreshes.length;
    expect((await openHome("U1")).status).toBe(200);
    expect(await settled("U1", from)).toMatchObject({ outcome: "published" });
    const opened = publishesTo("U1");
    expect(opened).toHaveLength(1);
    expect(opened[0]!.args.view).toMatchObject({ type: "home" });
    expect(textOf(opened[0]!.args.view)).toContain("Acme (abcd1234)");

    const beforeChange = refreshes.length;
    expect(await run("account profile update company:Renamed", "U1")).toContain("Profile updated");
    expect(await settled("U1", beforeChange)).toMatchObject({ outcome: "published" });
    const refreshed = publishesTo("U1");
    expect(refreshed).toHaveLength(2);
    expect(textOf(refreshed[1]!.args.view)).toContain("Renamed (abcd1234)");
  });

  it("publishes at most twice for ten changes made while a publish is in flight, the last with the final state", async () => {
    const from = refreshes.length;
    const before = publishesTo("U1").length;
    // Slack answers no publish until the burst is over, so the first refresh stays in flight.
    const release = h.fake.holdAnswersUntilReleased("views.publish");
    try {
      for (let i = 1; i <= 10; i++) expect(await run(`account profile update company:Burst${i}`, "U1")).toContain("Profile updated");
    } finally {
      release();
    }
    await settled("U1", from);
    // The refresh in flight when the burst began, and one for all the changes after it.
    const burst = publishesTo("U1").slice(before);
    expect(burst).toHaveLength(2);
    expect(textOf(burst.at(-1)!.args.view)).toContain("Burst10 (abcd1234)");
  });
});
