// The leak scan: run the flows where secrets pass through Switchboard (sign-up with a PIN,
// API secrets, a card on the payment page, card numbers typed into chat in every disguise,
// identity-link codes, payment links, top-ups, invoices and exports), then search every
// log line, every reply as each platform would render it, every stored row (a full dump of
// every table), every outbox payload and every exported file for them. Found: none.
//
// What may show a secret, and where, is listed once (EXPECTED_SHOWN): the reply that hands
// a person their own API secret or one-time link, ephemerally, and the simulated handset's
// inbox that a PIN is sent to. Everything else is a leak.
import { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBillingTestApp, addMethod, buttonRef, linkIn, type BillingTestApp } from "../helpers/billing.ts";
import { pdfText } from "../helpers/pdf-text.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { cardNumbersIn } from "../../src/core/card-numbers.ts";
import type { Invocation } from "../../src/core/commands/context.ts";
import type { ReadyFile, ReadyReply } from "../../src/core/view.ts";
import { renderMessage as renderSlack } from "../../adapters/slack/slack-renderer.ts";
import { renderReply as renderDiscord } from "../../adapters/discord/discord-renderer.ts";
import { renderReply as renderConsole } from "../../adapters/console/console-renderer.ts";

/** Card numbers a person might type or paste, each in a disguise the filter must see through. */
const TYPED_CARDS = [
  "4111 1111 1111 1111",
  "+4111111111111111",
  "4111.1111.1111.1111",
  "5555/5555/5555/4444",
  "4000_0566_5566_5556",
  "3782  822463  10005",
  "6011\u200b1111\u200b1111\u200b1117",
  "４２４２４２４２４２４２４２４２",
];
/** The card a person enters on the payment page, where cards belong. */
const PAGE_CARD = "4242 4242 4242 4242";
const cardDigits = new Set([...TYPED_CARDS, PAGE_CARD].map((c) => cardNumbersIn(c)[0]!));

const who: Partial<Invocation> = { workspace: "console:leak", channel: "console:leak:c", actor: "console:leak:ada", actorName: "Ada" };
const discordSelf: Partial<Invocation> = { surface: "discord", workspace: "discord:G1", channel: "discord:G1:C1", actor: "discord:G1:U1", actorName: "Ada" };

let app: BillingTestApp;
const logLines: string[] = [];
/** Every reply, with the command line (or button) that produced it. */
const replies: { line: string; reply: ReadyReply }[] = [];
const files: ReadyFile[] = [];
/** Secrets and codes that came into being during the flows. */
const needles: { kind: string; value: string }[] = [];

async function run(line: string, as: Partial<Invocation> = who) {
  const result = await app.run(line, as);
  replies.push({ line, reply: result.reply });
  files.push(...(result.reply.files ?? []));
  return result;
}

async function click(ref: string, line: string, as: Partial<Invocation> = who) {
  const result = await app.dispatch({ kind: "action", ref }, as);
  replies.push({ line, reply: result.reply });
  files.push(...(result.reply.files ?? []));
  return result;
}

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(...String(chunk).split("\n").filter(Boolean));
      done();
    },
  });
  app = await createBillingTestApp({ log: createLogger("debug", sink) });

  // Sign-up with a PIN sent to the simulated phone.
  const signup = await run('account signup company:"Leak Ltd" contact:Ada email:ada@leak.test phone:+447700900555', who);
  expect(signup.outcome, signup.text).toBe("ok");
  const inbox = await run("sandbox inbox", who);
  const pin = /PIN is (\d{4})/.exec(inbox.text)?.[1];
  if (!pin) throw new Error(`no PIN in the inbox: ${inbox.text}`);
  needles.push({ kind: "verification PIN message", value: `PIN is ${pin}` });
  expect((await run(`account verify ${pin}`, who)).outcome).toBe("ok");
  // Account events go to the channel through the outbox, so its payloads are scanned too.
  expect((await run("alerts subscribe all", who)).outcome).toBe("ok");

  // API secrets: the one made at sign-up, and one created by hand.
  await run("account secret reveal", who);
  const created = await run("account secret create secret:Leaky1Secret2Value3", who);
  expect(created.outcome, created.text).toBe("ok");
  for (const { secretEnc } of await app.services.db.apiSecret.findMany({ select: { secretEnc: true } })) {
    needles.push({ kind: "API secret", value: app.services.secrets.open(secretEnc) });
  }

  // A card on the payment page (where it belongs) and the one-time link that leads there.
  const link = linkIn((await run("billing methods add", who)).text);
  needles.push({ kind: "payment link token", value: new URL(link).searchParams.get("token")! });
  await addMethod(app, undefined, who);
  const topup = await run("billing topup 25", who);
  expect((await click(buttonRef(topup.reply, /^Pay/), "billing topup 25 (confirmed)")).outcome).toBe("ok");

  // Card numbers typed into chat: every one refused, none stored or echoed.
  for (const card of TYPED_CARDS) {
    for (const line of [
      `account profile update company:${card}`,
      `sms send +447700900123 my card is ${card} thanks`,
      `alerts balance 10 mention:${card}`,
      `numbers search GB pattern:${card}`,
      `billing topup 10 method:${card}`,
    ]) {
      const refused = await run(line, who);
      expect(refused.outcome, `${line} → ${refused.text}`).toBe("user-error");
    }
  }

  // An identity-link code (one person on two platforms).
  const issued = await run("users link", discordSelf);
  const code = /\b([A-Z0-9]{8})\b/.exec(issued.text)?.[1];
  if (!code) throw new Error(`no link code in: ${issued.text}`);
  needles.push({ kind: "identity link code", value: code });
  await run(`users link ${code}`, who);

  // What a team downloads (the card top-up's invoice is final after the 72-hour pending period).
  await run("sandbox advance 4 days", who);
  await run("billing invoices", who);
  await run("billing export transactions", who);
  await run("usage export", who);
  const invoices = await app.services.db.invoice.findMany({ select: { number: true } });
  for (const invoice of invoices) await run(`billing invoice ${invoice.number}`, who);
  await app.services.alerts.events.fanOut();
  await app.services.outboxDispatcher.dispatchDue();
}, 300_000);
afterAll(() => app.stop());

/** Where a needle may legitimately appear: the reply that hands it to its owner, the handset inbox. */
const EXPECTED_SHOWN: Record<string, (where: string) => boolean> = {
  "API secret": (where) => /^reply to account secret (reveal|create)/.test(where),
  "payment link token": (where) => where === "reply to billing methods add",
  "identity link code": (where) => where === "reply to users link",
  "verification PIN message": (where) => where === "reply to sandbox inbox" || where === "row SandboxMessage",
};

interface Finding {
  where: string;
  what: string;
}

function scan(where: string, text: string): Finding[] {
  const found: Finding[] = [];
  for (const digits of cardNumbersIn(text)) if (cardDigits.has(digits)) found.push({ where, what: `card ${digits.slice(0, 4)}…` });
  for (const { kind, value } of needles) {
    if (text.includes(value) && !EXPECTED_SHOWN[kind]?.(where)) found.push({ where, what: kind });
  }
  return found;
}

async function fileText(file: ReadyFile): Promise<string> {
  if (file.mimeType === "application/pdf") return pdfText(Buffer.from(file.content));
  if (file.name.endsWith(".xlsx")) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.content) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
    return cells.join("\n");
  }
  return Buffer.from(file.content).toString("utf8");
}

async function databaseDump(): Promise<{ table: string; text: string }[]> {
  const tables = await app.services.db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const rows: { table: string; text: string }[] = [];
  for (const { name } of tables) {
    const dump = await app.services.db.$queryRawUnsafe<{ row: string }[]>(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
    for (const { row } of dump) rows.push({ table: name, text: row });
  }
  return rows;
}

describe("leak scan after the end-to-end flows", () => {
  it("found every secret it planted, so the scan is looking", () => {
    expect(needles.filter((n) => n.kind === "API secret").length).toBeGreaterThanOrEqual(2);
    expect(needles.map((n) => n.kind)).toEqual(expect.arrayContaining(["payment link token", "identity link code", "verification PIN message"]));
    // The scan recognises what it looks for, in disguise too.
    for (const card of TYPED_CARDS) expect(scan("self-test", `x ${card} y`)).not.toEqual([]);
    expect(scan("self-test", `x ${needles[0]!.value} y`)).not.toEqual([]);
  });

  it("no log line holds a card number, secret, token or code", () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.flatMap((line) => scan("log", line))).toEqual([]);
  });

  it("no reply, as Slack, Discord or the console renders it, holds one, except the owner's own reply", () => {
    const findings = replies.flatMap(({ line, reply }) => {
      const where = `reply to ${line}`;
      const rendered = [
        reply.message ? JSON.stringify(renderSlack(reply.message)) : "",
        JSON.stringify(renderDiscord(reply)),
        JSON.stringify(renderConsole(reply)),
        reply.form ? JSON.stringify(reply.form) : "",
      ];
      return rendered.flatMap((text) => scan(where, text));
    });
    expect(findings).toEqual([]);
    // Those that do show a secret show it only to the person who asked.
    for (const { line, reply } of replies.filter((r) => /^account secret (reveal|create)|^billing methods add|^users link$/.test(r.line))) {
      expect(reply.visibility, line).toBe("ephemeral");
    }
  });

  it("no stored row of any table holds one (the outbox's payloads included)", async () => {
    const rows = await databaseDump();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.some((r) => r.table === "OutboxMessage")).toBe(true);
    expect(rows.flatMap(({ table, text }) => scan(`row ${table}`, text))).toEqual([]);
  });

  it("no exported file (spreadsheets, CSV, invoices) holds one", async () => {
    expect(files.map((f) => f.name).join(" ")).toMatch(/\.xlsx/);
    expect(files.some((f) => f.mimeType === "application/pdf")).toBe(true);
    const findings: Finding[] = [];
    for (const file of files) findings.push(...scan(`file ${file.name}`, await fileText(file)));
    expect(findings).toEqual([]);
  });
});

