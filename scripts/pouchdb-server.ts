/**
 * Starts `pouchdb-server` (the npm devDependency that speaks CouchDB's HTTP API, enforcing
 * validate_doc_update, `_users` roles and `_session` cookies) for tests, the sync benchmark and
 * local trials: always on 127.0.0.1, on a free port unless one is given, in its own temporary
 * folder (its config, log and, unless in memory, its databases), with a server admin. `stop()`
 * ends it; `restart()` starts it again on the same port and folder, so an on-disk server keeps its
 * data, accounts and session secret (what a real CouchDB does across a restart).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const bin = path.join(root, 'node_modules/pouchdb-server/bin/pouchdb-server');

export interface PouchServer {
  url: string;
  port: number;
  admin: { user: string; password: string };
  /** `Authorization` header value of the server admin. */
  adminAuth: string;
  stop: () => Promise<void>;
  restart: () => Promise<void>;
  /** Stops it and removes its folder. */
  dispose: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitUp(url: string, child: ChildProcess, ms: number, output: () => string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`pouchdb-server 已退出（代码 ${child.exitCode}）：${output()}`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pouchdb-server 未能在 ${ms} ms 内就绪：${url}\n${output()}`);
}

export async function startPouchServer(options: { port?: number; inMemory?: boolean; admin?: { user: string; password: string } } = {}): Promise<PouchServer> {
  const port = options.port ?? (await freePort());
  const dir = mkdtempSync(path.join(tmpdir(), 'luoshi-couch-'));
  const admin = options.admin ?? { user: 'admin', password: 'admin-pass-for-tests' };
  const url = `http://127.0.0.1:${port}/`;
  let child: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    output = '';
    const args = [bin, '--host', '127.0.0.1', '--port', String(port), '--dir', dir, '--config', path.join(dir, 'config.json'), '--no-stdout-logs'];
    if (options.inMemory) args.push('--in-memory');
    child = spawn(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
    await waitUp(url, child, 60_000, () => output);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
      c.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      c.kill('SIGTERM');
    });
  };

  await start();
  const adminAuth = `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString('base64')}`;
  // A fresh server is an "admin party": the first admin ends it. Kept in config.json across restarts.
  const r = await fetch(`${url}_config/admins/${encodeURIComponent(admin.user)}`, { method: 'PUT', body: JSON.stringify(admin.password) });
  if (!r.ok && r.status !== 401) throw new Error(`无法设置 pouchdb-server 管理员：HTTP ${r.status}`);

  return {
    url,
    port,
    admin,
    adminAuth,
    stop,
    restart: async () => {
      await stop();
      await start();
    },
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
