// The malformed-request suite: every HTTP route (health, Slack events and commands and
// interactions, Discord interactions, the payment page, Slack's OAuth routes, and paths
// that are none of them) against bad methods, bad URLs sent as raw request lines, wrong
// and missing content types, empty, `null`, truncated, oversized and deeply nested bodies,
// signed and unsigned. Every answer is a 4xx, never a 5xx, nothing escapes to the process,
// and /healthz answers after each case. The figures (cases tried) go into
// docs/reliability.md.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerBeforeBody, discordHeaders, rawRequest, slackHeaders, startFrontDoor, strayErrors, type FrontDoor } from "../helpers/front-door.ts";

let door: FrontDoor;
beforeAll(async () => {
  door = await startFrontDoor("oauth");
}, 180_000);
afterAll(() => door?.close());

type Signer = "none" | "slack" | "discord";
interface Case {
  name: string;
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  sign?: Signer;
}

const ROUTES: { method: string; path: string }[] = [
  { method: "GET", path: "/healthz" },
  { method: "POST", path: "/slack/events" },
  { method: "POST", path: "/discord/interactions" },
  { method: "GET", path: "/billing/pay" },
  { method: "POST", path: "/billing/pay" },
  { method: "GET", path: "/slack/install" },
  { method: "GET", path: "/slack/oauth_redirect" },
];
const POST_PATHS = ["/slack/events", "/discord/interactions", "/billing/pay"];
const SIGNERS: Record<string, Signer[]> = { "/slack/events": ["none", "slack"], "/discord/interactions": ["none", "discord"], "/billing/pay": ["none"] };

const nested = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

// Bodies that are not a request any route answers with 2xx, whatever their signature.
const BODIES: [string, string | Buffer][] = [
  ["empty", ""],
  ["null", "null"],
  ["true", "true"],
  ["a number", "123"],
  ["a string", '"text"'],
  ["an empty array", "[]"],
  ["an empty object", "{}"],
  ["truncated JSON", '{"type": 2, "data": {"name": "hel'],
  ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ["a prototype key", '{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}}'],
  ["deeply nested arrays", nested(100_000)],
  ["deeply nested objects", nestedObject(10_000)],
  ["payload=null", "payload=null"],
  ["payload=", "payload="],
  ["payload truncated", "payload=%7B%22type%22%3A%22block_actions"],
  ["payload deeply nested", `payload=${encodeURIComponent(nested(50_000))}`],
  ["payload an array", `payload=${encodeURIComponent("[1,2]")}`],
  ["payload with actions null", form({ payload: JSON.stringify({ type: "block_actions", team: { id: "T1" }, user: { id: "U1" }, actions: null }) })],
  ["payload with actions [null]", form({ payload: JSON.stringify({ type: "block_actions", team: { id: "T1" }, user: { id: "U1" }, actions: [null] }) })],
  ["payload with team a string", form({ payload: JSON.stringify({ type: "block_actions", team: "T1", user: { id: "U1" }, actions: [{ action_id: "x" }] }) })],
  ["payload with user null", form({ payload: JSON.stringify({ type: "view_submission", team: { id: "T1" }, user: null, view: { id: "V1" } }) })],
  ["view_submission without view", form({ payload: JSON.stringify({ type: "view_submission", team: { id: "T1" }, user: { id: "U1" } }) })],
  ["view_submission with view null", form({ payload: JSON.stringify({ type: "view_submission", team: { id: "T1" }, user: { id: "U1" }, view: null }) })],
  ["an unknown payload type", form({ payload: JSON.stringify({ type: "made_up", team: { id: "T1" }, user: { id: "U1" } }) })],
  ["a slash command without team", form({ command: "/switchboard", text: "help", user_id: "U1" })],
  ["a slash command with an empty team", "command=%2Fswitchboard&text=help&team_id=&user_id=U1&user_id[]=U2&channel_id[x]=C"],
  ["an event that is a string", JSON.stringify({ type: "event_callback", team_id: "T1", event: "message" })],
  ["an event null", JSON.stringify({ type: "event_callback", team_id: "T1", event: null })],
  ["an event with item null", JSON.stringify({ type: "event_callback", team_id: "T1", event: { type: "reaction_added", item: null } })],
  ["a URL verification without challenge", JSON.stringify({ type: "url_verification" })],
  ["a URL verification with an object challenge", JSON.stringify({ type: "url_verification", challenge: { a: 1 } })],
  ["an interaction of unknown type", JSON.stringify({ id: "1", application_id: "1", type: 99, token: "t", version: 1 })],
  ["a command interaction without data", JSON.stringify({ id: "1", application_id: "1", type: 2, token: "t", version: 1, member: { user: { id: "3" } } })],
  ["a command interaction with data null", JSON.stringify({ id: "1", application_id: "1", type: 2, token: "t", data: null, member: { user: { id: "3" } } })],
  ["a command interaction with options a string", JSON.stringify({ id: "1", application_id: "1", type: 2, token: "t", data: { name: "switchboard", type: 1, options: "x" }, member: { user: { id: "3" } } })],
  ["a user-command interaction", JSON.stringify({ id: "1", application_id: "1", type: 2, token: "t", data: { name: "x", type: 2 }, member: { user: { id: "3" } } })],
  ["a component interaction without message", JSON.stringify({ id: "1", application_id: "1", type: 3, token: "t", data: { custom_id: "x", component_type: 2 }, member: { user: { id: "3" } } })],
  ["a modal submit with components null", JSON.stringify({ id: "1", application_id: "1", type: 5, token: "t", data: { custom_id: "x", components: null }, member: { user: { id: "3" } } })],
  ["an interaction without a user", JSON.stringify({ id: "1", application_id: "1", type: 2, token: "t", data: { name: "switchboard", type: 1 } })],
  ["a payment form without token", form({ name: "Ada", number: "4242424242424242" })],
  ["a payment form with an unknown token", form({ token: "made-up", name: "Ada" })],
  ["a payment form with repeated tokens", "token=a&token=b&token[]=c"],
];

const CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "garbage", ""];

function signed(c: Case): Record<string, string> {
  const type = c.headers?.["content-type"] ?? "";
  const body = c.body ?? "";
  if (c.sign === "slack") return { ...slackHeaders(body, type), "content-type": type };
  if (c.sign === "discord") return { ...discordHeaders(door.discordKey, body), "content-type": type };
  return c.headers ?? {};
}

async function send(c: Case): Promise<number> {
  const headers = Object.fromEntries(Object.entries(signed(c)).filter(([, v]) => v !== ""));
  const hasBody = c.body !== undefined && c.method !== "GET" && c.method !== "HEAD";
  const response = await fetch(`${door.baseUrl}${c.path}`, { method: c.method, headers, body: hasBody ? c.body : undefined, redirect: "manual" });
  await response.arrayBuffer();
  return response.status;
}

interface Tally {
  tried: number;
  failures: string[];
}

/** Runs each case, then /healthz; a failure is a 5xx (or a non-4xx where 4xx is due), an escape, or a silent /healthz. */
async function run(cases: Case[], expectClientError = true): Promise<Tally> {
  const tally: Tally = { tried: 0, failures: [] };
  const stray = await strayErrors(async () => {
    for (const c of cases) {
      tally.tried++;
      let status = 0;
      try {
        status = await send(c);
      } catch (error) {
        tally.failures.push(`${c.name}: ${(error as Error).message}`);
        continue;
      }
      const ok = expectClientError ? status >= 400 && status < 500 : status < 500;
      if (!ok) tally.failures.push(`${c.name}: ${status}`);
      const health = (await fetch(`${door.baseUrl}/healthz`)).status;
      if (health !== 200) tally.failures.push(`${c.name}: /healthz answered ${health}`);
    }
  });
  for (const error of stray) tally.failures.push(`escaped: ${String(error)}`);
  return tally;
}

const figures: Record<string, number> = {};
afterAll(() => {
  // Printed for docs/reliability.md's table.
  console.log(`malformed-request suite: ${JSON.stringify(figures)}`);
});

describe("malformed requests on every route", () => {
  it("refuses every other method on every route with a 4xx", { timeout: 300_000 }, async () => {
    // TRACE and made-up methods go raw over a socket below (fetch refuses to send them).
    const methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];
    const cases: Case[] = ROUTES.flatMap((r) =>
      methods.filter((m) => !ROUTES.some((o) => o.path === r.path && o.method === m)).map((m) => ({ name: `${m} ${r.path}`, method: m, path: r.path, headers: { "content-type": "application/json" }, body: "{}" })),
    );
    const tally = await run(cases);
    figures.methods = tally.tried;
    expect(tally.failures).toEqual([]);
  });

  it("answers bad request lines and URLs, sent raw over a socket, with a 4xx", { timeout: 300_000 }, async () => {
    const targets = (path: string) => [
      `http://[${path}`, `http://x:99999${path}`, `//${path}`, `${path}%`, `${path}%zz`, `${path}/%E0%A4%A`, `${path}?token=%E0%A4%A`,
      `${path}?token=a&token=b&token[x]=c&__proto__[a]=1`, `${path}/../../etc/passwd`, `${path}%00`, `${path}/${"a".repeat(8_000)}`,
      `${path}?${"a=1&".repeat(5_000)}`, `*`, `http://[::1${path}`, `${path}#fragment`, `\\\\${path}`,
    ];
    let tried = 0;
    const failures: string[] = [];
    const stray = await strayErrors(async () => {
      for (const route of ROUTES) {
        for (const target of [...targets(route.path), "/healthz?x=%"].slice(0, route.path === "/healthz" ? 17 : 16)) {
          tried++;
          const line = `${route.method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`;
          const { status } = await rawRequest(door.port, line);
          // A path that happens to resolve (a fragment, a query the route ignores) may answer 2xx or 3xx; never 5xx.
          if (status >= 500 || status === 0) failures.push(`${route.method} ${target.slice(0, 60)}: ${status}`);
          const health = (await fetch(`${door.baseUrl}/healthz`)).status;
          if (health !== 200) failures.push(`${target.slice(0, 60)}: /healthz answered ${health}`);
        }
      }
      for (const line of ["GET", "GET / HTTP/9.9", "GET /a b HTTP/1.1", "BREW /healthz HTTP/1.1", "TRACE /healthz HTTP/1.1", "TRACE /slack/events HTTP/1.1", "GET /healthz HTTP/1.1\r\nHost: a\r\nHost: b", "\x00\x01\x02", "GET /healthz HTTP/1.1\r\nContent-Length: -1", "POST /slack/events HTTP/1.1\r\nContent-Length: 1\r\nTransfer-Encoding: chunked"]) {
        tried++;
        const { status } = await rawRequest(door.port, `${line}\r\n\r\n`);
        if (status >= 500) failures.push(`${JSON.stringify(line)}: ${status}`);
        const health = (await fetch(`${door.baseUrl}/healthz`)).status;
        if (health !== 200) failures.push(`${JSON.stringify(line)}: /healthz answered ${health}`);
      }
    });
    figures.urls = tried;
    expect([...failures, ...stray.map(String)]).toEqual([]);
  });

  it("answers every malformed body, under every content type, signed and unsigned, with a 4xx", { timeout: 600_000 }, async () => {
    const cases: Case[] = POST_PATHS.flatMap((path) =>
      SIGNERS[path]!.flatMap((sign) =>
        CONTENT_TYPES.flatMap((type) => BODIES.map(([name, body]) => ({ name: `${sign} ${path} ${type || "(no type)"} ${name}`, method: "POST", path, headers: { "content-type": type }, body, sign }))),
      ),
    );
    const tally = await run(cases);
    figures.bodies = tally.tried;
    expect(tally.failures).toEqual([]);
  });

  it("answers oversized bodies with 413, declared or streamed, signed or not", { timeout: 300_000 }, async () => {
    const big = Buffer.alloc(3_000_000, "a");
    const cases: Case[] = POST_PATHS.flatMap((path) =>
      SIGNERS[path]!.flatMap((sign) =>
        ["application/json", "application/x-www-form-urlencoded"].map((type) => ({ name: `${sign} ${path} ${type} 3 MB`, method: "POST", path, headers: { "content-type": type }, body: big, sign })),
      ),
    );
    const tally = await run(cases);
    figures.oversized = tally.tried;
    expect(tally.failures).toEqual([]);
  });

  it("decides on an unsigned or oversized request before the body is sent", async () => {
    const head = (path: string, length: number, extra = "") => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n${extra}\r\n`;
    const statuses = {
      slackUnsigned: await answerBeforeBody(door.port, head("/slack/events", 50_000_000), "{"),
      discordUnsigned: await answerBeforeBody(door.port, head("/discord/interactions", 50_000_000), "{"),
      slackStale: await answerBeforeBody(door.port, head("/slack/events", 100, `X-Slack-Request-Timestamp: 1\r\nX-Slack-Signature: v0=${"0".repeat(64)}\r\n`), "{"),
      payDeclaredTooLarge: await answerBeforeBody(door.port, head("/billing/pay", 50_000_000).replace("application/json", "application/x-www-form-urlencoded"), "token="),
    };
    figures.beforeBody = Object.keys(statuses).length;
    expect(statuses).toEqual({ slackUnsigned: 401, discordUnsigned: 401, slackStale: 401, payDeclaredTooLarge: 413 });
    expect((await fetch(`${door.baseUrl}/healthz`)).status).toBe(200);
  });

  it("survives bodies cut off mid-way (truncated, then the connection closed)", async () => {
    let tried = 0;
    const failures: string[] = [];
    const stray = await strayErrors(async () => {
      for (const path of POST_PATHS) {
        for (const type of ["application/json", "application/x-www-form-urlencoded"]) {
          tried++;
          const { status } = await rawRequest(door.port, `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: 1000\r\n\r\n{"type":`, { halfClose: true });
          if (status >= 500) failures.push(`${path} ${type}: ${status}`);
          tried++;
          const chunked = await rawRequest(door.port, `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{"type":`, { halfClose: true });
          if (chunked.status >= 500) failures.push(`${path} ${type} chunked: ${chunked.status}`);
          const health = (await fetch(`${door.baseUrl}/healthz`)).status;
          if (health !== 200) failures.push(`${path}: /healthz answered ${health}`);
        }
      }
    });
    figures.truncated = tried;
    expect([...failures, ...stray.map(String)]).toEqual([]);
  });
});
