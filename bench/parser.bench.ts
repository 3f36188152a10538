/**
 * The speech parser's speed, in Node:
 *  - throughput on the seed speech (23 KB) and on a ~1 MB text made of varied speech paragraphs,
 *    in MB (10^6 bytes) of UTF-8 a second, median over runs; budget ≥ 10 MB/s on both (issue 10:
 *    the parser's new rules must not cost the speed it had); the 10 KB row is for the linearity;
 *  - linearity: the cost per character at 1 MB over the cost at 10 KB; budget ≤ 1.5 (a parser
 *    with a quadratic step or a backtracking regex blows this ratio long before it gets slow).
 * The texts are built with join (flat strings, as a file read gives), not String.repeat (ropes).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, time, type BenchRow } from './lib';
import { parseSpeech } from '../src/domain/parser/speech-parser';

const BUDGET_MBPS = 10;
const BUDGET_RATIO = 1.5;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

/** Paragraphs of the seed and the own fixtures, shuffled by a fixed seed into `bytes` of text. */
export function speechOfSize(bytes: number): string {
  const paragraphs = [read('src/domain/seed-speech.txt'), read('tests/fixtures/speeches/work-report.txt'), read('tests/fixtures/speeches/task-notice.txt')]
    .join('\n')
    .split('\n')
    .filter((p) => p.trim().length > 0);
  let state = 20240301;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const out: string[] = [];
  let size = 0;
  while (size < bytes) {
    const p = paragraphs[next() % paragraphs.length]!;
    out.push(p);
    size += Buffer.byteLength(p, 'utf8') + 1;
  }
  return out.join('\n');
}

/** `budgeted`: the seed and 1 MB rows carry the budget; the 10 KB row is there for the linearity. */
function row(name: string, text: string, runs: number, budgeted = true): { row: BenchRow } {
  const bytes = Buffer.byteLength(text, 'utf8');
  const ms = median(time(() => parseSpeech(text, { year: 2023 }), runs, 5));
  const mbps = bytes / 1e6 / (ms / 1000);
  return {
    row: {
      group: 'parser',
      name,
      median: ms,
      unit: 'ms',
      runs,
      extra: { bytes, MBps: Number(mbps.toFixed(2)), ...(budgeted ? { budget: mbps >= BUDGET_MBPS ? 'ok' : 'FAIL' } : {}) },
    },
  };
}

/**
 * Cost per character at 10 KB and at 1 MB, measured in alternating samples of equal work (one
 * 1 MB parse against enough 10 KB parses to cover the same characters), so that the noise of a
 * shared machine falls on both sides alike instead of skewing the ratio.
 */
function linearity(small: string, big: string, pairs: number): { smallNs: number; bigNs: number } {
  const batch = Math.max(1, Math.round(big.length / small.length));
  const smallSamples: number[] = [];
  const bigSamples: number[] = [];
  for (let i = 0; i < pairs; i++) {
    smallSamples.push(time(() => { for (let k = 0; k < batch; k++) parseSpeech(small, { year: 2023 }); }, 1, 0)[0]!);
    bigSamples.push(time(() => parseSpeech(big, { year: 2023 }), 1, 0)[0]!);
  }
  return { smallNs: (median(smallSamples) / (batch * small.length)) * 1e6, bigNs: (median(bigSamples) / big.length) * 1e6 };
}

export default function parserBench(): BenchRow[] {
  const seed = read('src/domain/seed-speech.txt');
  const small = speechOfSize(10 * 1024);
  const big = speechOfSize(1024 * 1024);
  // Steady state, as in the app after the first parse: let the JIT compile every rule first, so
  // the first (smallest) row does not pay for compilation the later rows get for free.
  parseSpeech(big, { year: 2023 });
  const a = row('parseSpeech seed speech (23 KB)', seed, 31);
  const b = row('parseSpeech 10 KB of speech paragraphs', small, 61, false);
  const c = row('parseSpeech 1 MB of speech paragraphs', big, 9);
  const lin = linearity(small, big, 9);
  const ratio = lin.bigNs / lin.smallNs;
  return [
    a.row,
    b.row,
    c.row,
    {
      group: 'parser',
      name: 'cost per character, 1 MB over 10 KB',
      median: Number(ratio.toFixed(3)),
      unit: 'ratio',
      runs: 9,
      extra: { nsPerChar10KB: Number(lin.smallNs.toFixed(1)), nsPerChar1MB: Number(lin.bigNs.toFixed(1)), budget: ratio <= BUDGET_RATIO ? 'ok' : 'FAIL' },
    },
  ];
}
