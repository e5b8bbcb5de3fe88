// The account platform as a new user meets it, through the command layer: sign-up with a
// PIN read from the sandbox inbox, DEMO mode, messages, secrets, users and invitations.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../helpers/test-app.ts";

let app: TestApp;
const ada = {};
const bob = { actor: "console:local:bob", actorName: "Bob" };
const eve = { actor: "console:local:eve", actorName: "Eve" };

/** The newest PIN sent to `phone`, by SMS ("PIN is 1234") or call ("PIN is 1, 2, 3, 4"). */
const pinFrom = (inbox: string, phone: string) => {
  const line = inbox.split("\n").find((l) => l.includes(phone) && /PIN is \d/.test(l));
  return (/PIN is ([\d, ]+)/.exec(line ?? "")?.[1] ?? "").replace(/\D/g, "").slice(0, 4);
};
const buttonRef = (result: Awaited<ReturnType<TestApp["run"]>>, label: string) => {
  for (const block of result.reply.message?.blocks ?? []) {
    if (block.type === "buttons") for (const b of block.buttons) if (b.label === label) return b.ref!;
  }
  throw new Error(`no ${label} button in: ${result.text}`);
};

beforeAll(async () => {
  app = await createTestApp();
});
afterAll(() => app.close());

describe("sign-up", () => {
  it("asks for a PIN, refuses a wrong one with the attempts left, and creates the account with €2.00 in DEMO", async () => {
    const started = await app.run('account signup company:"Acme Ltd" contact:"Ada Lovelace" email:ada@acme.io phone:+447700900001', ada);
    expect(started.text).toContain("We sent a PIN to +447700900001 by a text message");
    expect(started.text).toContain("sandbox inbox");

    const inbox = await app.run("sandbox inbox", ada);
    expect(inbox.text).toContain("simulated");
    const pin = pinFrom(inbox.text, "+447700900001");
    expect(pin).toMatch(/^\d{4}$/);

    const wrong = await app.run(`account verify ${pin === "0000" ? "1111" : "0000"}`, ada);
    expect(wrong.text).toContain("That PIN is not right. 2 attempts left.");

    const verified = await app.run(`account verify ${pin}`, ada);
    expect(verified.outcome).toBe("ok");
    expect(verified.text).toContain("Welcome to Switchboard, Ada Lovelace!");

    const info = await app.run("account info", ada);
    expect(info.text).toContain("Balance: €2.00");
    expect(info.text).toContain("Mode: DEMO");
    expect(info.text).toMatch(/API secret: •+\w{4}/);
  });

  it("refuses a phone number that belongs to another account", async () => {
    const result = await app.run('account signup company:"Other" contact:"Oscar" email:o@x.io phone:+447700900001', eve);
    expect(result.text).toContain("+447700900001 is already the phone number of another account");
    expect(result.text).toContain("remove it from the other account's profile first");
  });

  it("expires a PIN after 5 minutes and sends a new one on request", async () => {
    await app.run('account signup company:"Late Co" contact:"Lee" email:l@late.io phone:+447700900002 via:voice', eve);
    const pin = pinFrom((await app.run("sandbox inbox", eve)).text, "+447700900002");
    app.clock.advance(5 * 60 * 1000 + 1);
    expect((await app.run(`account verify ${pin}`, eve)).text).toContain("That PIN has expired");
    const resent = await app.run("account verify resend via:sms", eve);
    expect(resent.text).toContain("A new PIN is on its way to +447700900002 by SMS");
    const fresh = pinFrom((await app.run("sandbox inbox", eve)).text, "+447700900002");
    expect((await app.run(`account verify ${fresh}`, eve)).text).toContain("Welcome to Switchboard");
  });

  it("warns when a second account in the workspace takes the same company name", async () => {
    await app.run('account signup company:"late co" contact:"Al" email:al@late.io phone:+447700900003', eve);
    const pin = pinFrom((await app.run("sandbox inbox", eve)).text, "+447700900003");
    const verified = await app.run(`account verify ${pin}`, eve);
    expect(verified.text).toContain('has the company name "late co": invoices are printed by company name');
  });
});

describe("DEMO mode", () => {
  it("messages only verified demo numbers, tags them [DEMO] and charges per message", async () => {
    const refused = await app.run("sms send account:Acme +447700900555 Hello", ada);
    expect(refused.text).toContain("In DEMO mode you can only message verified numbers");

    await app.run("demo numbers add +447700900555 account:Acme", ada);
    const pin = pinFrom((await app.run("sandbox inbox", ada)).text, "+447700900555");
    expect((await app.run(`demo numbers verify +447700900555 ${pin} account:Acme`, ada)).text).toContain("is verified");

    const sent = await app.run("sms send account:Acme +447700900555 Hello from the sandbox", ada);
    expect(sent.text).toContain("with the [DEMO] tag");
    expect(sent.text).toContain("Cost: €0.04");
    expect(sent.text).toContain("Balance now: €1.96");
    expect((await app.run("sandbox inbox", ada)).text).toContain("[DEMO] Hello from the sandbox");
  });

  it("keeps what `sms send` sent in the sender's sandbox inbox, for any destination once LIVE", async () => {
    const account = (await app.services.db.account.findFirst({ where: { companyName: "Acme Ltd" } }))!;
    // Leaving DEMO mode takes a payment; its own tests are in billing.
    await app.services.db.account.update({ where: { id: account.id }, data: { mode: "LIVE" } });
    try {
      const sent = await app.run("sms send account:Acme +447700900988 Your parcel is here", ada);
      expect(sent.outcome).toBe("ok");
      expect((await app.run("sandbox inbox", ada)).text).toMatch(/SMS to \+447700900988 .*: Your parcel is here/);
      expect((await app.run("sandbox inbox", eve)).text).not.toContain("Your parcel is here");
    } finally {
      await app.services.db.account.update({ where: { id: account.id }, data: { mode: "DEMO" } });
    }
  });

  it("allows at most 10 demo numbers", async () => {
    for (let i = 10; i < 19; i++) await app.run(`demo numbers add +4477009006${i} account:Acme`, ada);
    const eleventh = await app.run("demo numbers add +447700900699 account:Acme", ada);
    expect(eleventh.text).toContain("DEMO mode allows at most 10 destination numbers");
  });
});

describe("API secrets", () => {
  it("creates up to two, shows a new one only to its creator, never revokes the last", async () => {
    const weak = await app.run("account secret create secret:short account:Acme", ada);
    expect(weak.text).toContain("must be 8 to 25 characters long");
    const created = await app.run("account secret create secret:GoodSecret42 account:Acme", ada);
    expect(created.text).toContain("Secret: GoodSecret42");
    // Not "shown this once": reveal shows it again.
    expect(created.text).toContain("`account secret reveal` shows it again later");
    expect((await app.run("account secret reveal account:Acme", ada)).text).toContain("GoodSecret42");
    expect(created.reply.visibility).toBe("ephemeral");
    const third = await app.run("account secret create account:Acme", ada);
    expect(third.text).toContain("at most 2 API secrets");

    const audits = await app.services.db.auditEntry.findMany({ where: { command: "account secret create" } });
    expect(JSON.stringify(audits)).not.toContain("GoodSecret42");
    expect(JSON.stringify(audits)).toContain("[redacted]");
    const sealed = await app.services.db.apiSecret.findMany({ select: { secretEnc: true } });
    expect(JSON.stringify(sealed)).not.toContain("GoodSecret42");

    const secretId = /Id: (sec_\w+)/.exec(created.text)![1];
    const revoked = await app.run(`account secret revoke ${secretId} account:Acme confirm:yes`, ada);
    expect(revoked.text).toContain(`Revoked ${secretId}`);
    const remaining = await app.services.db.apiSecret.findFirst({ where: { revokedAt: null, account: { companyName: "Acme Ltd" } } });
    const last = await app.run(`account secret revoke ${remaining!.id} account:Acme confirm:yes`, ada);
    expect(last.text).toContain("cannot be revoked");
  });
});

describe("users and invitations", () => {
  it("invites a user with restricted permissions, who accepts and is refused what they lack", async () => {
    const invited = await app.run("users invite @bob permissions:numbers,alerts account:Acme", ada);
    expect(invited.text).toContain("Invited bob with numbers, alerts");
    const dm = await app.services.db.outboxMessage.findFirst({ where: { channel: "console:local:@bob" } });
    expect(JSON.stringify(dm?.payload)).toContain("Accept");

    const code = /users accept (\S+)`/.exec(invited.text)![1]!;
    expect((await app.run(`users accept ${code}`, eve)).text).toContain("not valid for you");
    expect((await app.run(`users accept ${code}`, bob)).text).toContain("Welcome to Acme Ltd!");

    const refused = await app.run("account secret reveal account:Acme", bob);
    expect(refused.text).toContain('You need the "api-keys" permission on Acme Ltd');
    expect(refused.text).toContain("users permissions @you +api-keys");

    const list = await app.run("users list account:Acme", bob);
    expect(list.text).toContain("primary user: every permission");
    expect(list.text).toContain("numbers, alerts");
  });

  it("lets a user with the users permission grant rights, and expires invitations after 7 days", async () => {
    await app.run("users permissions @bob +api-keys account:Acme", ada);
    expect((await app.run("account secret reveal account:Acme", bob)).outcome).toBe("ok");

    const invited = await app.run("users invite @eve account:Acme", ada);
    const code = /users accept (\S+)`/.exec(invited.text)![1]!;
    app.clock.advance(7 * 24 * 3600 * 1000 + 1000);
    expect((await app.run(`users accept ${code}`, eve)).text).toContain("That invitation has expired");
  });

  it("links a Discord identity to the same person with a one-time code", async () => {
    const issued = await app.run("users link", bob);
    const code = /link code is \*(\w+)\*/.exec(issued.text)![1]!;
    const discordBob = { actor: "discord:G1:42", actorName: "bob", workspace: "discord:G1", channel: "discord:G1:C1" };
    // Discord Bob gains Acme from Slack Bob: both see what is gained, and Slack Bob, who
    // gains nothing, confirms too.
    const preview = await app.run(`users link ${code}`, discordBob);
    expect(preview.text).toContain("would gain: *Acme Ltd*");
    const waiting = await app.dispatch({ kind: "action", ref: buttonRef(preview, "Link") }, discordBob);
    expect(waiting.text).toContain("Waiting for");
    expect((await app.run("users list account:Acme", discordBob)).outcome).toBe("user-error");
    const request = /"request":"([^"]+)"/.exec(JSON.stringify(preview.reply))![1]!;
    expect((await app.run(`users link confirm ${request}`, bob)).text).toContain("Linked");
    expect((await app.run(`users link ${code}`, discordBob)).text).toContain("not valid or was already used");
    // The guild is not bound to the account yet: binding happens through the account's own flows.
    await app.services.directory.bindWorkspace("discord:G1", (await app.services.db.account.findFirst({ where: { companyName: "Acme Ltd" } }))!.id);
    expect((await app.run("users list account:Acme", discordBob)).outcome).toBe("ok");
  });

  it("removes a user after confirmation", async () => {
    const asked = await app.run("users remove @bob account:Acme", ada);
    expect(asked.text).toContain("bob will lose access to Acme Ltd");
    const done = await app.dispatch({ kind: "action", ref: buttonRef(asked, "Remove") }, ada);
    expect(done.text).toContain("no longer has access");
    expect((await app.run("users list account:Acme", bob)).text).toContain("You are not a user of the account Acme Ltd");
  });
});

describe("the primary role", () => {
  it("is transferred only after confirmation, and the former primary user keeps every permission", async () => {
    const carol = { actor: "console:local:carol", actorName: "Carol" };
    const { apiKey } = (await app.services.db.account.findFirst({ where: { companyName: "Acme Ltd" } }))!;
    const invited = await app.run(`users invite @carol account:${apiKey}`, ada);
    await app.run(`users accept ${/users accept (\S+)`/.exec(invited.text)![1]}`, carol);

    const asked = await app.run(`users make-primary @carol account:${apiKey}`, ada);
    expect(asked.text).toContain("@carol becomes the primary user");
    expect((await app.run(`sandbox clock account:${apiKey}`, ada)).outcome).toBe("ok");
    await app.dispatch({ kind: "action", ref: buttonRef(asked, "Transfer") }, ada);

    const refused = await app.run(`sandbox advance 1h account:${apiKey}`, ada);
    expect(refused.text).toContain("Only the primary user of Acme Ltd can do this.");
    expect((await app.run(`account secret reveal account:${apiKey}`, ada)).outcome).toBe("ok");
    expect((await app.run(`sandbox advance 1h account:${apiKey}`, carol)).outcome).toBe("ok");
    // And back, for the tests after this one.
    expect((await app.run(`users make-primary @operator account:${apiKey} confirm:yes`, carol)).text).toContain("is now the primary user");
  });
});

describe("profile", () => {
  it("validates e-mail and VAT, and warns about a company name used twice in the workspace", async () => {
    const short = await app.run("account profile update vat:DE12 account:Acme", ada);
    expect(short.text).toContain('VAT: "DE12" is not in the DE VAT number format');
    expect(short.text).not.toContain("Vat");
    // The right length, but the check digit is wrong: a typo caught before it reaches an invoice.
    expect((await app.run("account profile update vat:DE136695977 account:Acme", ada)).text).toContain("its check digits do not match");
    expect((await app.run("account profile update email:nope account:Acme", ada)).text).toContain("must be an e-mail address");
    const ok = await app.run('account profile update vat:"DE 136 695 976" company:"Late Co" account:Acme', ada);
    expect(ok.text).toContain("Profile updated: company name, VAT number");
    expect(ok.text).toContain('uses the company name "Late Co"');
  });

  it("re-verifies a new phone by PIN before it changes", async () => {
    const { apiKey } = (await app.services.db.account.findUnique({ where: { phone: "+447700900001" } }))!;
    const changed = await app.run(`account profile update phone:+447700900777 account:${apiKey}`, ada);
    expect(changed.text).toContain("enter the PIN we sent it");
    expect((await app.run(`account profile account:${apiKey}`, ada)).text).toContain("Phone: +447700900001");
    const pin = pinFrom((await app.run("sandbox inbox", ada)).text, "+447700900777");
    expect((await app.run(`account verify ${pin}`, ada)).text).toContain("Your profile phone is now +447700900777");
  });

  it("cancels an abandoned phone change when a newer one is asked for", async () => {
    const { apiKey } = (await app.services.db.account.findUnique({ where: { phone: "+447700900777" } }))!;
    await app.run(`account profile update phone:+447700900778 account:${apiKey}`, ada);
    const abandonedPin = pinFrom((await app.run("sandbox inbox", ada)).text, "+447700900778");
    await app.run(`account profile update phone:+447700900779 account:${apiKey}`, ada);
    const pin = pinFrom((await app.run("sandbox inbox", ada)).text, "+447700900779");
    if (abandonedPin !== pin) expect((await app.run(`account verify ${abandonedPin}`, ada)).text).not.toContain("profile phone is now");
    expect((await app.run(`account verify ${pin}`, ada)).text).toContain("Your profile phone is now +447700900779");
    // The abandoned change does not come back: nothing is left to resend or verify.
    expect((await app.run("account verify resend", ada)).text).not.toContain("+447700900778");
    expect((await app.run(`account profile account:${apiKey}`, ada)).text).toContain("Phone: +447700900779");
    // Back, for the tests after this one.
    await app.run(`account profile update phone:+447700900777 account:${apiKey}`, ada);
    await app.run(`account verify ${pinFrom((await app.run("sandbox inbox", ada)).text, "+447700900777")}`, ada);
    expect((await app.run(`account profile account:${apiKey}`, ada)).text).toContain("Phone: +447700900777");
  });
});

describe("losing a chat identity (there is no password to reset)", () => {
  it("cuts a lost identity off from one still held, and the lost one's unused link codes stop working", async () => {
    const zed = { actor: "console:local:zed", actorName: "Zed" };
    const discordZed = { actor: "discord:G1:77", actorName: "zed", workspace: "discord:G1", channel: "discord:G1:C1" };
    // Ada's account; its phone was changed by the profile test above.
    const { apiKey } = (await app.services.db.account.findUnique({ where: { phone: "+447700900777" } }))!;
    const invited = await app.run(`users invite @zed account:${apiKey}`, ada);
    await app.run(`users accept ${/users accept (\S+)`/.exec(invited.text)![1]!}`, zed);
    const linkCode = async () => /link code is \*(\w+)\*/.exec((await app.run("users link", zed)).text)![1]!;
    // Linking asks both sides (the Discord identity gains Ada's account): each confirms.
    const typed = await app.run(`users link ${await linkCode()}`, discordZed);
    const linkRef = buttonRef(typed, typed.reply.message!.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : [])).find((b) => /^Link/.test(b.label))!.label);
    await app.dispatch({ kind: "action", ref: linkRef }, discordZed);
    expect((await app.dispatch({ kind: "action", ref: linkRef }, zed)).text).toContain("Linked");
    // Asked for from the console identity, which is then lost before the code is used.
    const pending = await linkCode();

    expect((await app.run("users unlink @console:local:zed", zed)).text).toContain("You cannot unlink the identity you are using");
    expect((await app.run("users unlink @console:local:operator", discordZed)).text).toContain("Yours besides this one: @console:local:zed");
    const asked = await app.run("users unlink @console:local:zed", discordZed);
    expect(asked.text).toContain("console:local:zed will lose access to every account you share");
    const done = await app.dispatch({ kind: "action", ref: buttonRef(asked, "Unlink") }, discordZed);
    expect(done.text).toContain("console:local:zed is no longer linked to you");

    expect((await app.run(`users list account:${apiKey}`, zed)).outcome).toBe("user-error");
    expect((await app.run(`users list account:${apiKey}`, discordZed)).outcome).toBe("ok");
    const thief = { actor: "discord:G1:666", actorName: "thief", workspace: "discord:G1", channel: "discord:G1:C1" };
    expect((await app.run(`users link ${pending}`, thief)).text).toContain("not valid or was already used");
  });
});

describe("home with several accounts in the workspace", () => {
  it("shows the channel's default account (`account use`) first, as the one commands act on", async () => {
    await app.run('account signup company:"Second Ltd" contact:"Ada" email:ada@second.io phone:+447700900444', ada);
    await app.run(`account verify ${pinFrom((await app.run("sandbox inbox", ada)).text, "+447700900444")}`, ada);
    const personId = await app.services.directory.personFor("console:local:operator");
    const accounts = [];
    for (const a of await app.services.directory.accountsOfWorkspace("console:local")) {
      if (await app.services.directory.membership(a.id, personId)) accounts.push(a);
    }
    expect(accounts.length).toBeGreaterThan(1);
    const chosen = accounts[accounts.length - 1]!;
    expect((await app.run(`account use ${chosen.apiKey}`, ada)).outcome).toBe("ok");
    const home = (await app.run("home", ada)).text;
    const firstAccount = /Account: (.*)/.exec(home)![1]!;
    expect(firstAccount).toBe(`${chosen.companyName} (${chosen.apiKey}) · this channel's account`);
    expect(home).toContain(`\`account use ${accounts[0]!.apiKey}\` to switch`);
    expect(home.indexOf(chosen.apiKey)).toBeLessThan(home.indexOf(accounts[0]!.apiKey));
    expect((await app.run("account info", ada)).text).toContain(chosen.apiKey);
  });
});
