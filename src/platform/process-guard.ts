// The last line of defence for background work (jobs, the outbox, Bolt and discord.js
// internals): a promise rejected with nobody listening is logged and the process carries
// on, instead of Node's default of ending every surface and job with it. Request-scoped
// errors never get here (the HTTP server answers them); this is for the stray ones.
import { safeError } from "../core/errors.ts";
import type { Logger } from "./logger.ts";

export function guardProcess(log: Logger, target: NodeJS.Process = process): () => void {
  const onRejection = (reason: unknown) => {
    log.error({ err: safeError(reason) }, "a background task failed without handling its error; carrying on");
  };
  target.on("unhandledRejection", onRejection);
  return () => target.off("unhandledRejection", onRejection);
}
