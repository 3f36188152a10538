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

  it('refuses a binary file (NUL bytes)', () => {
    expectOneLineError(run(tempFile('x.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]))), '二进制');
  });

  it('refuses a file that is not UTF-8 (GBK bytes of 你好)', () => {
    expectOneLineError(run(tempFile('gbk.txt', new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]))), 'UTF-8');
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
