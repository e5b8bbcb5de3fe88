// The outbox runs every few seconds on every instance (row locks keep them apart), not
// on cron: cron has minute resolution and a post should not wait a minute.
import type { Logger } from "../platform/logger.ts";

export interface PollingLoop {
  stop(): Promise<void>;
}

export function startPollingLoop(name: string, steps: (() => Promise<unknown>)[], intervalMs: number, log: Logger): PollingLoop {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (const step of steps) {
      if (stopped) return;
      try {
        await step();
      } catch (error) {
        log.error({ loop: name, err: { message: (error as Error).message } }, "polling step failed");
      }
    }
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = tick().finally(schedule);
    }, intervalMs);
    timer.unref?.();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await current;
    },
  };
}
