/**
 * A speech is untrusted input. HTML and script pasted into the import page must show as text,
 * on every screen it reaches, and no dialog may ever open (page.on('dialog') fails the test).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newOffice, open, shot } from './harness';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '<script>alert(2)</script>';
// A long title is shortened on the lists (…): what must show there as text is the markup's start.
const IMG_START = '<img src=x';
const SCRIPT_START = '<script>alert(2)';
const SPEECH = [
  '在市政府全体会议上的讲话',
  '一、抓好重点工作落实',
  `市发展改革委要在一季度完成重大项目${IMG}全部开工。`,
  `各部门要在年底前建立${SCRIPT}工作台账。`,
  '市财政局要在6月底前出台预算绩效管理办法。',
].join('\n');

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Nothing the speech carried became markup: no image with src "x", no script with alert. */
async function noInjectedMarkup(page: Page) {
  const found = await page.evaluate(() => ({
    imgs: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
    scripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('alert(')).length,
    onerror: document.querySelectorAll('[onerror]').length,
  }));
  expect(found).toEqual({ imgs: 0, scripts: 0, onerror: 0 });
}

describe('untrusted speech text', () => {
  it('shows pasted HTML and script as text, and no dialog ever opens', async () => {
    const { context, watched } = await newOffice(browser);
    const page = await context.newPage();
    await open(page, '/import');
    await page.getByLabel('讲话全文').fill(SPEECH);
    await page.getByRole('button', { name: '解析', exact: true }).click();
    await page.getByRole('heading', { name: /解析结果/ }).first().waitFor();

    // The literal characters are on screen, in the parsed items and in the source pane.
    await expect.poll(() => page.getByText(IMG, { exact: false }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByText(SCRIPT, { exact: false }).count()).toBeGreaterThan(0);
    await noInjectedMarkup(page);
    await shot(page, '40-untrusted-import-preview');

    // Take the items into the plan: the text travels to the lists, the dashboard and the report.
    await page.getByRole('button', { name: /^并入当前计划/ }).click();
    for (const route of ['/lists', '/my', '/supervision', '/dashboard', '/report?q=1', '/print/lists']) {
      await open(page, route);
      await page.waitForTimeout(200);
      await noInjectedMarkup(page);
    }
    await open(page, '/lists');
    await page.getByLabel('搜索', { exact: true }).fill('全部开工');
    await expect.poll(() => page.getByText(IMG_START, { exact: false }).count()).toBeGreaterThan(0);
    await shot(page, '41-untrusted-in-lists');
    await open(page, '/print/lists');
    await expect.poll(() => page.getByText(SCRIPT_START, { exact: false }).count()).toBeGreaterThan(0);

    // Give any late handler a chance to fire before judging.
    await page.waitForTimeout(500);
    expect(watched.dialogs).toEqual([]);
    expect(watched.errors).toEqual([]);
    await context.close();
  });
});
