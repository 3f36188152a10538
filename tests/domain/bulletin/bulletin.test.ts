/** The 通报's content model, issuing it, and the archive. */
import { buildBulletinContent, rankText } from '@/domain/bulletin/quarterly';
import { BulletinContentSchema } from '@/domain/bulletin/content';
import { duplicateNumbers, issueBulletin, issuedFor, mergeArchives, nextIssueNumber, restoreArchive, type IssuedBulletin } from '@/domain/bulletin/archive';
import { buildQuarterlyReport } from '@/domain/report';
import { canonicalJson } from '@/domain/merge';
import { t } from '@/lib/strings';
import { ev, mkPlan, mkSection, mkTask } from '../screen-fixtures';

const plan = mkPlan(
  [
    mkTask('a', '甲局', '2025-03-31', { sectionId: 's1', title: '一季度开门红' }),
    mkTask('b', '乙局', '2025-03-15', { sectionId: 's1', title: '出台稳增长政策' }),
    mkTask('c', '丙局', '2025-12-31', { sectionId: 's1', title: '年底前的任务' }),
  ],
  { sections: [mkSection('s1', '一、', '锚定目标')] },
);
const events = [
  ev('a', '2025-03-10', { type: 'tick', done: true, note: '已完成' }, '甲局'),
  ev('b', '2025-03-12', { type: 'tick', done: true, note: '已印发' }, '乙局'),
  ev('b', '2025-03-14', { type: 'inspection', date: '2025-03-14', finding: 'not-done', note: '未见文件' }),
];
const report = buildQuarterlyReport(plan, events, 1, '2025-04-02');
const content = buildBulletinContent(report);
const tables = content.body.filter((b) => b.type === 'table');

describe('buildBulletinContent', () => {
  it('is a valid content model, written out, a draft until issued', () => {
    expect(BulletinContentSchema.parse(content)).toEqual(content);
    expect(content.issue).toBe('（草稿，未印发）');
    expect(content.titleLines.join('')).toBe('关于2025年第一季度重点工作落实情况的通报');
  });

  it('numbers tables in the order they appear (the key-figures boxes are not numbered)', () => {
    expect(tables.map((b) => (b.type === 'table' ? b.caption : ''))).toEqual(['主要指标', '表1\u3000分领域进展', '表2\u3000牵头单位落实情况及位次', '表3\u3000核查不符事项（不计入完成）', '表4\u3000逾期未完成事项', '表5\u3000本季度完成事项']);
  });

  it('does not count a 核查不符 completion as done, lists it apart, and names units left out of the ranking', () => {
    const text = JSON.stringify(content);
    const completed = tables.at(-1)!;
    expect(JSON.stringify(completed)).toContain('一季度开门红');
    expect(JSON.stringify(completed)).not.toContain('出台稳增长政策');
    expect(text).toContain(t.report.mismatchSentence(1));
    expect(text).toContain(t.report.unrankedNote('丙局'));
  });

  it('shows ties as 并列 and has a 核查不符 column', () => {
    const ranking = tables.find((b) => b.type === 'table' && b.caption.includes('位次'))!;
    if (ranking.type !== 'table') throw new Error('no ranking');
    expect(ranking.columns.at(-1)!.header).toBe('核查不符');
    expect(rankText({ rank: 3, tied: true })).toBe('并列第3');
    expect(rankText({ rank: 3, tied: false })).toBe('3');
  });
});

describe('the archive', () => {
  const base = { content, planId: plan.id, issuedBy: '市政府办公室', issueLine: t.report.issue, dateText: '2025年4月2日', printed: t.report.printed('2025年4月2日') };
  const first = issueBulletin({ ...base, id: 'b1', archive: [], issuedAt: '2025-04-02T02:00:00.000Z' });
  const second = issueBulletin({ ...base, id: 'b2', archive: [first], issuedAt: '2025-04-03T02:00:00.000Z' });

  it('gives running 期号 per year and the day of issue as the date', () => {
    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.content.issue).toBe('2025年第1期');
    expect(first.content.dateText).toBe('2025年4月2日');
    expect(nextIssueNumber([first, second], 2025)).toBe(3);
    expect(nextIssueNumber([first, second], 2026)).toBe(1);
    expect(issuedFor([first, second], plan.id, 2025, 1)?.id).toBe('b2');
  });

  it('freezes a copy: changing the draft afterwards does not touch what was issued', () => {
    const draft = structuredClone(content);
    const frozen = issueBulletin({ ...base, content: draft, id: 'b3', archive: [], issuedAt: '2025-04-02T02:00:00.000Z' });
    const before = canonicalJson(frozen);
    (draft.body[0] as { text: string }).text = '改过的文字';
    expect(canonicalJson(frozen)).toBe(before);
  });

  it('merges by id whatever the order, and flags a 期号 given twice', () => {
    const other = { ...first, id: 'b9' };
    expect(mergeArchives([first], [second, first]).map((b) => b.id)).toEqual(['b1', 'b2']);
    expect(canonicalJson(mergeArchives([second], [first]))).toBe(canonicalJson(mergeArchives([first], [second])));
    expect(duplicateNumbers([first, other])).toEqual(new Set(['2025-1']));
  });

  it('restores bulletin by bulletin, setting aside whole what does not read', () => {
    const aside: string[] = [];
    const broken = { ...first, id: 'bx', content: { ...first.content, body: [{ type: 'video' }] } } as unknown as IssuedBulletin;
    const r = restoreArchive([first, broken, first, 'x'], (where) => aside.push(where));
    expect(r.map((b) => b.id)).toEqual(['b1']);
    expect(aside).toEqual(['已印发通报 #2', '已印发通报 #4']);
    expect(restoreArchive(undefined, () => {})).toEqual([]);
  });
});
