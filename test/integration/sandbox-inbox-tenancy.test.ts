// Finding 4 of issue 13: `sandbox inbox` showed every message sent to a phone number, so
// adding another tenant's destination as a demo number let a workspace read its SMS and
// PINs. A reader now sees only what their own accounts sent or were sent, and the
// sign-up PINs they asked for themselves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";
import { createTestAccount } from "../helpers/accounts.ts";

let app: TestApp;
const PHONE = "+447700900777";
const inB = { workspace: "console:b", actor: "console:b:mallory", actorName: "Mallory", channel: "console:b:general" };
const strangerInA = { actor: "console:local:stranger", actorName: "Stranger" };
const pinIn = (text: string) => /PIN is (\d{4})/.exec(text)?.[1];

beforeAll(async () => {
  app = await createTestApp();
  await createTestAccount(app, { companyName: "Acme Ltd" });
  await createTestAccount(app, { companyName: "Mallory Co", workspace: inB.workspace, creator: inB.actor });
});
afterAll(() => app.close());

describe("sandbox inbox", () => {
  it("shows another tenant neither the SMS sent to a shared phone nor its PINs", async () => {
    await app.run(`demo numbers add ${PHONE}`);
    const pinA = pinIn((await app.run("sandbox inbox")).text);
    expect(pinA).toMatch(/^\d{4}$/);
    expect((await app.run(`demo numbers verify ${PHONE} ${pinA}`)).outcome).toBe("ok");
    expect((await app.run(`sms send ${PHONE} Acme secret launch code 7731`)).outcome).toBe("ok");

    // Workspace B adds the same phone, then reads its inbox.
    expect((await app.run(`demo numbers add ${PHONE}`, inB)).outcome).toBe("ok");
    const seenByB = (await app.run("sandbox inbox", inB)).text;
    expect(seenByB).not.toContain("7731");
    expect(seenByB).not.toContain(pinA);
    expect(seenByB.match(/PIN is/g)).toHaveLength(1); // its own PIN only

    const seenByA = (await app.run("sandbox inbox")).text;
    expect(seenByA).toContain("Acme secret launch code 7731");
    expect(seenByA).not.toContain(pinIn(seenByB)!);
  });

  it("shows an identity of the same workspace with no account nothing of that workspace's accounts", async () => {
    const seen = (await app.run("sandbox inbox", strangerInA)).text;
    expect(seen).toContain("The sandbox inbox is empty");
  });

  it("shows the sign-up PIN only to the identity that asked for it", async () => {
    const eve = { workspace: "console:c", actor: "console:c:eve", actorName: "Eve", channel: "console:c:general" };
    const started = await app.run('account signup company:"Eve Co" contact:Eve email:eve@eve.test phone:+447700900888', eve);
    expect(started.outcome).toBe("ok");
    expect((await app.run("sandbox inbox", eve)).text).toMatch(/PIN is \d{4}/);
    const sameWorkspace = { ...eve, actor: "console:c:frank", actorName: "Frank" };
    expect((await app.run("sandbox inbox", sameWorkspace)).text).toContain("The sandbox inbox is empty");
  });
});
