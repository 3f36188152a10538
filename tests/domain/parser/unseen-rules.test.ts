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

describe('rhetoric that reads like a directive', () => {
  const candidates = (text: string, year = 2026) => plan(text, year).candidates.map((c) => c.quote);

  it('generic-object: 抓好贯彻落实 / 学习领会 name nothing to check', () => {
    expect(quotes('各位同志要认真学习领会，切实抓好贯彻落实。')).toEqual([]);
    expect(quotes('各乡镇要抓好贯彻执行。')).toEqual([]);
  });

  it('slogan-object: a bottom line, a rank to climb, how well it should turn out', () => {
    expect(quotes('各级各部门要坚决守住食品安全底线。')).toEqual([]);
    expect(quotes('要以“快”的节奏、“干”的状态，推动各项工作争先进位。')).toEqual([]);
    expect(quotes('各单位要确保惠民工程建得好、群众用得上。')).toEqual([]);
    // A line with a figure is checkable and stays.
    expect(quotes('要守住耕地保护红线，确保全年耕地保有量不少于38万亩。')).toHaveLength(1);
  });

  it('definition: X不是目的，Y才是根本', () => {
    expect(quotes('考核不是目的，推动工作才是根本。')).toEqual([]);
    expect(quotes('抓安全生产，防患于未然才是硬道理。')).toEqual([]);
  });

  it('principle: 坚持以…为中心, 把…作为重中之重 are candidates at most', () => {
    expect(quotes('各乡镇要把落实秸秆禁烧制度作为秋冬季工作的重中之重，主要负责同志亲自抓。')).toEqual([]);
    expect(quotes('我们要坚持以群众需求为导向，把百姓满意作为检验工作的首要任务，多办暖民心的实事。')).toEqual([]);
    const text = speech('一、各责任单位要把落实《工作要点》作为全年工作的重中之重，主要负责同志亲自抓、负总责。', '二、各牵头单位要于3月10日前制定落实方案。');
    expect(quotes(text)).toEqual(['各牵头单位要于3月10日前制定落实方案']);
    expect(quotes('必须坚持以人民为中心的发展思想，把群众满意作为首要任务。')).toEqual([]);
    // The work named after the principle is a task of its own.
    expect(quotes('要把招商引资作为头等大事，全年引进亿元以上项目20个。')).toEqual(['全年引进亿元以上项目20个']);
  });

  it('anaphor object: 把这个要求落实到… only points back', () => {
    expect(quotes('我们要把这一要求落实到每一所学校。')).toEqual([]);
    expect(quotes('各部门要将上述部署落实到具体项目上。')).toEqual([]);
  });

  it('attitude: a character to keep (清正廉洁的本色, 良好形象) is not work', () => {
    expect(quotes('全区干部要始终保持艰苦奋斗的政治本色，做到清白做人。')).toEqual([]);
  });

  it('exhortation: 希望大家…, 让我们…', () => {
    expect(quotes('希望大家以时不我待的干劲，全力推进项目建设。')).toEqual([]);
    expect(quotes('让我们携起手来，全力完成全年目标任务。')).toEqual([]);
  });

  it('preamble: 为…，制定本方案 / 现予公布 / 通知如下', () => {
    expect(quotes('为加快补齐农村供水短板，结合我区实际，制定本实施方案。')).toEqual([]);
    expect(quotes('经区政府常务会议研究，确定2026年十件民生实事，现予公布。')).toEqual([]);
    expect(quotes('为做好防汛工作，现将有关事项通知如下。')).toEqual([]);
    expect(quotes('为规范城市停车管理，经市政府同意，现提出以下意见。')).toEqual([]);
    expect(quotes('为加快发展夜间经济，结合本县实际，特制定如下措施：')).toEqual([]);
    expect(quotes('现将《全区燃气安全整治方案》印发给你们，请结合实际认真抓好落实。')).toEqual([]);
    // 制定本地实施方案 is work for each addressee.
    expect(quotes('各乡镇要在5月底前制定本地实施方案。')).toHaveLength(1);
    expect(quotes('各街道要于3月底前制定如下措施。')).toHaveLength(1);
  });

  it('evaluation: …成效明显, 格局初步形成 report work done; a goal ahead stays', () => {
    expect(quotes('县农业农村局牵头的高标准农田建设、县水利局牵头的水毁修复等工作成效明显。')).toEqual([]);
    expect(quotes('经过三年努力，全县冷链物流体系初步形成。')).toEqual([]);
    expect(quotes('到2028年，初步形成覆盖城乡的冷链物流体系。')).toHaveLength(1);
  });

  it('progress-report: 原定…目前仅…, 计划…实际完成…, 提前…完成', () => {
    expect(quotes('县医院迁建项目原定6月底前封顶，目前仅完成基础施工，进度明显滞后。')).toEqual([]);
    expect(quotes('区住建局提前两个月完成老旧小区改造年度计划编制。')).toEqual([]);
    expect(figures('农村公路改造上半年计划完成40公里，实际完成22公里。')).toEqual([]);
    // A task about what is late stays.
    expect(quotes('对进度滞后的项目，由县政府督查室实行挂牌督办。')).toHaveLength(1);
  });

  it('reported-leader: a leader’s words reported in any document are candidates', () => {
    const text = '市委书记在全市项目推进会上强调，项目建设要快字当头、干字为先。';
    expect(quotes(text)).toEqual([]);
    const text2 = '区长在会上指出，要加快推进区人民医院新院区建设。';
    expect(quotes(text2)).toEqual([]);
    expect(candidates(text2)).toHaveLength(1);
  });

  it('past: a sentence opening with …以来 reports the period up to now', () => {
    expect(quotes('“十四五”以来，全市累计培育省级特色产业集群12个，集群格局初步形成。')).toEqual([]);
  });
});

describe('review-section: a bulletin’s 总体情况 / 存在问题 / 主要做法 report', () => {
  it('recognises the headings', () => {
    for (const t of ['总体情况', '存在问题', '存在的问题', '主要做法', '进展情况']) expect(isReviewHeading(t), t).toBe(true);
    for (const t of ['下步工作要求', '整改措施', '工作要求']) expect(isReviewHeading(t), t).toBe(false);
  });

  it('takes tasks only from the part that asks for work', () => {
    const text = speech(
      '关于上半年民生实事推进情况的督查通报',
      '一、总体情况',
      '县教育局牵头的学位建设项目提前完成主体施工，县卫健局完成乡镇卫生院改造12所。',
      '二、存在问题',
      '农村户厕改造计划完成1500户，实际完成900户。',
      '三、下步工作要求',
      '县农业农村局要在9月底前完成剩余600户改造任务。',
    );
    const p = plan(text);
    expect(p.tasks.map((t) => t.quote)).toEqual(['县农业农村局要在9月底前完成剩余600户改造任务']);
    expect(p.targets.map((g) => g.value)).toEqual([600]);
  });
});

describe('tables copied from a web page', () => {
  const webTable = [
    '2026年市政府重点工作责任分工',
    '',
    '序号',
    '',
    '重点工作',
    '',
    '责任单位',
    '',
    '完成时限',
    '',
    '1',
    '',
    '新建城市书房15个，年底前全部开放。',
    '',
    '市文化广电旅游局牵头，市财政局、各区人民政府等按职责分工负责',
    '',
    '2026年12月底前',
    '',
    '2',
    '',
    '开展职业技能培训2万人次。',
    '',
    '市人力资源和社会保障局',
    '',
    '',
    '',
    '3',
    '',
    '完善社会救助信息平台。',
    '',
    '市民政局（市社会救助中心）负责统筹',
    '',
    '2026年9月底前',
    '',
    '【打印本页】　【关闭窗口】',
  ].join('\n');

  it('header-columns: 重点工作 names the task column; a blank line between cells is only spacing', () => {
    const p = plan(webTable);
    expect(p.tasks).toHaveLength(3);
    expect(p.tasks[0]!.owners.filter((o) => o.role === 'lead').map((o) => o.name)[0]).toBe('市文化广电旅游局');
    expect(p.tasks[1]!.owners[0]!.name).toBe('市人力资源和社会保障局');
    expect(p.tasks[2]!.deadline.due).toBe('2026-09-30');
  });

  it('owner-cell-roles: a cell that states roles (…牵头，…等按职责分工负责) is an owner cell', () => {
    const p = plan(webTable);
    expect(p.tasks[0]!.title).not.toContain('按职责分工负责');
  });

  it('web-chrome: 【打印本页】【关闭窗口】 end the table and belong to no cell', () => {
    const p = plan(webTable);
    expect(p.tasks.every((t) => !t.quote.includes('打印本页'))).toBe(true);
  });

  it('unit-grammar: 社会 inside a field (人力资源社会保障厅) does not cut the name', () => {
    const p = plan('省人力资源社会保障厅要在6月底前出台技能人才评价办法。');
    expect(p.tasks[0]!.owners[0]).toMatchObject({ name: '省人力资源社会保障厅', role: 'lead', inferred: false });
  });
});

describe('deadlines of work in several steps', () => {
  it('last-milestone: steps in separate clauses are due at the last; dates in one clause keep the first checkpoint', () => {
    const due = (s: string) => plan(s).tasks[0]!.deadline.due;
    expect(due('区住建局要推进安置房建设，3月底前完成招标，6月底前开工，11月底前主体封顶。')).toBe('2026-11-30');
    expect(due('县交通运输局要抓好环城路改造，6月30日前完成路基，9月底前建成通车。')).toBe('2026-09-30');
    expect(due('要奋力实现一季度“开门红”和全年“满堂彩”。')).toBe('2026-03-31');
    // 今年 and 全年 name the whole year, not a step.
    expect(due('市发改委要梳理今年重点项目清单，2月底前报市政府审定。')).toBe('2026-02-28');
  });

  it('measured-by-count: a unit’s assignment is dated and measured by the count after it', () => {
    const p = plan('县科技局要加快科创园建设，年底前引进科技型企业12家。');
    expect(p.tasks).toHaveLength(1);
    expect(p.tasks[0]!.deadline).toMatchObject({ due: '2026-12-31', inferred: false });
    expect(p.tasks[0]!.owners[0]!.name).toBe('县科技局');
  });

  it('dated-steps: after a dated deliverable, a dated count is a task of its own whatever its verb', () => {
    const p = plan('县商务局要做好招商工作，一季度外出招商不少于2次，上半年签约项目5个以上。');
    expect(p.tasks.map((t) => t.deadline.due)).toEqual(['2026-03-31', '2026-06-30']);
    expect(p.tasks[1]!.owners[0]!.name).toBe('县商务局');
  });
});

describe('targets the unseen documents showed', () => {
  const targets = (s: string) => plan(s).targets.map((g) => [g.value, g.unit, g.comparator, g.tier]);

  it('至少 + a verb + a count is atLeast', () => {
    expect(targets('每个乡镇至少建成1个农村电商服务站。')).toEqual([[1, '个', 'atLeast', null]]);
    expect(targets('县文旅局每季度至少举办1场文化惠民演出。')).toEqual([[1, '场', 'atLeast', null]]);
  });

  it('场次, 批次 and 片 are units', () => {
    expect(targets('全年组织送戏下乡80场次以上。')).toEqual([[80, '场次', 'atLeast', null]]);
    expect(targets('抽检农产品不少于3000批次。')).toEqual([[3000, '批次', 'atLeast', null]]);
    expect(targets('新建笼式足球场12片。')).toEqual([[12, '片', null, null]]);
  });

  it('expected-verb: 预期增长 in a speech carries the expected tier', () => {
    expect(targets('今年全区地区生产总值预期增长6%左右。')).toEqual([[6, '%', 'about', 'expected']]);
  });

  it('list-object: the verb before a list of nouns governs the count after the last', () => {
    expect(targets('新建改造雨水、污水、再生水管网46公里。')).toEqual([[46, '公里', null, null]]);
    expect(targets('改扩建小学、初中、幼儿园7所。')).toEqual([[7, '所', null, null]]);
  });

  it('a floor on money (不少于, 不低于, 以上) is a commitment, not an allocation or a project size', () => {
    expect(targets('市财政每年安排不少于2亿元支持科技创新。')).toEqual([[2, '亿元', 'atLeast', null]]);
    expect(targets('储备项目总投资不低于800亿元。')).toEqual([[800, '亿元', 'atLeast', null]]);
    // Without one, an allocation and a project's size stay out.
    expect(targets('市财政安排2亿元用于科技创新。')).toEqual([]);
    expect(targets('该项目总投资4.2亿元。')).toEqual([]);
  });
});

describe('review-turn: a paragraph that opens by looking back turns at a named unit given work', () => {
  it('the sentence with 市X局要 and the rest of the paragraph are read; the look back before it is not', () => {
    const p = plan('（二）加快危桥改造。去年排查出危桥36座，已完成改造21座。市交通运输局要在9月底前完成剩余15座危桥改造，年底前全部通过验收。');
    expect(p.tasks.map((t) => [t.owners[0]?.name, t.deadline.due])).toEqual([['市交通运输局', '2026-12-31']]);
    expect(p.targets.map((g) => g.value)).not.toContain(36);
    expect(p.targets.map((g) => g.value)).not.toContain(21);
  });

  it('an exhortation to every unit (各单位要…) does not turn it, nor a sentence in a review section', () => {
    expect(quotes('关于2026年民生实事的通知\n2025年，十件民生实事全部完成，新增停车泊位1100个。各单位要坚持尽力而为、量力而行，把好事办实。')).toEqual([]);
    expect(quotes('一、2025年工作回顾\n去年全市新建学校8所。市教育局要牵头完成了学位扩容。')).toEqual([]);
  });
});

describe('causative: 督促/指导 + a unit + a verb is the unit’s task of supervising that work', () => {
  it('the verb after the supervised unit heads the task; the purpose clause after it stays inside', () => {
    const p = plan('市水利局要督促各地加快剩余工程修复进度，确保安全度汛。');
    expect(p.tasks.map((t) => [t.title, t.owners[0]?.name])).toEqual([['督促各地加快剩余工程修复进度', '市水利局']]);
    expect(plan('县教育局要指导各学校开展防溺水专题教育。').tasks.map((t) => t.title)).toEqual(['指导各学校开展防溺水专题教育']);
    expect(plan('区民政局要帮助困难群众落实临时救助。').tasks).toHaveLength(1);
  });
});

describe('subjects and directives the unseen documents showed', () => {
  const leads = (s: string) => plan(s).tasks.map((t) => t.owners.find((o) => o.role === 'lead')?.name ?? null);

  it('town-subject: a town or a street office named by its place alone leads', () => {
    expect(leads('青石镇要在6月底前完成安置点选址。')).toEqual(['青石镇']);
    const p = plan('白沙乡要会同县水利局做好河道清障工作，汛前全部完成。');
    expect(p.tasks[0]!.owners.map((o) => [o.name, o.role])).toEqual([
      ['白沙乡', 'lead'],
      ['县水利局', 'co'],
    ]);
    expect(leads('南关街道负责辖区内老旧小区加装电梯的协调，年底前完成12部。')).toEqual(['南关街道']);
    // 城镇, 乡镇 are kinds of place, not a town.
    expect(leads('城镇要加快补齐公共服务短板，年底前新建社区食堂10个。')[0]).not.toBe('城镇');
  });

  it('district-subject: a district or county named alone leads; a kind of area does not', () => {
    expect(leads('平江区要在10月底前完成老旧小区改造20个。')[0]).toBe('平江区');
    expect(leads('云岭县负责移民安置点建设，年底前全部完工。')[0]).toBe('云岭县');
    expect(leads('老城区要加快推进有机更新，年底前改造街巷12条。')[0]).not.toBe('老城区');
    expect(leads('示范区要在6月底前出台支持政策。')[0]).not.toBe('示范区');
  });

  it('sub-unit: a branch named after its parent (…局X分局, …局交警支队) is the unit that acts', () => {
    expect(leads('市自然资源和规划局高新分局负责园区用地报批，6月底前完成。')[0]).toBe('市自然资源和规划局高新分局');
    expect(leads('市公安局交警支队要在9月底前完成信号灯智能化改造。')[0]).toBe('市公安局交警支队');
    // A list is not one name: the branch suffix is looked for only up to the next stop.
    const p = plan('区住建局要牵头，会同区市场监管局、区消防救援大队开展燃气安全检查，年底前完成。');
    expect(p.tasks[0]!.owners.filter((o) => !o.inferred).map((o) => o.name)).toEqual(['区住建局', '区市场监管局', '区消防救援大队']);
  });

  it('party bodies: 县委办, 市委办公室 and a long place’s 管委会 are units', () => {
    expect(plan('县委办、县政府办要加强督查，每季度通报一次。').tasks[0]!.owners.filter((o) => !o.inferred).map((o) => o.name)).toEqual(['县委办', '县政府办']);
    expect(leads('市委办公室要牵头做好年度考核，12月底前完成。')[0]).toBe('市委办公室');
    expect(leads('临江经开区管委会要在年底前建成标准厂房10万平方米。')[0]).toBe('临江经开区管委会');
  });

  it('collectives: 各县（市、区）要… is the group, not a registry guess', () => {
    expect(leads('各县（市、区）要组织力量深入企业摸排，确保规上企业3月底前全部复工。')).toEqual(['各县（市、区）']);
  });

  it('a unit at the head followed by its verb with no modal is the subject (市教育局汇总后报…)', () => {
    expect(leads('区卫健局汇总后报区政府办公室。')).toEqual(['区卫健局']);
  });

  it('明确 is a directive verb with help; 完成预测报… is work, not a forecast', () => {
    expect(quotes('各乡镇要在4月底前逐一明确包保责任人。')).toHaveLength(1);
    expect(quotes('各部门要在3月5日前将一季度指标完成预测报县统计局。')).toHaveLength(1);
    expect(quotes('预计全年增长6%左右。')).toEqual([]);
  });

  it('for-whom: 为X开展… is who benefits, then the work; 为推动…，制定… is a purpose', () => {
    expect(quotes(speech('1．为全区65岁以上老人免费开展流感疫苗接种。', '2．新建社区食堂8个。'))).toHaveLength(2);
    expect(quotes('为推动文旅融合发展，特制定本方案。')).toEqual([]);
  });

  it('numbered-item: a numbered point that counts or dates what it delivers is a task whatever its verb', () => {
    const text = speech('（二）民生实事', '1）新增公共停车泊位800个。', '2）抽检学校食堂不少于600批次。', '3）改造城区公厕20座。');
    expect(quotes(text)).toHaveLength(3);
  });
});

describe('meeting-held and title-time-preposition (found reading a 纪要 as an office would)', () => {
  const minutes = speech(
    '青禾县人民政府常务会议纪要',
    '〔2027〕第4次',
    '2027年3月9日，县长李明主持召开县人民政府第11次常务会议，研究春季农业生产等事项。现纪要如下：',
    '一、关于春季农业生产',
    '县农业农村局要于4月底前完成春播备耕物资调度。',
    '县水利局要在一季度完成灌区渠系清淤。',
  );

  it('a sentence telling when and by whom the meeting was held is no task', () => {
    expect(quotes(minutes, 2027).some((q) => q.includes('主持召开'))).toBe(false);
    expect(plan(minutes, 2027).candidates.some((c) => c.quote.includes('主持召开'))).toBe(false);
  });

  it('drops 于 / 在 before a time from a title, keeping the time', () => {
    const titles = plan(minutes, 2027).tasks.map((t) => t.title);
    expect(titles).toContain('4月底前完成春播备耕物资调度');
    expect(titles).toContain('一季度完成灌区渠系清淤');
    // Not before a place or a scope.
    expect(plan(speech('关于开展安全检查的通知', '各乡镇要在全县范围内开展燃气安全大排查。')).tasks[0]!.title.startsWith('在全县')).toBe(true);
  });
});

describe('repeated-header and a two-column task (found reading a 民生实事 table as an office would)', () => {
  const table = speech(
    '青禾县2027年民生实事任务表',
    '序号',
    '项目名称',
    '建设内容',
    '责任单位',
    '完成时间',
    '1',
    '城北幼儿园新建工程',
    '新建幼儿园1所，新增学位360个。',
    '县教体局',
    '8月底前',
    '序号',
    '项目名称',
    '建设内容',
    '责任单位',
    '完成时间',
    '2',
    '农贸市场提升',
    '改造农贸市场3个。',
    '县商务局',
    '11月底前',
  );

  it('a header repeated after a page break is no task (建设内容 read as prose would be one)', () => {
    expect(plan(table, 2027).tasks.map((t) => t.title)).toEqual(['城北幼儿园新建工程', '农贸市场提升']);
  });

  it('the first task column names the item; the quote keeps the whole row', () => {
    const t = plan(table, 2027).tasks[1]!;
    expect(t.quote).toContain('改造农贸市场3个。');
    expect(t.owners[0]).toMatchObject({ name: '县商务局', role: 'lead' });
    expect(t.deadline.due).toBe('2027-11-30');
  });
});
