/**
 * The rules issue 10 added, one describe per rule name (docs/PARSER-RULES.md gives each its
 * why), each tried on several different sentences: a rule generalises from the shape of Chinese
 * official writing, not from one text.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedPlan } from '@/domain/model';
import { findDeadline } from '@/domain/parser/deadlines';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { extractTargets } from '@/domain/parser/targets';
import { speech } from './parser-fixtures';

const parse = (text: string, year = 2026): ParsedPlan => parseSpeech(text, { year, currentYear: 2031 });
const quotes = (text: string, year = 2026) => parse(text, year).tasks.map((t) => t.quote);
const leads = (text: string) => parse(text).tasks.map((t) => t.owners.find((o) => o.role === 'lead' && !o.inferred)?.name ?? null);
const targets = (s: string, year = 2026) => {
  let n = 0;
  return extractTargets(s, { start: 0, end: s.length }, { year, newId: () => `g${++n}` });
};

describe('rule owner-or-deadline: a named unit or a due date makes a directive whatever its verb', () => {
  it.each([
    ['2027年12月底前，试点地区完成次中心胸痛、卒中救治单元建设全覆盖。', '2027-12-31'],
    ['区发改局要牵头对92个项目逐一明确责任领导，3月底前在全区公布“作战图”。', '2026-03-31'],
    ['由县发改委负责统筹农村生活污水治理项目的立项审批和资金争取工作。', null],
    ['确保十件民生实事年底前全部兑现。', '2026-12-31'],
    ['农村公路临水临崖路段安全防护设施要在十月底前全部完善到位。', '2026-10-31'],
  ])('%s', (text, due) => {
    const tasks = parse(text).tasks;
    expect(tasks).toHaveLength(1);
    if (due) expect(tasks[0]!.deadline).toMatchObject({ due, inferred: false });
  });

  it.each(['截至6月底，全市老旧小区已改造120个。', '2025年12月，项目已全部通过验收。', '（2026年2月10日）', '市发展改革委要强化责任意识。'])(
    'not a past fact, a date alone or an attitude: %s',
    (text) => {
      expect(quotes(text)).toEqual([]);
    },
  );
});

describe('rule object-first-dated: a project named first, then its schedule', () => {
  it.each([
    ['青川大道西延工程计划4月开工建设，11月完工。', '2026-11-30'],
    ['县城至大坪乡二级公路改造6月中旬施工，9月末完工。', '2026-09-30'],
    ['临江经开区二期标准化厂房3月动工，10月底竣工交付。', '2026-10-31'],
    ['城北农贸市场改造提升项目力争二季度开工，年底前建成运营。', '2026-12-31'],
  ])('%s → due %s', (text, due) => {
    const [t] = parse(text).tasks;
    expect(t?.deadline).toMatchObject({ due, inferred: false });
  });

  it('not a project that was finished (已/累计)', () => {
    expect(quotes('城东学校项目已于3月开工，目前累计完成投资2亿元。')).toEqual([]);
  });
});

describe('rule strive-figure: 争取/确保/力争 with a figure is the verb', () => {
  it.each([
    '争取超长期特别国债、地方政府专项债券资金80亿元以上。',
    '全年争取上级资金20亿元以上。',
    '确保每所学校每个工作日提供不少于2小时的课后服务。',
  ])('%s', (text) => {
    expect(quotes(text)).toHaveLength(1);
  });
});

describe('rule repeated-modal-series: 确保A、确保B、确保C are three directives', () => {
  it.each([
    ['要确保一季度社会消费品零售总额实现“开门红”、确保全年增长6%以上、确保消费贡献率稳步提升。', ['2026-03-31', '2026-12-31', '2026-12-31']],
    ['力争上半年完成土地报批、力争三季度开工建设。', ['2026-06-30', '2026-09-30']],
  ])('%s', (text, dues) => {
    expect(parse(text).tasks.map((t) => t.deadline.due)).toEqual(dues);
  });
});

describe('rule delivered-series: X的…解决到位 is a directive', () => {
  it.each(['合理的诉求要解决到位、不合理的诉求要解释到位。', '群众反映的问题要当即解决到位，生活困难的要倾情帮扶到位。'])('%s', (text) => {
    expect(quotes(text).length).toBeGreaterThanOrEqual(1);
  });
});

describe('rules milestone-clause and milestone-sentence: a dated completion belongs to the task before it', () => {
  it.each([
    ['加快推进澄阳东站片区综合开发，年底前完成主体工程。', 1, '2026-12-31'],
    [speech('要加快推进市第二人民医院新院区建设。年底前完成主体工程。'), 1, '2026-12-31'],
    ['由市城管局负责组织实施，新建口袋公园20个，国庆节前全部建成开放。', 2, '2026-09-30'],
    ['县农业农村局要会同县卫生健康局制定改厕实施方案，4月底前将改厕任务分解到村到户。', 1, '2026-04-30'],
  ])('%s', (text, count, due) => {
    const tasks = parse(text).tasks;
    expect(tasks).toHaveLength(count);
    expect(tasks[tasks.length - 1]!.deadline.due).toBe(due);
  });

  it.each([
    ['支持龙头企业牵头组建创新联合体，年内认定市级企业技术中心20家。', 2],
    ['一季度集中开工重大项目50个，6月底前完成年度投资计划的55%。', 2],
    ['各县要严格落实防汛责任制，5月20日前将防汛责任人名单报市防指办公室。', 2],
    ['县发改委要会同县财政局组织验收，并于12月20日前将验收情况报县政府。', 1],
  ])('unless the dated clause counts its own deliverable or reports on its own: %s', (text, count) => {
    expect(quotes(text)).toHaveLength(count);
  });
});

describe('rule reported-in-bulletin: a bulletin reports what others asked', () => {
  const bulletin = (body: string) => speech('关于一季度重点工作推进情况的通报', body);
  it.each(['市政府第三次全体会议要求，各区县要在三月底前完成本地区重点任务分解。', '市长在会上强调，要加快推进市第二人民医院新院区建设。'])(
    '%s is a candidate, not a task',
    (body) => {
      const p = parse(bulletin(body));
      expect(p.tasks).toEqual([]);
      expect(p.candidates.map((c) => c.reason)).toEqual([expect.stringContaining('转述')]);
    },
  );

  it('a speech’s 市委要求，… still directs', () => {
    expect(quotes(speech('在全市工作会议上的讲话', '市委要求，各区县要在三月底前完成本地区重点任务分解。'))).toHaveLength(1);
  });
});

describe('sentence rules added for issue 10', () => {
  it.each([
    '对工作推进不力、进度严重滞后的，市政府将约谈有关负责同志。',
    '对连续两次考核不合格的单位，予以通报批评并严肃问责。',
    '办好民生实事是县委、县政府践行以人民为中心发展思想的具体体现。',
    '招商引资是项目建设的源头活水。',
    '全省累计建设改造县级物流配送中心64个，县域商业体系建设走在全国前列。',
  ])('%s is no task', (text) => {
    expect(quotes(text)).toEqual([]);
  });
});

describe('rule unit-grammar and the subject: owners of any level', () => {
  it.each([
    ['国家发展改革委要会同财政部制定实施细则。', '国家发展改革委'],
    ['教育部会同有关部门扩大农村订单定向医学生免费培养规模。', '教育部'],
    ['由县发改委负责统筹立项审批。', '县发改委'],
    ['请各地区、各部门于12月底前报送年度工作总结。', '各地区'],
    ['市财政局将统筹城市更新专项资金，对按期完工的项目给予奖补。', '市财政局'],
    ['各牵头单位于每月5日前将项目推进情况报送县政府督查室。', '各牵头单位'],
    ['市政务服务和大数据管理局根据会议意见修改完善后印发。', '市政务服务和大数据管理局'],
    ['区文旅集团要加快施工进度，确保五一前开街迎客。', '区文旅集团'],
    ['省数据局要加强统筹协调，年底前开展第三方评估。', '省数据局'],
    ['县人民医院要在6月底前建成投用远程影像诊断中心。', '县人民医院'],
  ])('%s → %s', (text, lead) => {
    expect(leads(text)[0]).toBe(lead);
  });

  it.each([
    ['实施稳岗扩就业行动（国家发展改革委牵头，财政部等按职责分工负责）。', ['国家发展改革委:lead', '财政部:co']],
    ['强化政务网络安全防护（省委网信办、省公安厅按职责分工负责）。', ['省委网信办:lead', '省公安厅:co']],
    ['推进电子证照扩大应用（省数据局牵头，省直各部门配合）。', ['省数据局:lead', '省直各部门:co']],
  ])('role brackets: %s', (text, owners) => {
    expect(parse(text).tasks[0]!.owners.map((o) => `${o.name}:${o.role}`)).toEqual(owners);
  });

  it('不是主语: 支持县人民医院建设… names an object, and 岚州东站 is a place', () => {
    expect(leads('支持县人民医院建设胸痛中心。')).toEqual([null]);
    expect(parse('岚州东站综合枢纽要加快建设，年底前投入使用。').tasks[0]!.owners.filter((o) => !o.inferred)).toEqual([]);
  });
});

describe('rule level: suggestions follow the document’s level', () => {
  const body = '要加强安全生产隐患排查整治，年底前完成燃气管道老化更新改造。';
  it.each([
    ['国务院办公厅关于加强安全生产工作的通知\n各省、自治区、直辖市人民政府，国务院各部委：', []],
    ['澜江省人民政府办公厅关于加强安全生产工作的通知\n各市（州）人民政府，省直各部门：', []],
    ['鹭溪县人民政府办公室关于加强安全生产工作的通知\n各乡镇人民政府，县直各部门：', ['县']],
    ['云栖区人民政府办公室关于加强安全生产工作的通知\n各街道办事处，区级各部门：', ['区']],
    ['岚州市人民政府办公室关于加强安全生产工作的通知\n各县（市、区）人民政府，市级各部门：', ['市']],
  ])('%s', (head, prefixes) => {
    const suggested = parse(speech(head, body)).tasks.flatMap((t) => t.owners).filter((o) => o.inferred);
    expect([...new Set(suggested.map((o) => o.name[0]))]).toEqual(prefixes);
  });
});

describe('deadline rules added for issue 10', () => {
  it.each([
    ['每月10日前通报上月进展', { due: '2026-01-10', recurrence: 'monthly' }],
    ['每月25日前报送', { due: '2026-01-25', recurrence: 'monthly' }],
    ['每季度末月20日前报送', { due: '2026-03-20', recurrence: 'quarterly' }],
    ['每季度首月10日前报送', { due: '2026-01-10', recurrence: 'quarterly' }],
    ['每年2月底前报送', { due: '2026-02-28', recurrence: 'yearly' }],
    ['国庆节前全部建成开放', { due: '2026-09-30', recurrence: null }],
    ['确保“五一”前开街迎客', { due: '2026-04-30', recurrence: null }],
    ['秋季学期开学前交付使用', { due: '2026-08-31', recurrence: null }],
    ['9月30日前完成年度补建任务', { due: '2026-09-30', recurrence: null }],
    ['2028年前完成', { due: '2028-12-31', recurrence: null }],
    ['到2028年实现全覆盖', { due: '2028-12-31', recurrence: null }],
  ])('%s', (clause, expected) => {
    expect(findDeadline(clause, 2026)).toMatchObject({ ...expected, inferred: false });
  });

  it.each([
    ['自本通知印发之日起30日内', '2026-03-11'],
    ['自本意见印发之日起60日内', '2026-04-10'],
    ['自本方案印发之日起3个月内', '2026-05-09'],
    ['本通知印发之日起10个工作日内', '2026-02-23'],
  ])('%s counts from the document’s date (2026-02-09)', (clause, due) => {
    expect(findDeadline(clause, 2026, '2026-02-09')).toMatchObject({ due, kind: 'date' });
    // Without the date: the label stays, no date is made up.
    expect(findDeadline(clause, 2026)).toMatchObject({ due: null, kind: 'date' });
  });

  it('counts 今年/明年 from the year the document speaks in', () => {
    expect(findDeadline('明年1月底前', 2025, null, 2024)!.due).toBe('2025-01-31');
    expect(findDeadline('今年年底前', 2025, null, 2024)!.due).toBe('2024-12-31');
    expect(findDeadline('6月底前', 2025, null, 2024)!.due).toBe('2025-06-30');
  });
});

describe('target rules added for issue 10', () => {
  it.each([
    ['增补义务教育学位2万个', 20000, '个', null],
    ['实施100个社区儿童友好空间改造工程', 100, '个', null],
    ['培育3个以上先进制造业集群', 3, '个', 'atLeast'],
    ['一般性支出再压减5%', 5, '%', null],
    ['筹集保障性租赁住房3万套', 3, '万套', null],
    ['全年不少于6场', 6, '场', 'atLeast'],
    ['细颗粒物平均浓度控制在30微克/立方米以内', 30, '微克/立方米', 'atMost'],
    ['粮食产量稳定在530亿斤以上', 530, '亿斤', 'atLeast'],
    ['城镇调查失业率控制在5.5%左右', 5.5, '%', 'about'],
    ['全国80%以上的县至少建成1个次中心', 80, '%', 'atLeast'],
  ])('%s → %s %s %s', (s, value, unit, comparator) => {
    expect(targets(s)[0]).toMatchObject({ value, unit, comparator });
  });

  it.each([
    ['地区生产总值力争增长7%', 'striving'],
    ['增长6%左右，力争达到6.5%', 'striving'],
    ['今年经济社会发展的主要预期目标是：地区生产总值增长6%左右', 'expected'],
  ])('%s → the last figure is %s', (s, tier) => {
    expect(targets(s).at(-1)!.tier).toBe(tier);
  });

  it.each([
    ['城乡居民人均可支配收入分别增长5%、6.5%左右', [5, 6.5]],
    ['城镇和农村居民人均可支配收入分别增长5.5%、7%左右', [5.5, 7]],
  ])('rule distributive: %s gives two targets, both about', (s, values) => {
    expect(targets(s).map((g) => [g.value, g.comparator])).toEqual(values.map((v) => [v, 'about']));
  });

  it.each([
    '已完成12项，按序时进度推进68项，总体完成率达到93%',
    '一季度，全县地区生产总值同比增长6.3%，规上工业增加值增长9.6%',
    '截至2025年底，全市60周岁及以上户籍人口达到68.4万人',
    '城东学校建设因征地问题进度滞后约20天',
    '市财政局将对新建助餐点按每个不超过5万元给予一次性建设补助',
    '今年的民生实事共10个大项，总投资4.36亿元',
    '国际机构预计，今年全球经济增速为3.1%左右',
    '会议同意从市级城建资金中安排1200万元',
    '对产值下滑10%以上的企业逐一上门服务',
    '新建日处理能力3万吨污水处理厂',
  ])('no target: %s', (s) => {
    expect(targets(s).map((g) => g.quote)).not.toContain(expect.stringMatching(/93%|6\.3%|9\.6%|68\.4|20天|5万元|4\.36|3\.1%|1200万元|10%|3万吨/));
  });
});
