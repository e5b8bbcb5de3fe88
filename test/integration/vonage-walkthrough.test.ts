// The walk-through on a real-Vonage account, through the same commands as the
// sandbox: link, search and rent a number, set its webhook, see the balance, and get a
// low-balance alert in a channel. The official SDK talks to the local fake Vonage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Decimal } from "../../src/core/money.ts";
import { createVonageTestApp, type VonageTestApp } from "../helpers/vonage.ts";
import { localServer, type LocalServer } from "../helpers/webhook-servers.ts";
import { RecordingPoster } from "../helpers/recording-poster.ts";
import { JobRunner } from "../../src/jobs/job-runner.ts";
import { balanceCheckJob } from "../../src/alerts/balance-check.job.ts";
import type { FakeAccount } from "../fakes/vonage-fake-state.ts";

let t: VonageTestApp;
let webhook: LocalServer;
let fakeAccount: FakeAccount;
const poster = new RecordingPoster("slack");
const vic = { actor: "slack:T9:U1", actorName: "Vic", workspace: "slack:T9", channel: "slack:T9:C1" };

beforeAll(async () => {
  t = await createVonageTestApp();
  webhook = await localServer("ok");
  t.app.services.posters.register(poster);
  fakeAccount = t.fake.addAccount({ apiKey: "f00dcafe", secret: "Secr3tValue9", balance: "12.00", autoReload: false });
  t.fake.addNumbers(
    { msisdn: "447700977001", country: "GB", type: "mobile-lvn", features: ["SMS", "VOICE"], cost: "1.10" },
    { msisdn: "447700900001", country: "GB", type: "mobile-lvn", features: ["SMS"], cost: "1.25" },
  );
});
afterAll(async () => {
  await webhook.close();
  await t.close();
});

const buttonRef = (result: Awaited<ReturnType<VonageTestApp["app"]["run"]>>, startsWith: string) => {
  for (const block of result.reply.message?.blocks ?? []) {
    if (block.type === "buttons") for (const b of block.buttons) if (b.label.startsWith(startsWith)) return b.ref!;
  }
  throw new Error(`no "${startsWith}" button in: ${result.text}`);
};

describe("a linked Vonage account, driven like a sandbox one", () => {
  it("links, then searches GB numbers containing 77 and rents one after confirmation", async () => {
    expect((await t.app.run("account link key:f00dcafe secret:Secr3tValue9", vic)).outcome).toBe("ok");
    const search = await t.app.run("numbers search GB type:mobile-lvn pattern:77", vic);
    expect(search.text).toContain("+447700977001");

    const confirmation = await t.app.dispatch({ kind: "action", ref: buttonRef(search, "Rent +447700977001") }, vic);
    expect(confirmation.text).toContain("€1.10");
    const rented = await t.app.dispatch({ kind: "action", ref: buttonRef(confirmation, "Rent for") }, vic);
    expect(rented.text).toContain("Rented +447700977001");
    expect(fakeAccount.owned.has("447700977001")).toBe(true);
    expect(fakeAccount.balance.toFixed(2)).toBe("10.90");
  });

  it("sets the number's SMS webhook after checking it is live, and lists it", async () => {
    const configured = await t.app.run(`numbers configure +447700977001 sms:${webhook.url}`, vic);
    expect(configured.outcome).toBe("ok");
    expect(webhook.hits).toBeGreaterThan(0);
    expect(fakeAccount.owned.get("447700977001")?.moHttpUrl).toBe(webhook.url);
    const list = await t.app.run("numbers list", vic);
    expect(list.text).toContain("+447700977001");
    expect(list.text).toContain("price billed by Vonage");
  });

  it("explains that a voice answer URL lives on a Vonage Application", async () => {
    const refused = await t.app.run(`numbers configure +447700977001 answer:${webhook.url}`, vic);
    expect(refused.text).toContain("voice answer URL belongs to an Application");
  });

  it("shows the balance Vonage reports and sends payments to the dashboard", async () => {
    const balance = await t.app.run("billing balance", vic);
    expect(balance.text).toContain("Balance: €10.90");
    const methods = await t.app.run("billing methods add", vic);
    expect(methods.text).toContain("Vonage's API cannot add or remove payment methods");
    expect((await t.app.run("billing topup 20 confirm:yes", vic)).text).toContain("vonage topup");
  });

  it("posts a low-balance alert into the channel from the balance Vonage reports", async () => {
    expect((await t.app.run("alerts balance 8 level:warning", vic)).outcome).toBe("ok");
    fakeAccount.balance = new Decimal("5.00");
    const slot = JobRunner.slotOf(t.app.clock.now());
    const run = await t.app.services.jobs.runSlot(balanceCheckJob(t.app.services.alerts.balance, "0 * * * *"), slot);
    expect(run.state).toBe("ran");
    await t.app.services.outboxDispatcher.dispatchDue();
    const posted = poster.newPosts().find((p) => p.channel === "slack:T9:C1");
    expect(posted?.text).toContain("€5.00");
  });
});
