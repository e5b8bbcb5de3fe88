// Bolt, the Web API client and the Socket Mode client log through this adapter into the
// app's pino logger. Their chatter goes one level down (info → debug) so Switchboard's own
// logs stay readable; errors become plain name/message pairs, never raw objects that may
// carry request data.
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../src/platform/logger.ts";
import { safeError } from "../../src/core/errors.ts";

export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ component: "slack" });
  const text = (parts: unknown[]) =>
    parts.map((p) => (p instanceof Error ? `${p.name}: ${p.message}` : typeof p === "string" ? p : safeJson(p))).join(" ").slice(0, 2000);
  const errorOf = (parts: unknown[]) => parts.find((p): p is Error => p instanceof Error);
  return {
    debug: (...parts: unknown[]) => child.trace(text(parts)),
    info: (...parts: unknown[]) => child.debug(text(parts)),
    warn: (...parts: unknown[]) => child.warn(text(parts)),
    error: (...parts: unknown[]) => {
      const err = errorOf(parts);
      child.error(err ? { err: safeError(err) } : {}, text(parts));
    },
    setLevel: () => {},
    getLevel: () => (child.isLevelEnabled("trace") ? LogLevel.DEBUG : child.isLevelEnabled("debug") ? LogLevel.INFO : LogLevel.WARN),
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)?.slice(0, 500) ?? String(value);
  } catch {
    return String(value);
  }
}
