/**
 * The parser on three documents written for the review (tests/fixtures/speeches/*-2025.txt), none
 * of them the seed: a city 政府工作报告, a 重点任务分解 notice with 完成时限 notation and a
 * district head's 安全生产 speech. Expectations were decided by hand before running the parser.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedPlan, Target } from '@/domain/model';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { fixtureText, speech, taskWith, tasksQuoting } from './parser-fixtures';

// currentYear far from 2025: the plan year must come from the document itself.
const parse = (name: Parameters<typeof fixtureText>[0]) => parseSpeech(fixtureText(name), { currentYear: 2030 });
const owners = (plan: ParsedPlan, part: string) => taskWith(plan, part).owners.filter((o) => !o.inferred).map((o) => `${o.name}:${o.role}`);
const targetWith = (plan: ParsedPlan, metricPart: string): Target => {
  const hits = plan.targets.filter((t) => t.metric.includes(metricPart));
  if (hits.length !== 1) throw new Error(`expected one target named “${metricPart}”, found ${hits.length}`);
  return hits[0]!;
};

describe('a city 政府工作报告 (review, 2025 targets, key work)', () => {
  const plan = parse('city-work-report-2025');
  const text = fixtureText('city-work-report-2025');
  const targetsStart = text.indexOf('二、2025年主要预期目标');

  it('takes the plan year from 2025年 in the title', () => {
    expect(plan.year).toBe(2025);
    expect(plan.title).toBe('江州市2025年政府工作报告（节选）');
    expect(plan.warnings.some((w) => w.code === 'year-guessed')).toBe(false);
  });

  it('reads the main expected targets with tier, comparator and unit, across the ；-separated list', () => {
    expect(targetWith(plan, '地区生产总值增长')).toMatchObject({ tier: 'expected', value: 5.5, unit: '%', comparator: 'about', masked: false });
    expect(targetWith(plan, '一般公共预算收入')).toMatchObject({ tier: 'expected', value: 4, unit: '%', comparator: 'atLeast' });
    expect(targetWith(plan, '城镇新增就业')).toMatchObject({ tier: 'expected', value: 4, unit: '万人', comparator: 'atLeast' });
    expect(targetWith(plan, '失业率')).toMatchObject({ tier: 'expected', value: 5.5, unit: '%', comparator: 'atMost' });
    expect(targetWith(plan, '居民消费价格')).toMatchObject({ tier: 'expected', value: 3, unit: '%', comparator: 'about' });
    // The province sets the energy figure: an assigned target the office fills in.
    expect(targetWith(plan, '能耗')).toMatchObject({ tier: 'expected', value: null, masked: false });
  });

  it('takes no target and no task from the 2024 review, the thanks or the closing call', () => {
    expect(plan.targets.every((t) => t.source.start > targetsStart)).toBe(true);
    expect(plan.tasks.every((t) => t.source.start > targetsStart)).toBe(true);
    for (const pastValue of [3280, 5.8, 215, 4.2, 4.6, 62, 18, 8600, 5.2]) {
      expect(plan.targets.map((t) => t.value)).not.toContain(pastValue);
    }
    for (const junk of ['感谢', '收官之年', '努力奋斗', '加以解决']) expect(tasksQuoting(plan, junk)).toEqual([]);
  });

  it('lists the key-work directives with their deadlines', () => {
    expect(plan.tasks.length).toBeGreaterThanOrEqual(14);
    expect(plan.tasks.length).toBeLessThanOrEqual(20);
    expect(taskWith(plan, '集中开工重大项目50个').deadline).toMatchObject({ due: '2025-03-31', inferred: false });
    // 年度投资计划 is this year's plan, not a yearly recurrence.
    expect(taskWith(plan, '完成年度投资计划').deadline).toMatchObject({ due: '2025-06-30', recurrence: null });
    expect(taskWith(plan, '专业化整合').deadline.due).toBe('2025-09-30');
    expect(taskWith(plan, '综合管廊').deadline).toMatchObject({ due: '2025-12-31', inferred: false });
    expect(taskWith(plan, '食品安全抽检').deadline.kind).toBe('ongoing');
  });

  it('reads the subject and 会同 units as lead and co owners', () => {
    expect(owners(plan, '要素保障清单')).toEqual(['市发展和改革委员会:lead', '市财政局:co']);
    expect(taskWith(plan, '要素保障清单').deadline.recurrence).toBe('monthly');
    expect(owners(plan, '医共体')).toEqual(['市卫生健康委员会:lead']);
    expect(taskWith(plan, '医共体').deadline.due).toBe('2025-06-30');
  });
});

describe('a 重点任务分解 notice with 牵头单位 / 配合单位 / 完成时限', () => {
  const plan = parse('business-env-task-notice-2025');

  it('takes the year from the title and makes one task per numbered item, nothing else', () => {
    expect(plan.year).toBe(2025);
    expect(plan.tasks).toHaveLength(10);
    expect(tasksQuoting(plan, '印发给你们')).toEqual([]);
    expect(tasksQuoting(plan, '附件')).toEqual([]);
  });

  it('never reads 完成时限 as an owner', () => {
    for (const t of plan.tasks) for (const o of t.owners) expect(o.name).not.toMatch(/时限|时间|前$/);
  });

  it.each([
    ['一网通办', ['市政务服务管理局:lead', '市大数据中心:co', '各区县人民政府:co'], '2025-06-30', 'date', null],
    ['证照联办', ['市市场监督管理局:lead', '市政务服务管理局:co'], '2025-09-30', 'date', null],
    ['直通车', ['市工商联:lead', '市级各部门:co'], null, 'ongoing', null],
    ['减税降费', ['市税务局:lead', '市财政局:lead'], '2025-12-31', 'date', null],
    ['拖欠企业账款', ['市经济和信息化局:lead', '市财政局:co', '市人民政府国有资产监督管理委员会:co'], '2025-03-31', 'date', 'quarterly'],
    ['政银担', ['市地方金融管理局:lead', '市财政局:co'], '2025-11-30', 'date', null],
    ['拿地即开工', ['市自然资源和规划局:lead', '市住房和城乡建设局:co', '各区县人民政府:co'], '2025-10-31', 'date', null],
    ['人才引育', ['市委人才办:lead', '市人力资源和社会保障局:lead'], '2025-06-30', 'date', null],
    ['第三方评估', ['市营商环境办:lead'], '2025-11-30', 'date', null],
  ] as const)('item %s: owners and the 完成时限 deadline', (part, expected, due, kind, recurrence) => {
    const t = taskWith(plan, part);
    expect(owners(plan, part)).toEqual(expected);
    expect(t.deadline).toMatchObject({ due, kind, recurrence, inferred: false });
  });

  it('keeps an item whose verb is not in the lists (将…纳入) and flags 挂牌督办', () => {
    const t = taskWith(plan, '纳入年度绩效考核');
    expect(t.flagged).toBe(true);
    expect(t.owners[0]).toEqual({ name: '市营商环境办', role: 'lead', inferred: false });
    expect(t.deadline.due).toBe('2025-12-31');
  });

  it('reads the items’ figures as targets', () => {
    expect(targetWith(plan, '网上可办率')).toMatchObject({ value: 98, unit: '%', comparator: 'atLeast' });
    expect(targetWith(plan, '办结率')).toMatchObject({ value: 95, unit: '%', comparator: 'atLeast' });
    expect(targetWith(plan, '减负')).toMatchObject({ value: 15, unit: '亿元', comparator: 'atLeast' });
  });
});

describe('a district head’s 安全生产 speech (rhetoric and directives mixed)', () => {
  const plan = parse('district-safety-meeting-2025');

  it('takes the year from the meeting named in the title', () => {
    expect(plan.year).toBe(2025);
  });

  it('leaves out proverbs, attitudes, last year, approval, point headings and the closing wish', () => {
    for (const junk of ['胜于救灾', '侥幸心理', '突出的位置', '去年', '刚才', '希望大家', '亲自部署', '只有起点']) {
      expect(tasksQuoting(plan, junk)).toEqual([]);
    }
    // 第一，抓好城镇燃气安全。 heads a point; the directives follow it.
    expect(plan.tasks.filter((t) => /^抓好.{0,12}安全$/.test(t.quote))).toEqual([]);
    expect(plan.tasks.length).toBeGreaterThanOrEqual(11);
    expect(plan.tasks.length).toBeLessThanOrEqual(15);
  });

  it('names district units and 各街道 as owners', () => {
    expect(owners(plan, '燃气安全专项整治')).toEqual(['区住房和城乡建设局:lead']);
    expect(owners(plan, '燃气报警器')).toEqual(['区住房和城乡建设局:lead']);
    expect(owners(plan, '九小场所')).toEqual(['区消防救援大队:lead', '各街道:co']);
    expect(owners(plan, '除险加固')).toEqual(['区水务局:lead']);
    expect(owners(plan, '应急演练')).toEqual(['各街道:lead']);
    expect(owners(plan, '两客一危')[0]).toBe('区交通运输局:lead');
    expect(owners(plan, '考核办法')).toEqual(['区应急管理局:lead']);
  });

  it('suggests the district’s own units, never the city’s, and never one already named (rule local-level)', () => {
    const suggested = plan.tasks.flatMap((t) => t.owners.filter((o) => o.inferred).map((o) => o.name));
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested.filter((n) => n.startsWith('市'))).toEqual([]);
    expect(taskWith(plan, '应急演练').owners.map((o) => `${o.name}:${o.role}:${o.inferred}`)).toEqual(['各街道:lead:false', '区应急管理局:co:true']);
    // 区交通运输局 is named; its city counterpart is not suggested beside it.
    expect(taskWith(plan, '两客一危').owners.map((o) => o.name)).toEqual(['区交通运输局']);
  });

  it('leaves a city notice that names 县区人民政府 as owners at city level', () => {
    const city = parseSpeech(
      speech('一、重点任务', '1. 开展燃气安全隐患排查整治，年底前完成。（牵头单位：县区人民政府）', '2. 推进老旧小区改造80个。（牵头单位：区政府）', '3. 常态化开展应急演练。'),
      { year: 2026 },
    );
    expect(taskWith(city, '应急演练').owners).toEqual([{ name: '市应急管理局', role: 'lead', inferred: true }]);
  });

  it('reads deadlines, recurrence, ongoing work and 挂牌督办', () => {
    expect(taskWith(plan, '燃气报警器').deadline.due).toBe('2025-04-30');
    expect(taskWith(plan, '九小场所').deadline.due).toBe('2025-06-30');
    expect(taskWith(plan, '防汛隐患巡查').deadline.recurrence).toBe('monthly');
    expect(taskWith(plan, '应急演练').deadline.kind).toBe('ongoing');
    expect(taskWith(plan, '安全生产督查').deadline.recurrence).toBe('quarterly');
    expect(taskWith(plan, '考核办法').deadline).toMatchObject({ due: '2025-07-15', inferred: false });
    expect(taskWith(plan, '燃气管网').flagged).toBe(true);
  });

  it('takes no target from last year’s accident figures', () => {
    for (const v of [11, 9, 21, 18]) expect(plan.targets.map((t) => t.value)).not.toContain(v);
    expect(targetWith(plan, '整治完成率')).toMatchObject({ value: 100, unit: '%', due: '2025-06-30' });
  });
});

describe('a breakdown notice whose items are numbered （一）（二）… like headings', () => {
  const plan = parse('bracket-items-notice-2027');

  it('reads each numbered item as a task under its part, not as a section of its own', () => {
    expect(plan.year).toBe(2027);
    expect(plan.sections.filter((s) => s.level === 1).map((s) => s.title)).toEqual(['稳住经济基本盘', '持续改善民生', '工作要求']);
    // The real (一)/(二) headings of 工作要求 (no notation, no figure, no 。) stay headings.
    expect(plan.sections.filter((s) => s.level === 2).map((s) => s.title)).toEqual(['压实工作责任', '强化督查问效']);
    const part = (title: string) => plan.sections.find((s) => s.title === title)!.id;
    expect(taskWith(plan, '工业增加值').sectionId).toBe(part('稳住经济基本盘'));
    expect(taskWith(plan, '老旧小区').sectionId).toBe(part('持续改善民生'));
  });

  it.each([
    ['地区生产总值', ['市发展和改革委员会:lead', '各区政府:co'], '2027-12-31'],
    ['民间投资', ['市发展和改革委员会:lead', '市财政局:co', '市市场监督管理局:co'], '2027-06-30'],
    ['中小学校8所', ['市教育局:lead'], '2027-09-30'],
    ['老旧小区', ['市住房和城乡建设局:lead', '各区政府:co'], '2027-12-31'],
  ] as const)('item %s: owners from its notation, deadline from its words', (part, expected, due) => {
    expect(owners(plan, part)).toEqual(expected);
    expect(taskWith(plan, part).deadline.due).toBe(due);
  });

  it('keeps an item without a notation or a listed verb when it names a figure and a time', () => {
    const t = taskWith(plan, '托位2000个');
    expect(t.deadline.due).toBe('2027-09-30');
    expect(t.owners).toEqual([]);
  });

  it('reads the items’ figures as targets; 增长6%左右，力争达到6.5% is an expected and a striving tier', () => {
    const gdp = plan.targets.filter((t) => t.metric === '地区生产总值增长');
    expect(gdp.map((t) => [t.tier, t.value, t.comparator])).toEqual([
      ['expected', 6, 'about'],
      ['striving', 6.5, null],
    ]);
    expect(targetWith(plan, '失业率')).toMatchObject({ value: 5.5, unit: '%', comparator: 'atMost', tier: null });
    expect(targetWith(plan, '新增学位')).toMatchObject({ value: 12000, unit: '个' });
  });
});
