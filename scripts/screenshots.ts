/**
 * `npm run screenshots`: the README's pictures, taken from the built app (dist/) in Debian's
 * Chromium. A department ticks two tasks and reports progress on a third through the real UI, on
 * a fixed day inside Q1, so the screens show a plan in use rather than an empty one.
 * Writes docs/screenshots/*.png (viewport-sized, 1280 × 860).
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

  // A department at work: two tasks done, one in progress.
  await page.goto(`${base}#/my`);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await asIdentity(page, '市自然资源和规划局');
  const boxes = page.getByRole('checkbox');
  // A ticked card stays where it is until the page is reopened, so the next box is the next one.
  await boxes.nth(0).check();
  await page.waitForTimeout(200);
  await boxes.nth(1).check();
  await page.waitForTimeout(200);
  await page.screenshot({ path: path.join(out, 'my-tasks-just-ticked.png') });
  await shot(page, '/my', 'my-tasks');

  await asIdentity(page, '市政府办公室（全部内容）');
  await shot(page, '/dashboard', 'dashboard');
  await shot(page, '/lists', 'three-lists');
  await page.goto(`${base}#/supervision`);
  await page.reload();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Open the first item of the queue, as the office would, to show the actions on one task.
  await page.getByRole('table').getByRole('link').first().click();
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(out, 'supervision.png') });
  console.log('docs/screenshots/supervision.png');
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
  await shot(page, '/report?q=1', 'quarterly-summary');
  await browser.close();
} finally {
  stop();
}
