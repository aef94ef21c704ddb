// Percentiles of latency samples, for the bench scripts.

/** The sample at each quantile (0..1) of the sorted samples. */
export function percentile(samples: readonly number[], quantile: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? NaN;
}

/** Median and 95th percentile. */
export function medianAndP95(samples: readonly number[]) {
  return { median: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}
