/**
 * `npm run check:bundle`: the initial-JavaScript budget, run after `vite build`.
 *
 * "Initial" means what a browser must download and run before the first screen can work: the
 * module script(s) dist/index.html loads, the chunks it modulepreloads, and every chunk those
 * import statically (followed transitively, in case a preload link is missing). Chunks reached
 * only through dynamic import() (the React.lazy pages) do not count: they load on navigation.
 * Each file is gzipped with zlib at its default level, as a web server would send it.
 *
 * The file readers and writers (pdf.js, readDocument, the docx and xlsx writers, fflate) must
 * load only when used: a marker string of each that turns up in an initial file fails the check
 * too, even under budget, so an accidental static import is caught before it grows the budget.
 *
 * Usage: tsx scripts/check-bundle.ts [--dist dist] [--budget-kb 150] [--json]
 * Exit 1 with a message naming the largest files when the total is over budget, or naming the
 * library and the file when a lazy library is in the initial JavaScript.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
}
export interface BundleReport {
  files: BundleFile[];
  totalBytes: number;
  totalGzip: number;
  /** Libraries that must load only when used, found in an initial file. */
  eager: { file: string; library: string }[];
}

/** A string each lazily loaded library carries in its built code, and no other module does. */
export const LAZY_MARKERS: readonly { library: string; marker: string }[] = [
  { library: 'pdf.js（PDF 读取）', marker: 'GlobalWorkerOptions' },
  { library: '文件读取器 readDocument', marker: 'EncryptedPackage' },
  { library: 'docx（Word 导出）', marker: 'wordprocessingml.document.main+xml' },
  { library: 'Excel 导出 buildXlsx', marker: 'xl/worksheets/sheet' },
  { library: 'fflate（zip）', marker: 'invalid zip data' },
];

/** 1 kB = 1,000 bytes (the unit Vite prints), so the budget is read the strict way. */
export const KB = 1000;
export const DEFAULT_BUDGET_KB = 150;

/** The JS URLs an index.html loads at once: module scripts and modulepreload links. */
export function entryUrls(html: string): string[] {
  const out: string[] = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isModuleScript = /^<script/i.test(tag) && /\btype\s*=\s*["']?module/i.test(tag);
    const isPreload = /^<link/i.test(tag) && /\brel\s*=\s*["']?modulepreload/i.test(tag);
    if (!isModuleScript && !isPreload) continue;
    const url = /\b(?:src|href)\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1];
    if (url && !/^(?:https?:)?\/\//i.test(url)) out.push(url);
  }
  return out;
}

/**
 * Relative specifiers of the static imports in a built chunk. Minified output writes
 * `import{a as b}from"./x.js"`, `import"./x.js"` and `export{c}from"./x.js"`; a dynamic
 * `import("./x.js")` has a parenthesis and is deliberately not matched.
 */
export function staticImports(code: string): string[] {
  const out = new Set<string>();
  const re = /(?:^|[^\w$.])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g;
  for (let m = re.exec(code); m; m = re.exec(code)) out.add(m[1]!);
  return [...out];
}

export function initialJs(distDir: string): BundleReport {
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    throw new Error(`找不到 ${indexPath}：请先运行 vite build（npm run build）。`);
  }
  const html = readFileSync(indexPath, 'utf8');
  const toPath = (url: string, fromFile: string | null): string => {
    const clean = url.split(/[?#]/)[0]!;
    if (clean.startsWith('/')) return join(distDir, clean);
    const base = fromFile ? dirname(fromFile) : distDir;
    return resolve(base, clean);
  };
  const seen = new Set<string>();
  const queue = entryUrls(html).map((u) => toPath(u, null));
  if (queue.length === 0) throw new Error(`${indexPath} 中没有找到 type="module" 的脚本。`);
  const files: BundleFile[] = [];
  const eager: BundleReport['eager'] = [];
  while (queue.length) {
    const p = queue.shift()!;
    if (seen.has(p)) continue;
    seen.add(p);
    if (!existsSync(p)) throw new Error(`index.html 引用的脚本不存在：${relative(distDir, p)}`);
    const buf = readFileSync(p);
    const file = relative(distDir, p).split('\\').join(posix.sep);
    files.push({ file, bytes: buf.length, gzip: gzipSync(buf).length });
    const code = buf.toString('utf8');
    for (const m of LAZY_MARKERS) if (code.includes(m.marker)) eager.push({ file, library: m.library });
    for (const spec of staticImports(code)) {
      if (spec.startsWith('.') || spec.startsWith('/')) queue.push(toPath(spec, p));
    }
  }
  files.sort((a, b) => b.gzip - a.gzip);
  return {
    files,
    totalBytes: files.reduce((s, f) => s + f.bytes, 0),
    totalGzip: files.reduce((s, f) => s + f.gzip, 0),
    eager,
  };
}

const kb = (n: number) => `${(n / KB).toFixed(1)} kB`;

function main(argv: string[]): number {
  const arg = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dist = resolve(arg('--dist') ?? 'dist');
  const budgetKb = Number(arg('--budget-kb') ?? DEFAULT_BUDGET_KB);
  if (!Number.isFinite(budgetKb) || budgetKb <= 0) {
    console.error(`--budget-kb 须为正数，收到：${arg('--budget-kb')}`);
    return 2;
  }
  let report: BundleReport;
  try {
    report = initialJs(dist);
  } catch (e) {
    console.error(`check:bundle 失败：${(e as Error).message}`);
    return 1;
  }
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ budgetKb, ...report }, null, 2));
  } else {
    console.log(`Initial JS loaded by ${relative(process.cwd(), join(dist, 'index.html')) || 'index.html'}:`);
    for (const f of report.files) console.log(`  ${f.file.padEnd(48)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}`);
    console.log(`  ${'total'.padEnd(48)} ${kb(report.totalBytes).padStart(10)}  gzip ${kb(report.totalGzip).padStart(9)}  (budget ${budgetKb} kB)`);
  }
  if (report.eager.length > 0) {
    const list = report.eager.map((e) => `${e.library}（在 ${e.file} 中）`).join('、');
    console.error(`\n首屏 JavaScript 含有应按需加载的库：${list}。请改为 import() 动态加载，只在用到时下载。`);
    return 1;
  }
  if (report.totalGzip > budgetKb * KB) {
    const top = report.files.slice(0, 3).map((f) => `${f.file} (${kb(f.gzip)})`).join('、');
    console.error(
      `\n首屏 JavaScript 超出预算：gzip 后 ${kb(report.totalGzip)}，上限 ${budgetKb} kB（超出 ${kb(report.totalGzip - budgetKb * KB)}）。` +
        `\n最大的文件：${top}。请把不在首屏使用的页面或库改为 React.lazy / import() 按需加载。`,
    );
    return 1;
  }
  console.log(`OK: initial JS ${kb(report.totalGzip)} gzipped ≤ ${budgetKb} kB.`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(main(process.argv.slice(2)));
}
