// The Slack ack path: how long a signed slash command takes to be answered over HTTP,
// Switchboard (Bolt behind its Fastify receiver, the dispatcher, the database) side by side
// with a bare Bolt app that acks at once, in the same process and run. One at a time (one
// user typing), then 10 at a time (a team). PGlite by default; TEST_DATABASE_URL for
// PostgreSQL.
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import bolt from "@slack/bolt";
import { startSlackHarness, SIGNING_SECRET } from "../test/helpers/slack-harness.ts";
import { httpTransport, type SlackTransport } from "../test/helpers/slack-requests.ts";

const quick = process.env.BENCH_QUICK === "1";
const ITERATIONS = quick ? 60 : 300;
const WARMUP = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface AckFigures {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
}

async function timeAcks(transport: SlackTransport, text: string, concurrency: number): Promise<AckFigures> {
  const send = () =>
    transport.command({ command: "/switchboard", text, team_id: "T1", user_id: "U1", user_name: "ada", channel_id: "C1", trigger_id: "1.2.3", response_url: "http://127.0.0.1:9/hook" });
  for (let i = 0; i < WARMUP; i++) await send();
  const times: number[] = [];
  const started = performance.now();
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < ITERATIONS) {
        issued++;
        const start = performance.now();
        const ack = await send();
        if (ack.status !== 200) throw new Error(`ack ${ack.status}: ${JSON.stringify(ack.body)}`);
        times.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), perSecond: times.length / seconds };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The floor: Bolt's own HTTP receiver and a listener that acks at once. */
async function bareBolt(): Promise<{ transport: SlackTransport; stop(): Promise<unknown> }> {
  const port = await freePort();
  // authorize instead of a token: Bolt then makes no auth.test call (the bench talks to 127.0.0.1 only).
  const app = new bolt.App({
    signingSecret: SIGNING_SECRET,
    authorize: async () => ({ botToken: "xoxb-bare", botId: "B1", botUserId: "U0" }),
    clientOptions: { slackApiUrl: "http://127.0.0.1:9/api/" },
    logLevel: bolt.LogLevel.ERROR,
  });
  app.command("/switchboard", async ({ ack }) => {
    await ack({ response_type: "ephemeral", text: "ok" });
  });
  await app.start({ port, host: "127.0.0.1" });
  return { transport: httpTransport(`http://127.0.0.1:${port}`, SIGNING_SECRET), stop: () => app.stop() };
}

const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const database = process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite";
console.log(`Slack slash-command acks over HTTP, ${ITERATIONS} requests after ${WARMUP} warm-up, ${database}, load average ${load()}`);
// Generous limits: the bench measures the path, not the rate limiter's refusals.
const harness = await startSlackHarness("http", { COMMAND_LIMIT_PER_USER: "100000", COMMAND_LIMIT_PER_WORKSPACE: "100000" });
const bare = await bareBolt();
const f = (n: number) => n.toFixed(1).padStart(6);
try {
  for (const concurrency of [1, 10]) {
    const rows: [string, AckFigures][] = [
      ["bare Bolt app, ack at once", await timeAcks(bare.transport, "help", concurrency)],
      ["Switchboard `help` (no account)", await timeAcks(harness.transport, "help", concurrency)],
      ["Switchboard `account info`", await timeAcks(harness.transport, "account info", concurrency)],
      ["Switchboard `billing methods list`", await timeAcks(harness.transport, "billing methods list", concurrency)],
    ];
    console.log(`\nconcurrency ${concurrency}:`);
    const floor = rows[0]![1].p50;
    for (const [label, r] of rows) {
      console.log(`${label.padEnd(38)} p50 ${f(r.p50)} ms  p95 ${f(r.p95)} ms  p99 ${f(r.p99)} ms  ${r.perSecond.toFixed(0).padStart(5)}/s  ×${(r.p50 / floor).toFixed(1)} of bare`);
    }
  }
  console.log(`\nload average after: ${load()}`);
} finally {
  await bare.stop();
  await harness.close();
}
