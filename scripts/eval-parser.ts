/**
 * `npm run eval:parser [-- --verbose] [--check] [--dir FOLDER] [files…]`: scores the parser on a
 * held-out document corpus (tests/fixtures/documents/ unless --dir names another folder of the
 * same format, e.g. tests/fixtures/documents-holdout; format in documents/README.md) beside a naive regex
 * floor, per document, per document kind and in total. A report: exit 0 always, unless --check
 * is given and one of the owners' thresholds is missed (exit 1). A broken expectation (an anchor
 * not in its text, a probe over a directive…) or an unreadable file is exit 2 either way.
 */
import { basename, resolve } from 'node:path';
import { parseSpeech } from '../src/domain/parser/speech-parser';
import {
  expectationProblems,
  checkThresholds,
  loadCorpus,
  loadDoc,
  naiveFloor,
  rate,
  runExtractor,
  totals,
  type CorpusDoc,
  type DocScore,
  type Extractor,
  type Ratio,
  type Totals,
} from '../tests/domain/parser/corpus-score';

const DEFAULT_DIR = 'tests/fixtures/documents';
const parser: Extractor = (text, options) => parseSpeech(text, options);

function main(argv: string[]): number {
  const usage = '用法：npm run eval:parser -- [--verbose] [--check] [--dir 文件夹] [文件…]';
  let dirArg = DEFAULT_DIR;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dir') {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) {
        console.error(`--dir 后面缺少文件夹。${usage}`);
        return 2;
      }
      dirArg = next;
      i++;
    } else if (a.startsWith('--dir=')) dirArg = a.slice('--dir='.length);
    else rest.push(a);
  }
  const DIR = resolve(process.cwd(), dirArg);
  const verbose = rest.includes('--verbose') || rest.includes('-v');
  const check = rest.includes('--check');
  const unknown = rest.filter((a) => a.startsWith('-') && !['--verbose', '-v', '--check'].includes(a));
  if (unknown.length) {
    console.error(`不认识的选项：${unknown.join(' ')}。${usage}`);
    return 2;
  }
  const files = rest.filter((a) => !a.startsWith('-'));
  let docs: CorpusDoc[];
  try {
    docs = files.length ? files.map((f) => loadDoc(DIR, basename(f).replace(/\.(txt|expect\.json)$/, ''))) : loadCorpus(DIR);
  } catch (e) {
    console.error(`读不了语料：${(e as Error).message}`);
    return 2;
  }

  const problems = docs.flatMap(expectationProblems);
  if (problems.length) {
    console.error(`期望文件有误：\n${problems.join('\n')}`);
    return 2;
  }

  const parsed = docs.map((d) => runExtractor(d, parser));
  const floor = docs.map((d) => runExtractor(d, naiveFloor));

  console.log(`Corpus: ${dirArg} (${docs.length} documents)\n`);
  printTable(parsed, floor);
  printByKind(parsed, floor);
  const results = printTotals(totals(parsed), totals(floor));
  if (verbose) printMisses(parsed);
  else console.log('\n(--verbose lists every miss with its anchor and what the parser gave)');
  return check && results.some((r) => !r.ok) ? 1 : 0;
}

const frac = (r: Ratio) => `${r.right}/${r.total}`;
const pct = (r: Ratio) => (r.total === 0 ? '  –  ' : `${Math.round((r.right / r.total) * 100)}%`.padStart(4));

/** Width as a terminal shows it: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

const COLUMNS: { head: string; cell: (s: DocScore) => string }[] = [
  { head: 'year', cell: (s) => (s.year.scored ? (s.year.got === s.year.expected ? 'ok' : `${s.year.got}≠${s.year.expected}`) : 'given') },
  { head: 'directives', cell: (s) => frac(s.directives) },
  { head: 'deadlines', cell: (s) => frac(s.deadlines) },
  { head: 'leads', cell: (s) => frac(s.leads) },
  { head: 'targets', cell: (s) => frac(s.targets) },
  { head: 'rhetoric✗', cell: (s) => frac(s.rhetoric) },
  { head: 'past✗', cell: (s) => frac(s.past) },
];

function printTable(parsed: DocScore[], floor: DocScore[]): void {
  const nameW = Math.max(8, ...parsed.map((s) => width(s.name)));
  const cells = parsed.map((s, i) => COLUMNS.map((c) => `${c.cell(s)} | ${c.cell(floor[i]!)}`));
  const colW = COLUMNS.map((c, j) => Math.max(width(c.head), ...cells.map((row) => width(row[j]!))));
  console.log('Each cell: parser | naive floor. deadlines and leads count among found directives; rhetoric✗ and past✗ are false positives.\n');
  console.log([pad('document', nameW), pad('kind', 9), ...COLUMNS.map((c, j) => pad(c.head, colW[j]!))].join('  '));
  parsed.forEach((s, i) => console.log([pad(s.name, nameW), pad(s.kind, 9), ...cells[i]!.map((c, j) => pad(c, colW[j]!))].join('  ')));
}

function printByKind(parsed: DocScore[], floor: DocScore[]): void {
  const kinds = [...new Set(parsed.map((s) => s.kind))];
  console.log('\nBy kind (parser | floor):');
  for (const kind of kinds) {
    const p = totals(parsed.filter((s) => s.kind === kind));
    const f = totals(floor.filter((s) => s.kind === kind));
    const part = (label: string, pick: (t: Totals) => Ratio) => `${label} ${pct(pick(p))} | ${pct(pick(f))}`;
    console.log(
      `  ${pad(kind, 9)} (${p.docs} docs)  ` +
        [
          part('directives', (t) => t.directives),
          part('deadlines', (t) => t.deadlines),
          part('leads', (t) => t.leads),
          part('targets', (t) => t.targets),
          part('rhetoric✗', (t) => t.rhetoric),
          part('past✗', (t) => t.past),
        ].join('   '),
    );
  }
}

function printTotals(p: Totals, f: Totals) {
  const results = checkThresholds(p);
  const floorResults = checkThresholds(f);
  console.log(`\nTotals over ${p.docs} documents:`);
  const labelW = Math.max(...results.map((r) => width(r.label)));
  for (const [i, r] of results.entries()) {
    const fr = floorResults[i]!;
    console.log(
      `  ${pad(r.label, labelW)}  parser ${pad(`${frac(r.ratio)} ${pct(r.ratio)}`, 14)} floor ${pad(`${frac(fr.ratio)} ${pct(fr.ratio)}`, 14)} need ${r.limit}  ${r.ok ? 'PASS' : 'FAIL'}`,
    );
  }
  const strict = (t: Totals, k: 'deadlines' | 'leads') => `${t[k].right}/${t[k].expected} ${pct({ right: t[k].right, total: t[k].expected })}`;
  console.log(`  over all sampled (not only found): deadlines parser ${strict(p, 'deadlines')}, floor ${strict(f, 'deadlines')}; leads parser ${strict(p, 'leads')}, floor ${strict(f, 'leads')}`);
  console.log(`  plan year right: parser ${frac(p.years)}, floor ${frac(f.years)}; co-units right: parser ${frac(p.coUnits)}; sampled directives only among candidates: ${p.directivesInCandidates}`);
  console.log(`  overall: ${results.every((r) => r.ok) ? 'all thresholds met' : `${results.filter((r) => !r.ok).length} of ${results.length} thresholds missed`} (directives ${Math.round(rate(p.directives) * 100)}% vs floor ${Math.round(rate(f.directives) * 100)}%)`);
  return results;
}

function printMisses(parsed: DocScore[]): void {
  for (const s of parsed) {
    if (s.misses.length === 0) continue;
    console.log(`\n== ${s.name} (${s.misses.length} misses)`);
    for (const m of s.misses) {
      console.log(`  [${m.metric}] ${m.anchor.replace(/\n/g, '⏎')}\n      expected: ${m.expected}\n      got:      ${m.got}`);
    }
  }
}

process.exitCode = main(process.argv.slice(2));
