import { describe, expect, it } from 'vitest';
import { parseSpeech } from '@/domain/parser/speech-parser';
import { findTasks, rejectSentence } from '@/domain/parser/tasks';
import { DEFAULT_UNITS } from '@/domain/units-registry';
import { fixtureText, seedText, speech, taskWith, tasksQuoting } from './parser-fixtures';

const quotes = (text: string, year = 2024) => parseSpeech(text, { year }).tasks.map((t) => t.quote);
const seed = () => parseSpeech(seedText(), { year: 2023 });

describe('tasks on the seed speech', () => {
  it('finds 30 to 45 tasks (the office reviews them, so no flood)', () => {
    const n = seed().tasks.length;
    expect(n).toBeGreaterThanOrEqual(30);
    expect(n).toBeLessThanOrEqual(45);
  });

  it('splits one sentence with several directives into tasks, each with its own exact quote', () => {
    const plan = seed();
    expect(taskWith(plan, '“标准地”改革').quote).toBe('实施“亩均论英雄”“标准地”改革，把更多精力放在存量挖潜提效上');
    expect(taskWith(plan, '批而未供').quote).toBe('强力推进批而未供、供而未用和闲置低效用地处置');
    expect(taskWith(plan, '土地收储').quote).toBe('滚动实施土地收储，千方百计腾出未来发展空间');
  });

  it('flags the 挂牌督办 item and keeps it apart from the 暗访 item before it', () => {
    const plan = seed();
    const flagged = plan.tasks.filter((t) => t.flagged);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]!.quote.startsWith('坚持重点事项“挂牌督办”')).toBe(true);
    expect(taskWith(plan, '四不两直').flagged).toBe(false);
  });

  it('gives the legacy-problems item a yearly deadline', () => {
    const t = taskWith(seed(), '历史遗留问题逐一梳理');
    expect(t.deadline.recurrence).toBe('yearly');
    expect(t.quote).toContain('争取每年解决*至*个重点疑难问题');
  });

  it('turns 《…暂行规定》即将出台 into a task due soon, titled 出台《…》', () => {
    const t = taskWith(seed(), '暂行规定》即将出台');
    expect(t.deadline.kind).toBe('soon');
    expect(t.title).toBe('出台《**市市级重大行政决策程序暂行规定》');
  });

  it('keeps 常态化开展廉洁风险排查 as an ongoing task', () => {
    const t = taskWith(seed(), '常态化开展廉洁风险排查');
    expect(t.deadline.kind).toBe('ongoing');
  });

  it('dates 一季度“开门红” to 03-31 of the plan year', () => {
    const hits = tasksQuoting(seed(), '一季度“开门红”');
    expect(hits.length).toBeGreaterThanOrEqual(1);
    for (const t of hits) expect(t.deadline.due).toBe('2023-03-31');
  });

  // Issue 10, point 7: two seed readings changed on purpose.
  it('reads 确保A、确保B、确保C as three tasks, the second due at the year end, not 03-31', () => {
    const plan = seed();
    expect(taskWith(plan, '确保实现一季度“开门红”').quote).toBe('确保实现一季度“开门红”');
    expect(taskWith(plan, '确保实现一季度“开门红”').deadline.due).toBe('2023-03-31');
    expect(taskWith(plan, '确保圆满完成全年各项目标任务').quote).toBe('确保圆满完成全年各项目标任务');
    expect(taskWith(plan, '确保圆满完成全年各项目标任务').deadline).toMatchObject({ due: '2023-12-31', inferred: false });
    expect(taskWith(plan, '确保主要经济指标走在全省前列').quote).toBe('确保主要经济指标走在全省前列');
  });

  it('makes 合理的当即解决到位、不合理的细心解释到位 a task of the 信访 item', () => {
    const t = taskWith(seed(), '合理的当即解决到位');
    expect(t.quote.startsWith('合理的当即解决到位、不合理的细心解释到位')).toBe(true);
    expect(t.owners[0]).toMatchObject({ name: '市信访局', role: 'lead' });
  });

  it('includes the concrete directives of every working section', () => {
    const plan = seed();
    for (const part of [
      '全面加强政府系统党的建设',
      '坚定实施“产业强市、旅游兴市”发展战略',
      '深入推进国资国企',
      '争创省级创新型城市',
      '解决好企业改制、债务纠纷、问题楼盘',
      '落实任务、责任、时限“三张清单”',
      '认真落实“三重一大”',
      '锲而不舍落实中央八项规定精神',
      '把考核结果与评先评优',
    ]) {
      expect(tasksQuoting(plan, part), part).toHaveLength(1);
    }
  });

  it('makes no task of thanks, greetings, proverbs, approval, last year or the world outlook', () => {
    const all = seed().tasks.map((t) => t.quote).join('\n');
    for (const junk of [
      '衷心感谢', // thanks
      '同志们', // greeting
      '当断不断', // proverb
      '金杯银杯', // proverb
      '心中想过无数次', // proverb
      '我都赞同', // approval of the vice mayors' speeches
      '过去一年', // last year
      '打赢了多轮新冠疫情', // last year's results
      '精彩圆满地承办', // 去年 …承办了
      '联合国', // UN forecast
      '硅料价格', // silicon price
      '差距在扩大', // GDP gap
      '对党忠诚是绝对的', // attitude statement
      '思路清晰', // approval
      '抓好落实', // 请大家…抓好落实: nothing to deliver
      '落实最重要', // slogan
      '就是要', // definitions of 收心 / 抓落实
      '习近平总书记指出', // reported speech
    ]) {
      expect(all, junk).not.toContain(junk);
    }
  });

  it('never makes a heading or a short theme line (要督查督办。) into a task', () => {
    const plan = seed();
    for (const s of plan.sections) expect(plan.tasks.some((t) => t.quote.includes(s.title))).toBe(false);
    for (const theme of ['要督查督办', '要抓创新促改革', '要提升依法行政能力', '必须坚持党建引领推动工作']) {
      expect(plan.tasks.some((t) => t.quote === theme)).toBe(false);
    }
  });
});

describe('tasks in 政府工作报告 style', () => {
  const plan = () => parseSpeech(fixtureText('work-report'), {});

  it('takes nothing from the review section (一、2023年工作回顾)', () => {
    const p = plan();
    const review = p.sections.find((s) => s.title.includes('回顾'))!;
    expect(p.tasks.some((t) => t.sectionId === review.id)).toBe(false);
    expect(p.targets.some((g) => g.quote.includes('固定资产投资'))).toBe(false);
  });

  it('splits a two-directive sentence and keeps each deadline with its own directive', () => {
    const p = plan();
    // 深入推进国企改革，6月底前完成…整合重组: the dated completion is the reform's milestone, one
    // task due 06-30 (rule milestone-clause, issue 10), no longer an undated task beside a dated one.
    expect(taskWith(p, '深入推进国企改革').quote).toContain('6月底前完成市属国有企业整合重组');
    expect(taskWith(p, '深入推进国企改革').deadline.due).toBe('2024-06-30');
    expect(taskWith(p, '每季度开展一次安全生产隐患排查').deadline.recurrence).toBe('quarterly');
  });

  it('drops the report’s greetings and closing call', () => {
    const all = plan().tasks.map((t) => t.quote).join('\n');
    for (const junk of ['各位代表', '请予审议', '团结奋斗']) expect(all).not.toContain(junk);
  });

  it('reads an object-first directive with a delivery verb and a figure (rule object-first), not last year’s', () => {
    const text = speech(
      '一、今年重点工作',
      '（一）补短板。停车设施今年新建800个以上，背街小巷年内整治60条。城镇新增就业3万人以上。绿化工作要常抓不懈。',
      '二、过去一年工作回顾',
      '过去一年，停车设施新建620个，背街小巷整治45条。',
    );
    const p = parseSpeech(text, { year: 2024 });
    expect(p.tasks.map((t) => t.title)).toEqual(['停车设施今年新建800个以上', '背街小巷年内整治60条']);
    expect(taskWith(p, '停车设施').deadline.due).toBe('2024-12-31');
    // 城镇新增就业… is a target, not a task; 绿化工作要常抓不懈 names no verb of the lists.
    expect(p.targets.map((g) => g.metric)).toContain('城镇新增就业');
  });

  it('reads 支持 and 认定 as directive verbs, but not 支持 as a noun or in thanks', () => {
    const p = parseSpeech(
      speech(
        '一、重点工作',
        '支持民营企业参与城市更新项目，年内认定市级专精特新企业50家。',
        '在市人大、市政协的大力支持下，各项工作取得新进展。感谢大家长期以来的关心和支持！',
      ),
      { year: 2024 },
    );
    expect(p.tasks.map((t) => t.title)).toEqual(['支持民营企业参与城市更新项目', '年内认定市级专精特新企业50家']);
  });

  it('keeps the topic in the title when the verb ends the clause (rule topic-first), not a unit before the modal', () => {
    const p = parseSpeech(speech('一、重点工作', '燃气管网老化更新改造工作要加快推进，年底前完成120公里。'), { year: 2024 });
    expect(p.tasks[0]!.title).toMatch(/^燃气管网老化更新改造工作要加快推进/);
    const unit = parseSpeech(speech('一、重点工作', '老旧小区改造，市住建局要加快推进。'), { year: 2024 });
    expect(unit.tasks.map((t) => t.title)).toEqual(['加快推进']);
  });

  it('reads no object-first task from results already achieved', () => {
    const p = parseSpeech(
      speech('一、上半年工作', '截至6月底，全市老旧小区已改造120个。一季度，全市充电设施建成320处，同比增长15%。上半年，全市重点项目开工85个。'),
      { year: 2024 },
    );
    expect(p.tasks).toEqual([]);
  });
});

describe('tasks in 任务分解 notices', () => {
  it('one numbered point is one task even with two directives (the notice did the split)', () => {
    const p = parseSpeech(fixtureText('task-notice'), {});
    expect(taskWith(p, '完善养老服务网络').quote).toBe('完善养老服务网络，新建社区养老服务站**个');
  });

  it('ignores the transmittal boilerplate (现将《…》印发给你们，请认真抓好落实)', () => {
    const p = parseSpeech(fixtureText('task-notice'), {});
    expect(tasksQuoting(p, '印发给你们')).toEqual([]);
    expect(p.tasks).toHaveLength(7);
  });
});

describe('task rules on single sentences', () => {
  it('a strong verb after an unlisted two-character adverb still counts (稳妥化解)', () => {
    expect(quotes('稳妥化解地方债务风险。')).toEqual(['稳妥化解地方债务风险']);
  });

  it('a 把-clause ending in a directive verb is a task; one ending in 化解在… is rhetoric', () => {
    expect(quotes('我们要把面临的历史遗留问题逐一梳理出来。')).toEqual(['我们要把面临的历史遗留问题逐一梳理出来']);
    expect(quotes('要把问题化解在任上。')).toEqual([]);
  });

  it('an attitude (强化…意识, 保持…定力) is not a task', () => {
    expect(quotes('要强化团队意识、协作意识，保持强抓不懈的定力。')).toEqual([]);
  });

  it('a generic object (抓好落实, 开展工作) is not a task, even with an explicit owner (rule generic-object)', () => {
    expect(quotes('请大家结合实际、增添举措，抓好落实。')).toEqual([]);
    expect(quotes('我们要大胆开展工作。')).toEqual([]);
    // Who is told to do it does not turn "act boldly" into work the office can check.
    expect(quotes('各位副市长要在职责范围内，大胆开展工作。')).toEqual([]);
  });

  it('an elaboration (特别是…) stays with its task; a commentary (这是…) does not', () => {
    expect(quotes('持续用力纠治“四风”顽疾，特别是下大力气整治形象工程等问题。')).toEqual([
      '持续用力纠治“四风”顽疾，特别是下大力气整治形象工程等问题',
    ]);
    expect(quotes('《**市数据管理办法》即将出台，这是我们推进数据治理的具体举措。')).toEqual(['《**市数据管理办法》即将出台']);
  });

  it('an analysis opener is out, but a turn to 我们必须 in the same sentence counts', () => {
    expect(quotes('当今世界正经历大变局，我们必须坚定实施创新驱动发展战略。')).toEqual(['我们必须坚定实施创新驱动发展战略']);
    expect(quotes('从国内看，内需不振、外贸下滑，推进产业转移面临压力。')).toEqual([]);
  });

  it('a sentence with 了 and no modal is a past result', () => {
    expect(quotes('全市新建改造了老旧小区**个。')).toEqual([]);
    expect(rejectSentence('去年，我们承办了省运会。')?.name).toBe('past');
  });

  it('reports the rules that scored a task', () => {
    const text = '市审计局要加强对重大项目资金的审计监督。';
    const [draft] = findTasks(text, { span: { start: 0, end: text.length }, isPoint: false, hasNextInParagraph: false, explicitOwner: true }, DEFAULT_UNITS);
    expect(draft!.reasons).toEqual(expect.arrayContaining(['strong-verb:加强', 'modal', 'concrete', 'explicit-owner']));
  });

  it('a verb with nothing to deliver (3月底前出台实施) finishes the task before it, with its deadline', () => {
    const p = parseSpeech('市商务局要牵头制定促消费十条措施，3月底前出台实施。', { year: 2025 });
    expect(p.tasks.map((t) => [t.quote, t.deadline.due])).toEqual([['市商务局要牵头制定促消费十条措施，3月底前出台实施', '2025-03-31']]);
    expect(quotes('加快推进城市燃气管道老化更新改造，年底前全面完成。')).toEqual(['加快推进城市燃气管道老化更新改造，年底前全面完成']);
  });

  // The subject clause (who, with whom) now belongs to the quote: it names the owners (issue 10).
  it('对X进行督查 is a task with a modal and concrete content, its subject clause quoted with it', () => {
    expect(quotes('市政府办公室要会同市委督查室，每月对重点工作进展情况进行督查通报。')).toEqual(['市政府办公室要会同市委督查室，每月对重点工作进展情况进行督查通报']);
  });

  it('将 before a verb is "will" (我们将加快建设…); 抓好以下几个方面的工作 only announces a list', () => {
    const p = parseSpeech('今年，我们将重点抓好以下几个方面的工作：\n我们将加快建设晶硅光伏产业园，力争年内建成投产。', { year: 2024 });
    expect(p.tasks.map((t) => [t.title, t.deadline.due])).toEqual([['加快建设晶硅光伏产业园', '2024-12-31']]);
    expect(p.tasks[0]!.deadline.inferred).toBe(false);
  });

  it('HTML or script in the text stays plain text in the quote', () => {
    const t = speech('要加快推进<script>alert(1)</script>数据中心建设。');
    expect(quotes(t)).toEqual(['要加快推进<script>alert(1)</script>数据中心建设']);
  });
});
