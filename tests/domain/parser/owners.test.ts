import { describe, expect, it } from 'vitest';
import type { Unit } from '@/domain/model';
import { findNotations, parseNotation, splitNames, subjectOwners } from '@/domain/parser/owners';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { fixtureText, seedText, speech, taskWith } from './parser-fixtures';

const seed = () => parseSpeech(seedText(), { year: 2023 });
const subjects = (s: string) => subjectOwners(s, { start: 0, end: s.length }, DEFAULT_UNITS).map((o) => o.name);

describe('owners from the subject of a directive', () => {
  it('reads roles as subjects in the seed, explicit (not inferred)', () => {
    const plan = seed();
    // 大胆开展工作 and 扛牢…政治重任 are no longer tasks (generic object / a charge restated); the
    // roles are read on directives written in the same way.
    expect(taskWith(plan, '加强所在行业领域工作研究').owners[0]).toEqual({ name: '各部门主要负责同志', role: 'lead', inferred: false });
    const roles = parseSpeech(speech('各位副市长要在职责范围内，研究制定分管领域的年度工作清单。', '各区县长要抓好本地防汛备汛工作。'), { year: 2023 });
    expect(taskWith(roles, '年度工作清单').owners).toEqual([{ name: '分管副市长', role: 'lead', inferred: false }]);
    expect(taskWith(roles, '防汛备汛').owners[0]).toEqual({ name: '各区县长', role: 'lead', inferred: false });
    expect(taskWith(plan, '彝区德古调解').owners[0]).toEqual({ name: '各部门主要负责同志', role: 'lead', inferred: false });
  });

  it('maps an alias to the registry name (市发展改革委 → 市发展和改革委员会)', () => {
    expect(subjects('市发展改革委要牵头制定稳增长措施。')).toEqual(['市发展和改革委员会']);
  });

  it('finds several subjects before the modal (无论是…，还是…，都要)', () => {
    expect(subjects('无论是市政府领导班子成员，还是各地各部门主要负责同志，都要讲担当。')).toEqual(['市政府领导班子成员', '各部门主要负责同志']);
  });

  it('reads the units after 会同 as co-operating owners', () => {
    const s = '市发展改革委要会同市财政局、市统计局等部门制定稳增长措施。';
    expect(subjectOwners(s, { start: 0, end: s.length }, DEFAULT_UNITS)).toEqual([
      { name: '市发展和改革委员会', role: 'lead', inferred: false },
      { name: '市财政局', role: 'co', inferred: false },
      { name: '市统计局', role: 'co', inferred: false },
    ]);
    const p = parseSpeech(s, { year: 2025 });
    expect(p.tasks.map((t) => t.title)).toEqual(['制定稳增长措施']);
  });

  it('keeps a unit-shaped name the registry lacks, as written', () => {
    expect(subjects('市乡村振兴局要加快推进帮扶项目。')).toEqual(['市乡村振兴局']);
  });

  it('does not take 市委 (in 在市委的坚强领导下) or a 要 inside 主要/重要 as a subject', () => {
    expect(subjects('我们要在市委的坚强领导下，确保实现目标。')).toEqual([]);
    expect(subjects('重要的是，主要矛盾要抓住。')).toEqual([]);
  });
});

describe('subject-carries: a clause with no subject goes on with the unit named before it in the sentence', () => {
  const leads = (text: string) => parseSpeech(speech(text), { year: 2026 }).tasks.map((t) => [t.title, t.owners.filter((o) => !o.inferred).map((o) => o.name)]);

  it('carries a mid-sentence subject to the clauses after it, and gives way to the next named one', () => {
    expect(leads('要守住风险底线，市住建局要牵头做好保交房工作，今年确保完成逾期项目交付3000套。')).toEqual([
      ['牵头做好保交房工作', ['市住房和城乡建设局']],
      ['今年确保完成逾期项目交付3000套', ['市住房和城乡建设局']],
    ]);
    expect(leads('市财政局要安排专项资金2亿元，市审计局要开展专项审计，督促整改问题30个。').map(([, o]) => o)).toEqual([['市财政局'], ['市审计局'], ['市审计局']]);
  });
});

describe('owners from task-breakdown notation', () => {
  it('parses （牵头单位：…，配合单位：…、…） with lead and co roles', () => {
    expect(parseNotation('牵头单位：市人事局，配合单位：市财政局、市教育局', DEFAULT_UNITS)).toEqual([
      { name: '市人事局', role: 'lead', inferred: false },
      { name: '市财政局', role: 'co', inferred: false },
      { name: '市教育局', role: 'co', inferred: false },
    ]);
  });

  it('reads half-width punctuation the same way', () => {
    expect(parseNotation('牵头单位:市经信局;配合单位:市统计局', DEFAULT_UNITS)).toEqual([
      { name: '市经济和信息化局', role: 'lead', inferred: false },
      { name: '市统计局', role: 'co', inferred: false },
    ]);
  });

  // The units come first and the first named unit leads; a 责任领导 is a leader, listed after the
  // units (issue 10: the lead *unit* is the first lead, a leader's title is not a unit).
  it('牵头单位 leads, then 责任单位 co-operates; 责任领导 follows the units', () => {
    expect(parseNotation('责任领导：分管副市长；牵头单位：市自然资源和规划局；责任单位：各县（市、区）人民政府', DEFAULT_UNITS)).toEqual([
      { name: '市自然资源和规划局', role: 'lead', inferred: false },
      { name: '各县（市、区）人民政府', role: 'co', inferred: false },
      { name: '分管副市长', role: 'lead', inferred: false },
    ]);
    expect(parseNotation('责任领导：张**；责任单位：市民政局', DEFAULT_UNITS)).toEqual([
      { name: '市民政局', role: 'lead', inferred: false },
      { name: '张**', role: 'lead', inferred: false },
    ]);
  });

  it('责任单位 alone: the first named unit leads, the rest co-operate; X（牵头） leads wherever it stands', () => {
    expect(parseNotation('责任单位：区住建局、区城投公司、江滨街道办事处', DEFAULT_UNITS).map((o) => [o.name, o.role])).toEqual([
      ['区住建局', 'lead'],
      ['区城投公司', 'co'],
      ['江滨街道办事处', 'co'],
    ]);
    expect(parseNotation('责任单位：市教育局、市审计局（牵头）', DEFAULT_UNITS).map((o) => [o.name, o.role])).toEqual([
      ['市教育局', 'co'],
      ['市审计局', 'lead'],
    ]);
  });

  it('never splits inside brackets: 各县（市、区）人民政府 is one name; drops a trailing 等', () => {
    expect(splitNames('各县（市、区）人民政府、市财政局等')).toEqual(['各县（市、区）人民政府', '市财政局']);
  });

  it('role-gloss: a bracket saying who does what is not part of the name; one naming the office is', () => {
    expect(splitNames('各街道办事处（区城管局负责统筹、考核）')).toEqual(['各街道办事处']);
    expect(splitNames('各乡镇（县农业农村局牵头指导）、县财政局')).toEqual(['各乡镇', '县财政局']);
    expect(splitNames('市政府办公室（督查室）')).toEqual(['市政府办公室（督查室）']);
  });

  it('role-then-label: （X负责，完成时限：…） and （X牵头，Y配合；完成时限：…） give the owners and the deadline', () => {
    const p = parseSpeech(speech('为全区中小学生开展一次免费健康体检。（区卫健局负责，完成时限：2025年11月30日）', '新建普惠性托育机构3家。（区教育局牵头，区卫健局配合；完成时限：2025年8月底前）'), { year: 2025 });
    expect(p.tasks.map((t) => [t.title, t.owners.map((o) => `${o.name}:${o.role}`), t.deadline.due])).toEqual([
      ['为全区中小学生开展一次免费健康体检', ['区卫健局:lead'], '2025-11-30'],
      ['新建普惠性托育机构3家', ['区教育局:lead', '区卫健局:co'], '2025-08-31'],
    ]);
  });

  it('list-items-notation: the notation after ①…；②…。 is every item’s; an item ending in 。 keeps none of a later one', () => {
    const p = parseSpeech(
      speech('一、普惠托育扩容', '①新建普惠性托育机构3家，新增托位360个；', '②新建改扩建幼儿园4所，新增学位3240个。', '（责任单位：区教育局牵头，区卫健局、区住建局配合；完成时限：2025年8月底前）', '二、其他', '1. 总体要求。坚持以人民为中心。', '2. 建成社区食堂10个。（牵头单位：区民政局）'),
      { year: 2025 },
    );
    expect(p.tasks.map((t) => [t.title, t.owners.map((o) => `${o.name}:${o.role}`), t.deadline.due])).toEqual([
      ['新建普惠性托育机构3家', ['区教育局:lead', '区卫健局:co', '区住建局:co'], '2025-08-31'],
      ['新建改扩建幼儿园4所', ['区教育局:lead', '区卫健局:co', '区住建局:co'], '2025-08-31'],
      ['建成社区食堂10个', ['区民政局:lead'], '2025-12-31'],
    ]);
  });

  it('finds a bracketed notation and a notation line, spans included', () => {
    const t = '推进标准地改革。（牵头单位：市自然资源和规划局）';
    const [n] = findNotations(t, 0, t.length, DEFAULT_UNITS);
    expect(t.slice(n!.span.start, n!.span.end)).toBe('（牵头单位：市自然资源和规划局）');
    // A notation keeps names as written; the owner pass files them under the registry's names.
    const line = '责任领导：分管副市长；牵头单位：市国资委';
    expect(findNotations(line, 0, line.length, DEFAULT_UNITS)[0]!.owners.map((o) => o.name)).toEqual(['市国资委', '分管副市长']);
  });

  it('reads 【牵头单位】A【配合单位】B as one notation', () => {
    const p = parseSpeech('1. 加快推进城市更新。【牵头单位】市住建局【配合单位】市财政局、市自然资源局', { year: 2024 });
    expect(p.tasks[0]!.owners).toEqual([
      { name: '市住房和城乡建设局', role: 'lead', inferred: false },
      { name: '市财政局', role: 'co', inferred: false },
      { name: '市自然资源和规划局', role: 'co', inferred: false },
    ]);
  });

  it('reads （A牵头，B、C配合） and leaves an ordinary aside alone', () => {
    const p = parseSpeech('实施稳岗扩就业行动（市人社局牵头，市财政局、各县（市、区）人民政府配合）。', { year: 2024 });
    expect(p.tasks[0]!.quote).toBe('实施稳岗扩就业行动');
    expect(p.tasks[0]!.owners.map((o) => [o.name, o.role, o.inferred])).toEqual([
      ['市人力资源和社会保障局', 'lead', false],
      ['市财政局', 'co', false],
      ['各县（市、区）人民政府', 'co', false],
    ]);
    const aside = parseSpeech('做好防汛抗旱工作（这是我们负责的重点）。', { year: 2024 });
    expect(aside.tasks[0]!.owners.every((o) => o.inferred)).toBe(true);
  });

  it('applies a notation to the tasks before it in the same item, and keeps it out of the quote', () => {
    const p = parseSpeech(fixtureText('task-notice'), {});
    const t = taskWith(p, '加快推进重大项目建设');
    expect(t.quote).not.toContain('牵头单位');
    expect(t.owners).toEqual([
      { name: '市发展和改革委员会', role: 'lead', inferred: false },
      { name: '市财政局', role: 'co', inferred: false },
      { name: '市自然资源和规划局', role: 'co', inferred: false },
    ]);
    // A notation line under the point (责任领导：…) belongs to that point.
    expect(taskWith(p, '推进标准地出让改革').owners.map((o) => [o.name, o.role])).toEqual([
      ['市自然资源和规划局', 'lead'],
      ['各县（市、区）人民政府', 'co'],
      ['分管副市长', 'lead'],
    ]);
    // The next point's notation on its own line, after its text.
    expect(taskWith(p, '制定国资国企改革实施方案').owners).toEqual([{ name: '市人民政府国有资产监督管理委员会', role: 'lead', inferred: false }]);
  });
});

describe('owners inferred from registry keywords', () => {
  it('suggests 市自然资源和规划局 for 土地收储, marked inferred', () => {
    expect(taskWith(seed(), '土地收储').owners).toEqual([{ name: '市自然资源和规划局', role: 'lead', inferred: true }]);
  });

  it('suggests one lead and at most two co-units, the first-named field leading (国资国企 → 国资委)', () => {
    const owners = taskWith(seed(), '深入推进国资国企').owners;
    expect(owners[0]).toEqual({ name: '市人民政府国有资产监督管理委员会', role: 'lead', inferred: true });
    expect(owners.length).toBeLessThanOrEqual(3);
    expect(owners.slice(1).every((o) => o.role === 'co' && o.inferred)).toBe(true);
  });

  it('adds suggestions only as co-units next to an explicit owner', () => {
    const owners = taskWith(parseSpeech('各区县长要压实属地责任，抓好本地安全生产。', { year: 2023 }), '压实属地责任').owners;
    expect(owners[0]).toEqual({ name: '各区县长', role: 'lead', inferred: false });
    expect(owners.length).toBeGreaterThan(1);
    expect(owners.slice(1).every((o) => o.role === 'co' && o.inferred)).toBe(true);
  });

  it('uses the office’s registry instead of the default one (options.units)', () => {
    const units: Unit[] = [{ id: 'land', name: '市土地储备中心', kind: 'department', aliases: ['土储中心'], keywords: ['收储'] }];
    const p = parseSpeech(speech('要滚动实施土地收储。', '土储中心要加快推进地块整理。'), { year: 2024, units });
    expect(p.tasks.map((t) => t.owners)).toEqual([
      [{ name: '市土地储备中心', role: 'lead', inferred: true }],
      [{ name: '市土地储备中心', role: 'lead', inferred: false }],
    ]);
  });

  it('repairs a damaged registry entry instead of losing owner detection', () => {
    const units = [{ id: 'x', name: '市自然资源和规划局', kind: 'department', aliases: null, keywords: ['收储', 7] }, null] as unknown as Unit[];
    const p = parseSpeech('要滚动实施土地收储。', { year: 2024, units });
    expect(p.tasks[0]!.owners).toEqual([{ name: '市自然资源和规划局', role: 'lead', inferred: true }]);
  });

  it('warns no-owner for a task with no owner at all, with its span and id', () => {
    const p = parseSpeech('要加快推进全过程管理。', { year: 2024, units: [] });
    expect(p.warnings.filter((w) => w.code === 'no-owner')).toEqual([
      { code: 'no-owner', message: expect.stringContaining('加快推进全过程管理'), source: p.tasks[0]!.source, itemId: 't1' },
    ]);
  });
});
