import { describe, expect, it } from 'vitest';
import { PlanSchema, type ParsedPlan, type Target } from '@/domain/model';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { allItemIds, itemsForMerge, keepItems, planFromParsed } from '@/domain/import-selection';
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
  candidates: [],
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

describe('itemsForMerge', () => {
  it('maps sections by number and title, and drops section ids the current plan does not have', () => {
    const sec = (id: string, number: string, title: string) => ({ id, number, title, level: 1, parentId: null, source: { start: 0, end: 0 } });
    const incoming: ParsedPlan = {
      ...parsed,
      sections: [sec('s1', '一、', '锚定目标'), sec('s2', '二、', '新的部分')],
      tasks: [task({ id: 'x', sectionId: 's1' }), task({ id: 'y', sectionId: 's2' }), task({ id: 'z', sectionId: null })],
    };
    const current = { sections: [sec('s1', '一、', '别的标题'), sec('s9', '一、', '锚定目标')], sourceText: '' };
    expect(itemsForMerge(incoming, current, '').tasks.map((t) => t.sectionId)).toEqual(['s9', null, null]);
  });

  it('appends the new speech to the plan text and shifts spans, so every quote still slices out of it', () => {
    // Without the shift a merged item would point into the old speech and show the wrong sentence.
    const oldText = '一、旧的部分\n要抓好旧任务。';
    const newText = '要推进新任务。要开展新检查。';
    const incoming = parseSpeech(newText, { year: 2024 });
    const merged = itemsForMerge(incoming, { sections: [], sourceText: oldText }, newText);
    expect(merged.sourceText.startsWith(oldText)).toBe(true);
    expect(merged.tasks.length).toBeGreaterThan(0);
    for (const item of [...merged.tasks, ...merged.targets]) {
      expect(merged.sourceText.slice(item.source.start, item.source.end)).toBe(item.quote);
    }
  });
});
