/**
 * `npm run bench`: runs every bench/*.bench.ts suite, prints a table and writes
 * bench/results/node.json. Optional argument: a substring to pick suites (`npm run bench -- parser`).
 */
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import os from 'node:os';
import type { BenchRow, BenchSuite } from './lib';

const here = dirname(fileURLToPath(import.meta.url));
const pick = process.argv[2] ?? '';
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && f.includes(pick)).sort();
const rows: BenchRow[] = [];
let failed = false;
for (const f of files) {
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { default: BenchSuite };
  const got = await mod.default();
  for (const r of got) {
    rows.push(r);
    const extra = r.extra ? Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join('  ') : '';
    console.log(`${r.group.padEnd(10)} ${r.name.padEnd(46)} ${r.median.toFixed(3).padStart(10)} ${r.unit.padEnd(6)} (n=${r.runs})  ${extra}`);
    if (r.extra && r.extra.budget === 'FAIL') failed = true;
  }
}
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  join(here, 'results', 'node.json'),
  JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, rows }, null, 2),
);
console.log(`\nwrote bench/results/node.json (${rows.length} rows)`);
if (failed) {
  console.error('a budget was not met (budget=FAIL above)');
  process.exit(1);
}
