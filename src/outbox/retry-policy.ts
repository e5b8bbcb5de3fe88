// How long the outbox waits before trying a post again, and when it stops trying.
export interface RetryPolicy {
  /** The first retry waits this long; each later one doubles it. */
  baseDelayMs: number;
  /** No single wait is longer than this (unless the platform's Retry-After says so). */
  maxDelayMs: number;
  /** Retrying stops this long after the first attempt: a post that late is no longer news. */
  giveUpAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  giveUpAfterMs: 60 * 60_000,
};

/** The wait before attempt `attempts + 1`: exponential, never sooner than Retry-After. */
export function retryDelayMs(policy: RetryPolicy, attempts: number, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(exponential, retryAfterMs ?? 0);
}
