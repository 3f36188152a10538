/**
 * The parser on twenty documents written for issue 10 (tests/fixtures/speeches/issue10/): the
 * three layouts of a pasted table and a labelled-lines list, notices of every level, three work
 * reports with a review part, five speeches, meeting minutes and a supervision bulletin, none of
 * them the seed or the held-out corpus. The last five were written and measured blind (before any
 * rule was tuned on them): 92% directives, 93% deadlines, 90% leads, 94% targets, no rhetoric, two
 * past figures as targets (a quarter's results in April minutes), since fixed. Each `.expect.json` was decided
 * by hand, as a 督查室 would mark the document, before the parser read it; the figures use the
 * corpus's scorer (corpus-score.ts), so they mean the same thing. Rule-by-rule checks on the same
 * documents follow the totals.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedPlan, Task } from '@/domain/model';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { checkThresholds, expectationProblems, loadCorpus, naiveFloor, rate, runExtractor, totals, type CorpusDoc } from './corpus-score';

const DIR = resolve(process.cwd(), 'tests/fixtures/speeches/issue10');
const docs = loadCorpus(DIR);
const plans = new Map<string, ParsedPlan>(docs.map((d) => [d.name, parseSpeech(d.text, d.expect.yearGiven ? { year: d.expect.year, currentYear: 2031 } : { currentYear: 2031 })]));
const plan = (name: string) => plans.get(name)!;
const doc = (name: string): CorpusDoc => docs.find((d) => d.name === name)!;
const scores = docs.map((d) => runExtractor(d, () => plan(d.name)));

/** The one task whose quote contains `part`. */
function task(name: string, part: string): Task {
  const hits = plan(name).tasks.filter((t) => t.quote.includes(part));
  if (hits.length !== 1) throw new Error(`${name}: expected one task quoting “${part}”, found ${hits.length}`);
  return hits[0]!;
}
const lead = (t: Task) => t.owners.find((o) => o.role === 'lead')?.name;
const co = (t: Task) => t.owners.filter((o) => o.role === 'co' && !o.inferred).map((o) => o.name);

describe('the twenty documents', () => {
  it('hold the kinds the issue asks for: three table layouts, five notices of every level, three reports, four speeches', () => {
    const of = (kind: string) => docs.filter((d) => d.expect.kind === kind);
    expect(docs.length).toBeGreaterThanOrEqual(15);
    expect(of('breakdown').map((d) => d.name)).toEqual(['city-minsheng-labelled-2025', 'lanzhou-key-tasks-tsv-2025', 'luxi-minsheng-cells-2026', 'yunqi-bracket-items-2026']);
    expect(new Set(of('policy').map((d) => d.expect.level))).toEqual(new Set(['city', 'county', 'district', 'national', 'province']));
    expect(of('report')).toHaveLength(3);
    expect(of('speech').length).toBeGreaterThanOrEqual(4);
  });

  it('have consistent expectations (anchors once, probes apart from directives, values written in their anchors)', () => {
    expect(docs.flatMap(expectationProblems)).toEqual([]);
  });

  it('meet the issue’s thresholds, well above the naive floor', () => {
    const t = totals(scores);
    for (const r of checkThresholds(t)) expect(r.ok, `${r.label}: ${r.ratio.right}/${r.ratio.total}`).toBe(true);
    const floor = totals(docs.map((d) => runExtractor(d, naiveFloor)));
    expect(rate(t.directives)).toBeGreaterThan(rate(floor.directives) + 0.3);
    expect(t.years.right).toBe(t.years.total);
  });
});

describe('rule table-row: one task per row, its owners and deadline from its cells', () => {
  it('reads a table pasted one cell per line, wrapped and multi-unit cells included', () => {
    const t = task('luxi-minsheng-cells-2026', '城东小学扩建工程');
    expect(t.quote).toContain('新增学位900个');
    expect([lead(t), co(t)]).toEqual(['县教体局', ['县住建局']]);
    expect(t.deadline).toMatchObject({ due: '2026-08-31', inferred: false });
    expect(t.location).toEqual({ sheet: null, page: null, row: 2 });
    expect(co(task('luxi-minsheng-cells-2026', '乡镇卫生院标准化改造'))).toEqual(['县财政局', '各有关乡镇人民政府']);
  });

  it('carries a merged cell (written in the row above only) down, and skips category rows and a repeated header', () => {
    expect(task('luxi-minsheng-cells-2026', '窝沟封闭').deadline.due).toBe('2026-10-31');
    expect(plan('luxi-minsheng-cells-2026').tasks.some((t) => /^序号|教育医疗|城乡建设/.test(t.title))).toBe(false);
    expect(task('lanzhou-key-tasks-tsv-2025', '完成年度投资720亿元').deadline.due).toBe('2025-12-31');
  });

  it('reads tab-separated rows with a quoted Excel cell, X（牵头） in a cell, the leader after the lead unit', () => {
    const quoted = task('lanzhou-key-tasks-tsv-2025', '争取专项债券资金55亿元以上');
    expect(quoted.quote).toContain('其中新增项目资金不少于30亿元');
    expect(quoted.owners.map((o) => `${o.name}:${o.role}`)).toEqual(['市财政局:lead', '市发展和改革委员会:co', '分管副市长:lead']);
    expect(lead(task('lanzhou-key-tasks-tsv-2025', '老旧小区改造80个'))).toBe('市住房和城乡建设局');
  });

  it('reads a list of numbered items closed by （牵头单位：…；完成时限：…）, the row being the item’s number', () => {
    const t = task('yunqi-bracket-items-2026', '企业服务之家');
    expect([lead(t), co(t), t.deadline.due, t.location?.row]).toEqual(['区发改局', ['区财政局'], '2026-09-30', 2]);
    // The notation on the next line: the 责任单位 leads, the 责任领导 follows the units.
    expect(task('yunqi-bracket-items-2026', '清理规范涉企收费').owners.map((o) => o.name)).toEqual(['区市场监管局', '区发改局', '区政府副区长']);
  });
});

describe('rule due-is-completion and the other deadline forms of issue 10', () => {
  it.each([
    ['luxi-minsheng-cells-2026', '改造城区老旧小区12个', '2026-11-30'],
    ['yunqi-bracket-items-2026', '人才公寓二期', '2026-12-31'],
    ['lanzhou-work-report-2026', '岚州大道快速化改造工程', '2026-12-31'],
    ['luxi-work-report-2025', '鹭溪茶城二期', '2025-12-31'],
    ['yunqi-secretary-projects-2026', '滨江科创园二期', '2026-10-31'],
    ['lanzhou-notice-water-2025', '主城区管网改造工程', '2025-10-31'],
  ])('%s: %s … is due at its completion, %s', (name, part, due) => {
    expect(task(name, part).deadline).toMatchObject({ due, inferred: false });
  });

  it('reads recurring days: 每月10日前 (monthly), 每季度末月10日前 (quarterly), 每年2月底前 and 每年3月底前 (yearly)', () => {
    expect(task('luxi-minsheng-cells-2026', '每月10日前').deadline).toMatchObject({ due: '2026-01-10', recurrence: 'monthly' });
    expect(task('lanzhou-key-tasks-tsv-2025', '每季度末月10日前').deadline).toMatchObject({ due: '2025-03-10', recurrence: 'quarterly' });
    expect(task('lanjiang-province-plan-2026', '每年2月底前').deadline).toMatchObject({ due: '2026-02-28', recurrence: 'yearly' });
    expect(task('state-council-opinion-eldercare-2027', '每年3月底前').deadline).toMatchObject({ due: '2027-03-31', recurrence: 'yearly' });
  });

  it('counts 自本意见印发之日起60日内 from the date under the signature, and never makes one up without it', () => {
    expect(task('state-council-opinion-eldercare-2027', '60日内').deadline).toMatchObject({ due: '2027-06-17', inferred: false });
    const water = plan('lanzhou-notice-water-2025');
    const relative = water.tasks.find((t) => t.quote.includes('30日内'))!;
    expect(relative.deadline).toMatchObject({ due: null, label: '本通知印发之日起30日内' });
    expect(water.warnings.some((w) => w.code === 'ambiguous-deadline' && w.itemId === relative.id)).toBe(true);
  });

  it('reads the milestone in the sentence after its directive, and fixed days (秋季开学前 → 08-31)', () => {
    expect(task('luxi-county-notice-farmland-2024', '11月底前完成县级初验').deadline.due).toBe('2024-11-30');
    expect(task('luxi-work-report-2025', '秋季开学前').deadline.due).toBe('2025-08-31');
    expect(task('lanzhou-mayor-plenary-2026', '秋季开学前').deadline.due).toBe('2026-08-31');
  });
});

describe('rules for the plan year', () => {
  it.each([
    ['luxi-minsheng-cells-2026', 2026, 'document number and dated title'],
    ['state-council-opinion-eldercare-2027', 2027, '国办发〔2027〕11号'],
    ['lanzhou-notice-water-2025', 2025, 'the only year the text names (rule only-year)'],
    ['luxi-county-head-economic-2024', 2025, 'a December 经济工作会议 plans the next year (rule december-plan)'],
    ['yunqi-secretary-projects-2026', 2026, 'the date under the title'],
  ])('%s → %i (%s)', (name, year) => {
    expect(plan(name).year).toBe(year);
    expect(plan(name).warnings.some((w) => w.code === 'year-guessed')).toBe(false);
  });

  it('counts 今年/明年 from the date of a December speech: 明年1月底前 is 2025-01-31', () => {
    expect(task('luxi-county-head-economic-2024', '明年1月底前').deadline.due).toBe('2025-01-31');
  });
});

describe('rule unit-grammar: owners of any level, the first named leading', () => {
  it.each([
    ['state-council-opinion-eldercare-2027', '民政部会同国家卫生健康委', '民政部', ['国家卫生健康委', '市场监管总局']],
    ['state-council-opinion-eldercare-2027', '由市场监管总局负责', '市场监管总局', []],
    ['lanjiang-province-plan-2026', '省商务厅牵头，会同省交通运输厅', '省商务厅', ['省交通运输厅', '省邮政管理局']],
    ['lanjiang-province-plan-2026', '各市（州）商务主管部门要于每年2月底前', '各市（州）商务主管部门', []],
    ['luxi-county-notice-farmland-2024', '由县农业农村局负责项目规划设计', '县农业农村局', []],
    ['yunqi-notice-gas-safety-2026', '区住建局要牵头，会同区市场监管局', '区住建局', ['区市场监管局', '区消防救援大队']],
    ['lanzhou-vice-mayor-flood-noyear', '市防指办公室要会同市应急管理局', '市防指办公室', ['市应急管理局']],
  ])('%s: %s → %s leads', (name, part, leadName, coNames) => {
    const t = task(name, part);
    expect(lead(t)).toBe(leadName);
    expect(co(t)).toEqual(coNames);
  });

  it('（A、B、C按职责分工负责）: A leads and B, C co-operate; a State Council or provincial text gets no city suggestions', () => {
    const t = task('state-council-opinion-eldercare-2027', '2028年底前完成老旧小区');
    expect(t.owners.map((o) => `${o.name}:${o.role}`)).toEqual(['民政部:lead', '自然资源部:co', '住房城乡建设部:co']);
    for (const name of ['state-council-opinion-eldercare-2027', 'lanjiang-province-plan-2026', 'lanjiang-work-report-2027']) {
      expect(plan(name).tasks.flatMap((x) => x.owners).filter((o) => o.inferred)).toEqual([]);
    }
  });

  it('a county’s or district’s text gets its own level’s suggestions, never a 市 unit', () => {
    for (const name of ['luxi-county-notice-farmland-2024', 'luxi-work-report-2025', 'yunqi-secretary-projects-2026', 'yunqi-notice-gas-safety-2026']) {
      const suggested = plan(name).tasks.flatMap((t) => t.owners).filter((o) => o.inferred);
      expect(suggested.filter((o) => o.name.startsWith('市')), name).toEqual([]);
    }
  });
});

describe('rules for work reports: review part, targets paragraph, counts', () => {
  it.each([
    ['lanzhou-work-report-2026', '一、2025年工作回顾', '二、2026年主要目标'],
    ['luxi-work-report-2025', '过去一年', '今年是全面落实'],
    ['lanjiang-work-report-2027', '一、过去五年工作回顾', '二、今后五年'],
  ])('%s: no target from the review part (from %s to %s), however many figures it holds', (name, from, to) => {
    const text = doc(name).text;
    const [start, end] = [text.indexOf(from), text.indexOf(to)];
    expect(start).toBeGreaterThanOrEqual(0);
    expect(plan(name).targets.filter((g) => g.source.start >= start && g.source.start < end)).toEqual([]);
    expect(plan(name).tasks.filter((t) => t.source.start >= start && t.source.start < end)).toEqual([]);
  });

  it('gives the targets paragraph’s figures the expected tier, 力争 the striving one, 分别 two targets', () => {
    const targets = plan('lanzhou-work-report-2026').targets.filter((g) => g.tier !== null);
    expect(targets.map((g) => [g.value, g.comparator, g.tier])).toEqual([
      [6, 'about', 'expected'],
      [6.5, null, 'striving'],
      [5, null, 'expected'],
      [5, 'atLeast', 'expected'],
      [5.5, 'about', 'expected'],
      // 分别增长5.5%、7%左右: two targets, 左右 meant for both (rule distributive).
      [5.5, 'about', 'expected'],
      [7, 'about', 'expected'],
      [3, 'about', 'expected'],
      [null, null, 'expected'],
    ]);
  });

  it('reads counts after delivery verbs as targets (增补学位1.5万个, 实施100个…工程, 培育3个以上…集群)', () => {
    const g = plan('lanzhou-work-report-2026').targets;
    expect(g.find((x) => x.quote.includes('增补'))).toMatchObject({ value: 15000, unit: '个' });
    expect(g.find((x) => x.quote.includes('儿童友好'))).toMatchObject({ value: 100, unit: '个' });
    expect(g.find((x) => x.quote.includes('先进制造业集群'))).toMatchObject({ value: 3, unit: '个', comparator: 'atLeast' });
  });
});

describe('rules for speeches: precision kept', () => {
  it('takes nothing from approval, slogans, analysis, attitudes or the closing call', () => {
    const quotes = plan('lanzhou-mayor-plenary-2026').tasks.map((t) => t.quote).join('\n');
    for (const junk of ['我完全赞同', '第一要务', '世界经济', '效率意识', '全面胜利', '2026年2月10日']) expect(quotes).not.toContain(junk);
  });

  it('splits 确保A、确保B、确保C into three tasks with their own dates (rule repeated-modal-series)', () => {
    const p = plan('lanzhou-mayor-plenary-2026');
    expect(task('lanzhou-mayor-plenary-2026', '开门红').deadline.due).toBe('2026-03-31');
    expect(task('lanzhou-mayor-plenary-2026', '确保全年增长6%以上').deadline.due).toBe('2026-12-31');
    expect(p.tasks.filter((t) => t.quote.startsWith('确保') || t.quote.startsWith('要确保'))).toHaveLength(3);
  });

  it('keeps doubtful directives as candidates with a reason, never as tasks', () => {
    for (const p of plans.values()) {
      for (const c of p.candidates) {
        expect(c.reason.length).toBeGreaterThan(4);
        expect(p.tasks.some((t) => t.source.start === c.source.start && t.source.end === c.source.end)).toBe(false);
      }
    }
  });
});
