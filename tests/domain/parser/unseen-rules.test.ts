/**
 * The rules added after the parser met documents it had never seen (tests/fixtures/documents-holdout):
 * each on sentences of its own, written for these tests in the shapes of real official writing, not
 * copied from either corpus. docs/PARSER-RULES.md names every rule with its reason.
 */
import { describe, expect, it } from 'vitest';
import { isReportingHeading, isReviewHeading, periodOverOpener } from '@/domain/parser/review';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { speech } from './parser-fixtures';

const plan = (text: string, year = 2026) => parseSpeech(text, { year });
const quotes = (text: string, year = 2026) => plan(text, year).tasks.map((t) => t.quote);
const figures = (text: string, year = 2026) => plan(text, year).targets.map((g) => g.value);

describe('review-run: a review paragraph carries on into numbered parts that report', () => {
  it('tells a reporting heading from a directing one', () => {
    for (const t of ['工业经济稳中有进', '城乡面貌明显改观', '社会治理水平持续提升', '生态底线牢牢守住', '政府自身建设切实加强']) expect(isReportingHeading(t), t).toBe(true);
    for (const t of ['坚持工业强区，加快动能转换', '扎实推进城市更新', '持续优化营商环境', '今年工作安排', '原则同意实施方案', '全力以赴稳增长']) expect(isReportingHeading(t), t).toBe(false);
  });

  it('gives no target and no task from the results under （一）（二） after a review paragraph without a heading', () => {
    const text = speech(
      '区人民政府工作报告',
      '2025年，全区上下攻坚克难，经济社会发展保持良好态势。',
      '（一）工业经济稳中有进。全年新增规上工业企业31家，工业投资增长9.2%，完成技改项目44个。',
      '（二）城乡面貌明显改观。改造背街小巷57条，新建口袋公园12个，新改建农村公路83公里。',
      '2026年主要目标和重点任务',
      '今年全区经济社会发展的主要预期目标是：地区生产总值增长6%左右。',
      '（一）坚持工业强区，加快动能转换。新增规上工业企业30家以上，完成技改项目50个。',
    );
    const p = plan(text);
    expect(p.targets.map((g) => g.value)).toEqual([6, 30, 50]);
    expect(p.tasks.some((t) => t.quote.includes('背街小巷57条'))).toBe(false);
    expect(p.tasks.some((t) => t.quote.includes('完成技改项目50个'))).toBe(true);
  });

  it('ends at a paragraph that turns to the plan year, even with no heading', () => {
    const text = speech('过去一年，全县完成造林1.2万亩。', '——农村面貌持续改善。改造农村户厕1800户。', '2026年是“十五五”开局之年。全年改造农村户厕2000户。');
    expect(figures(text)).toEqual([2000]);
  });

  it('a 落实…要求 clause in a review is not a modal: the run goes on', () => {
    const text = speech('一年来，我们严格落实中央八项规定要求，“三公”经费下降8.3%。', '会议费、培训费分别压减10.5%和7.2%。');
    expect(figures(text)).toEqual([]);
  });
});

describe('situation-section: a speech part that analyses the situation', () => {
  it('is recognised by a heading that only looks at the situation or states an attitude', () => {
    for (const t of ['认清形势，正视问题', '客观看待当前经济形势，切实增强做好经济工作的信心和决心', '清醒认识当前安全生产形势', '准确把握形势，坚定发展信心']) expect(isReviewHeading(t), t).toBe(true);
    for (const t of ['把认清形势作为抓落实的首要前提', '认清形势，抓好今年重点工作', '认清形势，明确目标任务']) expect(isReviewHeading(t), t).toBe(false);
  });

  it('gives neither tasks nor targets: others’ growth and problem figures are background', () => {
    const text = speech(
      '一、准确把握形势，坚定发展信心',
      '从周边看，两个兄弟县分别增长7.1%和6.8%，我县规上工业企业亏损面达到14.2%，工业用电量下降9%。',
      '二、突出重点，狠抓落实',
      '县工信局要在6月底前完成技改项目20个。',
    );
    const p = plan(text);
    expect(p.targets.map((g) => g.value)).toEqual([20]);
    expect(p.tasks.map((t) => t.quote)).toEqual(['县工信局要在6月底前完成技改项目20个']);
  });
});

describe('period-over: a paragraph that opens with a period over before the document’s date', () => {
  it('knows when the period ended', () => {
    expect(periodOverOpener('一季度，全区…', 2026, '2026-04-20')).toBe(true);
    expect(periodOverOpener('上半年，全区…', 2026, '2026-07-15')).toBe(true);
    expect(periodOverOpener('上半年，全区…', 2026, '2026-03-01')).toBe(false);
    expect(periodOverOpener('1—5月，全区…', 2026, '2026-06-10')).toBe(true);
    expect(periodOverOpener('一季度，全区…', 2026, null)).toBe(false);
  });

  it('reports the quarter in every sentence of its paragraph, not only the first', () => {
    const text = speech(
      '在全区二季度项目调度会上的讲话',
      '（2026年4月20日）',
      '一季度，全区项目建设总体平稳。新开工项目23个，完成投资4.1亿元，居全市第3位。',
      '二季度，区住建局要新开工项目15个以上。',
    );
    const p = plan(text);
    expect(p.targets.map((g) => g.value)).toEqual([15]);
    expect(p.tasks.map((t) => t.quote)).toEqual(['二季度，区住建局要新开工项目15个以上']);
  });
});
