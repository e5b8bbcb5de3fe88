// Work that continues after a platform was answered (a deferred result, a purchase that
// outlived the acknowledgement), recorded so that a shutdown lets it finish instead of
// cutting it in half. vercel/chat's `waitUntil` plays this part on serverless hosts.
import { within } from "./deadline.ts";

export class BackgroundWork {
  private readonly pending = new Set<Promise<unknown>>();

  /** Records `promise` until it settles, and returns it. */
  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => {});
    return promise;
  }

  /** Waits for the work in flight, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    if (this.pending.size === 0) return;
    await within(Promise.allSettled([...this.pending]), timeoutMs);
  }
}
