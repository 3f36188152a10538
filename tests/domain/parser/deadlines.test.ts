import fc from 'fast-check';
import { DeadlineSchema, isRealIsoDate } from '@/domain/model';
import { defaultDeadline, detectPlanYear, findDeadline } from '@/domain/parser/deadlines';
import { SEED, seedSentence } from './seed-sentences-fixture';

const Y = 2023;
const due = (clause: string, year = Y) => findDeadline(clause, year)?.due;

describe('findDeadline', () => {
  describe('quarters end on their last day (the office checks at the end of the period)', () => {
    it.each([
      ['一季度', '2023-03-31'],
      ['二季度', '2023-06-30'],
      ['三季度末', '2023-09-30'],
      ['四季度', '2023-12-31'],
      ['第一季度', '2023-03-31'],
      ['第二季度', '2023-06-30'],
      ['Q1', '2023-03-31'],
      ['Q4', '2023-12-31'],
      ['首季', '2023-03-31'],
      ['前三季度', '2023-09-30'],
    ])('%s → %s', (clause, expected) => {
      expect(due(`${clause}完成`)).toBe(expected);
    });

    it('does not read Q1 inside a Latin word', () => {
      expect(findDeadline('FAQ1说明', Y)).toBeNull();
    });
  });

  describe('halves', () => {
    it('上半年 is due 06-30', () => {
      expect(due('上半年完成招标')).toBe('2023-06-30');
    });

    it('下半年 is due 12-31', () => {
      expect(due('下半年全面推开')).toBe('2023-12-31');
    });

    it('年中 is due 06-30', () => {
      expect(due('年中前完成评估')).toBe('2023-06-30');
    });

    it('一年中 is "in the year", not mid-year', () => {
      expect(findDeadline('这一年中', Y)).toBeNull();
    });
  });

  describe('months and days', () => {
    it('N月底前 is the last day of month N', () => {
      expect(due('6月底前出台方案')).toBe('2023-06-30');
    });

    it('N月末 is the last day of month N', () => {
      expect(due('9月末前')).toBe('2023-09-30');
    });

    it('reads Chinese month numerals (十二月底)', () => {
      expect(due('十二月底前完成')).toBe('2023-12-31');
    });

    it('knows February has 28 days in a common year', () => {
      expect(due('2月底前', 2023)).toBe('2023-02-28');
    });

    it('knows February has 29 days in a leap year', () => {
      expect(due('2月底前', 2024)).toBe('2024-02-29');
    });

    it('reads N月N日前', () => {
      expect(due('9月30日前报送')).toBe('2023-09-30');
    });

    it('reads 号 as 日', () => {
      expect(due('3月15号前')).toBe('2023-03-15');
    });

    it('reads Chinese day numerals (十月三十一日)', () => {
      expect(due('十月三十一日前')).toBe('2023-10-31');
    });

    it('keeps the label of a day that does not exist but never invents a date (2月30日)', () => {
      expect(findDeadline('2月30日前完成', Y)).toMatchObject({ label: '2月30日前', due: null, kind: 'date' });
    });

    it('上旬 is due the 10th', () => {
      expect(due('4月上旬')).toBe('2023-04-10');
    });

    it('中旬 is due the 20th', () => {
      expect(due('3月中旬')).toBe('2023-03-20');
    });

    it('下旬 is due the month end', () => {
      expect(due('11月下旬')).toBe('2023-11-30');
    });

    it('每一月 is a recurrence, not January', () => {
      expect(findDeadline('鏖战每一月', Y)).toMatchObject({ recurrence: 'monthly' });
    });

    it('N个月 is a duration, not month N', () => {
      expect(findDeadline('用三个月时间', Y)).toBeNull();
    });

    it('ignores month 13', () => {
      expect(findDeadline('13月底', Y)).toBeNull();
    });
  });

  describe('the plan year and the next', () => {
    it.each(['年底前', '年底', '年末', '年内', '今年', '全年', '本年度', '年终', '今年年底前', '今年内'])(
      '%s is due 12-31 of the plan year (all say "within this year")',
      (clause) => {
        expect(due(`${clause}完成`)).toBe('2023-12-31');
      },
    );

    it('明年 is due 12-31 of the next year', () => {
      expect(due('明年全面建成')).toBe('2024-12-31');
    });

    it('明年N月底 is month N of the next year', () => {
      expect(due('明年3月底前')).toBe('2024-03-31');
    });

    it('明年底 is the next year end', () => {
      expect(due('明年底前')).toBe('2024-12-31');
    });

    it('N年内 counts the plan year as the first (三年内 → year + 2)', () => {
      expect(due('三年内基本完成')).toBe('2025-12-31');
    });

    it('两年内 → year + 1', () => {
      expect(due('两年内完成改造')).toBe('2024-12-31');
    });

    it('用N年时间 reads like N年内', () => {
      expect(due('用3年时间')).toBe('2025-12-31');
    });

    it('去年 is a past reference, never a deadline', () => {
      expect(findDeadline('去年，我们精彩圆满地承办了省运会', Y)).toBeNull();
    });

    it('去年底 is not read as this year end', () => {
      expect(findDeadline('去年底', Y)).toBeNull();
    });
  });

  describe('explicit years', () => {
    it('2024年6月底 is that year and month', () => {
      expect(due('2024年6月底前')).toBe('2024-06-30');
    });

    it('二〇二五年 (Chinese year digits) is that year end', () => {
      expect(due('二〇二五年全面完成')).toBe('2025-12-31');
    });

    it('到2025年 is that year end and keeps 到 in the label', () => {
      expect(findDeadline('到2025年，基本建成', Y)).toMatchObject({ label: '到2025年', due: '2025-12-31' });
    });

    it('2025年底前', () => {
      expect(due('2025年底前')).toBe('2025-12-31');
    });

    it('a bare year before the plan year is a past reference (2022年我市…取得了)', () => {
      expect(findDeadline('2022年我市经济取得了突破', Y)).toBeNull();
    });

    it('an explicit past date with a month is still read (the text says it outright)', () => {
      expect(due('2022年6月底前')).toBe('2022-06-30');
    });
  });

  describe('masked dates keep their label and have no due: never guess a masked value', () => {
    it('**月底前', () => {
      expect(findDeadline('**月底前完成', Y)).toMatchObject({ label: '**月底前', due: null, kind: 'date', inferred: false });
    });

    it('****年底', () => {
      expect(findDeadline('****年底前建成', Y)).toMatchObject({ label: '****年底前', due: null });
    });

    it('a bare masked year (由****年的…) may be past: it is not a deadline', () => {
      expect(findDeadline('由****年的***亿元扩大到***亿元', Y)).toBeNull();
    });

    it('到****年 points at a date: label kept, due null', () => {
      expect(findDeadline('到****年', Y)).toMatchObject({ due: null, label: '到****年' });
    });
  });

  describe('recurrence: due is the first period end in the plan year', () => {
    it('每年 → yearly, 12-31', () => {
      expect(findDeadline('每年组织一次', Y)).toMatchObject({ recurrence: 'yearly', due: '2023-12-31', kind: 'date' });
    });

    it('年度 → yearly', () => {
      expect(findDeadline('年度考核', Y)).toMatchObject({ recurrence: 'yearly' });
    });

    it('每季度 → quarterly, 03-31', () => {
      expect(findDeadline('每季度通报一次', Y)).toMatchObject({ recurrence: 'quarterly', due: '2023-03-31' });
    });

    it('按季度 → quarterly', () => {
      expect(findDeadline('按季度报送进展', Y)).toMatchObject({ recurrence: 'quarterly' });
    });

    it('每月 → monthly, 01-31', () => {
      expect(findDeadline('每月调度', Y)).toMatchObject({ recurrence: 'monthly', due: '2023-01-31' });
    });

    it('每年一季度 → yearly, due at the quarter end', () => {
      expect(findDeadline('每年一季度报送', Y)).toMatchObject({ label: '每年一季度', recurrence: 'yearly', due: '2023-03-31' });
    });

    it('从2024年起每年 starts the recurrence in 2024', () => {
      expect(findDeadline('从2024年起每年开展', Y)).toMatchObject({ recurrence: 'yearly', due: '2024-12-31', label: '从2024年起每年' });
    });

    it('从今年起 alone is a start, not a due date', () => {
      expect(findDeadline('从今年起，把问题梳理出来', Y)).toBeNull();
    });

    it('本年度 is this year, not a yearly recurrence', () => {
      expect(findDeadline('本年度', Y)).toMatchObject({ recurrence: null, due: '2023-12-31' });
    });
  });

  describe('ongoing and soon', () => {
    it.each(['常态化', '长期', '持续', '经常性', '长效'])('%s is ongoing with no due', (w) => {
      expect(findDeadline(`${w}开展排查`, Y)).toMatchObject({ kind: 'ongoing', due: null, label: w });
    });

    it('ongoing with a date keeps the date', () => {
      expect(findDeadline('常态化开展，6月底前完成首轮', Y)).toMatchObject({ kind: 'ongoing', due: '2023-06-30' });
    });

    it.each(['即将', '近期', '尽快'])('%s is soon, with no due (the office sets one)', (w) => {
      expect(findDeadline(`${w}出台`, Y)).toMatchObject({ kind: 'soon', due: null, recurrence: null });
    });

    it('soon with a date is a date', () => {
      expect(findDeadline('尽快出台，6月底前印发', Y)).toMatchObject({ kind: 'date', due: '2023-06-30' });
    });
  });

  describe('several dates in one clause', () => {
    it('the earliest is due (the first checkpoint) and the label keeps every date word', () => {
      expect(findDeadline('一季度“开门红”和全年经济“满堂彩”', Y)).toMatchObject({ label: '一季度…全年', due: '2023-03-31' });
    });

    // Issue 10: the due date is the completion, not the start (rule due-is-completion).
    it.each([
      ['上半年启动，年底前全面完成', '2023-12-31'],
      ['计划4月开工建设，11月完工', '2023-11-30'],
      ['6月中旬施工，9月末完工', '2023-09-30'],
      ['力争二季度开工，年底前建成投产', '2023-12-31'],
      ['3月动工，10月底竣工交付', '2023-10-31'],
    ])('%s → the completion, %s', (clause, due) => {
      expect(findDeadline(clause, Y)).toMatchObject({ due, inferred: false });
    });

    it.each([
      ['3月底前完成土地摘牌；11月底前主体完工', '2023-11-30'],
      ['5月底前完成拆迁，10月底前主体封顶', '2023-10-31'],
      ['6月底前主体完工，12月底前竣工验收', '2023-12-31'],
      ['6月底前主体完工和12月底前竣工验收', '2023-12-31'],
    ])('interim-milestone: %s → %s (主体完工 is due as the last step, not after a later completion)', (clause, due) => {
      expect(findDeadline(clause, Y)).toMatchObject({ due, inferred: false });
    });

    it('a start date alone is still the date the clause gives (4月开工建设)', () => {
      expect(findDeadline('4月开工建设', Y)).toMatchObject({ due: '2023-04-30' });
    });
  });

  describe('follow-up-routine', () => {
    it('a routine after the work (此后每年…) does not make the stated date recur; alone it still recurs', () => {
      expect(findDeadline('二〇二六年底前完成首批入库认定，此后每年动态调整一次', 2026)).toMatchObject({ due: '2026-12-31', recurrence: null });
      expect(findDeadline('6月底前建立台账，以后每季度更新一次', 2026)).toMatchObject({ due: '2026-06-30', recurrence: null });
      expect(findDeadline('每年2月底前发布评价结果', 2026)).toMatchObject({ due: '2026-02-28', recurrence: 'yearly' });
    });
  });

  describe('five-year plans and meetings', () => {
    it.each([
      ['“十五五”期间，分批推进应急广播终端全覆盖', '“十五五”期间', '2030-12-31'],
      ['十四五末，农村自来水普及率达到90%', '十四五末', '2025-12-31'],
      ['“十六五”时期建成现代化综合交通体系', '“十六五”时期', '2035-12-31'],
    ])('five-year-plan: %s → %s, %s', (clause, label, due) => {
      expect(findDeadline(clause, Y)).toMatchObject({ label, due, inferred: false });
    });

    it('a plan period names the whole span, not a step after a dated one', () => {
      expect(findDeadline('2026年10月底前完成范围核定，“十五五”期间亩均税收年均提高5%以上', Y)).toMatchObject({ due: '2026-10-31' });
    });

    it('十五个乡镇 is a count, not a plan period', () => {
      expect(findDeadline('覆盖全县十五个乡镇', Y)).toBeNull();
    });

    it('relative-to-document: 自本次会议之日起一个月内 counts from the meeting (the speech’s date)', () => {
      expect(findDeadline('要在自本次会议之日起一个月内完成清单调整', Y, '2023-02-12')).toMatchObject({ due: '2023-03-12', inferred: false });
      expect(findDeadline('自会议召开之日起10日内报送方案', Y, null)).toMatchObject({ due: null, label: '自会议召开之日起10日内' });
    });
  });

  describe('task-breakdown notices (任务分解表)', () => {
    it('完成时限：2024年6月底前', () => {
      expect(findDeadline('牵头单位：市发展改革委；完成时限：2024年6月底前', 2024)).toMatchObject({ label: '2024年6月底前', due: '2024-06-30' });
    });

    it('完成时限：12月31日前', () => {
      expect(due('完成时限：12月31日前', 2024)).toBe('2024-12-31');
    });

    it('a bare month (2024年9月) is due at its end', () => {
      expect(due('时间节点：2024年9月', 2024)).toBe('2024-09-30');
    });

    it('完成时限：长期坚持 is ongoing', () => {
      expect(findDeadline('责任领导：分管副市长；完成时限：长期坚持', 2024)).toMatchObject({ kind: 'ongoing', due: null });
    });

    it('时间节点：每季度末 is quarterly', () => {
      expect(findDeadline('时间节点：每季度末报送进展', 2024)).toMatchObject({ recurrence: 'quarterly', due: '2024-03-31' });
    });
  });

  describe('on the seed speech', () => {
    it('一季度"开门红" is due 03-31 of the plan year', () => {
      const { text } = seedSentence('确保实现一季度“开门红”');
      expect(findDeadline(text, Y)?.due).toBe('2023-03-31');
    });

    it('一季度"开门红"和全年"满堂彩" is due at the quarter end', () => {
      const { text } = seedSentence('奋力拼出一季度“开门红”');
      expect(findDeadline(text, Y)).toMatchObject({ due: '2023-03-31' });
    });

    it('the legacy problems are solved each year', () => {
      const { text } = seedSentence('争取每年解决');
      expect(findDeadline(text, Y)).toMatchObject({ recurrence: 'yearly', due: '2023-12-31' });
    });

    it('the decision-procedure rules are "about to be issued": soon, no date', () => {
      const { text } = seedSentence('即将出台');
      expect(findDeadline(text, Y)).toMatchObject({ kind: 'soon', due: null, label: '即将' });
    });

    it('常态化开展廉洁风险排查 is ongoing', () => {
      const { text } = seedSentence('常态化开展廉洁风险排查');
      expect(findDeadline(text, Y)?.kind).toBe('ongoing');
    });

    it('a sentence with no time words has no deadline', () => {
      const { text } = seedSentence('要善于团结协作');
      expect(findDeadline(text, Y)).toBeNull();
    });
  });

  describe('bad input', () => {
    it('returns null for an empty clause', () => {
      expect(findDeadline('', Y)).toBeNull();
    });

    it('a non-integer year reads no date but still finds the recurrence', () => {
      expect(findDeadline('每年', Number.NaN)).toMatchObject({ recurrence: 'yearly', due: null });
    });

    it('reads a 400 000-character clause of dates in one pass (no backtracking blow-up)', () => {
      expect(findDeadline('6月底前'.repeat(100_000), Y)?.due).toBe('2023-06-30');
    });

    it('caps the label at 200 characters however many date words there are', () => {
      expect(findDeadline('6月底前，'.repeat(1000), Y)!.label.length).toBeLessThanOrEqual(200);
    });

    it('on random slices of the seed, due is null or a real yyyy-MM-dd (fast-check)', () => {
      fc.assert(
        fc.property(fc.nat(SEED.length), fc.nat(400), fc.integer({ min: 1900, max: 2200 }), (a, len, year) => {
          const d = findDeadline(SEED.slice(a, a + len), year);
          return d === null || ((d.due === null || isRealIsoDate(d.due)) && DeadlineSchema.safeParse(d).success);
        }),
        { numRuns: 300 },
      );
    });

    it('never throws; due is null or a real yyyy-MM-dd (fast-check)', () => {
      const alphabet = fc.constantFrom(
        ...'0123456789一二三四五六七八九十两〇*x年月日号底末前内季度上下半每明今去从起到常态化即将第Q中旬，。'.split(''),
      );
      const arb = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')));
      fc.assert(
        fc.property(arb, fc.integer({ min: -5, max: 12000 }), (clause, year) => {
          const d = findDeadline(clause, year);
          return d === null || d.due === null || isRealIsoDate(d.due);
        }),
        { numRuns: 500 },
      );
    });
  });
});

describe('defaultDeadline', () => {
  it('is the plan year end, inferred, with the label that says so', () => {
    expect(defaultDeadline(2023)).toEqual({ label: '年底前（未注明时限）', due: '2023-12-31', recurrence: null, kind: 'date', inferred: true });
  });
});

describe('detectPlanYear', () => {
  it('reads the title 2024年政府工作报告', () => {
    expect(detectPlanYear('2024年政府工作报告\n各位代表：')).toBe(2024);
  });

  it('reads a title in Chinese year digits (二〇二四年政府工作报告)', () => {
    expect(detectPlanYear('二〇二四年政府工作报告\n')).toBe(2024);
  });

  it('reads a subtitle "——2024年1月10日在…会议上" (delivered early in the plan year)', () => {
    expect(detectPlanYear('政府工作报告\n——2024年1月10日在市第十七届人民代表大会第四次会议上\n')).toBe(2024);
  });

  it('reads a meeting title (在2024年市政府第一次全体会议上的讲话)', () => {
    expect(detectPlanYear('在2024年市政府第一次全体会议上的讲话\n同志们：')).toBe(2024);
  });

  it('ignores an 经济工作会议 title (often held in December to plan the next year)', () => {
    expect(detectPlanYear('在2023年全市经济工作会议上的讲话\n同志们：')).toBeNull();
  });

  it('reads 今年（2024年）', () => {
    expect(detectPlanYear('市长讲话\n同志们：今年（2024年）是关键一年。')).toBe(2024);
  });

  it('reads 今年(2024年) with half-width brackets', () => {
    expect(detectPlanYear('今年(2024年)的任务很重。')).toBe(2024);
  });

  it('reads "2024年是…开局之年"', () => {
    expect(detectPlanYear('讲话\n2024年是全面贯彻落实的关键之年。')).toBe(2024);
  });

  it('ignores "2022年是极不平凡的一年" (a review of last year)', () => {
    expect(detectPlanYear('讲话\n2022年是极不平凡的一年。')).toBeNull();
  });

  it('ignores a past reference like 2022年我市…取得了', () => {
    expect(detectPlanYear('讲话\n2022年我市地区生产总值取得了新突破。')).toBeNull();
  });

  it('ignores a masked year (****年政府工作报告)', () => {
    expect(detectPlanYear('****年政府工作报告\n')).toBeNull();
  });

  it('returns null when two "…年是" sentences disagree', () => {
    expect(detectPlanYear('讲话\n2024年是关键之年。2025年是收官之年。')).toBeNull();
  });

  it('returns null on the seed speech (it never states its year)', () => {
    expect(detectPlanYear(seedSentence('市长在市政府全体成员会议上').text)).toBeNull();
  });

  it('returns null for empty text', () => {
    expect(detectPlanYear('')).toBeNull();
  });

  it('reads 100 000 blank lines without rescanning from each one', () => {
    expect(detectPlanYear('\n'.repeat(100_000) + '2024年是关键之年。')).toBe(2024);
  });

  it('never throws; the year is null or within 1900–2200 (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const y = detectPlanYear(s);
        return y === null || (y >= 1900 && y <= 2200);
      }),
    );
  });
});
