// One Switchboard instance for `npm run load` (scripts/load.ts), in a process of its own
// as a deployment runs it: configured from the environment the load script computes,
// talking to that script over the IPC channel it was spawned with. The channel closing
// ends this process (test/helpers/exit-with-parent.mjs is preloaded), so no instance
// outlives a load run that crashed.
//   → { type: "ready", port }                after start-up
//   ← { type: "measure" }, { type: "measured" }  the load phase begins, ends: CPU and event loop between
//   ← { type: "report" } → { type: "report", ...InstanceReport }
//   ← { type: "stop" }                       stops the app and exits (a --cpu-prof profile is written then)
import { monitorEventLoopDelay } from "node:perf_hooks";
import { startApp } from "../adapters/app.ts";
import { loadConfigOrExit } from "../src/config.ts";
import { silentLogger } from "../src/platform/logger.ts";

/** What an instance saw during the load phase, sent to the load script at its end. */
export interface InstanceReport {
  /** Dispatch outcomes as the dispatcher classified them: ok, user error by code, internal error. */
  outcomes: [kind: string, count: number][];
  /** A command line for each outcome kind, first seen. */
  examples: [kind: string, example: string][];
  /** The core's time per command, dispatch start to answer (ms). */
  coreMs: [command: string, ms: number[]][];
  cpuPercent: number;
  loopDelayMs: { p50: number; p99: number; max: number };
  /** Unhandled rejections and uncaught exceptions, also printed on stderr as they happen. */
  strays: string[];
}

export type InstanceMessage = { type: "ready"; port: number } | ({ type: "report" } & InstanceReport);

const send = (message: InstanceMessage) => process.send?.(message);
if (!process.send) {
  console.error("scripts/load-instance.ts is started by scripts/load.ts (npm run load), with an IPC channel.");
  process.exit(2);
}

// As under `npm start` a stray rejection is logged and the instance carries on; here it
// is printed at once and counted, so the load run fails.
const strays: string[] = [];
const stray = (kind: string) => (error: unknown) => {
  const text = `${process.env.INSTANCE_ID ?? "instance"}: ${kind}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  strays.push(text);
  console.error(`load: ${text}`);
};
process.on("unhandledRejection", stray("unhandled rejection"));
process.on("uncaughtException", stray("uncaught exception"));

const config = loadConfigOrExit(process.env);
const app = await startApp(config, { log: silentLogger, slack: { retryConfig: { retries: 0 } } });

const outcomes = new Map<string, number>();
const examples = new Map<string, string>();
const coreMs = new Map<string, number[]>();
const dispatch = app.dispatcher.dispatch.bind(app.dispatcher);
app.dispatcher.dispatch = async (invocation, input) => {
  const started = performance.now();
  const result = await dispatch(invocation, input);
  const name = result.command ?? "(none)";
  coreMs.set(name, [...(coreMs.get(name) ?? []), performance.now() - started]);
  const kind = result.outcome === "ok" ? "ok" : result.outcome === "user-error" ? `user error: ${result.code}` : "INTERNAL ERROR";
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  if (!examples.has(kind)) examples.set(kind, input.kind === "text" ? input.text.replace(/ account:\S+/, "") : input.kind);
  return result;
};

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let measuredFrom = { at: performance.now(), cpu: process.cpuUsage() };
let measured: Pick<InstanceReport, "cpuPercent" | "loopDelayMs"> | undefined;
const ms = (ns: number) => (Number.isFinite(ns) ? ns / 1e6 : 0);
const measurement = (): Pick<InstanceReport, "cpuPercent" | "loopDelayMs"> => {
  const cpu = process.cpuUsage(measuredFrom.cpu);
  const wallMs = performance.now() - measuredFrom.at;
  return {
    cpuPercent: wallMs > 0 ? ((cpu.user + cpu.system) / 1000 / wallMs) * 100 : 0,
    loopDelayMs: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
  };
};

process.on("message", (message: { type?: string }) => {
  if (message.type === "measure") {
    measuredFrom = { at: performance.now(), cpu: process.cpuUsage() };
    loopDelay.enable();
  } else if (message.type === "measured") {
    measured = measurement();
    loopDelay.disable();
  } else if (message.type === "report") {
    send({ type: "report", outcomes: [...outcomes], examples: [...examples], coreMs: [...coreMs], ...(measured ?? measurement()), strays });
  } else if (message.type === "stop") {
    void app.stop().finally(() => process.exit(0));
  }
});
send({ type: "ready", port: app.port! });
