/**
 * Deadlines as a speech states them, read relative to the plan year.
 *
 * One pass of one regular expression finds every time word in a clause (a token); the tokens are
 * then combined: a year joined to the month or quarter right after it (2024年6月底, 明年三月底),
 * a recurrence joined to a date (每年一季度), a start marker (从今年起) kept apart from the due
 * date. Every alternative of the expression is bounded (no nested quantifiers), so the pass is
 * linear in the clause's length.
 *
 * Decisions worth knowing (docs/PARSER-RULES.md has the table):
 * - Quarters and halves end on their last day: the office checks a deadline at the end of the
 *   period, not the start.
 * - A masked figure (**月底, ****年) keeps its label with due null: the text did set a date, the
 *   office must fill it in; guessing would put a wrong date on a supervised task.
 * - A date that does not exist (2月30日) is treated the same way: label kept, due null.
 * - Bare explicit years before the plan year (2022年我市…) are past references, not deadlines.
 * - When a clause names several dates (一季度"开门红"和全年"满堂彩") the earliest is due: it is
 *   the first checkpoint the office supervises; the label keeps every date word.
 */
import { addBusinessDays, addDays, addMonths, addWeeks, format, lastDayOfMonth, parseISO } from 'date-fns';
import type { Deadline, Recurrence } from '@/domain/model';
import { parseNumeral } from '@/domain/parser/numerals';
import { CharSet } from './char-set';

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/** yyyy-MM-dd for a day that exists, else null (2023-02-30, year 0, NaN). */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return ymd(year, month, day);
}

/** The last day of a month: 2024-02 → 2024-02-29. */
export function monthEnd(year: number, month: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12) return null;
  return ymd(year, month, daysInMonth(year, month));
}

/** date-fns knows month lengths and leap years; we never hand-roll "30 days hath September". */
function daysInMonth(year: number, month: number): number {
  // Remembered per month: deadlines are read many times over and a Date per read adds up.
  const key = year * 16 + month;
  let days = MONTH_DAYS.get(key);
  if (days === undefined) {
    days = lastDayOfMonth(new Date(year, month - 1, 1)).getDate();
    MONTH_DAYS.set(key, days);
  }
  return days;
}
const MONTH_DAYS = new Map<number, number>();

/**
 * Plain zero-padding: the values are already checked, and date-fns' format() costs more than
 * everything else in findDeadline put together.
 */
function ymd(year: number, month: number, day: number): string {
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The deadline a task gets when the text names none: the plan year's end, marked inferred. */
export function defaultDeadline(year: number): Deadline {
  return {
    label: '年底前（未注明时限）',
    due: monthEnd(year, 12),
    recurrence: null,
    kind: 'date',
    inferred: true,
  };
}

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

const MASK = '[*＊xX×]';
/** A month or day number: Arabic (1–2 digits), Chinese (一…十二, 三十一), or masked. */
const SMALL_NUM = `[0-9０-９]{1,2}|[一二三四五六七八九十廿两]{1,3}|${MASK}{1,2}`;
/** A four-digit year: Arabic, Chinese digits (二〇二三), or masked (****). */
const YEAR4 = `[0-9０-９]{4}|[〇零○一二三四五六七八九]{4}|${MASK}{4}`;
/** Words that close a date: 前 (by), 之前, 以前, 为止 (up to). */
const BY = '(?:之前|以前|为止|前)?';

const TOKEN_SOURCE = [
  // 每月10日前: monthly, due on that day (the first occurrence in the plan year: 01-10).
  `(?<everyMonth>每一?个?月的?)(?<emDay>${SMALL_NUM})[日号]`,
  // 每季度末月20日前 / 每季度首月10日前: quarterly, on that day of the quarter's last (first) month.
  `(?<everyQuarter>每一?个?季度?的?)(?<eqWhich>末月|最后一个月|首月|第一个月)的?(?<eqDay>${SMALL_NUM})[日号]`,
  // 自本通知印发之日起30日内 / 3个月内 / 10个工作日内: counted from the document's date.
  // 自本次会议之日起一个月内 in a speech counts from the meeting, the speech's date.
  `(?<relDoc>(?:自|从)?(?:(?:本(?:通知|意见|方案|办法|文件|决定|规定|细则)|文件|方案)?(?:印发|发布|下发|公布|实施|施行)|本次会议(?:召开)?|会议召开)之日起)(?<relN>[0-9０-９]{1,3}|[一二三四五六七八九十两]{1,3})(?<relUnit>个工作日|个月|日|天|周)(?:内|以内|之内)?`,
  // 国庆节前, “五一”前, 秋季学期开学前: fixed days of the year.
  `[“"]?(?<holiday>国庆节?|五一|劳动节|元旦|秋季学期开学|秋季开学)[”"]?(?:节)?前`,
  // “十五五”期间 / 十五五末: a five-year plan's period, due at its last year's end (十一五 ended 2010).
  `[“"]?十(?<fivePlan>[一二三四五六七八九])五[”"]?(?:规划)?(?:期间|时期|末)`,
  // 2024年 / 二〇二四年 / ****年, optionally 底/末/内/终 (2024年底前).
  `(?<absYear>${YEAR4})年(?<absYearEnd>底|末|终|内)?`,
  // 今年 / 明年 / 后年 / 本年度 / 当年 / 去年 / 上年度 / 前年, optionally 底/末/内.
  `(?<relYear>今|明|后|本|当|去|上|前)年(?<relYearDu>度)?(?<relYearEnd>底|末|终|内)?`,
  // 三年内 / 两年之内 / 用3年时间: a span from the plan year.
  `(?<nYears>[0-9０-９]{1,2}|[一二三四五六七八九十两]{1,2})年(?:之内|以内|内|时间)`,
  // 6月底 / 十二月末 / 3月中旬 / 9月30日 / **月底.
  `(?<month>${SMALL_NUM})月份?(?:(?<monthPart>底|末|初|上旬|中旬|下旬)|(?<day>${SMALL_NUM})[日号])?`,
  // 一季度 / 第一季度 / 首季 / 前三季度 / Q1.
  `(?<quarterPrefix>第|前)?(?<quarter>[一二三四1-4１-４])季度?(?:末|底)?`,
  `(?<firstQuarter>首季度?)`,
  `[Qq](?<qQuarter>[1-4])(?![0-9])`,
  // 上半年 / 下半年 / 年中.
  `(?<half>上半年|下半年|前半年|后半年|年中)`,
  // 年底 / 年末 / 年内 / 全年 / 年终: this year's end.
  `(?<yearEnd>年底|年末|年终|年内|全年)`,
  // Recurrence.
  `(?<yearly>每一?年|逐年|年年|年度)`,
  `(?<quarterly>每一?个?季度?|逐季度?|按季度?)`,
  `(?<monthly>每一?个?月|逐月|按月|月度)`,
  // Ongoing and soon.
  `(?<ongoing>常态化|长期|持续|经常性|长效|常抓不懈|抓在经常)`,
  `(?<soon>即将|近期|尽快|尽早)`,
].join('|');

/**
 * Compiled once (compiling it per call cost more than the matching). Sticky: findDeadline tries
 * it only where a token can start (TOKEN_FIRST), which finds the same tokens as a global search
 * at a fraction of the cost, since most characters of a clause start none. It carries lastIndex:
 * findDeadline sets it before each use and never yields mid-loop, so calls cannot overlap.
 * No 'u' flag: every character in it is in the BMP, and the non-unicode matcher is faster.
 */
export const TOKEN_RE = new RegExp(TOKEN_SOURCE, 'y');
/** Every character a token can start with (the first characters of TOKEN_SOURCE's alternatives). */
export const TOKEN_FIRST = new CharSet('每自从本文方印发下公实施“"国五劳元秋0123456789０１２３４５６７８９〇零○一二三四五六七八九十廿两*＊xX×今明后当去上前第首Qq年全逐按月常长持经抓即近尽');

type DateToken = {
  type: 'date';
  start: number;
  end: number;
  /** The year named by a year word (今年 → the plan year, 2024年 → 2024); null when masked. */
  year: number | null;
  yearMasked: boolean;
  /** Which part of the year: month number + day, or a whole year. */
  month: number | null;
  /** 'end' | a day number | 'masked' */
  day: number | 'end' | 'masked';
  /** Set when only the year is given: the due is that year's 12-31. */
  wholeYear: boolean;
  /** True for year words written without a month that can carry one (今年, 2024年). */
  yearOnly: boolean;
  past: boolean;
};

type Token =
  | DateToken
  /** `weak`: 年度, which says "this year's" as often as "every year": a stated date overrides it. */
  | { type: 'recurrence'; start: number; end: number; recurrence: NonNullable<Recurrence>; weak?: boolean }
  /** 自印发之日起30日内: an amount of time after the document's date. */
  | { type: 'relative'; start: number; end: number; n: number; unit: string }
  | { type: 'ongoing'; start: number; end: number }
  | { type: 'soon'; start: number; end: number };

function numeralOrMasked(s: string): number | 'masked' | null {
  if (/[*＊xX×]/.test(s)) return 'masked';
  const n = parseNumeral(s);
  return n !== null && Number.isInteger(n) ? n : null;
}

const QUARTER_CHAR: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4 };

function quarterNumber(ch: string): number | null {
  const q = QUARTER_CHAR[ch] ?? parseNumeral(ch);
  return q !== null && q >= 1 && q <= 4 ? q : null;
}

function dateToken(start: number, end: number, month: number | null, day: DateToken['day']): DateToken {
  return { type: 'date', start, end, year: null, yearMasked: false, month, day, wholeYear: false, yearOnly: false, past: false };
}

/** 国庆前 → 09-30, 五一前 → 04-30, 元旦前 → 12-31, 秋季开学前 → 08-31: the day before each. */
const HOLIDAY_DUE: Readonly<Record<string, readonly [number, number]>> = {
  国庆: [9, 30],
  国庆节: [9, 30],
  五一: [4, 30],
  劳动节: [4, 30],
  元旦: [12, 31],
  秋季学期开学: [8, 31],
  秋季开学: [8, 31],
};

/** Reads one regex match into tokens, or [] when the words are not a time expression. */
function toTokens(m: RegExpExecArray, planYear: number, clause: string, thisYear: number): Token[] {
  const g = m.groups ?? {};
  const start = m.index;
  const end = start + m[0].length;
  if (g.everyMonth !== undefined || g.everyQuarter !== undefined) {
    const day = numeralOrMasked((g.emDay ?? g.eqDay)!);
    if (day === null) return [];
    // The first occurrence in the plan year: January for a month, the first quarter's month.
    const month = g.everyMonth !== undefined ? 1 : g.eqWhich === '首月' || g.eqWhich === '第一个月' ? 1 : 3;
    return [
      { type: 'recurrence', start, end, recurrence: g.everyMonth !== undefined ? 'monthly' : 'quarterly' },
      dateToken(start, end, month, day),
    ];
  }
  if (g.relDoc !== undefined) {
    const n = parseNumeral(g.relN!);
    return n !== null && Number.isInteger(n) && n > 0 ? [{ type: 'relative', start, end, n, unit: g.relUnit! }] : [];
  }
  if (g.holiday !== undefined) {
    const [month, day] = HOLIDAY_DUE[g.holiday]!;
    return [dateToken(start, end, month, day)];
  }
  const t = toToken(m, planYear, clause, thisYear);
  return t ? [t] : [];
}

/** Reads one regex match into a token, or null when the words are not a time expression. */
function toToken(m: RegExpExecArray, planYear: number, clause: string, thisYear: number): Token | null {
  const g = m.groups ?? {};
  const start = m.index;
  const end = start + m[0].length;
  const before = clause[start - 1] ?? '';

  if (g.fivePlan !== undefined) {
    const t = dateToken(start, end, null, 'end');
    t.year = 1955 + 5 * (10 + parseNumeral(g.fivePlan)!);
    t.wholeYear = true;
    return t;
  }
  if (g.absYear !== undefined) {
    const masked = /[*＊xX×]/.test(g.absYear);
    const y = masked ? null : parseNumeral(g.absYear);
    if (!masked && (y === null || y < 1000)) return null;
    const t = dateToken(start, end, null, 'end');
    t.year = y;
    t.yearMasked = masked;
    t.wholeYear = true;
    t.yearOnly = g.absYearEnd === undefined;
    return t;
  }
  if (g.relYear !== undefined) {
    const w = g.relYear;
    // 去年, 上年, 前年: last year's facts are not deadlines; consuming them keeps 年底 in
    // 去年底 from being read as this year's end.
    const offset = w === '明' ? 1 : w === '后' ? 2 : w === '去' || w === '上' ? -1 : w === '前' ? -2 : 0;
    // 前年 right after a date (6月底前年…) is not 前年: rare, but refuse rather than misread.
    if (w === '前' && /[底末日号旬]/.test(before)) return null;
    const t = dateToken(start, end, null, 'end');
    // 今年 / 明年 count from the year the document speaks in: a December speech's 明年 is its plan year.
    t.year = thisYear + offset;
    t.wholeYear = true;
    t.yearOnly = g.relYearEnd === undefined && g.relYearDu === undefined;
    t.past = offset < 0;
    return t;
  }
  if (g.nYears !== undefined) {
    const n = parseNumeral(g.nYears);
    // N年内 counts the plan year as the first: 三年内 in a 2023 plan ends 2025-12-31.
    if (n === null || !Number.isInteger(n) || n < 1 || n > 50) return null;
    const t = dateToken(start, end, null, 'end');
    t.year = planYear + n - 1;
    t.wholeYear = true;
    return t;
  }
  if (g.month !== undefined) {
    // 每一月 / 每月: a recurrence, handled by the monthly alternative; "一月" here is not January.
    if (before === '每' || before === '个') return null;
    const mo = numeralOrMasked(g.month);
    if (mo === null || (mo !== 'masked' && (mo < 1 || mo > 12))) return null;
    let day: DateToken['day'] = 'end';
    if (g.day !== undefined) {
      const d = numeralOrMasked(g.day);
      if (d === null) return null;
      day = d;
    } else if (g.monthPart === '初' || g.monthPart === '上旬') day = 10;
    else if (g.monthPart === '中旬') day = 20;
    // 下旬, 底, 末 and a bare month all end on the month's last day.
    const t = dateToken(start, end, mo === 'masked' ? null : mo, mo === 'masked' ? 'masked' : day);
    return t;
  }
  if (g.quarter !== undefined) {
    if (before === '每' || before === '个') return null;
    const q = quarterNumber(g.quarter);
    if (q === null) return null;
    // 一季 without 度 is rare outside 首季/一季度; demand 季度 unless written 第一季.
    if (!m[0].includes('季度') && g.quarterPrefix !== '第') return null;
    return dateToken(start, end, q * 3, 'end');
  }
  if (g.firstQuarter !== undefined) return dateToken(start, end, 3, 'end');
  if (g.qQuarter !== undefined) {
    // Q1 inside a Latin word (FAQ1) is not a quarter.
    if (/[A-Za-z0-9]/.test(before)) return null;
    return dateToken(start, end, Number(g.qQuarter) * 3, 'end');
  }
  if (g.half !== undefined) {
    // 一年中 / 全年中 / 每年中: "in the year", not mid-year.
    if (g.half === '年中' && /[一本全每近多数]/.test(before)) return null;
    const first = g.half === '上半年' || g.half === '前半年' || g.half === '年中';
    return dateToken(start, end, first ? 6 : 12, 'end');
  }
  if (g.yearEnd !== undefined) {
    // 年内 after a number is N年内, matched above; 多年内 / 近年内 are vague spans, not this year.
    if (/[多近往历]/.test(before)) return null;
    const t = dateToken(start, end, null, 'end');
    t.wholeYear = true;
    return t;
  }
  if (g.yearly !== undefined) {
    // 年度 after 本/上/今 or a year number is a year, matched by the year alternatives; after
    // anything else (年度考核, 年度评估) it means "each year". Rule `annual-plan`: before a plan
    // noun (完成年度投资计划的55%, 年度目标任务) it means "this year's": due at its end, nothing
    // to repeat.
    if (g.yearly === '年度' && /^(?:计划|目标|任务|预算|投资|重点|[^，。；、]{0,6}(?:方案|计划|任务|目标|清单|要点))/.test(clause.slice(end, end + 8))) {
      const t = dateToken(start, end, null, 'end');
      t.wholeYear = true;
      return t;
    }
    return { type: 'recurrence', start, end, recurrence: 'yearly', weak: g.yearly === '年度' };
  }
  if (g.quarterly !== undefined) {
    // 每季 needs 季度 or 季 right after 每; 按季 likewise. "按季度" and "每季度" are the usual forms.
    return { type: 'recurrence', start, end, recurrence: 'quarterly' };
  }
  if (g.monthly !== undefined) return { type: 'recurrence', start, end, recurrence: 'monthly' };
  if (g.ongoing !== undefined) {
    // 可持续 is "sustainable" (更可持续的发展), a quality, not a standing duty.
    if (g.ongoing === '持续' && before === '可') return null;
    return { type: 'ongoing', start, end };
  }
  if (g.soon !== undefined) return { type: 'soon', start, end };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Combining
// ---------------------------------------------------------------------------------------------

interface Candidate {
  start: number;
  end: number;
  /** 4月开工, 二季度启动: when the work starts; the completion date after it is the due (rule `due-is-completion`). */
  startsWork: boolean;
  /** 主体完工 / 主体封顶: a milestone on the way; a final completion after it is the due date, but as the last of several steps it is due. */
  interim: boolean;
  /** null when hidden (**月底) or impossible (2月30日): the label is kept, nothing is guessed. */
  due: string | null;
  /** 从今年起: when something starts, not when it is due. */
  isStart: boolean;
  /** The year the date falls in, for start markers and recurrence. */
  year: number | null;
  month: number | null;
}

const BY_RE = new RegExp(`^${BY}`);
/** A date right before these words says when the work starts, not when it is due. */
const START_VERB_AFTER = /^(?:[^，。；、,;]{0,2}?)(?:开工|动工|启动|施工|开建|进场|开始|招标|谋划|前期)/;
// 主体完工 / 主体封顶 is a milestone on the way: the final completion after it is the due date.
const INTERIM_AFTER = /^(?:全面|实现)?主体(?:完工|封顶|结构)/;

function dueOf(t: DateToken, year: number | null): string | null {
  if (year === null || t.day === 'masked') return null;
  if (t.month === null) return monthEnd(year, 12);
  if (t.day === 'end') return monthEnd(year, t.month);
  return isoDate(year, t.month, t.day);
}

/** Merges a year word with a month/quarter/half right after it (2024年6月底, 明年一季度). */
function combine(tokens: Token[], planYear: number, clause: string): { dates: Candidate[]; rest: Token[] } {
  const dates: Candidate[] = [];
  const rest: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type !== 'date') {
      rest.push(t);
      continue;
    }
    let end = t.end;
    let part: DateToken = t;
    let bareYear = false;
    if (t.wholeYear && t.yearOnly) {
      const next = tokens[i + 1];
      if (next && next.type === 'date' && next.start === t.end && !next.wholeYear) {
        // 2024年6月底 / 明年三月 / 今年一季度: the year word sets the year of what follows.
        part = next;
        end = next.end;
        i++;
      } else if (next && next.type === 'date' && next.start === t.end && next.wholeYear && next.year === null) {
        // 今年年底 / 2024年年内: a year word, then a year-end word.
        end = next.end;
        i++;
      } else {
        bareYear = true;
      }
    }
    // 去年, 上年: a past reference, never a deadline.
    if (t.past) continue;
    const year: number | null = t.yearMasked ? null : t.wholeYear && t.year !== null ? t.year : planYear;
    const by = BY_RE.exec(clause.slice(end, end + 2));
    const hasBy = by !== null && by[0].length > 0;
    if (hasBy) end += by[0].length;
    const before = clause[t.start - 1] ?? '';
    const pointedAt = hasBy || /[到至]/.test(before);
    // Bare years before the plan year are references to the past (2022年我市…), not deadlines.
    if (bareYear && year !== null && year < planYear) continue;
    // A bare masked year (由****年的…) may be past or future; only 到****年 / ****年前 is a date.
    if (bareYear && t.yearMasked && !pointedAt) continue;
    // 从今年起 / 自2024年开始: when something starts, not when it is due.
    const isStart = /[从自]/.test(before) || (!hasBy && /^起(?![草来])/.test(clause.slice(end, end + 2)));
    const due = dueOf(part, year);
    // 到2025年 / 至2025年底: the label keeps the word that points at the date.
    let start = /[到至]/.test(before) ? t.start - 1 : t.start;
    if (isStart) {
      if (/[从自]/.test(before)) start -= 1;
      const after = /^(?:起|开始)/.exec(clause.slice(end, end + 2));
      if (after) end += after[0].length;
    }
    dates.push({ start, end, due, isStart, year, month: part.month, startsWork: START_VERB_AFTER.test(clause.slice(end, end + 6)), interim: INTERIM_AFTER.test(clause.slice(end, end + 6)) });
  }
  return { dates, rest };
}

/**
 * When a clause names several dates (一季度"开门红"和全年"满堂彩", 上半年启动、年底前完成) the
 * earliest readable one is due: it is the first checkpoint the office supervises, and the label
 * still shows every date word so the later step is not lost.
 */
function earlierOf(a: Candidate, b: Candidate): Candidate {
  if (a.due === null) return b.due === null ? a : b;
  if (b.due === null) return a;
  return b.due < a.due ? b : a;
}

const WHOLE_YEAR_RE = /^(?:今年|全年|年度|本年度|当年|今年内|全年度|[0-9０-９]{4}年|[〇零○一二三四五六七八九]{4}年|[“"]?十[一二三四五六七八九]五[”"]?(?:规划)?(?:期间|时期))$/;
function laterOf(a: Candidate, b: Candidate): Candidate {
  if (a.due === null) return b.due === null ? a : b;
  if (b.due === null) return a;
  return b.due > a.due ? b : a;
}

/** Joins the matched words in text order: adjacent words read as one, others with "…". */
function joinLabel(clause: string, spans: { start: number; end: number }[]): string {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let label = '';
  let lastEnd = -1;
  for (const s of sorted) {
    if (s.start < lastEnd) continue;
    if (lastEnd >= 0) label += s.start === lastEnd ? '' : '…';
    label += clause.slice(s.start, s.end);
    lastEnd = s.end;
    if (label.length > 200) break; // the model caps labels at 200; the rest would be cut anyway
  }
  return label.length > 200 ? label.slice(0, 199) + '…' : label;
}

/** The first day a recurrence comes due in a year: its first period's end. */
function firstOccurrence(rec: NonNullable<Recurrence>, year: number, startMonth: number | null): string | null {
  if (rec === 'yearly') return monthEnd(year, 12);
  const m = startMonth ?? 1;
  if (rec === 'quarterly') return monthEnd(year, Math.ceil(m / 3) * 3);
  return monthEnd(year, m);
}

/**
 * The deadline stated in a clause or sentence, relative to the plan year; null when it states
 * none. Never throws.
 */
export function findDeadline(clause: string, year: number, docDate: string | null = null, thisYear: number = year): Deadline | null {
  try {
    return findDeadlineUnsafe(clause, year, docDate, Number.isInteger(thisYear) ? thisYear : year);
  } catch {
    // A deadline is a convenience: a bug here must not sink the whole parse.
    return null;
  }
}

/** The day `n` days, months, weeks or working days after the document's date. */
function afterDocument(docDate: string, n: number, unit: string): string | null {
  const d = parseISO(docDate);
  if (Number.isNaN(d.getTime())) return null;
  const due = unit === '个月' ? addMonths(d, n) : unit === '周' ? addWeeks(d, n) : unit === '个工作日' ? addBusinessDays(d, n) : addDays(d, n);
  return format(due, 'yyyy-MM-dd');
}

function findDeadlineUnsafe(clause: string, year: number, docDate: string | null, thisYear: number): Deadline | null {
  if (typeof clause !== 'string' || clause.length === 0) return null;
  // A bad year reads no dates (every due is null) but still finds 每年, 常态化, 即将.
  const planYear = Number.isInteger(year) ? year : Number.NaN;
  const re = TOKEN_RE;
  const tokens: Token[] = [];
  for (let i = 0; i < clause.length; i++) {
    if (!TOKEN_FIRST.at(clause, i)) continue;
    re.lastIndex = i;
    const m = re.exec(clause);
    if (m === null) continue;
    tokens.push(...toTokens(m, planYear, clause, thisYear));
    if (m[0].length > 0) i = m.index + m[0].length - 1;
  }
  if (tokens.length === 0) return null;

  const { dates, rest } = combine(tokens, planYear, clause);
  let recurrence: NonNullable<Recurrence> | null = null;
  let recSpan: { start: number; end: number } | null = null;
  let ongoing: { start: number; end: number } | null = null;
  let soon: { start: number; end: number } | null = null;
  let weakRecurrence = false;
  let relative: Extract<Token, { type: 'relative' }> | null = null;
  for (const t of rest) {
    if (t.type === 'recurrence' && recurrence === null) {
      recurrence = t.recurrence;
      recSpan = t;
      // Rule `follow-up-routine`: 二〇二六年底前完成首批认定，此后每年动态调整一次 — a routine after the
      // work is done (此后/以后/之后每年) does not make the stated date recur.
      weakRecurrence = t.weak === true || /(?:此后|以后|之后|今后)$/.test(clause.slice(Math.max(0, t.start - 2), t.start));
    } else if (t.type === 'ongoing' && ongoing === null) ongoing = t;
    else if (t.type === 'soon' && soon === null) soon = t;
    else if (t.type === 'relative' && relative === null) relative = t;
  }
  if (relative) {
    // Rule `relative-to-document`: 自本通知印发之日起30日内 counts from the document's date; with
    // none stated the label stays and due is null (the office fills it in), never a made-up date.
    return { label: joinLabel(clause, [relative]), due: docDate ? afterDocument(docDate, relative.n, relative.unit) : null, recurrence: null, kind: 'date', inferred: false };
  }

  const starts = dates.filter((d) => d.isStart);
  const dues = dates.filter((d) => !d.isStart);
  // Rule `due-is-completion`: 4月开工，11月完工 is due at the completion; a start date is due
  // only when the clause names no other.
  const finishes = dues.filter((d) => !d.startsWork && !d.interim);
  let chosen: Candidate | null = null;
  const pool = finishes.length > 0 ? finishes : dues;
  // Rule `last-milestone`: 3月底前完成方案，6月底前开工，12月底前建成 / 6月30日前主体竣工，9月底前投产 —
  // dates in separate clauses are the steps of one piece of work, due at its completion, the last.
  // Dates in one clause (一季度“开门红”和全年“满堂彩”) keep the first checkpoint.
  // 今年, 全年, 年度 name the whole year, not a step (梳理今年项目清单，2月底前报… is due 02-28).
  // 3月底前完成土地摘牌；11月底前主体完工: an interim milestone that is the last step is where the work ends here.
  const stepPool = finishes.length > 0 ? dues.filter((d) => !d.startsWork) : dues;
  const steps = stepPool.filter((d) => !WHOLE_YEAR_RE.test(clause.slice(d.start, d.end)));
  const stepped = steps.length > 1 && /[，,；;。\n]/.test(clause.slice(steps[0]!.end, steps[steps.length - 1]!.start));
  if (stepped) for (const d of steps) chosen = chosen === null ? d : laterOf(chosen, d);
  else for (const d of pool) chosen = chosen === null ? d : earlierOf(chosen, d);

  const labelSpans: { start: number; end: number }[] = [...dues];
  let due: string | null = chosen ? chosen.due : null;
  // 年度 beside a stated date (9月30日前完成年度补建任务): this year's, not a recurrence.
  if (weakRecurrence && chosen) recurrence = null;
  if (recurrence !== null && recSpan) {
    labelSpans.push(recSpan);
    if (!chosen) {
      // 每年 alone: due the first period's end in the plan year (or in the start year:
      // 从2024年起每年 → 2024-12-31).
      const start = starts[0];
      const y = start?.year ?? (start ? null : planYear);
      if (start) labelSpans.push(start);
      due = y === null ? null : firstOccurrence(recurrence, y, start?.month ?? null);
    }
  }
  if (ongoing) labelSpans.push(ongoing);
  if (soon && !chosen && recurrence === null) labelSpans.push(soon);

  if (labelSpans.length === 0) return null; // only a start marker (从今年起) or past words
  let kind: Deadline['kind'] = 'date';
  if (ongoing) kind = 'ongoing';
  else if (soon && !chosen && recurrence === null) kind = 'soon';
  if (kind === 'soon') due = null;
  return { label: joinLabel(clause, labelSpans), due, recurrence, kind, inferred: false };
}

// ---------------------------------------------------------------------------------------------
// The plan year
// ---------------------------------------------------------------------------------------------

const YEAR_WORD = '([0-9０-９]{4}|[〇零○一二三四五六七八九]{4})年';
/** A title or heading that names the document's year: 2024年政府工作报告, 二〇二四年工作要点. */
const TITLE_YEAR_RE = new RegExp(
  `${YEAR_WORD}(?:度)?(?:[^。！？\\n]{0,20}?)(?:政府工作报告|工作报告|工作要点|工作计划|工作安排|工作任务|重点工作|目标任务|任务分解|责任分工|主要目标)`,
  'u',
);
/**
 * A speech title naming a government meeting of that year: 在2024年市政府第一次全体会议上的讲话,
 * 在2025年全区安全生产工作会议上的讲话 (any 工作会议 / 推进会 / 部署会). 经济工作会议 is left out:
 * it is often held in December to plan the next year.
 */
const MEETING_TITLE_RE = new RegExp(
  `${YEAR_WORD}(?:[^。！？\\n]{0,20}?)(?:全体(?:成员)?会议|常务会议|(?<!经济)工作(?:会议|大会)|全体干部大会|(?:推进|部署|动员|调度)(?:会议|大会|会))`,
  'u',
);
/** 今年（2024年）/ 今年(2024年): the speaker pins "this year" to a number. */
const THIS_YEAR_RE = new RegExp(`今年[（(]${YEAR_WORD}[）)]`, 'u');
/**
 * Sentences that open "2024年是…": the year and up to 120 characters of what follows, to the
 * sentence's end. Found from each 年是 (rare) instead of a regex tried at every position: the
 * year is the four digits before it, and only spaces may stand between the sentence's start (the
 * text's start or 。！？ or a line break) and the year.
 */
function yearIsSentences(text: string): { year: string; rest: string }[] {
  const out: { year: string; rest: string }[] = [];
  for (let j = text.indexOf('年是'); j >= 0; j = text.indexOf('年是', j + 2)) {
    const yearAt = j - 4;
    if (yearAt < 0) continue;
    const year = text.slice(yearAt, j);
    if (!/^(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})$/.test(year)) continue;
    let k = yearAt;
    while (k > 0 && yearAt - k < 20 && YEAR_IS_SPACE.at(text, k - 1)) k--;
    if (k > 0 && !SENTENCE_END.at(text, k - 1)) continue;
    let e = j + 2;
    while (e < text.length && e < j + 2 + 120 && !SENTENCE_END.at(text, e)) e++;
    out.push({ year, rest: text.slice(j + 2, e) });
  }
  return out;
}
const YEAR_IS_SPACE = new CharSet(' \t\u3000');
const SENTENCE_END = new CharSet('。！？\n');
/** A subtitle like ——2024年1月10日在市第十七届人民代表大会第四次会议上: delivered early that year. */
const DELIVERED_RE = new RegExp(`^[\\s—－-]*${YEAR_WORD}[0-9０-９一二三四五六七八九十]{1,3}月[^\\n]{0,40}(?:会议|大会)上`, 'u');

function yearOf(s: string | undefined): number | null {
  if (s === undefined) return null;
  const y = parseNumeral(s);
  return y !== null && Number.isInteger(y) && y >= 1900 && y <= 2200 ? y : null;
}

/**
 * The year a document states as its own; null when it states none, when it is masked (****年),
 * or when the clues disagree. Conservative on purpose: a wrong plan year moves every deadline.
 */
export function detectPlanYear(text: string): number | null {
  try {
    return detectPlanYearUnsafe(text);
  } catch {
    return null;
  }
}

function detectPlanYearUnsafe(text: string): number | null {
  if (typeof text !== 'string' || text.length === 0) return null;
  const head = text.slice(0, 400);
  const lines = head.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);

  // 1. The title (first non-empty line, short) or the line under it.
  for (const line of lines.slice(0, 3)) {
    if (line.length > 80) continue;
    const t = TITLE_YEAR_RE.exec(line);
    const y = yearOf(t?.[1]);
    if (y !== null) return y;
    const mt = MEETING_TITLE_RE.exec(line);
    const my = yearOf(mt?.[1]);
    if (my !== null) return my;
    const d = DELIVERED_RE.exec(line);
    const dy = yearOf(d?.[1]);
    if (dy !== null) return dy;
  }
  // A title that is only the year's name: 二〇二四年政府工作报告 is caught above; a bare
  // "2024年" title line is too thin to trust.

  // 2. 今年（2024年）anywhere: the speaker says it outright.
  const head200k = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const thisYear = head200k.includes('今年') ? yearOf(THIS_YEAR_RE.exec(head200k)?.[1]) : null;
  if (thisYear !== null) return thisYear;

  // 3. "2024年是…之年": accepted only when every such sentence names the same year and none of
  //    them reads as a review (了, 过去, 极不平凡): "2022年是极不平凡的一年" in a 2023 report
  //    describes last year.
  const found = new Set<number>();
  for (const { year, rest } of yearIsSentences(head200k)) {
    const y = yearOf(year);
    if (y === null) continue;
    if (/了|过去|极不平凡|不平凡|极为重要/.test(rest)) continue;
    found.add(y);
  }
  if (found.size === 1) return [...found][0]!;
  return null;
}
