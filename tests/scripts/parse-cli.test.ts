/**
 * The CLI as a person runs it: a real child process, its stdout, stderr and exit code.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParsedPlanSchema } from '@/domain/model';

const root = process.cwd();
const tsx = resolve(root, 'node_modules/.bin/tsx');
const seed = resolve(root, 'src/domain/seed-speech.txt');

function run(...args: string[]) {
  const r = spawnSync(tsx, [resolve(root, 'scripts/parse.ts'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tempFile(name: string, bytes: Uint8Array | string): string {
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-parse-'));
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

/** One line of plain Chinese on stderr, nothing on stdout, a non-zero exit. */
function expectOneLineError(r: ReturnType<typeof run>, words: string) {
  expect(r.code).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toContain(words);
}

describe('npm run parse', () => {
  it('prints the seed plan as JSON that passes the schema, with the given year', () => {
    const r = run(seed, '--year', '2023');
    expect(r.code).toBe(0);
    const plan = ParsedPlanSchema.parse(JSON.parse(r.stdout));
    expect(plan.year).toBe(2023);
    expect(plan.tasks.length).toBeGreaterThanOrEqual(25);
    expect(plan.tasks.find((t) => t.flagged)?.quote).toContain('挂牌督办');
  });

  it('accepts --year=YYYY too', () => {
    const file = tempFile('s.txt', '要滚动实施土地收储。');
    const plan = JSON.parse(run(file, '--year=2031').stdout);
    expect(plan.tasks[0].deadline.due).toBe('2031-12-31');
  });

  it('refuses a missing file', () => {
    expectOneLineError(run('/no/such/speech.txt'), '找不到文件');
  });

  it('refuses a directory', () => {
    expectOneLineError(run(tmpdir()), '文件夹');
  });

  // Changed on purpose (issue 11): a zip header is now read as Word/Excel, so these bytes are a
  // damaged .docx, not "a binary"; other binaries (NUL bytes, no known header) still are.
  it('refuses a damaged .docx (a zip header and nothing else)', () => {
    expectOneLineError(run(tempFile('x.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]))), '损坏');
  });

  it('refuses a binary file (NUL bytes, no known format)', () => {
    expectOneLineError(run(tempFile('x.bin', new Uint8Array([0x01, 0x02, 0x00, 0x00, 0x08]))), '不是纯文本');
  });

  // Changed on purpose (issue 11): Excel in China and older WPS save GBK; it is read, not refused.
  it('reads a GBK text file (GB18030 after UTF-8 fails)', () => {
    const r = run(tempFile('gbk.txt', new Uint8Array([0xd2, 0xaa, 0xb9, 0xf6, 0xb6, 0xaf, 0xca, 0xb5, 0xca, 0xa9, 0xcd, 0xc1, 0xb5, 0xd8, 0xca, 0xd5, 0xb4, 0xa2, 0xa1, 0xa3])), '--year', '2026');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tasks[0].quote).toBe('要滚动实施土地收储');
    expect(r.stderr).toContain('GBK');
  });

  it('refuses bytes that are neither UTF-8 nor GBK', () => {
    expectOneLineError(run(tempFile('bad.txt', new Uint8Array([0xd2, 0xaa, 0xff, 0x80]))), 'UTF-8');
  });

  it('reads a UTF-16 file as the import page does (issue 16)', () => {
    const text = '要滚动实施土地收储。';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) new DataView(le.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
    const r = run(tempFile('utf16.txt', le), '--year', '2026');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).tasks[0].quote).toBe('要滚动实施土地收储');
  });

  it('exits promptly on /dev/zero: a device is read only up to the size limit (issue 16)', () => {
    expectOneLineError(run('/dev/zero'), '上限');
  });

  // One spawn per test: each costs a second or two on a busy machine.
  it('refuses a --year that is not four digits', () => {
    expectOneLineError(run(seed, '--year', '23'), '年份无效');
  });

  it('refuses a --year outside 1900-2200', () => {
    expectOneLineError(run(seed, '--year', '2500'), '年份无效');
  });

  it('refuses --year with no value', () => {
    expectOneLineError(run(seed, '--year'), '缺少年份');
  });

  it('refuses unknown flags', () => {
    expectOneLineError(run(seed, '--verbose'), '不认识的选项');
  });

  it('refuses a call without a file', () => {
    expectOneLineError(run(), '没有指定文件');
  });

  it('prints an empty plan with a warning for an empty file', () => {
    const r = run(tempFile('empty.txt', ''), '--year', '2024');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings[0].code).toBe('empty-text');
  });
});
