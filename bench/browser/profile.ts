/**
 * Where a slow interaction spends its time: builds the app unminified (readable function names),
 * loads the city-scale plan, records a CPU profile in Chromium over a few repetitions of one
 * interaction and prints the functions with the most self time, grouped by source module.
 *
 *   npx tsx bench/browser/profile.ts tick        # tick boxes on a unit's 我的任务
 *   npx tsx bench/browser/profile.ts select      # row selection on 三张清单
 *   npx tsx bench/browser/profile.ts dashboard   # open the dashboard from the lists
 *   npx tsx bench/browser/profile.ts report      # open the quarterly summary
 *   npx tsx bench/browser/profile.ts load        # load the app with the city in storage
 *   npx tsx bench/browser/profile.ts seed        # first load: empty storage, the seed speech is parsed
 * Options: --reps N (default 8)  --skip-build
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { busiestUnit, generateCity } from '../fixtures';
import { persistedEntries, writeEntries } from './app-state';

const root = path.resolve(import.meta.dirname, '../..');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');
const dist = path.join(os.tmpdir(), 'luoshi-bench', 'app-unminified');
const PORT = Number(process.env.LUOSHI_PROFILE_PORT ?? 4313);
const probe = readFileSync(path.join(import.meta.dirname, 'probe.js'), 'utf8');

const argv = process.argv.slice(2);
const what = argv[0] ?? 'tick';
const repsArg = argv.indexOf('--reps');
const reps = repsArg >= 0 ? Number(argv[repsArg + 1]) : 8;

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

let child: ChildProcess | null = null;
process.on('exit', () => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
});

async function main() {
  if (!argv.includes('--skip-build')) {
    const r = spawnSync(process.execPath, [vite, 'build', '--outDir', dist, '--emptyOutDir', '--minify', 'false', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('vite build 失败');
  }
  child = spawn(process.execPath, [vite, 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore' });
  const base = `http://127.0.0.1:${PORT}/`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 150));
    }
  }
  const city = generateCity();
  const unit = busiestUnit(city);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
  const ctx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  await ctx.addInitScript({ content: probe });
  const page = await ctx.newPage();
  await page.goto(`${base}favicon.svg`);
  const entries = persistedEntries(city, what === 'tick' ? { kind: 'unit', name: unit } : { kind: 'office' });
  await writeEntries(page, entries);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });

  const run = async (fn: () => Promise<void>) => {
    await cdp.send('Profiler.start');
    const t0 = Date.now();
    await fn();
    const wall = Date.now() - t0;
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    report(profile, wall);
  };

  if (what === 'seed') {
    // A navigation ends a CDP profile, so page loads are read from a Chromium trace instead.
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-v8.cpu_profiler', 'v8.execute'] });
    const t0 = Date.now();
    for (let i = 0; i < reps; i++) {
      await page.evaluate('localStorage.clear()');
      await page.goto(`${base}#/lists`);
      await page.locator('main input[type="checkbox"]').first().waitFor({ timeout: 30_000 });
      await page.goto(`${base}favicon.svg`);
    }
    const wall = Date.now() - t0;
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    reportTrace(trace.traceEvents, wall);
  } else if (what === 'load') {
    await run(async () => {
      for (let i = 0; i < reps; i++) {
        await page.goto(`${base}#/dashboard`);
        await page.waitForSelector('main h1', { timeout: 30_000 });
      }
    });
  } else if (what === 'tick' || what === 'select') {
    const sel = what === 'tick' ? 'main input.task-card__tick' : 'main input[type="checkbox"]';
    await page.goto(`${base}#${what === 'tick' ? '/my' : '/lists'}`);
    await page.locator(sel).first().waitFor({ timeout: 30_000 });
    await clicks(page, sel, 2);
    await run(() => clicks(page, sel, reps));
  } else if (what === 'dashboard' || what === 'report') {
    const target = what === 'dashboard' ? ['#/dashboard', 'main h1'] : ['#/report?q=1', 'main table tbody tr'];
    await page.goto(`${base}#/lists`);
    await page.locator('main input[type="checkbox"]').first().waitFor({ timeout: 30_000 });
    await run(async () => {
      for (let i = 0; i < reps; i++) {
        await page.evaluate(`window.__bench.navigate(${JSON.stringify(target[0])}, ${JSON.stringify(target[1])}, '')`);
        await page.evaluate(`window.__bench.navigate('#/lists', 'main input[type="checkbox"]', '')`);
      }
    });
  } else {
    throw new Error(`未知的场景：${what}`);
  }
  await browser.close();
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  args?: { name?: string; data?: { cpuProfile?: { nodes?: CpuProfile['nodes']; samples?: number[] }; timeDeltas?: number[] } };
}

/** Top-level renderer main-thread work by kind, and CPU samples by function, from a trace. */
function reportTrace(events: TraceEvent[], wall: number) {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const kinds = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'X' && e.dur && main.has(`${e.pid}:${e.tid}`) && e.dur > 100) kinds.set(e.name, (kinds.get(e.name) ?? 0) + e.dur / 1000);
  }
  console.log(`\n${what} × ${reps}: wall ${wall} ms`);
  console.log('\nrenderer main thread, by trace event (ms per repetition; nested events overlap):');
  for (const [k, v] of [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`  ${(v / reps).toFixed(1).padStart(7)}  ${k}`);
  // CPU samples: ProfileChunk events carry nodes, samples and time deltas incrementally.
  const nodes: CpuProfile['nodes'] = [];
  const samples: number[] = [];
  const deltas: number[] = [];
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const d = e.args?.data;
    nodes.push(...(d?.cpuProfile?.nodes ?? []));
    samples.push(...(d?.cpuProfile?.samples ?? []));
    deltas.push(...(d?.timeDeltas ?? []));
  }
  if (samples.length) report({ nodes, samples, timeDeltas: deltas }, wall);
}

async function clicks(page: Page, sel: string, n: number) {
  for (let i = 0; i < n; i++) {
    const before = Number(await page.evaluate('window.__bench.clicks.length'));
    await page.locator(sel).nth(i % 5).click();
    await page.waitForFunction(`window.__bench.clicks.length > ${before}`);
    await page.waitForTimeout(100);
  }
}

function report(p: CpuProfile, wall: number) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const mod = new Map<string, number>();
  let busy = 0;
  p.samples.forEach((id, i) => {
    const n = byId.get(id)!;
    const dt = (p.timeDeltas[i] ?? 0) / 1000;
    const cf = n.callFrame;
    if (cf.functionName === '(idle)' || cf.functionName === '(program)') return;
    busy += dt;
    const file = cf.url ? cf.url.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '.js') : '';
    const k = `${cf.functionName || '(anonymous)'}  ${file}:${cf.lineNumber + 1}`;
    fn.set(k, (fn.get(k) ?? 0) + dt);
    mod.set(file || cf.functionName, (mod.get(file || cf.functionName) ?? 0) + dt);
  });
  console.log(`\n${what} × ${reps}: wall ${wall} ms, main thread busy ${busy.toFixed(0)} ms (${(busy / reps).toFixed(1)} ms per repetition)`);
  console.log('\nself time by function (ms per repetition):');
  for (const [k, v] of [...fn].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${(v / reps).toFixed(1).padStart(7)}  ${k}`);
  console.log('\nself time by chunk (ms per repetition):');
  for (const [k, v] of [...mod].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${(v / reps).toFixed(1).padStart(7)}  ${k}`);
}

await main();
