/**
 * A tiny benchmark harness. Absolute times depend on the machine, so every result is reported as a
 * ratio to a baseline measured in the same process, just before: compare ratios across commits,
 * never seconds across machines. Benchmarks never assert times (tests do not either).
 */
export interface Measurement {
  readonly name: string;
  /** Median nanoseconds per operation over the samples. */
  readonly nsPerOp: number;
  readonly samples: number;
}

function now(): bigint {
  return process.hrtime.bigint();
}

/** Run `fn` in batches for about `ms` wall-clock milliseconds (after a warm-up); median per op. */
export async function measure(name: string, fn: () => unknown, ms = 400): Promise<Measurement> {
  for (let i = 0; i < 3; i += 1) await fn();
  const perBatch: number[] = [];
  const deadline = Date.now() + ms;
  let batch = 1;
  while (Date.now() < deadline || perBatch.length < 5) {
    const start = now();
    for (let i = 0; i < batch; i += 1) await fn();
    const elapsed = Number(now() - start);
    perBatch.push(elapsed / batch);
    if (elapsed < 5_000_000) batch *= 2;
  }
  perBatch.sort((a, b) => a - b);
  return { name, nsPerOp: perBatch[Math.floor(perBatch.length / 2)] ?? 0, samples: perBatch.length };
}

export interface Ratio {
  readonly name: string;
  readonly baseline: string;
  /** nsPerOp(name) / nsPerOp(baseline). */
  readonly ratio: number;
  readonly nsPerOp: number;
}

export function ratio(m: Measurement, baseline: Measurement): Ratio {
  return { name: m.name, baseline: baseline.name, ratio: m.nsPerOp / baseline.nsPerOp, nsPerOp: m.nsPerOp };
}

export function formatRatio(r: Ratio): string {
  return `${r.name.padEnd(58)} ${r.ratio.toFixed(2).padStart(9)} × ${r.baseline}  (${(r.nsPerOp / 1000).toFixed(1)} µs/op here)`;
}
