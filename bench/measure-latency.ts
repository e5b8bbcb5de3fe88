// The one latency measurement the benchmarks share: warm up, time each call, print
// p50 / p95 / max on one line so runs compare side by side.

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface LatencyOptions {
  iterations: number;
  warmup: number;
  /** Decimals in the printed milliseconds. */
  digits: number;
  labelWidth: number;
}

export async function measureLatency(label: string, fn: () => Promise<unknown>, options: LatencyOptions): Promise<void> {
  for (let i = 0; i < options.warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < options.iterations; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(options.digits).padStart(7);
  console.log(`${label.padEnd(options.labelWidth)} p50 ${f(percentile(times, 50))} ms   p95 ${f(percentile(times, 95))} ms   max ${f(times.at(-1)!)} ms`);
}
