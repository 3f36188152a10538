/**
 * `npm run bench:browser`: the built app in Debian's Chromium, against a bare React baseline.
 *
 * 1. Builds the app (vite.config.ts) and the baseline (bench/baseline/vite.config.ts) into a
 *    temporary folder, so a build here never disturbs anyone's dist/.
 * 2. Serves each with `vite preview` on 127.0.0.1 (ports 4311 and 4312).
 * 3. Drives Chromium through playwright-core and measures, all inside the page with
 *    performance.now() (bench/browser/probe.js), medians over repeated runs after warmups:
 *      - click on a task checkbox → next paint, city-scale plan loaded; same on the baseline;
 *      - opening the dashboard at city scale (in-app navigation, and a direct load);
 *      - first load with the seed plan (empty storage) until the first task checkbox is usable;
 *      - the quarterly summary's print preview (#/report?q=1 until its table is painted) and
 *        page.pdf() of it;
 *      - the initial JS, gzipped (scripts/check-bundle.ts).
 * 4. Prints a table, writes bench/results/browser.json, exits 1 if a budget is missed.
 *
 * Options: --runs N (default 25)  --warmup N (default 5)  --skip-build  --cpu-throttle X
 *          --only click,dashboard,load,print,bundle
 *          --app-dist DIR  measure an app built elsewhere (an A/B comparison of a change)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { median } from '../lib';
import { busiestUnit, generateCity } from '../fixtures';
import { initialJs, KB } from '../../scripts/check-bundle';
import { persistedEntries, writeEntries, type StoredEntries } from './app-state';

const root = path.resolve(import.meta.dirname, '../..');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const buildDir = path.join(os.tmpdir(), 'luoshi-bench');
const appDistArg = process.argv.indexOf('--app-dist');
const appDist = appDistArg >= 0 ? path.resolve(process.argv[appDistArg + 1]!) : path.join(buildDir, 'app');
const baseDist = path.join(buildDir, 'baseline');
// Fixed by default; LUOSHI_BENCH_PORT moves both (the baseline on the next port), so that
// engineers sharing a machine never measure each other's build.
const APP_PORT = Number(process.env.LUOSHI_BENCH_PORT ?? 4311);
const BASE_PORT = APP_PORT + 1;
const probe = readFileSync(path.join(import.meta.dirname, 'probe.js'), 'utf8');

// --------------------------------------------------------------------------------------------
// What the app looks like to the benchmark. Kept in one place: when a screen changes its markup,
// this is the only thing to update.
// --------------------------------------------------------------------------------------------
const APP = {
  /** A department's checklist (我的任务): the tick box a unit clicks to report a task done. */
  tickRoute: '/my',
  tickBox: 'main input.task-card__tick',
  /** A task's title on 我的任务: in the list drawn from the plan, then on each card. */
  taskTitle: 'main .task-card__title',
  /** The office's three lists (all 1,000 tasks, paged): the row selection checkbox. */
  listsRoute: '/lists',
  listsBox: 'main input[type="checkbox"]',
  /** First load with the seed plan: the office's default screen, and the lists. */
  homeRoute: '/',
  homeReady: { selector: 'main h1', text: '' },
  /** The dashboard is open when its own figures are on screen. */
  dashboardRoute: '/dashboard',
  dashboardReady: { selector: 'main h1', text: '' },
  /** The quarterly summary is ready when its table is painted. */
  reportRoute: '/report?q=1',
  reportReady: { selector: 'main table tbody tr', text: '' },
};

/** The day the browser believes it is: the fixture's mid-year day (lights are then mixed). */
const city = generateCity();
const FAKE_NOW_MS = Date.parse(`${city.today}T10:00:00+08:00`);

const BUDGET = {
  clickMs: 50,
  clickRatio: 1.5,
  dashboardMs: 150,
  firstLoadMs: 1000,
  initialJsKb: 150,
};

// --------------------------------------------------------------------------------------------

interface Opts {
  runs: number;
  warmup: number;
  skipBuild: boolean;
  cpuThrottle: number;
  only: Set<string>;
  /** City sizes (events) for the scale step. */
  events: number[];
}
function parseArgs(argv: string[]): Opts {
  const val = (n: string) => {
    const i = argv.indexOf(n);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = val('--only');
  return {
    runs: Number(val('--runs') ?? 25),
    warmup: Number(val('--warmup') ?? 5),
    skipBuild: argv.includes('--skip-build'),
    cpuThrottle: Number(val('--cpu-throttle') ?? 1),
    only: new Set(only ? only.split(',') : ['bundle', 'load', 'click', 'dashboard', 'print', 'scale']),
    events: (val('--events') ?? '20000,100000,200000').split(',').map(Number),
  };
}

function build(config: string | null, outDir: string): void {
  const args = [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'];
  if (config) args.push('--config', config);
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build 失败（${config ?? 'vite.config.ts'}，代码 ${r.status}）`);
}

const children: ChildProcess[] = [];
function stopServers(): void {
  // Only the preview servers this script started, by their own pid.
  for (const c of children) if (c.exitCode === null && c.pid) c.kill('SIGTERM');
}
process.on('exit', stopServers);
process.on('SIGINT', () => {
  stopServers();
  process.exit(130);
});

async function serve(config: string | null, outDir: string, port: number): Promise<string> {
  const args = [vite, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'];
  if (config) args.push('--config', config);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  const url = `http://127.0.0.1:${port}/`;
  const until = Date.now() + 20_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`vite preview 已退出（端口 ${port} 被占用？）`);
    try {
      if ((await fetch(url)).ok) return url;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`vite preview 未能在 20 秒内就绪：${url}`);
}

/** Shifts Date (not performance.now or timers) to the fixture's day, so `today` is fixed. */
const fakeDateScript = `(() => {
  const offset = ${FAKE_NOW_MS} - Date.now();
  const RealDate = Date;
  class BenchDate extends RealDate {
    constructor(...a) { if (a.length === 0) super(RealDate.now() + offset); else super(...a); }
    static now() { return RealDate.now() + offset; }
  }
  globalThis.Date = BenchDate;
})();`;

async function newContext(browser: Browser, opts: Opts, ready?: { selector: string; text: string; shown?: string }): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    // A service worker would serve from its cache and change what "first load" means.
    serviceWorkers: 'block',
  });
  await context.addInitScript({ content: fakeDateScript });
  if (ready) await context.addInitScript({ content: `window.__benchReady = ${JSON.stringify(ready)};` });
  await context.addInitScript({ content: probe });
  if (opts.cpuThrottle > 1) {
    context.on('page', (p) => void throttle(p, opts.cpuThrottle));
  }
  return context;
}

async function throttle(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

async function newPage(context: BrowserContext, opts: Opts): Promise<Page> {
  const page = await context.newPage();
  if (opts.cpuThrottle > 1) await throttle(page, opts.cpuThrottle);
  page.on('pageerror', (e) => console.error(`  [页面错误] ${page.url()}: ${e.message}`));
  return page;
}

/** Writes storage entries for the origin before the app's first load (from a static file). */
async function injectStorage(page: Page, base: string, entries: StoredEntries | Record<string, string>): Promise<void> {
  await page.goto(`${base}favicon.svg`);
  await writeEntries(page, 'local' in entries && 'log' in entries ? (entries as StoredEntries) : { local: entries as Record<string, string>, log: [] });
}

const evalNum = async (page: Page, expr: string): Promise<number> => Number(await page.evaluate(expr));

// --------------------------------------------------------------------------------------------

export interface Row {
  name: string;
  median: number;
  unit: string;
  runs: number;
  budget?: string;
  extra?: Record<string, number | string>;
  samples?: number[];
}

const r1 = (x: number) => Math.round(x * 10) / 10;
const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? NaN;
};

/** Clicks checkboxes one after another and returns each click-to-paint. */
interface ClickSamples {
  paint: number[];
  handler: number[];
  /** Click to the start of the frame (rAF): handler plus waiting for the frame. */
  frame: number[];
  writesInClick: number[];
}
const noSamples = (): ClickSamples => ({ paint: [], handler: [], frame: [], writesInClick: [] });

/**
 * The control whose click records a tick. A done task is unticked by its box; an open one is
 * ticked through its 办结 form (the box opens it, 报告完成 records, issue 12): the click timed is
 * the one that records, after the form was opened and its note filled.
 */
async function tickControl(page: Page, box: Locator): Promise<Locator> {
  if (await box.isChecked()) return box;
  await box.click();
  const form = box.locator('xpath=ancestor::li[1]').locator('form.complete-form');
  await form.locator('textarea').first().fill('已按要求完成，佐证材料已归档。');
  await page.waitForTimeout(120);
  return form.locator('button[type=submit]');
}

async function clickSeries(page: Page, selector: string, count: number): Promise<ClickSamples> {
  const boxes = page.locator(selector);
  const n = Math.min(10, await boxes.count());
  if (n === 0) throw new Error(`页面上没有复选框（${selector}）：${page.url()}`);
  const out = noSamples();
  for (let i = 0; i < count; i++) {
    // Toggle the first boxes in turn: each is ticked on one pass and unticked on the next, so
    // the plan stays roughly as it was. (A ticked task may move to the 已完成 group; the locator
    // is re-evaluated on every click, so the next box is whatever is n-th now.)
    const target = selector === APP.tickBox ? await tickControl(page, boxes.nth(i % n)) : boxes.nth(i % n);
    const before = await evalNum(page, 'window.__bench.clicks.length');
    await target.click();
    await page.waitForFunction(`window.__bench.clicks.length > ${before}`);
    const rec = (await page.evaluate(`window.__bench.clicks[${before}]`)) as { paint: number; handler: number; frame: number; writesInClick: number };
    out.paint.push(rec.paint);
    out.handler.push(rec.handler);
    out.frame.push(rec.frame);
    out.writesInClick.push(rec.writesInClick);
    // A person does not click every frame: let debounced saves and idle work finish first.
    await page.waitForTimeout(120);
    await page.evaluate('window.__bench.idle()');
  }
  return out;
}

interface ClickTarget {
  label: string;
  page: Page;
  selector: string;
  budget: boolean;
}

async function openClickTarget(
  browser: Browser,
  opts: Opts,
  label: string,
  base: string,
  route: string,
  selector: string,
  entries: StoredEntries | Record<string, string>,
  budget: boolean,
): Promise<ClickTarget & { context: BrowserContext }> {
  const context = await newContext(browser, opts);
  const page = await newPage(context, opts);
  await injectStorage(page, base, entries);
  await page.goto(`${base}${route}`);
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 30_000 });
  return { label, page, selector, budget, context };
}

async function benchClick(browser: Browser, opts: Opts, appUrl: string, baseUrl: string): Promise<Row[]> {
  const unit = busiestUnit(city);
  const targets = [
    await openClickTarget(browser, opts, `tick on 我的任务 (${unit})`, appUrl, `#${APP.tickRoute}`, APP.tickBox, persistedEntries(city, { kind: 'unit', name: unit }), true),
    await openClickTarget(browser, opts, 'select on 三张清单 (office)', appUrl, `#${APP.listsRoute}`, APP.listsBox, persistedEntries(city), true),
    await openClickTarget(browser, opts, 'bare baseline', baseUrl, '', 'input[type="checkbox"]', { 'luoshi-bench-baseline-titles': JSON.stringify(city.plan.tasks.map((t) => t.title)) }, false),
  ];
  const inDom: number[] = [];
  for (const t of targets) inDom.push(await t.page.locator('input[type="checkbox"]').count());

  // Warm every page up, then alternate blocks of five so that drift in the machine's load hits
  // all of them alike.
  for (const t of targets) await clickSeries(t.page, t.selector, opts.warmup);
  const got = targets.map(() => noSamples());
  for (let done = 0; done < opts.runs; done += 5) {
    const k = Math.min(5, opts.runs - done);
    for (const [i, t] of targets.entries()) {
      const r = await clickSeries(t.page, t.selector, k);
      got[i]!.paint.push(...r.paint);
      got[i]!.handler.push(...r.handler);
      got[i]!.frame.push(...r.frame);
      got[i]!.writesInClick.push(...r.writesInClick);
    }
  }
  const writes: { key: string; dur: number; chars: number; inClick: boolean }[][] = [];
  for (const t of targets) writes.push((await t.page.evaluate('window.__bench.writes')) as (typeof writes)[number]);
  for (const t of targets) await t.context.close();

  const baseMedian = median(got[targets.length - 1]!.paint);
  const rows: Row[] = [];
  for (const [i, t] of targets.entries()) {
    const g = got[i]!;
    const m = median(g.paint);
    const big = writes[i]!.filter((w) => w.chars > 10_000);
    rows.push({
      name: `click → paint, ${t.label}`,
      median: m,
      unit: 'ms',
      runs: g.paint.length,
      ...(t.budget ? { budget: m <= BUDGET.clickMs ? 'ok' : 'FAIL' } : {}),
      extra: {
        p90: r1(q(g.paint, 0.9)),
        handler: r1(median(g.handler)),
        // From the frame's start to the paint: style, layout and paint of what the click changed.
        render: r1(median(g.paint.map((p, j) => p - g.frame[j]!))),
        checkboxesInDom: inDom[i]!,
        ...(t.budget
          ? {
              syncWritesPerClick: median(g.writesInClick),
              persistWriteMs: big.length ? r1(median(big.map((w) => w.dur))) : 0,
              persistChars: big.length ? Math.max(...big.map((w) => w.chars)) : 0,
            }
          : {}),
      },
      samples: g.paint.map(r1),
    });
    if (t.budget) {
      const ratio = m / baseMedian;
      rows.push({ name: `  ÷ baseline (${t.label})`, median: ratio, unit: '×', runs: g.paint.length, budget: ratio <= BUDGET.clickRatio ? 'ok' : 'FAIL' });
    }
  }
  return rows;
}

async function benchDashboard(browser: Browser, opts: Opts, appUrl: string): Promise<Row[]> {
  const entries = persistedEntries(city);
  const { selector, text } = APP.dashboardReady;
  const ctx = await newContext(browser, opts, { selector, text });
  const page = await newPage(ctx, opts);
  await injectStorage(page, appUrl, entries);
  const other = `#${APP.listsRoute}`;

  // Direct load of #/dashboard: storage read + restore + derive + render, from navigation start.
  const direct: number[] = [];
  for (let i = 0; i < Math.max(5, Math.round(opts.runs / 3)); i++) {
    // Leave the app first: going from #/x to #/dashboard would only change the hash, not reload.
    await page.goto(`${appUrl}favicon.svg`);
    await page.goto(`${appUrl}#${APP.dashboardRoute}`);
    const r = (await page.evaluate('window.__bench.load')) as { painted: number };
    direct.push(r.painted);
  }

  // In-app navigation from the lists to the dashboard and back, the way a person opens it.
  await page.goto(`${appUrl}${other}`);
  await page.locator(APP.listsBox).first().waitFor({ timeout: 30_000 });
  const nav: number[] = [];
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    const r = (await page.evaluate(`window.__bench.navigate(${JSON.stringify(`#${APP.dashboardRoute}`)}, ${JSON.stringify(selector)}, ${JSON.stringify(text)})`)) as { painted: number };
    if (i >= opts.warmup) nav.push(r.painted);
    await page.evaluate(`window.__bench.navigate(${JSON.stringify(other)}, ${JSON.stringify(APP.listsBox)}, '')`);
    await page.evaluate('window.__bench.idle()');
  }
  await ctx.close();
  const m = median(nav);
  return [
    {
      name: 'dashboard open (in-app), city scale',
      median: m,
      unit: 'ms',
      runs: nav.length,
      budget: m <= BUDGET.dashboardMs ? 'ok' : 'FAIL',
      extra: { p90: r1(q(nav, 0.9)) },
      samples: nav.map(r1),
    },
    {
      name: 'dashboard direct load, city scale',
      median: median(direct.slice(1)),
      unit: 'ms',
      runs: direct.length - 1,
      extra: { first: r1(direct[0]!) },
      samples: direct.map(r1),
    },
  ];
}

/** Fresh profiles (empty storage, so the app parses the seed speech), timed from navigation start. */
async function firstLoads(browser: Browser, opts: Opts, url: string, ready: { selector: string; text: string }, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs + 1; i++) {
    const ctx = await newContext(browser, opts, ready);
    const page = await newPage(ctx, opts);
    await page.goto(url);
    const r = (await page.evaluate('window.__bench.load')) as { painted: number };
    // The first one also pays for the server's and the OS's cold caches.
    if (i > 0) times.push(r.painted);
    await ctx.close();
  }
  return times;
}

async function benchFirstLoad(browser: Browser, opts: Opts, appUrl: string): Promise<Row[]> {
  const runs = Math.max(5, Math.round(opts.runs / 2));
  const home = await firstLoads(browser, opts, `${appUrl}`, APP.homeReady, runs);
  const lists = await firstLoads(browser, opts, `${appUrl}#${APP.listsRoute}`, { selector: APP.listsBox, text: '' }, runs);
  const m = median(lists);
  return [
    {
      name: 'first load, seed plan → home screen painted',
      median: median(home),
      unit: 'ms',
      runs: home.length,
      extra: { p90: r1(q(home, 0.9)) },
      samples: home.map(r1),
    },
    {
      name: 'first load, seed plan → lists checkbox usable',
      median: m,
      unit: 'ms',
      runs: lists.length,
      budget: m <= BUDGET.firstLoadMs ? 'ok' : 'FAIL',
      extra: { p90: r1(q(lists, 0.9)) },
      samples: lists.map(r1),
    },
  ];
}

async function benchPrint(browser: Browser, opts: Opts, appUrl: string): Promise<Row[]> {
  const ctx = await newContext(browser, opts);
  const page = await newPage(ctx, opts);
  await injectStorage(page, appUrl, persistedEntries(city));
  await page.goto(`${appUrl}#${APP.dashboardRoute}`);
  await page.waitForSelector(APP.dashboardReady.selector, { timeout: 30_000 });
  const { selector, text } = APP.reportReady;
  const nav: number[] = [];
  const runs = Math.max(5, Math.round(opts.runs / 2));
  for (let i = 0; i < runs + 2; i++) {
    const r = (await page.evaluate(`window.__bench.navigate(${JSON.stringify(`#${APP.reportRoute}`)}, ${JSON.stringify(selector)}, ${JSON.stringify(text)})`)) as { painted: number };
    if (i >= 2) nav.push(r.painted);
    await page.evaluate(`window.__bench.navigate(${JSON.stringify(`#${APP.dashboardRoute}`)}, ${JSON.stringify(APP.dashboardReady.selector)}, '')`);
  }
  await page.evaluate(`window.__bench.navigate(${JSON.stringify(`#${APP.reportRoute}`)}, ${JSON.stringify(selector)}, ${JSON.stringify(text)})`);
  const pdf: number[] = [];
  let pages = 0;
  let bytes = 0;
  await page.emulateMedia({ media: 'print' });
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    const buf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    if (i > 0) pdf.push(performance.now() - t0);
    bytes = buf.length;
    pages = (buf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }
  await ctx.close();
  return [
    {
      name: 'quarterly summary open (#/report?q=1)',
      median: median(nav),
      unit: 'ms',
      runs: nav.length,
      extra: { p90: r1(q(nav, 0.9)) },
      samples: nav.map(r1),
    },
    { name: 'quarterly summary page.pdf()', median: median(pdf), unit: 'ms', runs: pdf.length, extra: { pages, kB: r1(bytes / KB) }, samples: pdf.map(r1) },
  ];
}

/**
 * The same city (1,000 tasks, 100 units) with more and more events, each size in a fresh
 * profile: first paint (the frame drawn from the working state), the checklist usable (history
 * read), a tick's click → paint and click → committed to IndexedDB, the dashboard, the bytes in
 * each store, and the JS heap after a garbage collection. Ratios to the first size, same run.
 */
async function benchScale(browser: Browser, opts: Opts, appUrl: string): Promise<Row[]> {
  const rows: Row[] = [];
  const base: Record<string, number> = {};
  const runs = Math.max(5, Math.round(opts.runs / 2));
  for (const n of opts.events) {
    const c = generateCity({ events: n });
    const unit = busiestUnit(c);
    const entries = persistedEntries(c, { kind: 'unit', name: unit });
    const ctx = await newContext(browser, opts, { selector: APP.tickBox, text: '', shown: APP.taskTitle });
    const page = await newPage(ctx, opts);
    await injectStorage(page, appUrl, entries);
    // Loads: from navigation start to the first contentful paint, to the unit's tasks listed
    // (from the working state), and to the checklist usable (history read, boxes there).
    const fcp: number[] = [];
    const shown: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      await page.goto(`${appUrl}favicon.svg`);
      await page.goto(`${appUrl}#${APP.tickRoute}`);
      const r = (await page.evaluate('window.__bench.load')) as { painted: number };
      const l = (await page.evaluate('window.__bench.shown')) as { painted: number };
      const p = await page.evaluate(`performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN`);
      if (i > 0) {
        ready.push(r.painted);
        shown.push(l.painted);
        fcp.push(Number(p));
      }
    }
    // Ticks: click → paint, and click → the IndexedDB commit of its record.
    await page.locator(APP.tickBox).first().waitFor({ state: 'visible', timeout: 60_000 });
    await clickSeries(page, APP.tickBox, opts.warmup);
    const paint: number[] = [];
    const persisted: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const target = await tickControl(page, page.locator(APP.tickBox).nth(i % 10));
      const before = await evalNum(page, 'window.__bench.clicks.length');
      await target.click();
      await page.waitForFunction(`window.__bench.clicks.length > ${before}`);
      const t0 = (await page.evaluate(`window.__bench.clicks[${before}].t0`)) as number;
      await page.waitForFunction(`window.__bench.commits.some((c) => c.began >= ${t0})`, undefined, { timeout: 10_000 });
      const commit = (await page.evaluate(`window.__bench.commits.find((c) => c.began >= ${t0}).done`)) as number;
      paint.push((await page.evaluate(`window.__bench.clicks[${before}].paint`)) as number);
      persisted.push(commit - t0);
      await page.waitForTimeout(120);
      await page.evaluate('window.__bench.idle()');
    }
    // The dashboard, opened in the app.
    const dash: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const r = (await page.evaluate(`window.__bench.navigate('#${APP.dashboardRoute}', 'main h1', '')`)) as { painted: number };
      if (i >= 2) dash.push(r.painted);
      await page.evaluate(`window.__bench.navigate('#${APP.tickRoute}', ${JSON.stringify(APP.tickBox)}, '')`);
    }
    // Bytes per store and the heap.
    const bytes = (await page.evaluate(`(async () => {
      let local = 0;
      for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); local += (k.length + localStorage.getItem(k).length) * 2; }
      const est = await navigator.storage.estimate();
      return { local, idb: est.usage ?? 0 };
    })()`)) as { local: number; idb: number };
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await ctx.close();

    const m = { fcp: median(fcp), shown: median(shown), ready: median(ready), paint: median(paint), persisted: median(persisted), dash: median(dash) };
    if (!Object.keys(base).length) Object.assign(base, m);
    const ratio = (k: keyof typeof m) => (base[k] ? r1((m[k] / base[k]!) * 100) / 100 : 1);
    const label = `${n.toLocaleString('en')} events`;
    rows.push(
      { name: `load → first paint, ${label}`, median: m.fcp, unit: 'ms', runs: fcp.length, budget: n < 200_000 || m.fcp <= 1500 ? 'ok' : 'FAIL', extra: { ratio: ratio('fcp') }, samples: fcp.map(r1) },
      { name: `load → unit's tasks listed, ${label}`, median: m.shown, unit: 'ms', runs: shown.length, extra: { ratio: ratio('shown'), p90: r1(q(shown, 0.9)) }, samples: shown.map(r1) },
      { name: `load → checklist usable, ${label}`, median: m.ready, unit: 'ms', runs: ready.length, extra: { ratio: ratio('ready'), p90: r1(q(ready, 0.9)) }, samples: ready.map(r1) },
      { name: `tick click → paint, ${label}`, median: m.paint, unit: 'ms', runs: paint.length, budget: ratio('paint') <= 1.3 ? 'ok' : 'FAIL', extra: { ratio: ratio('paint'), p90: r1(q(paint, 0.9)) }, samples: paint.map(r1) },
      { name: `tick → persisted (IDB commit), ${label}`, median: m.persisted, unit: 'ms', runs: persisted.length, budget: ratio('persisted') <= 1.3 ? 'ok' : 'FAIL', extra: { ratio: ratio('persisted'), p90: r1(q(persisted, 0.9)) }, samples: persisted.map(r1) },
      { name: `dashboard open (in-app), ${label}`, median: m.dash, unit: 'ms', runs: dash.length, extra: { ratio: ratio('dash') }, samples: dash.map(r1) },
      { name: `bytes, ${label}`, median: bytes.local + bytes.idb, unit: 'B', runs: 1, extra: { localStorage: bytes.local, indexedDB: bytes.idb, heapMB: r1(heap.usedSize / 1024 / 1024) } },
    );
  }
  return rows;
}

function benchBundle(): Row[] {
  const app = initialJs(appDist);
  const base = initialJs(baseDist);
  const kb = app.totalGzip / KB;
  return [
    {
      name: 'initial JS gzipped, app',
      median: kb,
      unit: 'kB',
      runs: 1,
      budget: kb <= BUDGET.initialJsKb ? 'ok' : 'FAIL',
      extra: { files: app.files.length, rawKB: r1(app.totalBytes / KB) },
    },
    { name: 'initial JS gzipped, baseline', median: base.totalGzip / KB, unit: 'kB', runs: 1, extra: { rawKB: r1(base.totalBytes / KB) } },
  ];
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.skipBuild) {
    console.log('building the app and the baseline…');
    if (appDistArg < 0) build(null, appDist);
    build('bench/baseline/vite.config.ts', baseDist);
  }
  const appUrl = await serve(null, appDist, APP_PORT);
  const baseUrl = await serve('bench/baseline/vite.config.ts', baseDist, BASE_PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const rows: Row[] = [];
  const print = (rs: Row[]) => {
    for (const r of rs) {
      rows.push(r);
      const extra = r.extra ? Object.entries(r.extra).map(([k, v]) => `${k}=${v}`).join('  ') : '';
      const budget = r.budget ? `budget=${r.budget}` : '';
      console.log(`${r.name.padEnd(42)} ${r.median.toFixed(2).padStart(9)} ${r.unit.padEnd(3)} (n=${r.runs})  ${budget}  ${extra}`);
    }
  };
  const step = async (name: string, fn: () => Promise<Row[]> | Row[]) => {
    if (!opts.only.has(name)) return;
    try {
      print(await fn());
    } catch (e) {
      console.error(`${name}: 未能测量：${(e as Error).message.split('\n')[0]}`);
      rows.push({ name: `${name} (error)`, median: NaN, unit: '', runs: 0, budget: 'FAIL', extra: { error: (e as Error).message.split('\n')[0]! } });
    }
  };
  try {
    await step('bundle', () => benchBundle());
    await step('load', () => benchFirstLoad(browser, opts, appUrl));
    await step('click', () => benchClick(browser, opts, appUrl, baseUrl));
    await step('dashboard', () => benchDashboard(browser, opts, appUrl));
    await step('print', () => benchPrint(browser, opts, appUrl));
    await step('scale', () => benchScale(browser, opts, appUrl));
  } finally {
    await browser.close();
    stopServers();
  }
  const commit = (() => {
    try {
      return execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim();
    } catch {
      return 'unknown';
    }
  })();
  mkdirSync(path.join(root, 'bench/results'), { recursive: true });
  const out = path.join(root, 'bench/results/browser.json');
  writeFileSync(
    out,
    JSON.stringify(
      {
        at: new Date().toISOString(),
        commit,
        chromium: browser.version(),
        node: process.version,
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '',
        loadavg: os.loadavg().map(r1),
        options: { runs: opts.runs, warmup: opts.warmup, cpuThrottle: opts.cpuThrottle },
        city: { tasks: city.plan.tasks.length, units: city.units.length, events: city.events.length, today: city.today },
        budgets: BUDGET,
        rows,
      },
      null,
      2,
    ),
  );
  console.log(`\nwrote ${path.relative(root, out)}`);
  if (rows.some((r) => r.budget === 'FAIL')) {
    console.error('至少一项预算未达标（budget=FAIL）。');
    process.exitCode = 1;
  }
}

await main();
