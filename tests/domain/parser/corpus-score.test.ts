/** The corpus scorer's own rules, on a tiny document and hand-made plans (no parser involved). */
import { describe, expect, it } from 'vitest';
import { directiveSpan, ExpectationSchema, expectationProblems, naiveFloor, scoreDoc, type CorpusDoc, type ScoredPlan, type ScoredTask, type ScoredTarget } from './corpus-score';

const text = [
  '临江县2026年重点工作安排',
  '去年全县地区生产总值增长5.2%，感谢大家的辛勤付出。',
  '县发改委要牵头编制项目清单，6月底前报县政府。县财政局要保障资金，县审计局要跟踪审计。',
  '全县地区生产总值增长6%左右，城乡居民收入分别增长5%、7%。',
].join('\n');

const doc: CorpusDoc = {
  name: 'tiny',
  text,
  expect: ExpectationSchema.parse({
    year: 2026,
    kind: 'other',
    level: 'county',
    directives: [
      { anchor: '县发改委要牵头编制项目清单，6月底前报县政府', due: '2026-06-30', lead: ['县发改委', '县发展和改革委员会'] },
      { anchor: '县财政局要保障资金', lead: ['县财政局'] },
      { anchor: '县审计局要跟踪审计' },
    ],
    targets: [
      { anchor: '地区生产总值增长6%左右', value: 6, unit: '%', comparator: 'about', tier: null },
      { anchor: '城乡居民收入分别增长5%、7%', value: 5, unit: '%', comparator: null, tier: null },
      { anchor: '城乡居民收入分别增长5%、7%。', value: 7, unit: '%', comparator: null, tier: null },
    ],
    rhetoricProbes: ['感谢大家的辛勤付出'],
    pastFigures: ['去年全县地区生产总值增长5.2%'],
  }),
};

const at = (part: string) => {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(part);
  return { start, end: start + part.length };
};
const task = (part: string, over: Partial<ScoredTask> = {}): ScoredTask => ({
  quote: part,
  source: at(part),
  owners: [],
  deadline: { label: '', due: null, recurrence: null, inferred: false },
  ...over,
});
const target = (part: string, value: number | null, over: Partial<ScoredTarget> = {}): ScoredTarget => ({
  quote: part,
  source: at(part),
  value,
  valueMax: null,
  unit: '%',
  comparator: null,
  tier: null,
  ...over,
});
const plan = (p: Partial<ScoredPlan>): ScoredPlan => ({ year: 2026, tasks: [], targets: [], ...p });

describe('scoreDoc', () => {
  it('finds a directive through any task sharing eight characters with its anchor', () => {
    const s = scoreDoc(doc, plan({ tasks: [task('编制项目清单，6月底前报县政府')] }));
    expect(s.directives).toEqual({ right: 1, total: 3 });
  });

  it('does not let one paragraph-long task find several directives', () => {
    const s = scoreDoc(doc, plan({ tasks: [task('县发改委要牵头编制项目清单，6月底前报县政府。县财政局要保障资金，县审计局要跟踪审计。')] }));
    expect(s.directives.right).toBe(1);
  });

  it('does not count a task that only touches the anchor by a few characters', () => {
    // 3 characters shared with the first anchor, 4 with the second: neither is found.
    const s = scoreDoc(doc, plan({ tasks: [task('县政府。县财政局')] }));
    expect(s.directives.right).toBe(0);
  });

  it('counts a deadline right only when stated, not when the year end was filled in', () => {
    const inferred = scoreDoc(doc, plan({ tasks: [task('县发改委要牵头编制项目清单', { deadline: { label: '', due: '2026-06-30', recurrence: null, inferred: true } })] }));
    expect(inferred.deadlines).toEqual({ right: 0, total: 1, expected: 1 });
    const stated = scoreDoc(doc, plan({ tasks: [task('县发改委要牵头编制项目清单', { deadline: { label: '6月底前', due: '2026-06-30', recurrence: null, inferred: false } })] }));
    expect(stated.deadlines).toEqual({ right: 1, total: 1, expected: 1 });
  });

  it('takes the first lead owner and accepts any listed spelling', () => {
    const owners = [
      { name: '县财政局', role: 'co' as const },
      { name: '县发展和改革委员会', role: 'lead' as const },
    ];
    const s = scoreDoc(doc, plan({ tasks: [task('县发改委要牵头编制项目清单', { owners }), task('县财政局要保障资金', { owners: [{ name: '县财政局', role: 'co' }] })] }));
    expect(s.leads).toEqual({ right: 1, total: 2, expected: 2 });
  });

  it('matches the two targets of a distributive sentence by value, whatever their order', () => {
    const s = scoreDoc(
      doc,
      plan({ targets: [target('城乡居民收入分别增长5%、7%', 7), target('城乡居民收入分别增长5%、7%', 5), target('地区生产总值增长6%左右', 6, { comparator: 'about' })] }),
    );
    expect(s.targets).toEqual({ right: 3, total: 3 });
  });

  it('takes 1万个 and 10000个 as the same target, and a comparator from an accepted list', () => {
    const g = ExpectationSchema.parse({
      ...doc.expect,
      targets: [{ anchor: '城乡居民收入分别增长5%、7%', value: 0.05, unit: '万%', comparator: [null, 'about'], tier: null }],
    });
    const s = scoreDoc({ ...doc, expect: g }, plan({ targets: [target('城乡居民收入分别增长5%、7%', 500, { comparator: 'about' })] }));
    expect(s.targets.right).toBe(1);
  });

  it('counts a target wrong when its comparator or tier differs', () => {
    const s = scoreDoc(doc, plan({ targets: [target('地区生产总值增长6%左右', 6, { comparator: 'about', tier: 'expected' })] }));
    expect(s.targets.right).toBe(0);
  });

  it('counts rhetoric turned into a task and a past figure turned into a target', () => {
    const s = scoreDoc(doc, plan({ tasks: [task('感谢大家的辛勤付出')], targets: [target('去年全县地区生产总值增长5.2%', 5.2)] }));
    expect(s.rhetoric).toEqual({ right: 1, total: 1 });
    expect(s.past).toEqual({ right: 1, total: 1 });
  });

  it('does not blame a past figure for a target of another figure in the same span', () => {
    const s = scoreDoc(doc, plan({ targets: [target('去年全县地区生产总值增长5.2%', 6)] }));
    expect(s.past.right).toBe(0);
  });

  it('checks the plan year unless the expectation gives it', () => {
    expect(scoreDoc(doc, plan({ year: 2025 })).misses.some((m) => m.metric === 'year')).toBe(true);
    const given = { ...doc, expect: { ...doc.expect, yearGiven: true } };
    expect(scoreDoc(given, plan({ year: 2025 })).year.scored).toBe(false);
  });
});

describe('naiveFloor', () => {
  it('makes a task of each sentence with 要 and reads a plain month-end deadline', () => {
    const p = naiveFloor(text, { currentYear: 2031 });
    expect(p.year).toBe(2026);
    expect(p.tasks.map((t) => t.deadline.due)).toEqual(['2026-06-30', null]);
    expect(p.targets.map((t) => t.value)).toEqual([5.2, 6, 5]);
  });
});

describe('expectationProblems', () => {
  it('accepts the tiny document and names each kind of mistake', () => {
    expect(expectationProblems(doc)).toEqual([]);
    const bad = ExpectationSchema.parse({
      ...doc.expect,
      directives: [...doc.expect.directives, { anchor: '不在原文里的一句话啊' }],
    });
    expect(expectationProblems({ ...doc, expect: bad })).toEqual(['tiny: directive not in the text: “不在原文里的一句话啊”']);
    const overlapping = ExpectationSchema.parse({
      ...doc.expect,
      rhetoricProbes: ['县财政局要保障资金'],
      pastFigures: ['地区生产总值增长6%左右'],
      targets: [{ anchor: '地区生产总值增长6%左右', value: 7, unit: '%', comparator: 'about', tier: null }],
    });
    expect(expectationProblems({ ...doc, expect: overlapping })).toEqual([
      'tiny: rhetoric probe “县财政局要保障资金” overlaps directive “县财政局要保障资金”',
      'tiny: target value 7 not written in “地区生产总值增长6%左右”',
    ]);
  });
});

describe('directiveSpan', () => {
  const row = '1\t部分村庄污水直排河道。\t建设村级污水处理站12座。\t县生态环境分局';
  const base: ScoredTask = { quote: row, source: { start: 100, end: 100 + row.length }, owners: [], deadline: { label: '', due: null, recurrence: null, inferred: false } };

  it('is the cell a row task’s title starts in, so a 问题描述 cell quoted beside it is not the task', () => {
    const cell = row.indexOf('建设');
    expect(directiveSpan({ ...base, title: '建设村级污水处理站12座', location: { sheet: null, page: null, row: 2 } })).toEqual({ start: 100 + cell, end: 100 + row.indexOf('\t县生态') });
  });

  it('is the whole source for prose, and for a row whose title is not in its quote', () => {
    expect(directiveSpan({ ...base, title: '建设村级污水处理站12座' })).toEqual(base.source);
    expect(directiveSpan({ ...base, title: '开展专项整治', location: { sheet: null, page: null, row: 2 } })).toEqual(base.source);
  });
});
