/** Tiny benchmark helpers: medians over repeated runs, never a single timing. */
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  group: string;
  name: string;
  /** Median over the runs, in the unit below. */
  median: number;
  unit: string;
  runs: number;
  /** Other figures worth printing (throughput, bytes, ratios). */
  extra?: Record<string, number | string>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Runs fn `warmup` times unmeasured, then `runs` times; returns each run's milliseconds. */
export function time(fn: () => unknown, runs = 15, warmup = 3): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** As `time`, for work that finishes in a promise. */
export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export type BenchSuite = () => Promise<BenchRow[]> | BenchRow[];
