/**
 * `npm run parse -- notice.docx` (and .pdf, .xlsx, .csv): the CLI picks the reader by content and
 * prints the plan JSON of the contract; the reader's notes go to stderr, never into the JSON.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ParsedPlanSchema } from '@/domain/model';
import { noticeCsvGbk, noticeDocx, noticeXlsx, NOTICE_TITLE, ROWS } from '../fixtures/documents/notice';

const root = process.cwd();
const dir = mkdtempSync(join(tmpdir(), 'luoshi-docs-'));

function run(...args: string[]) {
  const r = spawnSync(resolve(root, 'node_modules/.bin/tsx'), [resolve(root, 'scripts/parse.ts'), ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  writeFileSync(join(dir, 'notice.docx'), await noticeDocx());
  writeFileSync(join(dir, 'notice.xlsx'), noticeXlsx());
  writeFileSync(join(dir, 'notice.csv'), noticeCsvGbk());
  copyFileSync(resolve(root, 'tests/fixtures/documents/notice.pdf'), join(dir, 'notice.pdf'));
  // A Word file under a PDF's name: read by content.
  writeFileSync(join(dir, 'renamed.pdf'), await noticeDocx());
});

describe('npm run parse on office files', () => {
  it.each(['notice.docx', 'notice.pdf', 'renamed.pdf'])('%s prints the plan JSON with the notice title and year', (name) => {
    const r = run(join(dir, name));
    expect(r.code).toBe(0);
    const plan = ParsedPlanSchema.parse(JSON.parse(r.stdout));
    expect(plan.year).toBe(2026);
    expect(NOTICE_TITLE.startsWith(plan.title)).toBe(true);
    expect(plan.tasks).toHaveLength(ROWS.length);
    expect(plan.tasks[0]!.owners[0]).toEqual({ name: '市城管局', role: 'lead', inferred: false });
    if (name === 'renamed.pdf') expect(r.stderr).toContain('内容是Word 文档');
  });

  it.each(['notice.xlsx', 'notice.csv'])('%s prints the plan JSON of the table', (name) => {
    const r = run(join(dir, name), '--year', '2026');
    expect(r.code).toBe(0);
    const plan = ParsedPlanSchema.parse(JSON.parse(r.stdout));
    expect(plan.tasks[0]!.deadline.due).toBe('2026-10-31');
    expect(plan.tasks).toHaveLength(ROWS.length);
    expect(plan.tasks[5]!.location?.row).toBe(7);
  });

  it('--sheet names a sheet that is not there: one-line error', () => {
    const r = run(join(dir, 'notice.xlsx'), '--sheet', '不存在');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('没有名为“不存在”的工作表');
  });
});
