/**
 * `npm run screenshots`: the README's pictures, taken from the built app (dist/) in Debian's
 * Chromium. A department signs for its tasks and reports two done with their evidence through the
 * real UI, on a fixed day inside Q1, so the screens show a plan in use rather than an empty one.
 * Writes docs/screenshots/*.png (viewport-sized, 1280 × 860), and the screens a department or
 * an office opens on a phone at 390 × 844 (*-390.png).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'screenshots');
const port = Number(process.env.SHOTS_PORT ?? 4390);
const base = `http://127.0.0.1:${port}/`;

if (!existsSync(path.join(root, 'dist', 'index.html'))) {
  console.error('错误：没有找到 dist/index.html，请先运行 npx vite build');
  process.exit(1);
}
mkdirSync(out, { recursive: true });

const server = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
  cwd: root,
  stdio: 'ignore',
});
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);

async function waitForServer(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`预览服务没有在 ${base} 启动`);
}

async function shot(page: Page, route: string, name: string): Promise<void> {
  await page.goto(`${base}#${route}`);
  // A reload clears the toasts of the steps before, which would cover part of the picture.
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
}

/** The same screen on a phone (390 × 844), scrolled to `scrollTo` when given. */
async function phoneShot(page: Page, route: string, name: string, scrollTo?: string): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}#${route}`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForTimeout(300);
  if (scrollTo) await page.locator(scrollTo).first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(200);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > 390) throw new Error(`${route} 在 390 px 宽的屏幕上横向溢出（${wide} px）`);
  await page.screenshot({ path: path.join(out, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
  if (size) await page.setViewportSize(size);
}

async function asIdentity(page: Page, label: string): Promise<void> {
  await page.getByLabel('当前身份').selectOption({ label });
  await page.waitForTimeout(200);
}

try {
  await waitForServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 860 },
    serviceWorkers: 'block',
  });
  await context.clock.install({ time: new Date('2026-03-25T09:30:00+08:00') });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);

  // A department at work: it signs for its tasks, then reports two done with their evidence.
  await page.goto(`${base}#/my`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await asIdentity(page, '市自然资源和规划局');
  const sign = page.getByRole('region', { name: /项任务待签收$/ });
  await sign.getByLabel('承办人').fill('张华');
  await sign.getByLabel('联系电话').fill('0813-2105566');
  await sign.getByRole('button', { name: /^全部签收/ }).click();
  await page.waitForTimeout(200);
  const evidence = ['“亩均论英雄”改革实施方案已印发（自然资规〔2026〕3号）', '批而未供土地处置台账已建立，首批 12 宗已处置'];
  for (let i = 0; i < evidence.length; i++) {
    // A ticked card stays where it is until the page is reopened, so the next open box is the next one.
    const box = page.getByRole('checkbox', { checked: false }).first();
    await box.click();
    const form = page.getByRole('form', { name: /^报告完成：/ });
    await form.getByLabel(/^完成说明/).fill(evidence[i]!);
    if (i === 0) await form.getByLabel(/^佐证材料/).setInputFiles({ name: '实施方案（印发稿）.pdf', mimeType: 'application/pdf', buffer: Buffer.from('方案全文') });
    await form.getByText(i === 0 ? '实施方案（印发稿）.pdf' : /^完成说明/).first().waitFor();
    await form.getByRole('button', { name: '报告完成' }).click();
    await page.waitForTimeout(200);
  }
  await page.screenshot({ path: path.join(out, 'my-tasks-just-ticked.png') });
  await shot(page, '/my', 'my-tasks');
  await phoneShot(page, '/my', 'my-tasks-390', '.checklist-group');

  await asIdentity(page, '市政府办公室（全部内容）');
  await shot(page, '/dashboard', 'dashboard');
  await phoneShot(page, '/dashboard', 'dashboard-390');
  await shot(page, '/lists', 'three-lists');
  await phoneShot(page, '/lists', 'three-lists-390', '.lists-count');
  await page.goto(`${base}#/supervision`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Open the first item of the queue, as the office would, to show the actions on one task.
  const first = page.getByRole('table').getByRole('link').first();
  const taskHref = await first.getAttribute('href');
  await first.click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'supervision.png') });
  console.log('docs/screenshots/supervision.png');
  // On a phone, opening a task moves to it: the picture shows the task, not the top of the queue.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}#/supervision`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.locator(`a[href="${taskHref}"]`).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(out, 'supervision-390.png') });
  console.log('docs/screenshots/supervision-390.png');
  await page.setViewportSize({ width: 1280, height: 860 });
  await shot(page, '/targets', 'targets');
  // The import page with a parsed work report beside its source text.
  await page.goto(`${base}#/import`);
  await page.reload();
  await page.getByLabel('讲话全文').fill(readFileSync(path.join(root, 'tests/fixtures/speeches/work-report.txt'), 'utf8'));
  await page.getByRole('button', { name: '解析', exact: true }).click();
  const result = page.getByRole('heading', { name: /解析结果/ }).first();
  await result.waitFor();
  await result.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'import-parsed.png') });
  console.log('docs/screenshots/import-parsed.png');
  await shot(page, '/data', 'data');
  await phoneShot(page, '/data', 'data-390');
  await shot(page, '/report?q=1', 'quarterly-summary');
  await phoneShot(page, '/report?q=1', 'quarterly-summary-390');
  await browser.close();
} finally {
  stop();
}
