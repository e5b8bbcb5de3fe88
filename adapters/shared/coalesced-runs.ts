// Work that only needs to reflect the latest state (re-rendering a dashboard after a
// change) is run per key with at most one run in flight and one waiting. A request while a
// run is in flight waits for it; requests meanwhile merge into that one waiting request.
// So a burst of N requests costs at most two runs, and the last run starts after the last
// request came in, so it sees everything the requests changed.

export interface CoalescedRunsOptions<V, R> {
  /** The work for one key. Its failures are its own to report: the runs carry on. */
  run(key: string, value: V): Promise<R>;
  /** Two requests waiting for the same run become one. */
  merge(waiting: V, next: V): V;
  /** After each run, with whether the key is now idle (nothing waiting). */
  afterRun?(key: string, value: V, result: R | undefined, idle: boolean): void;
}

interface KeyState<V> {
  waiting?: { value: V };
  idle: Promise<void>;
}

export class CoalescedRuns<V, R = void> {
  private readonly keys = new Map<string, KeyState<V>>();

  constructor(private readonly options: CoalescedRunsOptions<V, R>) {}

  /** Runs now, or after the run in flight for `key`; resolves when `key` is idle again. */
  request(key: string, value: V): Promise<void> {
    const busy = this.keys.get(key);
    if (busy) {
      busy.waiting = { value: busy.waiting ? this.options.merge(busy.waiting.value, value) : value };
      return busy.idle;
    }
    const state: KeyState<V> = { idle: Promise.resolve() };
    this.keys.set(key, state);
    state.idle = this.runUntilIdle(key, state, value);
    return state.idle;
  }

  /** How many keys have a run in flight. */
  get busy(): number {
    return this.keys.size;
  }

  private async runUntilIdle(key: string, state: KeyState<V>, first: V): Promise<void> {
    let next: { value: V } | undefined = { value: first };
    try {
      while (next) {
        const { value } = next;
        const result = await this.options.run(key, value).catch(() => undefined);
        next = state.waiting;
        state.waiting = undefined;
        this.options.afterRun?.(key, value, result, next === undefined);
      }
    } finally {
      this.keys.delete(key);
    }
  }
}
