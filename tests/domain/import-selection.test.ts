import { describe, expect, it } from 'vitest';
import { PlanSchema, type ParsedPlan, type Target } from '@/domain/model';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { allItemIds, itemsForMerge, keepItems, planFromParsed, reviewedPlan } from '@/domain/import-selection';
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

describe('reviewedPlan (the import preview review step)', () => {
  const withCandidate: ParsedPlan = {
    ...parsed,
    tasks: [task({ id: 'a', source: { start: 0, end: 5 } }), task({ id: 'b', source: { start: 20, end: 25 } })],
    candidates: [{ ...task({ id: 'c1', title: '研究制定配套政策', source: { start: 10, end: 15 } }), reason: '动词较弱，可能不是任务' }],
  };

  it('leaves an unticked candidate out and never turns it into a task by itself', () => {
    const r = reviewedPlan(withCandidate, allItemIds(withCandidate), new Map());
    expect(r.tasks.map((t) => t.id)).toEqual(['a', 'b']);
    expect(r.candidates).toEqual([]);
  });

  it('a ticked candidate becomes a task in text order, without its reason', () => {
    const r = reviewedPlan(withCandidate, new Set(['a', 'b', 'c1']), new Map());
    expect(r.tasks.map((t) => t.id)).toEqual(['a', 'c1', 'b']);
    expect(r.tasks[1]).not.toHaveProperty('reason');
  });

  it('a candidate whose id a task uses gets a fresh id', () => {
    const clash: ParsedPlan = { ...withCandidate, candidates: [{ ...withCandidate.candidates[0]!, id: 'a' }] };
    expect(reviewedPlan(clash, new Set(['a']), new Map()).tasks.map((t) => t.id)).toEqual(['a', 'a-2']);
  });

  it("applies the office's lead unit (its own word, not inferred) and keeps the co-units", () => {
    const r = reviewedPlan(withCandidate, new Set(['a', 'b']), new Map([['b', { lead: '市住建局' }]]));
    const b = r.tasks.find((t) => t.id === 'b')!;
    expect(b.owners[0]).toEqual({ name: '市住建局', role: 'lead', inferred: false });
    // The no-owner warning about b is answered by the correction.
    expect(r.warnings.some((w) => w.itemId === 'b')).toBe(false);
  });

  it('a corrected deadline is a date the office set, or only a label', () => {
    const r = reviewedPlan(withCandidate, new Set(['a', 'b']), new Map([['a', { deadline: { due: '2026-06-30', label: '' } }], ['b', { deadline: { due: null, label: '长期坚持' } }]]));
    expect(r.tasks[0]!.deadline).toEqual({ label: '2026-06-30', due: '2026-06-30', recurrence: null, kind: 'date', inferred: false });
    expect(r.tasks[1]!.deadline).toMatchObject({ label: '长期坚持', due: null, kind: 'ongoing', inferred: false });
  });

  it('the corrected plan is a valid stored plan', () => {
    const r = reviewedPlan(withCandidate, new Set(['a', 'c1', 'g1']), new Map([['c1', { lead: '市住建局', deadline: { due: '2026-09-30', label: '9月底前' } }]]));
    expect(PlanSchema.safeParse(planFromParsed(r, 'x'.repeat(30), 'p1', '2026-01-01T00:00:00.000Z')).success).toBe(true);
  });
});
