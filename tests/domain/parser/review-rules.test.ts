/** The named rules the parser review added, each on a sentence of its own (not from the seed). */
import { describe, expect, it } from 'vitest';
import { detectPlanYear, findDeadline } from '@/domain/parser/deadlines';
import { findNotations, subjectOwners } from '@/domain/parser/owners';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { speech } from './parser-fixtures';

const quotes = (text: string) => parseSpeech(text, { year: 2025 }).tasks.map((t) => t.quote);

describe('notation-deadline', () => {
  it('keeps 完成时限 out of the owners and hands its words to findDeadline', () => {
    const s = '（牵头单位：市民政局；配合单位：市财政局；完成时限：2025年8月底前）';
    const [n] = findNotations(s, 0, s.length, DEFAULT_UNITS);
    expect(n!.owners.map((o) => o.name)).toEqual(['市民政局', '市财政局']);
    expect(n!.deadlineText).toBe('2025年8月底前');
  });

  it('sets the deadline of the item it closes, even against the item’s own words', () => {
    const p = parseSpeech(speech('1. 年内完成养老服务设施普查。（牵头单位：市民政局；完成时间：2025年8月底前）'), { year: 2025 });
    expect(p.tasks[0]!.deadline).toMatchObject({ due: '2025-08-31', inferred: false });
  });
});

describe('task rules', () => {
  it('verb-as-noun: an aphorism or a rate is not a directive', () => {
    expect(quotes('预防重于治理。')).toEqual([]);
    expect(quotes('要开展河道清淤，年底前整治完成率达到95%。')).toEqual(['要开展河道清淤，年底前整治完成率达到95%']);
  });

  it('by-phrase: 在…前 before the verb is a time word', () => {
    expect(quotes('市民政局要在9月30日前出台《养老服务补贴办法》。')).toHaveLength(1);
  });

  it('theme-point: a short point heading followed by its directives is not a task', () => {
    const q = quotes(speech('第二，抓好校园安全。区教育局要开展校园周边隐患排查。'));
    expect(q).toEqual(['区教育局要开展校园周边隐患排查']);
  });

  it('notice-item: a numbered item closed by notation is a task whatever its verb', () => {
    expect(quotes('3. 将养老服务纳入民生实事项目。（牵头单位：市民政局）')).toHaveLength(1);
    expect(quotes('4. 提请市人大常委会审议《物业管理条例》。（牵头单位：市司法局）')).toHaveLength(1);
  });

  it('slogan-object: a direction of travel with nothing concrete is not a task', () => {
    expect(quotes('要推动全市经济高质量发展。')).toEqual([]);
    expect(quotes('要推动各项工作迈上新台阶。')).toEqual([]);
    // With something the office can check it stays.
    expect(quotes('要推动规上工业增加值增长6%。')).toHaveLength(1);
  });

  it('quality-object: 增强…的针对性和实效性 is a manner of working', () => {
    expect(quotes('要增强政策的针对性和实效性。')).toEqual([]);
  });

  it('dui-object: 对X实行挂牌督办 is a directive', () => {
    expect(quotes('对逾期未整改的企业实行挂牌督办。')).toHaveLength(1);
  });

  it('co-unnamed: units the registry lacks after 会同 do not hide the verb', () => {
    expect(quotes('区城管局要会同高新区管委会严厉查处违法建设。')).toHaveLength(1);
  });
});

describe('owners and years', () => {
  it('unit-shaped names of a district or county, and 各街道 / 各乡镇', () => {
    const subj = (s: string) => subjectOwners(s, { start: 0, end: s.length }, DEFAULT_UNITS).map((o) => o.name);
    expect(subj('县水利局要完成水库除险加固。')).toEqual(['县水利局']);
    expect(subj('区住房和城乡建设局要开展燃气整治。')).toEqual(['区住房和城乡建设局']);
    expect(subj('各乡镇要健全防汛预案。')).toEqual(['各乡镇']);
    // 园区 / 社区 do not start a district's unit (区管委会); the park's whole name is the unit.
    expect(subj('产业园区管委会要做好服务。')).toEqual(['产业园区管委会']);
    expect(subj('社区要做好服务。')).toEqual([]);
  });

  it('annual-plan: 年度 before a plan noun is this year, not a recurrence', () => {
    expect(findDeadline('完成年度投资计划', 2025)).toMatchObject({ due: '2025-12-31', recurrence: null });
    expect(findDeadline('年度考核', 2025)).toMatchObject({ recurrence: 'yearly' });
  });

  it('the year of any 工作会议 named in the title, but not an 经济工作会议', () => {
    expect(detectPlanYear('在2025年全区安全生产工作会议上的讲话\n同志们：')).toBe(2025);
    expect(detectPlanYear('在2025年全县项目建设推进会上的讲话\n')).toBe(2025);
    expect(detectPlanYear('在2024年全市经济工作会议上的讲话\n')).toBeNull();
  });

  it('list-head-carry: every item of a ；-separated 预期目标 list keeps the tier, the next sentence does not', () => {
    const p = parseSpeech('主要预期目标是：地区生产总值增长6%左右；城镇新增就业2万人以上。新建学校3所。', { year: 2025 });
    expect(p.targets.map((t) => [t.metric, t.tier])).toEqual([
      ['地区生产总值增长', 'expected'],
      ['城镇新增就业', 'expected'],
      ['新建学校', null],
    ]);
  });
});
