import fc from 'fast-check';
import { TargetSchema, type Target } from '@/domain/model';
import { extractTargets } from '@/domain/parser/targets';
import { SEED, seedSentence } from './seed-sentences-fixture';

const YEAR = 2023;

function ids() {
  let n = 0;
  return () => `g${++n}`;
}

/** Targets of a whole string taken as one sentence. */
function targetsOf(sentence: string, year = YEAR): Target[] {
  return extractTargets(sentence, { start: 0, end: sentence.length }, { year, newId: ids() });
}

/** The one target of a sentence (fails the test when there is not exactly one). */
function only(sentence: string): Target {
  const ts = targetsOf(sentence);
  expect(ts).toHaveLength(1);
  return ts[0]!;
}

/** Targets of the seed sentence that holds `fragment`, with spans into the seed. */
function seedTargets(fragment: string): Target[] {
  const { start, end } = seedSentence(fragment);
  return extractTargets(SEED, { start, end }, { year: YEAR, newId: ids() });
}

/** Every sentence of the seed, cut at 。！？ and line breaks. */
function seedSentences(): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let s = 0;
  for (let i = 0; i < SEED.length; i++) {
    if ('。！？\n'.includes(SEED[i]!)) {
      if (i + 1 > s) out.push({ start: s, end: i + 1 });
      s = i + 1;
    }
  }
  if (s < SEED.length) out.push({ start: s, end: SEED.length });
  return out;
}

describe('extractTargets', () => {
  describe('on the seed speech', () => {
    it('finds exactly the five targets the speech sets, and nothing else', () => {
      const newId = ids();
      const all = seedSentences().flatMap((span) => extractTargets(SEED, span, { year: YEAR, newId }));
      expect(all.map((t) => [t.metric, t.tier])).toEqual([
        ['晶硅光伏产业产值', 'striving'],
        ['经济增长', 'expected'],
        ['经济增长', 'working'],
        ['经济增长', 'striving'],
        ['重点疑难问题解决数', null],
      ]);
    });

    it('reads the three growth tiers as three targets sharing the metric 经济增长', () => {
      const ts = seedTargets('经济增长预期目标');
      expect(ts.map((t) => ({ metric: t.metric, tier: t.tier, comparator: t.comparator, unit: t.unit, masked: t.masked, value: t.value }))).toEqual([
        { metric: '经济增长', tier: 'expected', comparator: 'about', unit: '%', masked: true, value: null },
        { metric: '经济增长', tier: 'working', comparator: 'atLeast', unit: '%', masked: true, value: null },
        { metric: '经济增长', tier: 'striving', comparator: 'atLeast', unit: '%', masked: true, value: null },
      ]);
    });

    it('gives each growth tier its own clause as source, and the quote slices to it', () => {
      const ts = seedTargets('经济增长预期目标');
      expect(ts.map((t) => t.quote)).toEqual(['市委提出今年经济增长预期目标按*.*%左右安排', '工作目标*%以上', '奋斗目标*.*%以上']);
      for (const t of ts) expect(SEED.slice(t.source.start, t.source.end)).toBe(t.quote);
    });

    it('dates the growth targets to the plan year end (今年)', () => {
      expect(seedTargets('经济增长预期目标').map((t) => t.due)).toEqual(['2023-12-31', '2023-12-31', '2023-12-31']);
    });

    it('reads the photovoltaic output target: 突破 → exceed, 奋斗目标 after the figure → striving', () => {
      const ts = seedTargets('晶硅光伏产业产值需突破');
      expect(ts).toHaveLength(1);
      expect(ts[0]).toMatchObject({ metric: '晶硅光伏产业产值', tier: 'striving', comparator: 'exceed', unit: '亿元', masked: true, value: null, valueMax: null });
    });

    it('does not take 翻*倍 from the same sentence (大约: an estimate)', () => {
      expect(seedTargets('晶硅光伏产业产值需突破').some((t) => t.unit === '倍')).toBe(false);
    });

    it('reads the legacy problems as a masked yearly range named by what is solved', () => {
      const ts = seedTargets('争取每年解决');
      expect(ts).toHaveLength(1);
      expect(ts[0]).toMatchObject({ metric: '重点疑难问题解决数', unit: '个', masked: true, value: null, valueMax: null, recurrence: 'yearly', due: '2023-12-31' });
    });

    it('leaves out the UN forecast (预计…从*.*%下降至*.*%)', () => {
      expect(seedTargets('世界经济增速预计')).toEqual([]);
    });

    it('leaves out the silicon price that fell (已经由去年…跌至…万元/吨)', () => {
      expect(seedTargets('硅料价格已经由去年最高')).toEqual([]);
    });

    it('leaves out the expected price level (每吨**万元左右的价格可能…)', () => {
      expect(seedTargets('以后硅料每吨')).toEqual([]);
    });

    it('leaves out the GDP gap to neighbouring cities (差距, 由…扩大到/缩小到)', () => {
      expect(seedTargets('差距在扩大')).toEqual([]);
    });

    it('leaves out last year\'s achievements listed before 等等一系列突破，奠定了', () => {
      expect(seedTargets('晶硅光伏产能规模突破')).toEqual([]);
    });

    it('leaves out rhetoric with counting words (两个维护, 一亩三分地, 十个手指)', () => {
      expect([...seedTargets('两个维护'), ...seedTargets('一亩三分地'), ...seedTargets('十个手指')]).toEqual([]);
    });
  });

  describe('values and ranges', () => {
    it('reads an Arabic decimal percentage', () => {
      expect(only('地区生产总值增长5.5%左右')).toMatchObject({ value: 5.5, valueMax: null, unit: '%', masked: false });
    });

    it('reads a Chinese numeral value (两万家 → 20000 家)', () => {
      expect(only('全年新增市场主体两万家')).toMatchObject({ value: 20000, unit: '家' });
    });

    it('reads an Arabic figure with 万 before a unit that has no 万 form (2万家 → 20000 家)', () => {
      expect(only('全年新增市场主体2万家')).toMatchObject({ value: 20000, unit: '家' });
    });

    it('keeps 万 in the unit when the unit has a 万 form (6万人 → 6 万人)', () => {
      expect(only('城镇新增就业6万人以上')).toMatchObject({ value: 6, unit: '万人' });
    });

    it('moves 万 from a Chinese numeral back into the unit (六万人 → 6 万人, like 6万人)', () => {
      expect(only('城镇新增就业六万人以上')).toMatchObject({ value: 6, unit: '万人' });
    });

    it('reads 百分之 as a % figure', () => {
      expect(only('一般公共预算收入增长百分之五')).toMatchObject({ value: 5, unit: '%' });
    });

    it('normalises the full-width ％ to %', () => {
      expect(only('税收收入增长６％')).toMatchObject({ value: 6, unit: '%' });
    });

    it('reads 个百分点 as one unit, not 个', () => {
      expect(only('研发投入强度提高0.2个百分点')).toMatchObject({ value: 0.2, unit: '个百分点' });
    });

    it('reads a range written with 至', () => {
      expect(only('每年新建3至5个产业园区')).toMatchObject({ value: 3, valueMax: 5, unit: '个' });
    });

    it('reads a range written with a dash', () => {
      expect(only('每年新建3-5个产业园区')).toMatchObject({ value: 3, valueMax: 5, unit: '个' });
    });

    it('reads a range in Chinese numerals (三至五个)', () => {
      expect(only('力争新建三至五个产业园区')).toMatchObject({ value: 3, valueMax: 5, unit: '个' });
    });

    it('reads a range with the unit on both ends (3亿元至5亿元)', () => {
      expect(only('完成投资3亿元至5亿元')).toMatchObject({ value: 3, valueMax: 5, unit: '亿元' });
    });

    it('marks *至*个 as a masked range with no values', () => {
      expect(only('每年解决*至*个重点问题')).toMatchObject({ masked: true, value: null, valueMax: null, unit: '个' });
    });

    it.each(['x', 'X', '×', '＊'])('treats %s as a mask, never a number', (mask) => {
      expect(only(`地区生产总值增长${mask}%左右`)).toMatchObject({ masked: true, value: null });
    });

    it('ignores PM2.5: a figure glued to letters is a name, not a value', () => {
      expect(targetsOf('PM2.5浓度持续改善')).toEqual([]);
    });

    it('ignores ordinals (第十四届)', () => {
      expect(targetsOf('承办第十四届运动会')).toEqual([]);
    });

    it('ignores a figure without a unit (2023-2025)', () => {
      expect(targetsOf('实施2023-2025行动')).toEqual([]);
    });
  });

  describe('comparators', () => {
    it('左右 → about', () => {
      expect(only('地区生产总值增长5.5%左右').comparator).toBe('about');
    });

    it.each(['以上', '及以上'])('%s → atLeast', (w) => {
      expect(only(`粮食产量稳定在60万吨${w}`).comparator).toBe('atLeast');
    });

    it.each(['不少于', '不低于', '超过'])('%s → atLeast', (w) => {
      expect(only(`城镇新增就业${w}6万人`).comparator).toBe('atLeast');
    });

    it('突破 → exceed', () => {
      expect(only('全市工业总产值突破1000亿元').comparator).toBe('exceed');
    });

    it.each(['以内', '以下'])('%s → atMost', (w) => {
      expect(only(`城镇调查失业率控制在5.5%${w}`).comparator).toBe('atMost');
    });

    it.each(['不超过', '不高于'])('%s → atMost', (w) => {
      expect(only(`城镇调查失业率${w}5.5%`).comparator).toBe('atMost');
    });

    // Issue 10: 控制在5.5%左右 is about 5.5% (左右 says how the figure is meant); 控制在…以内 is atMost.
    it('控制在…左右 → about', () => {
      expect(only('居民消费价格涨幅控制在3%左右')).toMatchObject({ comparator: 'about', metric: '居民消费价格涨幅', value: 3, unit: '%' });
    });

    it('100多个 → atLeast (多 means "more than")', () => {
      expect(only('力争引进亿元以上项目100多个')).toMatchObject({ comparator: 'atLeast', value: 100, unit: '个' });
    });

    it('a bare figure after a goal verb has no comparator', () => {
      expect(only('新建3所学校').comparator).toBeNull();
    });
  });

  describe('tiers', () => {
    it('预期目标 → expected', () => {
      expect(only('经济增长预期目标6%左右').tier).toBe('expected');
    });

    it('工作目标 → working', () => {
      expect(only('经济增长工作目标7%').tier).toBe('working');
    });

    it('奋斗目标 → striving', () => {
      expect(only('经济增长奋斗目标8%').tier).toBe('striving');
    });

    it('a tier word after the figure counts (…突破100亿元的奋斗目标)', () => {
      expect(only('实现旅游收入突破100亿元的奋斗目标').tier).toBe('striving');
    });

    it('增长5%左右，力争达到6% → expected and striving (rule strive-pair), but not across periods', () => {
      expect(targetsOf('一般公共预算收入增长5%左右，力争达到6%').map((t) => [t.metric, t.value, t.tier])).toEqual([
        ['一般公共预算收入增长', 5, 'expected'],
        ['一般公共预算收入增长', 6, 'striving'],
      ]);
      // Not paired across periods; 力争 still makes next year's figure a striving one (rule strive-tier).
      expect(targetsOf('今年地区生产总值增长6%，明年力争达到7%').map((t) => t.tier)).toEqual([null, 'striving']);
    });

    it('no tier word → null', () => {
      expect(only('新建3所学校').tier).toBeNull();
    });

    it('a list headed by 主要预期目标是： gives every item its tier and its own name', () => {
      const ts = targetsOf(
        '今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；一般公共预算收入增长6%；城镇新增就业6万人以上，城镇调查失业率控制在5.5%以内；居民消费价格涨幅控制在3%左右；居民收入增长和经济增长同步；单位地区生产总值能耗下降完成省下达任务；粮食产量稳定在60万吨以上。',
        2024,
      );
      expect(ts.map((t) => [t.metric, t.tier, t.value, t.unit, t.comparator])).toEqual([
        ['地区生产总值增长', 'expected', 5.5, '%', 'about'],
        ['一般公共预算收入增长', 'expected', 6, '%', null],
        ['城镇新增就业', 'expected', 6, '万人', 'atLeast'],
        ['城镇调查失业率', 'expected', 5.5, '%', 'atMost'],
        // 控制在3%左右: about (issue 10).
        ['居民消费价格涨幅', 'expected', 3, '%', 'about'],
        ['单位地区生产总值能耗下降', 'expected', null, null, null],
        ['粮食产量', 'expected', 60, '万吨', 'atLeast'],
      ]);
    });

    it.each(['主要预期目标建议为：', '主要预期目标初步考虑为：', '主要预期目标拟定为：'])('a draft list head (%s) gives the expected tier to every item, across ；', (head) => {
      const ts = targetsOf(`2027年全县经济社会发展的${head}地区生产总值增长6%左右，一般公共预算收入增长5%；城镇新增就业8000人以上；城镇调查失业率控制在5.5%以内。`, 2027);
      expect(ts.map((t) => [t.value, t.tier])).toEqual([
        [6, 'expected'],
        [5, 'expected'],
        [8000, 'expected'],
        [5.5, 'expected'],
      ]);
    });

    it('力争 before a second figure raises the bar for the same indicator (增长6%左右，力争7%)', () => {
      expect(targetsOf('地区生产总值增长6%左右，力争7%').map((t) => [t.metric, t.value])).toEqual([
        ['地区生产总值增长', 6],
        ['地区生产总值增长', 7],
      ]);
    });

    it('确保 before a bare 一 is a slogan, not a figure (确保一个都不能少)', () => {
      expect(targetsOf('确保一个都不能少')).toEqual([]);
    });

    it('three tiers in one clause each take the nearest tier word before them', () => {
      const ts = targetsOf('经济增长预期目标6%左右工作目标7%以上奋斗目标8%以上');
      expect(ts.map((t) => [t.tier, t.value, t.metric])).toEqual([
        ['expected', 6, '经济增长'],
        ['working', 7, '经济增长'],
        ['striving', 8, '经济增长'],
      ]);
    });
  });

  describe('metric names', () => {
    it('drops lead-in words (市委提出, 力争, 确保) and time words (今年, 全年)', () => {
      expect(only('确保今年全市规模以上工业增加值增长8%').metric).toBe('规模以上工业增加值增长');
    });

    it('drops the verb that sets a level (稳定在, 控制在)', () => {
      expect(only('粮食产量稳定在60万吨以上').metric).toBe('粮食产量');
    });

    it('names a tally by what is counted when only a verb precedes the figure (新建3所学校)', () => {
      expect(only('新建3所学校').metric).toBe('学校新建数');
    });

    it('keeps the name short: at most 30 characters', () => {
      const t = only(`${'很长的指标名称'.repeat(10)}增长5%`);
      expect(t.metric.length).toBeLessThanOrEqual(30);
    });
  });

  describe('a figure the province assigns', () => {
    it('单位GDP能耗下降完成省下达任务 is a target with no figure (value null, not masked)', () => {
      expect(only('单位GDP能耗下降完成省下达任务')).toMatchObject({ metric: '单位GDP能耗下降', value: null, masked: false, unit: null });
    });
  });

  describe('recurrence and due', () => {
    it('每年 → yearly, due the plan year end', () => {
      expect(only('每年新建3所学校')).toMatchObject({ recurrence: 'yearly', due: '2023-12-31' });
    });

    it('a date in the clause is the due', () => {
      expect(only('上半年新建3所学校')).toMatchObject({ due: '2023-06-30', recurrence: null });
    });

    it('a date elsewhere in the sentence is the due when the clause has none', () => {
      expect(targetsOf('到2025年，全市工业总产值突破1000亿元')[0]).toMatchObject({ due: '2025-12-31' });
    });

    it('no date → due null (the target itself does not invent one)', () => {
      expect(only('新建3所学校').due).toBeNull();
    });
  });

  describe('not targets', () => {
    it.each([
      ['去年', '去年地区生产总值增长6%'],
      ['过去一年', '过去一年新增就业6万人'],
      ['上年', '上年粮食产量达到60万吨'],
      ['已经', '城镇新增就业已经达到6万人'],
      ['已', '已建成5所学校'],
      ['实现了', '实现了地区生产总值增长6%'],
      ['完成了', '完成了投资100亿元'],
      ['创新高', '旅游收入达到50亿元创历史新高'],
      ['由…扩大到', '由30亿元扩大到50亿元'],
      ['跌至', '价格跌至20万元'],
      ['从…下降至', '从5%下降至3%'],
    ])('past fact (%s): it reports, not sets', (_rule, sentence) => {
      expect(targetsOf(sentence)).toEqual([]);
    });

    it.each([
      ['预计', '预计全年经济增长5%'],
      ['预测', '专家预测增长6%以上'],
      ['可能', '增速可能回落到3%左右'],
      ['根据…报告', '根据国际货币基金组织报告，全球经济增长2.9%左右'],
    ])('forecast (%s): someone else\'s outlook, not our commitment', (_rule, sentence) => {
      expect(targetsOf(sentence)).toEqual([]);
    });

    it('a gap with another city is a comparison, not a goal', () => {
      expect(targetsOf('与先进市差距扩大到100亿元以上')).toEqual([]);
    });

    it('a price in money is a market fact (价格…万元)', () => {
      expect(targetsOf('硅料价格稳定在20万元以上')).toEqual([]);
    });

    it('a per-unit rate (万元/吨) is a price', () => {
      expect(targetsOf('成本降低到8万元/吨')).toEqual([]);
    });

    it('but a price index change in % is a target (居民消费价格涨幅)', () => {
      expect(targetsOf('居民消费价格涨幅控制在3%左右')).toHaveLength(1);
    });

    it('大约 marks an estimate', () => {
      expect(targetsOf('产量要大约翻2倍')).toEqual([]);
    });

    it('比上年 only sets the base of a growth target: still a target', () => {
      expect(only('一般公共预算收入比上年增长6%左右')).toMatchObject({ value: 6, comparator: 'about', metric: '一般公共预算收入比上年增长' });
    });

    it('一批 is "a batch of", never a count (建设一批重点项目)', () => {
      expect(targetsOf('新建一批重点项目')).toEqual([]);
    });

    it('a bare 一 after a verb is an article, not a count (打造一个区域中心)', () => {
      expect(targetsOf('打造一个区域中心')).toEqual([]);
    });

    it('but 增长一倍 is a doubling: a target', () => {
      expect(only('旅游收入增长一倍')).toMatchObject({ value: 1, unit: '倍' });
    });

    it('a bare 三 right after a goal verb is a count (新建三所学校)', () => {
      expect(only('新建三所学校')).toMatchObject({ value: 3, unit: '所' });
    });

    it('尽可能 is effort, not a forecast', () => {
      expect(targetsOf('尽可能新增就业6万人以上')).toHaveLength(1);
    });

    it('a figure with no comparator, tier or goal verb is not a target (一个声音一个调)', () => {
      expect(targetsOf('始终做到一个声音一个调')).toEqual([]);
    });
  });

  describe('a review of the past', () => {
    const REPORT = [
      '2024年政府工作报告',
      '一、2023年工作回顾',
      '过去一年，全市地区生产总值达到1234.5亿元，增长6.1%。城镇新增就业5.8万人。',
      '全年新开工项目312个，完成投资560亿元。',
      '二、2024年主要目标',
      '地区生产总值增长6%左右。',
    ].join('\n');

    /** Targets of the REPORT sentence that holds `fragment`. */
    function reportTargets(fragment: string, year = 2024): Target[] {
      const at = REPORT.indexOf(fragment);
      let end = at;
      while (end < REPORT.length && !'。\n'.includes(REPORT[end]!)) end++;
      let start = at;
      while (start > 0 && !'。\n'.includes(REPORT[start - 1]!)) start--;
      return extractTargets(REPORT, { start, end: end + 1 }, { year, newId: ids() });
    }

    it('a sentence opening with 过去一年 reports results', () => {
      expect(reportTargets('过去一年，全市地区生产总值')).toEqual([]);
    });

    it('a later sentence of a paragraph that opened with 过去一年 is past too', () => {
      expect(reportTargets('城镇新增就业5.8万人')).toEqual([]);
    });

    it('a paragraph under the heading 一、2023年工作回顾 is past', () => {
      expect(reportTargets('全年新开工项目312个')).toEqual([]);
    });

    it('the next level-1 heading (二、2024年主要目标) ends the review', () => {
      expect(reportTargets('地区生产总值增长6%左右')).toHaveLength(1);
    });

    it('今年以来 reports progress so far, not a target', () => {
      expect(targetsOf('今年以来，全市新增就业2.3万人，完成投资50亿元')).toEqual([]);
    });

    it('截至目前 reports progress so far', () => {
      expect(targetsOf('截至目前，新建学校5所')).toEqual([]);
    });

    it('a sentence opening with a year before the plan year (2023年，…) is past', () => {
      expect(targetsOf('2023年，全市新建学校12所', 2024)).toEqual([]);
    });

    it('a sentence opening with the plan year (2024年，…) is not past', () => {
      expect(targetsOf('2024年，全市新建学校12所', 2024)).toHaveLength(1);
    });
  });

  describe('lists and qualifiers', () => {
    it('the verb before a 、 list governs every item (新建中小学10所、幼儿园15所)', () => {
      expect(targetsOf('年内新建改扩建中小学10所、幼儿园15所').map((t) => [t.metric, t.value, t.unit])).toEqual([
        ['新建改扩建中小学', 10, '所'],
        ['幼儿园', 15, '所'],
      ]);
    });

    it('a figure with 以上 before a noun qualifies it: the count after is the target (10亿元以上项目10个)', () => {
      expect(only('其中10亿元以上项目10个')).toMatchObject({ metric: '10亿元以上项目', value: 10, unit: '个', comparator: null });
    });

    it('以上 before a tier word is a comparator, not a qualifier', () => {
      expect(targetsOf('工作目标7%以上奋斗目标8%以上').map((t) => t.comparator)).toEqual(['atLeast', 'atLeast']);
    });
  });

  describe('deadlines across clauses', () => {
    it('a clause without a date takes the nearest date before it, not the sentence\'s earliest', () => {
      const ts = targetsOf('全年实施重点项目300个以上，完成投资600亿元以上，其中一季度完成投资100亿元', 2024);
      expect(ts.map((t) => [t.metric, t.due])).toEqual([
        ['实施重点项目', '2024-12-31'],
        ['完成投资', '2024-12-31'],
        ['完成投资', '2024-03-31'],
      ]);
    });

    it('a date after the figure counts when none comes before (新建3所学校，年底前完成)', () => {
      expect(targetsOf('新建3所学校，年底前投入使用')[0]?.due).toBe('2023-12-31');
    });

    it('N年内 is a deadline, not part of the metric (三年内建成5个产业园区)', () => {
      expect(only('三年内建成5个产业园区')).toMatchObject({ metric: '产业园区建成数', due: '2025-12-31' });
    });
  });

  describe('spans and bad input', () => {
    it('only reads inside the span', () => {
      const text = '新建3所学校。新建5所医院。';
      const ts = extractTargets(text, { start: 7, end: 14 }, { year: YEAR, newId: ids() });
      expect(ts.map((t) => t.quote)).toEqual(['新建5所医院']);
    });

    it('gives ids from ctx.newId in text order', () => {
      expect(targetsOf('新建3所学校，新建5所医院').map((t) => t.id)).toEqual(['g1', 'g2']);
    });

    it('clamps a span that runs past the text', () => {
      expect(extractTargets('新建3所学校', { start: 0, end: 999 }, { year: YEAR, newId: ids() })).toHaveLength(1);
    });

    it('returns nothing for a span of NaN', () => {
      expect(extractTargets('新建3所学校', { start: Number.NaN, end: Number.NaN }, { year: YEAR, newId: ids() })).toEqual([]);
    });

    it('returns nothing for an empty span', () => {
      expect(extractTargets('新建3所学校', { start: 3, end: 3 }, { year: YEAR, newId: ids() })).toEqual([]);
    });

    it('reads a clause of 30 000 tiered figures in one pass, each with its tier', () => {
      const ts = targetsOf('预期目标1%'.repeat(30_000));
      expect(ts).toHaveLength(30_000);
      expect(ts.every((t) => t.tier === 'expected' && t.value === 1)).toBe(true);
    });

    it('names a metric from at most a short window before the figure, however long the clause', () => {
      const t = only(`${'的'.repeat(200_000)}预期目标${'的'.repeat(200_000)}5%`);
      expect(t.metric.length).toBeLessThanOrEqual(30);
    });

    it('keeps HTML as plain text in quotes', () => {
      expect(only('<b>新建3所学校</b>').quote).toBe('<b>新建3所学校</b>');
    });

    it('on random spans of the seed, every target lies within the span and slices to its quote (fast-check)', () => {
      fc.assert(
        fc.property(fc.nat(SEED.length), fc.nat(600), (a, len) => {
          const span = { start: a, end: Math.min(SEED.length, a + len) };
          const ts = extractTargets(SEED, span, { year: YEAR, newId: ids() });
          return ts.every(
            (t) => TargetSchema.safeParse(t).success && t.source.start >= span.start && t.source.end <= span.end && SEED.slice(t.source.start, t.source.end) === t.quote,
          );
        }),
        { numRuns: 300 },
      );
    });

    it('never throws; every target passes the schema, lies within the span and slices to its quote (fast-check)', () => {
      const alphabet = fc.constantFrom(
        ...'0123456789.*x×一二两三十百千万亿个项家%亿元万人吨至到-以上左右突破控制在不少于增长新建解决预期工作奋斗目标每年去年已预计价格，、；。：'.split(''),
      );
      const textArb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 120 }), fc.array(alphabet, { maxLength: 100 }).map((a) => a.join('')));
      fc.assert(
        fc.property(textArb, fc.nat(130), fc.nat(130), (text, a, b) => {
          const span = { start: Math.min(a, b), end: Math.max(a, b) };
          const ts = extractTargets(text, span, { year: YEAR, newId: ids() });
          return ts.every(
            (t) =>
              TargetSchema.safeParse(t).success &&
              t.source.start >= span.start &&
              t.source.end <= Math.min(span.end, text.length) &&
              text.slice(t.source.start, t.source.end) === t.quote,
          );
        }),
        { numRuns: 500 },
      );
    });
  });
});
