/**
 * Never lose a tick (issue 16), in Chromium against the built app:
 * - the browser process is killed (SIGKILL, not closed) 2 s after a tick at city scale (1,000
 *   tasks, 20,000 events), three times: the tick is there after a restart every time;
 * - two tabs of one profile tick 0–250 ms apart, 50 times: after a reload of both, no tick is lost;
 * - a stale editor (opened before another tab renamed the task) saves a deadline change: the
 *   other tab's name is kept, and the user is told;
 * - a 通报 issued in one tab while the other saves a plan edit: both are kept (issue 12's archive
 *   is one more field of the working state).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { busiestUnit, generateCity } from '../../bench/fixtures';
import { persistedEntries, writeEntries } from '../../bench/browser/app-state';
import { baseURL, launchBrowser, newOffice, open, shot, url } from './harness';

/** A port for Chromium's DevTools endpoint, inside the range this suite's runner was given. */
const CDP_PORT = Number(process.env.LUOSHI_CDP_PORT ?? Number(process.env.LUOSHI_PORT ?? 4310) + 5);

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Starts Chromium as its own process group over a profile folder, and connects to it. */
async function startChromium(profile: string): Promise<{ child: ChildProcess; browser: Browser }> {
  const child = spawn(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', [...FLAGS, `--user-data-dir=${profile}`, `--remote-debugging-port=${CDP_PORT}`, 'about:blank'], {
    detached: true,
    stdio: 'ignore',
  });
  const until = Date.now() + 20_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${CDP_PORT}/json/version`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > until || child.exitCode !== null) throw new Error(`Chromium 未能在端口 ${CDP_PORT} 上启动`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, browser: await chromium.connectOverCDP(`http://127.0.0.1:${CDP_PORT}`) };
}

/** SIGKILL to the process group this test started: the browser and its renderers, no goodbye. */
async function kill(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  process.kill(-child.pid!, 'SIGKILL');
  await exited;
}

/** A clean shutdown (what closing the window does): Chromium writes what it holds to disk. */
async function shutDown(browser: Browser, child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  const cdp = await browser.newBrowserCDPSession();
  await cdp.send('Browser.close').catch(() => undefined);
  await exited;
}

async function appPage(browser: Browser): Promise<Page> {
  const ctx = browser.contexts()[0]!;
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  return page;
}

describe('a browser killed 2 s after a tick', () => {
  const city = generateCity();
  const unit = busiestUnit(city);
  const entries = persistedEntries(city, { kind: 'unit', name: unit });
  const probes: boolean[] = [];

  afterAll(() => {
    // For docs/DATA.md: whether a localStorage write made at the click survived the same kill.
    console.log(`localStorage 探针在 SIGKILL 后保留：${probes.filter(Boolean).length}/${probes.length}`);
  });

  it.each([1, 2, 3])('keeps the tick at city scale (trial %i of 3)', async () => {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'luoshi-kill-'));
    try {
      let { child, browser } = await startChromium(profile);
      let page = await appPage(browser);
      await page.goto(`${baseURL()}favicon.svg`);
      await writeEntries(page, entries);
      // The city's stored data is the setup, not the trial: in real use it reached the disk long
      // before. Chromium writes localStorage to disk some seconds after a write (later for a
      // large one), so a kill moments after the setup could take the setup with it and test
      // nothing. A clean shutdown writes it; only then starts the trial.
      await shutDown(browser, child);
      ({ child, browser } = await startChromium(profile));
      page = await appPage(browser);
      await page.goto(url('/my'));
      const box = page.locator('main input.task-card__tick:not(:checked)').first();
      await box.waitFor({ state: 'visible', timeout: 60_000 });
      const taskId = (await box.getAttribute('data-task-id'))!;
      const ticks = (p: Page) =>
        p.evaluate(async (id) => {
          const store = (window as unknown as { __LUOSHI_STORE__: { historyReady: () => Promise<void>; getState: () => { events: Array<{ type: string; taskId: string; done?: boolean }> } } }).__LUOSHI_STORE__;
          await store.historyReady();
          return store.getState().events.filter((e) => e.type === 'tick' && e.taskId === id && e.done).length;
        }, taskId);
      const before = await ticks(page);
      // Ticking opens 办结 (issue 12): the tick is recorded when the report with its note is sent.
      await box.click();
      const card = page.locator('main li.task-card', { has: page.locator(`input[data-task-id="${taskId}"]`) });
      await card.getByLabel(/^完成说明/).fill('已完成，佐证材料已归档');
      await card.getByRole('button', { name: '报告完成' }).click();
      await page.evaluate(() => localStorage.setItem('luoshi-durability-probe', String(Date.now())));
      await page.waitForTimeout(2000);
      await kill(child);

      ({ child, browser } = await startChromium(profile));
      page = await appPage(browser);
      const troubles: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && troubles.push(m.text())));
      page.on('requestfailed', (r) => void troubles.push(`请求失败 ${r.url()} ${r.failure()?.errorText ?? ''}`));
      page.on('pageerror', (x) => void troubles.push(x.message));
      await page.goto(url('/my'));
      try {
        await page.locator('main input.task-card__tick').first().waitFor({ state: 'visible', timeout: 60_000 });
      } catch (e) {
        // Rare, not yet understood (a first trial after a restart once never drew the list): keep
        // what the page showed and what the store held, so the next failure can be read.
        // Each look is bounded: a page that does not answer must not hide the first error.
        const within = <T,>(p: Promise<T>, fallback: T) => Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), 5000))]);
        await within(shot(page, `durability-restart-failed-${Date.now()}`), '');
        const state = await within<unknown>(
          page.evaluate(() => {
            const s = (window as unknown as { __LUOSHI_STORE__?: { getState: () => { plan: { id: string }; identity: unknown; storage: unknown; events: unknown[] } } }).__LUOSHI_STORE__?.getState();
            return s ? { plan: s.plan.id, identity: s.identity, events: s.events.length, storage: s.storage } : null;
          }),
          '页面无响应',
        );
        const body = await within(page.locator('body').innerText(), '');
        console.log('重启后未显示任务清单', page.url(), JSON.stringify(state), body.slice(0, 800), troubles.slice(0, 20));
        throw e;
      }
      expect(await ticks(page)).toBe(before + 1);
      probes.push(await page.evaluate(() => localStorage.getItem('luoshi-durability-probe') !== null));
      await browser.close();
      await kill(child).catch(() => undefined);
    } finally {
      rmSync(profile, { recursive: true, force: true });
    }
  });
});

/**
 * Gets the nth task card of 我的任务 ready to change: a done task's box is the last click (an
 * untick is recorded at once); an open task's box opens 办结, its note is filled, and 报告完成 is
 * the last click. Returns that last click.
 */
async function readyToToggle(page: Page, nth: number): Promise<() => Promise<void>> {
  const box = page.locator('main input.task-card__tick').nth(nth);
  const id = (await box.getAttribute('data-task-id'))!;
  const card = page.locator('main li.task-card', { has: page.locator(`input[data-task-id="${id}"]`) });
  if (await box.isChecked()) return () => card.locator('input.task-card__tick').click();
  await box.click();
  await card.getByLabel(/^完成说明/).fill('已完成，佐证材料已归档');
  return () => card.getByRole('button', { name: '报告完成' }).click();
}

describe('two tabs, one profile', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  const eventCount = (page: Page) =>
    page.evaluate(async () => {
      const store = (window as unknown as { __LUOSHI_STORE__: { historyReady: () => Promise<void>; getState: () => { events: unknown[] } } }).__LUOSHI_STORE__;
      await store.historyReady();
      return store.getState().events.length;
    });

  it('near-simultaneous ticks, 50 times: none lost after a reload of both tabs', async () => {
    const { context, watched } = await newOffice(browser);
    const a = await context.newPage();
    const b = await context.newPage();
    await open(a, '/lists');
    await a.getByLabel('当前身份').selectOption({ label: '市发展和改革委员会' });
    let expected = await eventCount(a);
    let lost = 0;
    await Promise.all([open(a, '/my'), open(b, '/my')]);
    for (let trial = 0; trial < 50; trial++) {
      // Fresh tabs each time: both load what is stored, then tick (or untick) different tasks.
      const boxes = 'main input.task-card__tick';
      await Promise.all([a.locator(boxes).first().waitFor(), b.locator(boxes).first().waitFor()]);
      const n = await a.locator(boxes).count();
      const delay = (trial * 37) % 251;
      // Both tabs get ready first (a tick opens 办结 and needs its note); the two last clicks race.
      const [goA, goB] = await Promise.all([readyToToggle(a, trial % n), readyToToggle(b, (trial + 1) % n)]);
      await Promise.all([
        goA(),
        (async () => {
          await b.waitForTimeout(delay);
          await goB();
        })(),
      ]);
      expected += 2;
      await Promise.all([a.reload(), b.reload()]);
      const [ca, cb] = await Promise.all([eventCount(a), eventCount(b)]);
      if (ca !== expected || cb !== expected) lost++;
      expected = Math.max(ca, cb, expected);
    }
    expect(lost).toBe(0);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 400_000);

  it('an issued 通报 in one tab and a plan edit in the other, saved a moment apart: both there after a reload of both', async () => {
    const { context, watched } = await newOffice(browser);
    const a = await context.newPage();
    const b = await context.newPage();
    await open(a, '/report?q=1&draft=1');
    await open(b, '/lists');
    const first = b.locator('main table tbody tr').first().getByRole('button').first();
    const oldTitle = (await first.innerText()).trim();
    await first.click();
    const form = b.getByRole('form', { name: /编辑任务：/ });
    await form.getByRole('textbox', { name: '任务名称' }).fill('乙页改过的名称');
    await a.getByRole('button', { name: '印发本期通报…' }).click();
    // The two last clicks race: 印发 in one tab, 保存 in the other.
    await Promise.all([a.getByRole('dialog').getByRole('button', { name: '印发', exact: true }).click(), form.getByRole('button', { name: '保存' }).click()]);
    await expect.poll(() => a.evaluate(() => location.hash)).toMatch(/issued=/);
    await a.waitForTimeout(800);
    const stored = (page: Page) =>
      page.evaluate(() => {
        const s = (window as unknown as { __LUOSHI_STORE__: { getState: () => { issued: Array<{ number: number }>; plan: { tasks: Array<{ title: string }> } } } }).__LUOSHI_STORE__.getState();
        return { issued: s.issued.map((x) => x.number), titles: s.plan.tasks.map((x) => x.title) };
      });
    for (const p of [a, b]) {
      await p.reload();
      await p.getByRole('heading', { level: 1 }).first().waitFor();
      const got = await stored(p);
      expect(got.issued).toEqual([1]);
      expect(got.titles).toContain('乙页改过的名称');
      expect(got.titles).not.toContain(oldTitle);
    }
    expect(watched.errors).toEqual([]);
    await context.close();
  });

  it('a stale editor does not revert the name another tab gave the task, and says so', async () => {
    const { context, watched } = await newOffice(browser);
    const a = await context.newPage();
    const b = await context.newPage();
    await open(a, '/lists');
    await open(b, '/lists');
    const first = b.locator('main table tbody tr').first().getByRole('button').first();
    const oldTitle = (await first.innerText()).trim();
    // B opens the editor first.
    await first.click();
    const formB = b.getByRole('form', { name: new RegExp(`编辑任务：`) });
    await formB.waitFor();
    // A renames the task and saves.
    await a.getByRole('button', { name: oldTitle, exact: true }).first().click();
    const formA = a.getByRole('form', { name: new RegExp(`编辑任务：`) });
    await formA.getByRole('textbox', { name: '任务名称' }).fill('甲页改过的名称');
    await formA.getByRole('button', { name: '保存' }).click();
    // B changes only the deadline's wording and saves.
    await b.waitForTimeout(500);
    await formB.getByLabel('时限说明').fill('乙页改的时限');
    await formB.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => b.getByText(/另一个标签页刚修改了本任务的名称/).count()).toBeGreaterThan(0);
    await b.waitForTimeout(800);
    for (const p of [a, b]) {
      await p.reload();
      await p.getByRole('button', { name: '甲页改过的名称', exact: true }).first().waitFor();
      expect(await p.getByRole('button', { name: oldTitle, exact: true }).count()).toBe(0);
    }
    await b.getByRole('button', { name: '甲页改过的名称', exact: true }).first().click();
    expect(await b.getByRole('form', { name: /编辑任务：/ }).getByLabel('时限说明').inputValue()).toBe('乙页改的时限');
    expect(watched.errors).toEqual([]);
    await context.close();
  });
});
