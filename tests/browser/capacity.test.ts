/**
 * Room for years of records (issue 14), in Chromium against the built app:
 * - 120,000 events written through the app's own store (record()), a reload, and every one found;
 * - the storage filled on purpose, localStorage and then IndexedDB: nothing is lost, the user is
 *   told, and everything is written once there is room again. On the way, the real limit of
 *   localStorage is measured (docs/DATA.md quotes it; the meter uses it).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_STORAGE_CHARS } from '@/store/keys';
import { launchBrowser, newOffice, open } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

type StoreHandle = {
  historyReady: () => Promise<void>;
  eventsSettled: () => Promise<void>;
  getState: () => {
    events: Array<{ id: string; taskId: string; type: string }>;
    plan: { tasks: Array<{ id: string; title: string }> };
    storage: { saveFailed: boolean };
    record: (e: { type: string; taskId: string; note?: string; done?: boolean }) => { id: string };
    updateTask: (id: string, patch: { title: string }) => void;
  };
};

const ids = (page: Page) =>
  page.evaluate(async () => {
    const store = (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__;
    await store.historyReady();
    return store.getState().events.map((e) => e.id);
  });

describe('capacity', () => {
  it('writes 120,000 events through the app\'s own store, reloads, and finds every one', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    // A screen that lists no events, so the loop measures the store, not React.
    await open(page, '/units');
    const written: string[] = [];
    for (let batch = 0; batch < 120; batch++) {
      written.push(
        ...(await page.evaluate(async (b) => {
          const store = (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__;
          const tasks = store.getState().plan.tasks;
          const out: string[] = [];
          for (let i = 0; i < 1000; i++) out.push(store.getState().record({ type: 'urge', taskId: tasks[(b * 1000 + i) % tasks.length]!.id, note: `第 ${b * 1000 + i} 次催办` }).id);
          await store.eventsSettled();
          return out;
        }, batch)),
      );
    }
    expect(written).toHaveLength(120_000);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const found = new Set(await ids(page));
    expect(written.filter((id) => !found.has(id))).toEqual([]);
    const stored = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    console.log(`120,000 条记录：IndexedDB 用量 ${(stored / 1024 / 1024).toFixed(1)} MB；localStorage ${await page.evaluate(() => { let n = 0; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i)!; n += k.length + localStorage.getItem(k)!.length; } return n; })} 字符`);
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 400_000);

  it('fills localStorage and then IndexedDB on purpose: nothing is lost and the user is told', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/lists');
    const origin = new URL(page.url()).origin;

    // The real limit: the longest value that still fits, plus everything already stored.
    const fill = () => page.evaluate(() => {
      const key = 'fill';
      let used = 0;
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i)!;
        used += k.length + localStorage.getItem(k)!.length;
      }
      let lo = 0;
      let hi = 12 * 1024 * 1024;
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        try {
          localStorage.setItem(key, 'x'.repeat(mid));
          lo = mid;
        } catch {
          hi = mid - 1;
        }
      }
      localStorage.setItem(key, 'x'.repeat(lo));
      return used + key.length + lo;
    });
    // A first change of the day keeps today's snapshot (it will give way below).
    await page.evaluate(() => {
      const s = (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__.getState();
      s.updateTask(s.plan.tasks[0]!.id, { title: `${s.plan.tasks[0]!.title}。` });
    });
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('luoshi:snap:')))).toBe(true);
    const limit = await fill();
    console.log(`localStorage 实测上限：${limit} 个 UTF-16 字符`);
    expect(Math.abs(limit - LOCAL_STORAGE_CHARS)).toBeLessThan(64);

    const state = (p: Page) => p.evaluate(() => (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__.getState().storage.saveFailed);
    const rename = (title: string) =>
      page.evaluate((t) => {
        const s = (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__.getState();
        s.updateTask(s.plan.tasks[0]!.id, { title: t });
      }, title);
    const longTitle = `存储已满时改的名称：${'很长的说明'.repeat(40)}`;
    // Full: today's snapshot gives way to the live data, and the user is told which one went.
    await rename(`${longTitle}（一）`);
    await expect.poll(() => page.getByText(/存储空间不足：为保存当前数据，已删除.*每日快照/).count()).toBeGreaterThan(0);
    expect(await state(page)).toBe(false);
    // Full again, nothing left to give way: the edit stays in memory, and the page says so.
    await fill();
    await rename(`${longTitle}${"更长的说明".repeat(60)}`);
    await expect.poll(() => state(page), { timeout: 5000 }).toBe(true);
    await expect.poll(() => page.getByRole('alert').filter({ hasText: '最近一次保存失败' }).count()).toBeGreaterThan(0);
    // A tick still reaches disk: it goes to the history store, not to localStorage.
    const tick = await page.evaluate(async () => {
      const store = (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__;
      const e = store.getState().record({ type: 'urge', taskId: store.getState().plan.tasks[1]!.id });
      await store.eventsSettled();
      return e.id;
    });

    // Now IndexedDB is full too (the origin's quota lowered to what it uses).
    const cdp = await context.newCDPSession(page);
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage });
    const held = await page.evaluate(async () => {
      const store = (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__;
      const out: string[] = [];
      for (let i = 0; i < 200; i++) out.push(store.getState().record({ type: 'urge', taskId: store.getState().plan.tasks[2]!.id, note: '空间已满时的催办'.repeat(40) }).id);
      await store.eventsSettled();
      return out;
    });
    await expect.poll(() => state(page)).toBe(true);
    const inMemory = new Set(await ids(page));
    expect(held.every((id) => inMemory.has(id))).toBe(true);
    await page.screenshot({ path: 'artifacts/browser/40-storage-full.png', fullPage: false });

    // Room again: the next change writes everything that waited.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin });
    await page.evaluate(() => localStorage.removeItem('fill'));
    await page.evaluate(async () => {
      const store = (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__;
      store.getState().record({ type: 'urge', taskId: store.getState().plan.tasks[3]!.id });
      const s = store.getState();
      s.updateTask(s.plan.tasks[0]!.id, { title: '空间恢复后的名称' });
      await store.eventsSettled();
    });
    await expect.poll(() => state(page)).toBe(false);
    await page.waitForTimeout(800);
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const after = new Set(await ids(page));
    expect([tick, ...held].filter((id) => !after.has(id))).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __LUOSHI_STORE__: StoreHandle }).__LUOSHI_STORE__.getState().plan.tasks[0]!.title)).toBe('空间恢复后的名称');
    expect(watched.errors).toEqual([]);
    await context.close();
  }, 200_000);
});
