/**
 * Shared pieces of the browser tests: launching Debian's Chromium through playwright-core, one
 * browser context per office computer (own localStorage, own downloads), a guard that fails the
 * test when any JavaScript dialog opens or a page throws, screenshots and PDFs kept in
 * artifacts/ for people to look at, and axe-core run inside the real page.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Download, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const root = path.resolve(import.meta.dirname, '../..');
export const artifactsDir = path.join(root, 'artifacts', 'browser');
mkdirSync(artifactsDir, { recursive: true });

/** The day the browser believes it is: inside Q1 of the seed plan's year, so that the Q1 summary
 * and the dashboard describe the same moment. The clock keeps running from there. */
export const FAKE_NOW = new Date('2026-03-25T09:30:00+08:00');
export const FAKE_TODAY = '2026-03-25';
export const PLAN_YEAR = 2026;

export function baseURL(): string {
  return inject('baseURL');
}

/** The app's address for a hash route: url('/dashboard') → http://127.0.0.1:port/#/dashboard */
export function url(route: string): string {
  return `${baseURL()}#${route.startsWith('/') ? route : `/${route}`}`;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--font-render-hinting=none',
    ],
  });
}

export interface Watched {
  /** Every alert/confirm/prompt/beforeunload that opened: must stay empty. */
  dialogs: string[];
  /** Uncaught exceptions in any page of the context: must stay empty. */
  errors: string[];
}

/**
 * One office's computer: a fresh profile (own localStorage), Chinese locale and China's time
 * zone, a clock fixed to start at FAKE_NOW. Every page opened in it is watched for dialogs and
 * uncaught errors.
 */
export async function newOffice(
  browser: Browser,
  options: { now?: Date } = {},
): Promise<{ context: BrowserContext; watched: Watched }> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    // The service worker would cache between tests in the same context; tests want the server's files.
    serviceWorkers: 'block',
  });
  await context.clock.install({ time: options.now ?? FAKE_NOW });
  // A control that is not there within 10 s is missing, not slow: fail early with its name.
  context.setDefaultTimeout(10_000);
  const watched: Watched = { dialogs: [], errors: [] };
  const watch = (page: Page) => {
    page.on('dialog', (d) => {
      watched.dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
    page.on('pageerror', (e) => watched.errors.push(`${page.url()}: ${e.message}`));
  };
  context.on('page', watch);
  return { context, watched };
}

/** Opens a route and waits until the app has rendered something in #root. */
export async function open(page: Page, route: string): Promise<void> {
  await page.goto(url(route));
  await page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0);
  // Pages are lazy-loaded: wait for the page's own h1, not the shell's suspense fallback.
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
}

/** Reads a KPI of the dashboard as a person reads it: the line after its label. */
export async function kpi(page: Page, label: string): Promise<string> {
  const text = await page.getByRole('region', { name: '关键指标' }).innerText();
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const i = lines.indexOf(label);
  if (i < 0 || i + 1 >= lines.length) throw new Error(`驾驶舱上找不到指标“${label}”：\n${text}`);
  return lines[i + 1]!;
}

/** Full-page screenshot kept in artifacts/browser/<name>.png for people to look at. */
export async function shot(page: Page, name: string): Promise<string> {
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Runs `action`, catches the download it starts and saves it under artifacts/browser. */
export async function catchDownload(
  page: Page,
  action: () => Promise<unknown>,
  saveAs?: string,
): Promise<{ download: Download; file: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), action()]);
  const file = path.join(artifactsDir, saveAs ?? download.suggestedFilename());
  await download.saveAs(file);
  return { download, file, text: readFileSync(file, 'utf8') };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core inside the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    type AxeResult = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 5).map((n) => n.target.map(String).join(' ')),
      }));
  });
}

/** Reads what the app keeps in localStorage (all keys), for checks that survive a reload. */
export async function storageDump(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const out: Record<string, string> = {};
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i)!;
      out[k] = localStorage.getItem(k) ?? '';
    }
    return out;
  });
}

/** The fingerprint of this browser's key for the identity in use, as 数据与备份 shows it. */
export async function ownFingerprint(page: Page): Promise<string> {
  await open(page, '/data');
  const fp = page.locator('.card').filter({ has: page.getByRole('heading', { name: '签名密钥' }) }).locator('p.fingerprint');
  await fp.waitFor();
  return (await fp.innerText()).trim();
}

/**
 * The user compares the fingerprint in the import preview with the one the other side read out
 * over the phone, and pins the key; the preview is then checked again.
 */
export async function confirmKey(page: Page, author: string, expected: string): Promise<void> {
  const preview = page.getByRole('region', { name: /导入预览/ });
  const card = preview.getByRole('region', { name: `核对${author}的密钥` });
  await card.waitFor();
  const shown = (await card.locator('p.fingerprint').innerText()).trim();
  if (shown !== expected) throw new Error(`预览中的指纹 ${shown} 与对方读出的 ${expected} 不一致`);
  await card.getByRole('button', { name: '指纹一致，登记并重新核对' }).click();
  await card.waitFor({ state: 'detached' });
}

/** No JavaScript dialog opened and no page threw, in any page of a context. */
export function expectClean(w: Watched): void {
  if (w.dialogs.length) throw new Error(`不应弹出任何 alert/confirm/prompt：${w.dialogs.join('；')}`);
  if (w.errors.length) throw new Error(`页面出现未捕获的错误：${w.errors.join('；')}`);
}
