/**
 * Storage corrupted by hand: the app must still start, say what happened, and let the user
 * download the untouched original, byte for byte, also after another reload.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAIN_KEY, RECOVERY_PREFIX } from '@/store/keys';
import { catchDownload, launchBrowser, newOffice, open, shot, storageDump } from './harness';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('corrupted storage', () => {
  it('starts with a recovery notice, and the original data can be downloaded', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/lists');
    // Leave a mark in the stored data: rename a task (the working state) and flag another (an
    // event: since storage v3 it is its own record in the log, not in the working-state key).
    const before = (await storageDump(page))[MAIN_KEY];
    await page.evaluate(() => {
      const s = (window as unknown as { __LUOSHI_STORE__: { getState: () => { plan: { tasks: { id: string; title: string }[] }; updateTask: (id: string, p: { title: string }) => void } } }).__LUOSHI_STORE__.getState();
      s.updateTask(s.plan.tasks[0]!.id, { title: `${s.plan.tasks[0]!.title}（已核对）` });
    });
    await page.getByRole('button', { name: /^挂牌\s*：/ }).first().click();
    await expect.poll(async () => {
      const now = (await storageDump(page))[MAIN_KEY];
      return now !== undefined && now !== before;
    }).toBe(true);
    const flagged = () =>
      page.evaluate(async () => {
        const s = (window as unknown as { __LUOSHI_STORE__: { historyReady: () => Promise<void>; getState: () => { events: { type: string }[] } } }).__LUOSHI_STORE__;
        await s.historyReady();
        return s.getState().events.filter((e) => e.type === 'flag').length;
      });
    expect(await flagged()).toBe(1);

    // Corrupt it the way a crash or a hand edit would: cut in half, then garbage.
    const garbage = await page.evaluate((key) => {
      const raw = localStorage.getItem(key) ?? '';
      const bad = `${raw.slice(0, Math.floor(raw.length / 2))}\u0000}}垃圾<not json>`;
      localStorage.setItem(key, bad);
      return bad;
    }, MAIN_KEY);

    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const notice = page.getByRole('alert').filter({ hasText: '本地数据读取时出现问题' });
    await expect.poll(() => notice.count()).toBeGreaterThan(0);
    // The damaged key held no events: the flag is still there.
    expect(await flagged()).toBe(1);
    await shot(page, '30-recovery-notice');

    // The untouched original sits under a recovery key, not overwritten by the restarted app.
    const dump = await storageDump(page);
    const copies = Object.entries(dump).filter(([k]) => k.startsWith(RECOVERY_PREFIX));
    expect(copies.map(([, v]) => v)).toContain(garbage);

    await notice.getByRole('link').first().click();
    await page.getByRole('heading', { name: '数据恢复提示' }).waitFor();
    await shot(page, '31-recovery-data-page');
    const { text } = await catchDownload(page, () => page.getByRole('button', { name: '下载原始数据' }).click(), 'recovered-original.txt');
    // The file says what happened and carries the original text exactly as it was stored.
    const file = JSON.parse(text) as { kind: string; message: string; original: string };
    expect(file.kind).toBe('luoshi/recovery');
    expect(file.message.length).toBeGreaterThan(0);
    expect(file.original).toBe(garbage);

    // Another reload: the app keeps working and the original is still there to download.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const again = await storageDump(page);
    expect(Object.entries(again).filter(([k]) => k.startsWith(RECOVERY_PREFIX)).map(([, v]) => v)).toContain(garbage);
    await open(page, '/dashboard');
    expect(await page.getByRole('region', { name: '关键指标' }).count()).toBe(1);

    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  });
});
