/**
 * Serves the built app for the browser tests and stops the server afterwards (also when a test
 * fails or the run is interrupted). Environment:
 *   LUOSHI_DIST   folder of the built app (default dist)
 *   LUOSHI_PORT   port for `vite preview` (default 4310)
 *   LUOSHI_BUILD  "1" to run `vite build --outDir $LUOSHI_DIST` first (CI builds once beforehand)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

async function waitForServer(url: string, child: ChildProcess, ms: number): Promise<void> {
  const until = Date.now() + ms;
  let lastError = '';
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`vite preview 已退出（代码 ${child.exitCode}）`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (e) {
      lastError = String(e);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview 未能在 ${ms} ms 内就绪：${url}（${lastError}）`);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dist = path.resolve(root, process.env.LUOSHI_DIST ?? 'dist');
  const port = Number(process.env.LUOSHI_PORT ?? 4310);
  if (process.env.LUOSHI_BUILD === '1') {
    const r = spawnSync(process.execPath, [vite, 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (r.status !== 0) throw new Error(`vite build 失败（代码 ${r.status}）`);
  }
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error(`找不到构建结果 ${dist}/index.html：先运行 npx vite build，或设置 LUOSHI_BUILD=1`);
  }
  // Something already answering on the port (another engineer's or an earlier run's preview)
  // would be tested instead of this build: our own server then fails on --strictPort, but the
  // readiness check below would be satisfied by the stranger. Refuse instead.
  const busy = await fetch(`http://127.0.0.1:${port}/`).then(
    () => true,
    () => false,
  );
  if (busy) throw new Error(`端口 ${port} 已有服务在运行，测试会打到别的构建上：请设置另一个 LUOSHI_PORT`);
  const child = spawn(
    process.execPath,
    [vite, 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', dist],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 3000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  // An interrupted run (Ctrl-C, CI timeout) must not leave the server holding the port.
  const onSignal = () => void stop().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const baseURL = `http://127.0.0.1:${port}/`;
  try {
    await waitForServer(baseURL, child, 30_000);
  } catch (e) {
    await stop();
    throw new Error(`${(e as Error).message}\n${output}`);
  }
  project.provide('baseURL', baseURL);
  return async () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stop();
  };
}
