/**
 * What kind of document this is, at what level of government, for which year and of which date.
 * Read from the places an official document states them: the title, the document number
 * (X府办发〔2016〕20号), the addressees (各乡镇人民政府，县直各部门), the date under the signature.
 *
 * - kind: a speech is held to the strictest directive rules (it mixes rhetoric and review with
 *   its directives); a report's review part is marked; a breakdown notice's rows are tasks.
 * - level: which units a suggestion may name (a county's text gets county units, a State
 *   Council text none of a city's).
 * - year: every relative deadline (年底前, 6月底前) is counted from it; today's year only as a
 *   warned last resort.
 * - date: the day the document was issued, for 自本通知印发之日起30日内; null when not stated.
 */
import { detectPlanYear, isoDate } from './deadlines';
import { parseNumeral } from './numerals';

export type DocumentKind = 'speech' | 'report' | 'breakdown' | 'policy' | 'bulletin';
export type GovernmentLevel = 'national' | 'provincial' | 'city' | 'county' | 'district';

export interface DocumentFacts {
  kind: DocumentKind;
  level: GovernmentLevel | null;
  year: number;
  /** How the year was found: from the text, the caller's --year, or today (warned). */
  yearFrom: 'text' | 'option' | 'today';
  /** The issue date (yyyy-MM-dd) when the document states one. */
  date: string | null;
  /**
   * The calendar year 今年 and 明年 count from: the year of the date, which is the plan year except
   * in a speech given late in the year about the next (在全县经济工作会议上的讲话, 2024年12月26日).
   */
  thisYear: number;
}

/** The head of a document holds its title, number and addressees; the tail its signature date. */
const HEAD = 600;
const TAIL = 400;

const YEAR = '([0-9０-９]{4}|[〇零○一二三四五六七八九]{4})';
/**
 * 〔2016〕, [2016], （2016）, 【2016】 followed by a number and 号: a document number; also the
 * serial of minutes and briefings (〔2026〕第9次, 〔2026〕第3期), which carries its year the same way.
 */
const DOC_NUMBER_RE = new RegExp(`[〔\\[［（(【]${YEAR}[〕\\]］）)】]\\s*(?:[0-9０-９]{1,4}\\s*号|第\\s*[0-9０-９一二三四五六七八九十]{1,4}\\s*[次期号])`);
/** A title naming its year: 2016年“民生实事”目标任务, 关于印发2024年重点工作任务的通知. */
const DATED_TITLE_RE = new RegExp(
  `${YEAR}年(?:度)?[^。！？\\n]{0,24}?(?:民生实事|实事|工作要点|工作计划|工作安排|工作任务|重点工作|重点任务|目标任务|任务分解|责任分工|分解方案|项目计划|主要目标|行动计划|实施方案|工作方案)`,
);
/** A line that is only a date: the signature's, or a speech's under its title ((2024年1月10日)). */
const DATE_LINE_RE = new RegExp(`^[（(]?\\s*${YEAR}年([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})月([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})日\\s*[)）]?$`);

function yearOf(s: string | undefined): number | null {
  if (s === undefined) return null;
  const y = parseNumeral(s);
  return y !== null && Number.isInteger(y) && y >= 1900 && y <= 2200 ? y : null;
}

function validYear(y: unknown): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= 1900 && y <= 2200;
}

/** The date under the signature (the last date-only line) or under a speech's title. */
export function documentDate(text: string): string | null {
  const lines = [...text.slice(Math.max(0, text.length - TAIL)).split('\n').reverse(), ...text.slice(0, HEAD).split('\n')];
  for (const raw of lines) {
    const line = raw.trim();
    // A date line is short: （二〇二四年十二月三十一日） is 14 characters.
    if (line.length > 24) continue;
    const m = DATE_LINE_RE.exec(line);
    if (!m) continue;
    const y = yearOf(m[1]);
    const mo = parseNumeral(m[2]!);
    const d = parseNumeral(m[3]!);
    if (y !== null && mo !== null && d !== null) {
      const iso = isoDate(y, mo, d);
      if (iso) return iso;
    }
  }
  return null;
}

/**
 * The plan year the document states: its title, then its document number, then its date, then
 * what it says of itself (今年（2024年）, 2024年是…), then the year most of its dated deadlines
 * name. Null when it states none.
 */
export function statedYear(text: string, date: string | null): number | null {
  const head = text.slice(0, HEAD);
  for (const line of head.split('\n').slice(0, 8)) {
    const t = DATED_TITLE_RE.exec(line);
    if (!t || line.length > 100) continue;
    // 2023—2025年行动计划: a plan over several years starts in its first.
    const range = /([0-9０-９]{4})年?\s*[—\-－~～至到]+\s*$/.exec(line.slice(0, t.index));
    return yearOf(range?.[1] ?? t[1]);
  }
  const fromTitle = detectPlanYear(text);
  if (fromTitle !== null) return fromTitle;
  const number = yearOf(DOC_NUMBER_RE.exec(head)?.[1]);
  if (number !== null) return number;
  if (date) return plansNextYear(text, date) ? Number(date.slice(0, 4)) + 1 : Number(date.slice(0, 4));
  return yearsNamed(text);
}

/**
 * Rule `december-plan`: a speech dated in November or December that speaks of 明年 or names the
 * next year plans that year (an 经济工作会议 held in December sets next year's work).
 */
export function plansNextYear(text: string, date: string): boolean {
  const y = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month < 11) return false;
  const next = text.split(`${y + 1}年`).length - 1;
  return /明年/.test(text) || next >= 2;
}

/**
 * The years the text names, read in one pass: the year most dated deadlines name (2019年12月底前,
 * at least two agreeing and leading), else rule `only-year`: a text that names one year only,
 * never as a past reference (2025年，全区… / 2025年以来), is about that year (2025年全市改造老旧
 * 供水管网150公里以上); a span of years (2023—2025年) is about its first.
 */
function yearsNamed(text: string): number | null {
  const scan = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const deadlineYears = new Map<number, number>();
  const named = new Set<number>();
  let pastReference = false;
  for (const m of scan.matchAll(YEAR_MENTION_RE)) {
    const y = yearOf(m[1] ?? m[2]);
    if (y === null) continue;
    if (m[3] !== undefined && /^[0-9０-９一二三四五六七八九十]|^底|^年底|^末/.test(m[3])) deadlineYears.set(y, (deadlineYears.get(y) ?? 0) + 1);
    if (m[3] !== undefined && /^(?:以来|以前|[，,]|来)/.test(m[3])) pastReference = true;
    named.add(y);
  }
  const sorted = [...deadlineYears.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const [best, second] = sorted;
  if (best && best[1] >= 2 && !(second && second[1] === best[1])) return best[0];
  return !pastReference && named.size === 1 ? [...named][0]! : null;
}
/** 2025年 (with what follows it: a month, 底, 以来, a comma), or the first year of 2023—2025年. */
const YEAR_MENTION_RE = /(?:([0-9０-９]{4})年?\s*[—\-－~～至到]+\s*)?([0-9０-９]{4})年(以来|以前|[，,]|来|[0-9０-９一二三四五六七八九十]{1,3}月|底|末)?/g;

/** Addressees and issuers that tell the level, strongest first. */
const LEVEL_SIGNS: readonly (readonly [RegExp, GovernmentLevel])[] = [
  [/国务院各部委|各省、自治区、直辖市|国办发|国发〔|国务院办公厅关于|国务院关于/, 'national'],
  [/各市（州）|各市\(州\)|各市、州|省直各|省政府各部门|省级各部门|省人民政府(?:办公厅)?关于|各地级以上市/, 'provincial'],
  [/各街道办事处|区级各部门|区直各|区政府各部门|[^市县]区人民政府(?:办公室)?关于/, 'district'],
  [/各乡镇|县级各部门|县直各|县政府各部门|县人民政府(?:办公室)?关于/, 'county'],
  [/各县（市、区）|各县\(市、区\)|各区县|市级各部门|市直各|市政府各部门|市人民政府(?:办公室)?关于/, 'city'],
];

/** 全县 / 全区 / 全市 / 全省 / 全国 counted in the body: the level a speech speaks for. */
function levelByWords(text: string): GovernmentLevel | null {
  const scan = text.length > 100_000 ? text.slice(0, 100_000) : text;
  const n: Record<GovernmentLevel, number> = { national: 0, provincial: 0, city: 0, county: 0, district: 0 };
  for (const m of scan.matchAll(/全(国|省|市|县|区)|(?:我|本)(省|市|县|区)/g)) {
    const w = m[1] ?? m[2];
    const level: GovernmentLevel = w === '国' ? 'national' : w === '省' ? 'provincial' : w === '市' ? 'city' : w === '县' ? 'county' : 'district';
    n[level]++;
  }
  const best = (Object.entries(n) as [GovernmentLevel, number][]).sort((a, b) => b[1] - a[1])[0]!;
  return best[1] >= 3 ? best[0] : null;
}

export function governmentLevel(text: string): GovernmentLevel | null {
  const head = text.slice(0, HEAD);
  for (const [re, level] of LEVEL_SIGNS) if (re.test(head)) return level;
  return levelByWords(text);
}

export function documentKind(text: string, hasTables: boolean): DocumentKind {
  const head = text.slice(0, 300);
  const firstLines = head.split('\n').slice(0, 4).join('\n');
  if (/政府工作报告|向大会报告|请予审议/.test(head)) return 'report';
  // A 督查通报, a briefing or a news report of a meeting tells what others said and did.
  // The title may come under the issuer's line (澄州市人民政府办公室 / 关于…的督查通报).
  const titleLines = head.split('\n').filter((l) => l.trim() !== '').slice(0, 2);
  if (titleLines.some((l) => /通报(?!.{0,6}的通知)|简报|快讯|召开|会议精神|工作动态/.test(l))) return 'bulletin';
  if (/讲话|发言|讲稿|同志们[：:，,]/.test(firstLines) || /同志们[：:，,]/.test(head)) return 'speech';
  if (hasTables || /任务分解|责任分工|分解方案|民生实事|重点工作任务|目标任务|任务清单/.test(firstLines)) return 'breakdown';
  return 'policy';
}

export interface YearOptions {
  year?: number;
  currentYear?: number;
}

/** Every fact at once. `hasTables`: the document holds tables (a breakdown, whatever its title). */
export function classifyDocument(text: string, hasTables: boolean, options: YearOptions): DocumentFacts {
  const date = documentDate(text);
  const stated = statedYear(text, date);
  let year: number;
  let yearFrom: DocumentFacts['yearFrom'];
  if (validYear(stated)) {
    year = stated;
    yearFrom = 'text';
  } else if (validYear(options.year)) {
    year = options.year;
    yearFrom = 'option';
  } else {
    year = validYear(options.currentYear) ? options.currentYear : new Date().getFullYear();
    if (!validYear(year)) year = 2000;
    yearFrom = 'today';
  }
  const thisYear = date && yearFrom === 'text' ? Number(date.slice(0, 4)) : year;
  return { kind: documentKind(text, hasTables), level: governmentLevel(text), year, yearFrom, date, thisYear };
}
