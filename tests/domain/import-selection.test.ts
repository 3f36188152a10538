import { describe, expect, it } from 'vitest';
import { PlanSchema, type ParsedPlan, type Target } from '@/domain/model';
import { allItemIds, keepItems, planFromParsed } from '@/domain/import-selection';
import { task } from './task-fixtures';

const target: Target = {
  id: 'g1',
  metric: '经济增长',
  quote: '经济增长*%左右',
  source: { start: 0, end: 8 },
  tier: 'expected',
  value: null,
  valueMax: null,
  unit: '%',
  comparator: 'about',
  masked: true,
  recurrence: null,
  due: '2024-12-31',
};
const parsed: ParsedPlan = {
  schemaVersion: 1,
  title: '讲话',
  year: 2024,
  sections: [],
  tasks: [task({ id: 'a' }), task({ id: 'b' })],
  targets: [target],
  warnings: [
    { code: 'no-owner', message: '无牵头单位', source: null, itemId: 'b' },
    { code: 'year-guessed', message: '年份取自当前年份', source: null, itemId: null },
  ],
};

describe('keepItems', () => {
  it('keeps only the chosen tasks and targets, and drops warnings about dropped items', () => {
    const r = keepItems(parsed, new Set(['a', 'g1']));
    expect(r.tasks.map((t) => t.id)).toEqual(['a']);
    expect(r.targets.map((t) => t.id)).toEqual(['g1']);
    expect(r.warnings.map((w) => w.code)).toEqual(['year-guessed']);
  });
  it('keeps everything with allItemIds', () => {
    expect(keepItems(parsed, allItemIds(parsed))).toEqual(parsed);
  });
});

describe('planFromParsed', () => {
  it('builds a valid plan carrying the source text', () => {
    const plan = planFromParsed(parsed, '经济增长*%左右', 'p1', '2024-02-01T08:00:00.000Z');
    expect(PlanSchema.safeParse(plan).success).toBe(true);
    expect(plan).toMatchObject({ id: 'p1', sourceText: '经济增长*%左右', createdAt: '2024-02-01T08:00:00.000Z' });
  });
});
