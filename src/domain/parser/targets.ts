/**
 * Targets (指标): a measured figure the speech sets for the plan, e.g. 经济增长预期目标*.*%左右,
 * 晶硅光伏产业产值突破****亿元, 每年解决*至*个重点疑难问题.
 *
 * How one sentence is read:
 * 1. It is cut into clauses at ，；。、 (a tiered sentence lists one tier per clause, and each
 *    target's source is its own clause).
 * 2. In each clause, every figure followed by a unit (or written 百分之…) is a candidate.
 * 3. A candidate becomes a target only with a target signal: a comparator (左右, 以上, 突破…),
 *    a tier word (预期目标…), or a goal verb right before the figure (增长, 新增, 解决…). This is
 *    what keeps 两个维护, 一亩三分地 and 十个手指 out.
 * 4. Named rules then drop past facts, other people's forecasts, gaps, prices and estimates
 *    (NOT_TARGET_RULES below: each says why).
 *
 * Masked figures (*, x, ×) are kept as targets with value null and masked true: the figure is
 * real, the office fills it in; guessing would put a false number in front of the mayor.
 * Linear time: one pass over the sentence for clauses, one bounded regex pass per clause, and
 * bounded windows for everything looked up around a figure.
 */
import type { SourceSpan, Target, Tier, Comparator } from '@/domain/model';
import { findDeadline, monthEnd } from '@/domain/parser/deadlines';
import { parseNumeral } from '@/domain/parser/numerals';
import { CharSet, matchesSomewhere } from './char-set';

export interface TargetContext {
  year: number;
  newId: () => string;
  /**
   * The tier of a list head in an earlier sentence of the same list: 主要预期目标是：A增长5%左右；
   * B增长4%以上；… is cut into sentences at ；, and the items after the first still belong to
   * the head (rule `list-head-carry`). See `listHeadTier`.
   */
  listTier?: Tier;
  /** The document's date: a period that ended before it (一季度，… in April) reports results. */
  docDate?: string | null;
  /**
   * The span is a list of targets by its form (a table's task cell, a 目标任务： line, a notice's
   * item): every figure with a unit is a target, no goal verb needed (rule `target-list`).
   */
  lenient?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Figures and units
// ---------------------------------------------------------------------------------------------

/**
 * Units a 政府工作报告 measures in. Longest first in the regex, so 个百分点 wins over 个 and 万人
 * over 人. Deliberately absent: 年 (years), 届, 月 — they count events, not goals; 批 — 一批 is "a
 * batch of" (建设一批重点项目), never a count. 次 counts only with a signal (不少于2次): 第三次会议
 * and a bare 一次 are kept out by the rules for 第 and for bare digits.
 */
const UNITS = [
  '个百分点', '百分点', '万平方米', '平方公里', '平方米', '万亿元', '亿元', '万元', '千元', '元',
  '万人次', '人次', '万人', '人', '万吨', '吨', '万千瓦时', '亿千瓦时', '千瓦时', '万千瓦', '千瓦',
  '万户', '户', '万亩', '亩', '公顷', '公里', '千米', '万套', '套', '万辆', '辆', '个工作日',
  '工作日', '小时', '天', '个', '项', '家', '倍', '所', '座', '条', '间', '张', '台', '件', '处',
  '名', '宗', '场次', '批次', '场', '部', '次', '栋', '幢', '片', '万斤', '亿斤', '斤', '公斤', '微克/立方米', '毫克/立方米', '%', '％', '‰',
];
const UNIT_SET = new Set(UNITS);
const UNIT_ALT = [...UNITS].sort((a, b) => b.length - a.length).map(escapeRe).join('|');

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The lookbehinds anchor a figure to the start of its run of digits or masks: without them the
// engine retries the pattern at every position inside a long run, which is quadratic.
const NUM =
  '(?<![0-9０-９.．])[0-9０-９]+(?:[.．][0-9０-９]+)?' +
  '|(?<![*＊xX×.．])[*＊xX×]+(?:[.．][*＊xX×]+)?' +
  '|[一二三四五六七八九十两〇零][一二三四五六七八九十百千万亿两〇零]{0,11}(?:点[一二三四五六七八九〇零]{1,4})?';
const RANGE_SEP = '至|到|~|～|—|－|-';

/** A figure, an optional range end, an optional 多/余 (more than), then a unit. */
const VALUE_SOURCE =
  `(?<pct>百分之)?(?<a>${NUM})` +
  `(?:(?<unitA>${UNIT_ALT})?(?<sep>${RANGE_SEP})(?<pctB>百分之)?(?<b>${NUM}))?` +
  `(?<more>多|余)?(?<mag>万亿|万|亿|千)?(?<unit>${UNIT_ALT})?`;

const MASK_RE = /[*＊xX×]/;
const CURRENCY_RE = /元$/;

// ---------------------------------------------------------------------------------------------
// Signals
// ---------------------------------------------------------------------------------------------

// 预期增长5.5%左右 / 预期达到: 预期 before the verb is the expected tier's word, as 预期目标 is (rule `expected-verb`).
const TIER_RE = /预期性?目标|工作目标|奋斗目标|力争目标|约束性目标|预期(?=增长|达到|实现|控制在|提高|下降|增加)/g;

function tierOf(word: string): Tier {
  if (word.startsWith('预期')) return 'expected';
  if (word === '工作目标') return 'working';
  if (word === '奋斗目标' || word === '力争目标') return 'striving';
  return null; // 约束性目标: a binding target, but not one of the three tiers
}

/** Words right before a figure that set a comparator. 超过 means "more than": at least. */
const PREFIX_COMPARATORS: readonly [RegExp, NonNullable<Comparator>][] = [
  [/突破$/, 'exceed'],
  // 至少配备1名 / 至少培育1家: 至少 governs the verb and its count.
  [/(?:超过|不少于|不低于|至少|(?<!不)高于)$|至少[\u4e00-\u9fff]{1,4}$/, 'atLeast'],
  [/(?:控制在|不超过|不高于|(?<!不)低于)$/, 'atMost'],
];

/** Words right after a figure and its unit. */
const SUFFIX_COMPARATOR_RE = /^(?:左右|及以上|以上|以内|以下|之内)/;

function suffixComparator(w: string): NonNullable<Comparator> {
  if (w === '左右') return 'about';
  if (w === '以上' || w === '及以上') return 'atLeast';
  return 'atMost';
}

/**
 * Goal verbs: a figure right after one of these is something to reach (增长5.5%, 新增6万人,
 * 解决*至*个). The list is closed on purpose: 落实, 领会, 办成 take no measured object.
 */
const GOAL_VERB_ALT =
  '增长|增加|提高|提升|下降|降低|减少|新增|新建|建成|建设|完成|解决|实现|培育|引进|招引|改造|' +
  '创建|打造|开工|争创|达到|达|稳定在|保持在|扩大|缩小|压缩|节约|投资|投入|认定|创成|发放|安置|' +
  '吸纳|带动|签约|落地|消化|处置|化解|盘活|收储|供应|整治|清理|治理|造林|种植|翻|' +
  // Delivery verbs of a 政府工作报告's counted work (实施100个…工程, 增补学位2万个, 筹集…3万套).
  '实施|安排|开展|培训|加装|筹集|新改建|改扩建|改建|扩建|增补|压减|压降|提供|组织|举办|新开通|开通|就业|' +
  '筛查|救助|资助|帮扶|招聘|培养|吸引|建立|设立|配备|更新|推出|打通|修复|植树|整合|送|办好|争取';
const GOAL_BEFORE_RE = new RegExp(`(?:${GOAL_VERB_ALT})(?:到|至|为|在)?$`);
const RESOLVE_BEFORE_RE = /(?:力争|争取|确保)(?:达到|实现)?$/;
const STRIVE_BEFORE_RE = /(?:力争|争取)(?:达到|实现|增长)?$/;
const PERIOD_RE = /明年|后年|今年|全年|年底|年内|半年|季度|月/;
const GOAL_ANYWHERE_RE = new RegExp(`(?:${GOAL_VERB_ALT})`);
const GOAL_ONLY_RE = new RegExp(`^(?:${GOAL_VERB_ALT})$`);

// ---------------------------------------------------------------------------------------------
// Not targets: named rules, each with its reason
// ---------------------------------------------------------------------------------------------

interface NotTargetRule {
  name: string;
  /** Tested on the clause that holds the figure. */
  test: RegExp;
  /** Only drops figures in these units (prices are money; a CPI rise in % is a target). */
  units?: RegExp;
}

export const NOT_TARGET_RULES: readonly NotTargetRule[] = [
  // Last year's results describe what was done, not what must be done. 比上年/较去年 only sets
  // the base of a growth target (比上年增长6%), so it is not a past marker.
  { name: 'past-year', test: /(?<![比较])(?:去年|上年|上一年)|过去一年|过去的一年|过去[五几两三]年/ },
  // 今年以来 / 截至目前: progress so far is a report on the target, not the target.
  { name: 'progress-so-far', test: /以来|截至目前|截至[0-9０-９一二三四五六七八九十]{1,3}月/ },
  // 已 / 已经: the thing has happened already.
  { name: 'past-already', test: /(?<![不而])已/ },
  // A perfective verb (实现了, 突破了…) reports a result.
  { name: 'past-perfective', test: /(?:实现|完成|达到|取得|增长|提高|下降|突破|超过|增加|减少)了/ },
  // 创新高 / 创历史新高: a record is a reached figure.
  { name: 'past-record', test: /创[^，。；]{0,8}新高/ },
  // 由…扩大到… / 从…下降至…: a change between two stated figures describes a trend (the GDP gap
  // with neighbouring cities, the UN forecast), not a goal; and 跌至 always reports a fall.
  { name: 'change-from-to', test: /[由从][^，。；]{0,30}?(?:扩大|缩小|增长|增加|减少|下降|提高|提升|降低|上升|回落|跌|降)(?:到|至)|跌至|跌到/ },
  // Someone else's forecast (预计, 预测, 可能…) is an outlook, not our commitment.
  { name: 'forecast', test: /预计|预测|预估|估计|(?<!尽)可能|有望|或将|展望/ },
  // A gap or comparison with other places describes standing, not a goal.
  { name: 'gap', test: /差距|相差|差额/ },
  // Prices and per-unit rates (硅料每吨**万元) are market facts the city does not set.
  { name: 'price', test: /价格|单价|价位|房价|地价|每吨|每公斤|每千克|每平方米/, units: CURRENCY_RE },
  // 大约 / 大概: a back-of-envelope estimate (产量要大约翻*倍), not a stated target.
  { name: 'estimate', test: /大约|大概|约为|约合/ },
  // 进度滞后约20天: a delay is a state of progress.
  { name: 'lagging', test: /滞后|延误|超期|拖期|欠账/ },
  // 按每个不超过5万元给予补助: a subsidy rate is a standard, not something to reach.
  { name: 'rate', test: /按每|每(?:个|人|户|家|处|所|项|台|辆|亩|平方米|吨)(?:最高)?(?:不超过|补助|补贴|奖励|给予)|补助标准|补贴标准|奖补标准|给予.{0,8}补助/, units: CURRENCY_RE },
  // 会议同意从市级城建资金中安排1200万元: money allotted is a budget decision, not a level to reach.
  // 每年安排不少于10亿元 / 入库项目总投资不低于5000亿元: a floor set on the money is a commitment to reach.
  { name: 'allocation', test: /^(?![^。]*(?:不少于|不低于|以上|突破))[^。]*(?:安排|拨付|列支|奖补|从[^，。；]{0,14}资金中)/, units: CURRENCY_RE },
  // 对产值下滑10%以上的企业逐一上门服务: a figure that says which cases the action covers.
  { name: 'condition', test: /^对[^，。；]{0,16}(?:以上|以下|超过|低于)的/ },
  // 总投资4.36亿元: the size of a project or a list describes it; the work is the target.
  { name: 'total-cost', test: /^(?![^。]*(?:不少于|不低于|以上|突破))[^。]*(?:总投资|计划总投资|概算|总造价|涉及金额|共计|合计|总规模)/, units: CURRENCY_RE },
];

/**
 * Rule `result-sentence`: 已完成12项…总体完成率达到93%, 一季度全县地区生产总值同比增长6.3%，规上工业
 * 增加值增长9.6%: a sentence that reports a result reports all its figures, not only the one
 * next to the marker. Unless it also looks ahead (要, 确保, 力争, 目标…).
 */
// 实际完成31条 / 目前仅完成 / 原定… report progress; 居全市第1位 / 连续五年 report a standing reached.
const PAST_SENTENCE_RE = /(?<![不而])已(?!于?[要将])|同比|去年同期|上年同期|截至|累计|通报了|完成情况|实际完成|目前(?:仅|只|尚|还)|原定|居[^，。；]{0,14}第[0-9０-９一二三四五六七八九十]+位|连续[0-9０-９一二三四五六七八九十两]+年/;
// 计划 and 目标 as nouns (占年度计划的24.3%) do not look ahead; 计划于/预期目标 do.
const FUTURE_RE = /(?<![主重需只纪首提紧])要(?![求素点害件闻领])|确保|力争|争取|将(?!近)|计划(?:于|在|到|[0-9０-９一二三四五六七八九十])|预期目标|目标是|目标为|努力|不低于|不少于/;

/** A tier word heading a list: 主要预期目标是： / 工作目标为： */
// 主要预期目标建议为： (a draft put to the congress) / 初步考虑为： head the same list as 是：.
const LIST_HEAD_RE = /(预期性?目标|工作目标|奋斗目标|力争目标)(?:是|为|建议为|拟定为|拟为|确定为|设定为|初步考虑为|考虑为|安排为)?[：:]/;

/** An indicator whose figure a higher level assigns: 能耗下降完成省下达任务. */
const ASSIGNED_RE = /([^，。；：:]{2,30}?(?:下降|降低|减少|增长|提高|控制))(?:完成|达到|控制在)(?:省|国家|上级|市)(?:下达|确定|分解)的?(?:任务|目标|指标)/;

/**
 * Achievements listed before 等一系列突破 / 奠定了 are last year's (晶硅光伏产能规模突破****亿元、
 * 进出口规模突破***亿元…等等一系列突破，奠定了…): every figure before such a marker is past.
 */
const TAIL_PAST_RE = /一系列(?:突破|成绩|成就|进展|成果)|奠定了/g;
/** 根据…报告 / 据…预测 at the head of a sentence makes the whole sentence someone else's figures. */
const ATTRIBUTION_RE = /(?:根据|据)[^。！？；]{0,60}?(?:报告|预测|测算|统计)|(?:^|[，。])[^，。；]{0,12}(?:预计|预测|估计|判断)[，,：:]/;

// ---------------------------------------------------------------------------------------------
// Metric names
// ---------------------------------------------------------------------------------------------

/** The metric starts after these: 市委提出|今年经济增长…, 按照|今年晶硅光伏产业产值…. */
const LEAD_IN_RE = /^.*(?:提出|要求|确保|力争|争取|努力|推动|促进|实现|按照|目标是|其中|计划|全力|奋力)/;
/** Time and place words that open a metric but are not part of it. */
const LEADING_NOISE_RE =
  /^(?:比上年|较上年|比去年|较去年|同比|[0-9一二三四五六七八九十两]{1,2}年(?:之内|以内|内)|第?[一二三四1-4]季度|[0-9一二三四五六七八九十]{1,3}月(?:底|末)?前?|年底前?|其中|今年|全年|明年|年内|当年|本年度|每年|到[0-9０-９]{4}年|[0-9０-９]{4}年|上半年|下半年|全市|我市|全县|全区|各地|的|要|将|需|和|及|并|“|"|「|《|\s)+/;
/** Verbs and tier words that close the text before a figure but are not the metric's name. */
const TRAILING_NOISE_RE =
  /(?:需|要|将|的|完成|实现|达到|达|突破|超过|控制在|稳定在|保持在|提高到|提高至|提升到|提升至|降低到|降低至|降到|降至|下降到|下降至|增长到|增加到|扩大到|为|在|按|不少于|不低于|不超过|不高于|至少|预期性?目标|工作目标|奋斗目标|力争目标|约束性目标|目标|力争|争取|分别|同比|”|"|」|》|\s)+$/;
/** The noun after a figure (重点疑难问题): Chinese characters and Latin letters, not digits. */
const NOUN_AFTER_RE = /^[\u4e00-\u9fffA-Za-z]{1,16}/;
const MAX_METRIC = 30;

function cleanMetric(raw: string): string {
  // A metric name is short; bounding the input keeps every regex below cheap whatever the clause.
  let m = raw.length > 60 ? raw.slice(raw.length - 60) : raw;
  const lead = LEAD_IN_RE.exec(m);
  if (lead) m = m.slice(lead[0].length);
  // Each pass strips a run of noise; two passes catch 今年的 after 全市 and 需突破 after 的.
  for (let i = 0; i < 2; i++) {
    m = m.replace(LEADING_NOISE_RE, '');
    m = m.replace(TRAILING_NOISE_RE, '');
  }
  return m.length > MAX_METRIC ? m.slice(m.length - MAX_METRIC) : m;
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

interface Clause {
  start: number;
  end: number;
  /** The character that ended the clause ('' at the end of the span). */
  delim: string;
}

/** ， , ； ; 。 ！ ! ？ ? 、 and line breaks, as char codes (a Set of strings was a hot spot). */
function isClauseDelim(c: number): boolean {
  switch (c) {
    case 0xff0c: // ，
    case 0x2c: // ,
    case 0xff1b: // ；
    case 0x3b: // ;
    case 0x3002: // 。
    case 0xff01: // ！
    case 0x21: // !
    case 0xff1f: // ？
    case 0x3f: // ?
    case 0x3001: // 、
    case 0x0a:
    case 0x0d:
      return true;
    default:
      return false;
  }
}

/** Whitespace a pasted speech carries: ASCII blanks, the ideographic space, NBSP. */
function isBlank(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x3000 || c === 0xa0;
}

/** Clauses of text[start,end), trimmed of whitespace; empty ones dropped. */
function splitClauses(text: string, start: number, end: number): Clause[] {
  const out: Clause[] = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || isClauseDelim(text.charCodeAt(i))) {
      let a = s;
      let b = i;
      while (a < b && isBlank(text.charCodeAt(a))) a++;
      while (b > a && isBlank(text.charCodeAt(b - 1))) b--;
      if (b > a) out.push({ start: a, end: b, delim: i === end ? '' : text[i]! });
      s = i + 1;
    }
  }
  return out;
}

/** Where the sentence holding `end` stops, looking at most `limit` characters ahead. */
function sentenceEnd(text: string, end: number, limit: number): number {
  const stop = Math.min(text.length, end + limit);
  for (let i = end; i < stop; i++) {
    const c = text.charCodeAt(i);
    // 。 ！ ？ ! ? and the line feed
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0x21 || c === 0x3f || c === 0x0a) return i;
  }
  return stop;
}

/** n × magnitude without a binary-float tail (1.2 × 1e4 → 12000, not 12000.000000000002). */
function scaled(n: number | null, magnitude: number): number | null {
  if (n === null) return null;
  const v = magnitude === 1 ? n : Number((n * magnitude).toPrecision(12));
  return Number.isFinite(v) ? v : null;
}

function normalizeUnit(u: string): string {
  if (u === '％') return '%';
  if (u === '百分点') return '个百分点';
  return u;
}

/**
 * A Chinese numeral swallows a trailing 万/亿 that belongs to the unit (六万人 reads as 六 + 万人,
 * like 6万人); move it back when the longer unit exists.
 */
function splitMagnitude(num: string, unit: string | undefined): { num: string; unit: string | undefined } {
  if (unit === undefined || num.length < 2 || /^[0-9０-９*＊xX×]/.test(num)) return { num, unit };
  const last = num.slice(-1);
  if ((last === '万' || last === '亿') && UNIT_SET.has(last + unit)) return { num: num.slice(0, -1), unit: last + unit };
  return { num, unit };
}

// ---------------------------------------------------------------------------------------------
// Past context: a sentence inside a review of last year
// ---------------------------------------------------------------------------------------------

/**
 * Words that open a review of the past: 过去一年，… / 去年，… / 2023年，… (a year before the plan
 * year), and progress so far: 今年以来，… / 截至目前. A sentence or paragraph that opens with
 * one reports results, whatever verbs follow.
 */
const PAST_OPENER_RE =
  /^(?:过去的?一年|过去[五几两三]年|去年|上年|上一年|一年来|五年来|近年来|截至|[^，,。]{0,12}以来[，,]|([0-9０-９]{4})年[，,])/;
/** A level-1 heading (一、 / 第一部分) and the words that make it a review (一、2023年工作回顾). */
const LEVEL1_HEADING_RE = /^[一二三四五六七八九十]{1,3}、|^第[一二三四五六七八九十]{1,3}部分/;
const PAST_HEADING_RE = /回顾|过去[的一五几]|一年来|五年来|工作总结/;
/** How far back to look for the paragraph start and the section heading. */
const LOOKBACK = 8000;

function opensWithPast(s: string, planYear: number): boolean {
  const m = PAST_OPENER_RE.exec(s.replace(/^[\s（(【]*/, ''));
  if (!m) return false;
  if (m[1] === undefined) return true;
  const y = parseNumeral(m[1]);
  return y !== null && y < planYear;
}

/**
 * Why a sentence is part of a review of the past, or null: it opens with a past word, its
 * paragraph does, or the level-1 heading above it is a review (一、2023年工作回顾). The look-back
 * is bounded (LOOKBACK characters) so the cost per sentence stays constant.
 */
function pastContext(text: string, start: number, end: number, planYear: number): string | null {
  if (opensWithPast(text.slice(start, Math.min(end, start + 20)), planYear)) return 'past-opener';
  const base = Math.max(0, start - LOOKBACK);
  const win = text.slice(base, start);
  let nl = win.lastIndexOf('\n');
  const paraStart = nl >= 0 ? base + nl + 1 : base === 0 ? 0 : -1;
  if (paraStart >= 0 && opensWithPast(text.slice(paraStart, paraStart + 20), planYear)) return 'past-paragraph';
  // Walk the lines above, nearest first, to the first level-1 heading.
  let lineEnd = win.length;
  while (lineEnd > 0 || nl >= 0) {
    const line = win.slice(nl + 1, lineEnd).trimStart().slice(0, 40);
    if (LEVEL1_HEADING_RE.test(line)) return PAST_HEADING_RE.test(line) ? 'past-heading' : null;
    if (nl < 0) break;
    lineEnd = nl;
    nl = nl > 0 ? win.lastIndexOf('\n', nl - 1) : -1;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Extraction
// ---------------------------------------------------------------------------------------------

/** A figure followed by a unit, 百分之, or 下达: whether a sentence is worth reading at all. */
export const CANDIDATE_RE = new RegExp(`(?:${NUM})(?:多|余)?(?:万亿|万|亿|千)?(?:${UNIT_ALT})|百分之|下达`, 'y');
/** The characters a CANDIDATE_RE match starts with: a figure's first, 百 (百分之) or 下 (下达). */
export const CANDIDATE_FIRST = new CharSet('0123456789０１２３４５６７８９*＊xX×一二三四五六七八九十两〇零百下');
/** Whether s holds a figure with a unit, 百分之 or 下达 (CANDIDATE_RE anywhere). */
function hasCandidate(s: string): boolean {
  return matchesSomewhere(CANDIDATE_RE, CANDIDATE_FIRST, s);
}
/** Shared: reset lastIndex before each use. Domain code is synchronous, so no two uses overlap. */
const VALUE_RE = new RegExp(VALUE_SOURCE, 'g');
/** 10亿元以上项目: a figure with 以上/以下 and a noun right after it qualifies the noun. */
const QUALIFIER_AFTER_RE = /^(?!预期|工作目标|奋斗|力争|约束|目标)[\u4e00-\u9fff]/;

type TierHit = { at: number; end: number; tier: Tier };
type MaybeDeadline = ReturnType<typeof findDeadline>;

interface SentenceFacts {
  /** Figures starting before this index are past (一系列突破 / 奠定了 follows them). */
  tailPastBefore: number;
  /** Figures starting after this index are someone else's (根据…报告). */
  attributedAfter: number;
  /** Set when the whole sentence sits in a review of the past. */
  past: string | null;
  /** The sentence reports results (已完成…, 同比增长…, 比去年同期…) and sets nothing ahead. */
  pastSentence: boolean;
  /** findDeadline of each clause, by clause index; undefined until first asked for. */
  clauseDeadlines: (MaybeDeadline | undefined)[];
  clauses: Clause[];
  text: string;
  year: number;
  sentenceDeadline: MaybeDeadline;
}

/**
 * Rule `period-over`: 一季度，全市开工改造老旧小区28个 in a document dated in April reports the first
 * quarter's results: a sentence that opens with a period ended before the document's date.
 */
const PERIOD_OPENER_RE = /^(?:第?一季度|上半年|前三季度|1[—\-－~至到]([0-9０-９]{1,2})月|([0-9０-９]{1,2})月份?)[，,]/;
function periodOver(sentence: string, year: number, docDate: string | null | undefined): boolean {
  if (!docDate) return false;
  const m = PERIOD_OPENER_RE.exec(sentence);
  if (!m) return false;
  const month = m[0].includes('一季度') ? 3 : m[0].startsWith('上半年') ? 6 : m[0].startsWith('前三季度') ? 9 : Number((m[1] ?? m[2])!.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10)));
  const end = monthEnd(year, month);
  return end !== null && end < docDate;
}

function readSentence(text: string, start: number, end: number, year: number, clauses: Clause[], docDate?: string | null): SentenceFacts {
  const sentence = text.slice(start, end);
  // Figures before the last 一系列突破 / 奠定了 of the sentence are past. The marker may sit just
  // past the span when the caller cut the sentence at a comma, so look a little further.
  let tailPastBefore = -1;
  const tailText = text.slice(start, sentenceEnd(text, end, 300));
  for (const m of tailText.matchAll(TAIL_PAST_RE)) tailPastBefore = start + m.index;
  const attribution = ATTRIBUTION_RE.exec(sentence);
  return {
    tailPastBefore,
    attributedAfter: attribution ? start + attribution.index : Number.POSITIVE_INFINITY,
    past: pastContext(text, start, end, year),
    pastSentence: (PAST_SENTENCE_RE.test(sentence) || periodOver(sentence, year, docDate)) && !FUTURE_RE.test(sentence),
    clauseDeadlines: new Array<MaybeDeadline | undefined>(clauses.length),
    clauses,
    text,
    year,
    sentenceDeadline: findDeadline(sentence, year),
  };
}

/**
 * 主要预期目标是：A增长5%；B6万人以上…: a tier word that heads a list gives its tier to every
 * figure after it.
 */
function readHeadTier(text: string, start: number, end: number, carried?: Tier): { at: number; tier: Tier } | null {
  const head = LIST_HEAD_RE.exec(text.slice(start, end));
  if (head) return { at: start + head.index + head[0].length, tier: tierOf(head[1]!) };
  return carried ? { at: start, tier: carried } : null;
}

/**
 * The tier a list head in `sentence` opens for the sentences after it, or null. The caller keeps
 * it while the list goes on (sentences ending in ；) and drops it at the first 。.
 */
export function listHeadTier(sentence: string): Tier {
  const head = LIST_HEAD_RE.exec(sentence);
  return head ? tierOf(head[1]!) : null;
}

/**
 * The deadline of a target in clause i: its own clause's, else the nearest clause before it
 * (全年实施…，完成投资600亿元以上，其中一季度… : 全年 governs the middle clause, not 一季度),
 * else the nearest after it (新建3所学校，年底前完成).
 */
function deadlineFor(f: SentenceFacts, i: number): MaybeDeadline {
  const at = (j: number): MaybeDeadline => {
    let d = f.clauseDeadlines[j];
    if (d === undefined) {
      const c = f.clauses[j]!;
      d = f.clauseDeadlines[j] = findDeadline(f.text.slice(c.start, c.end), f.year);
    }
    return d !== null && (d.due !== null || d.recurrence !== null) ? d : null;
  };
  const own = at(i);
  if (own) return own;
  for (let j = i - 1; j >= 0; j--) {
    const d = at(j);
    if (d) return d;
  }
  for (let j = i + 1; j < f.clauses.length; j++) {
    const d = at(j);
    if (d) return d;
  }
  return f.sentenceDeadline;
}

/** The targets stated inside text[span]. Never throws; past facts and forecasts are left out. */
export function extractTargets(text: string, span: SourceSpan, ctx: TargetContext): Target[] {
  try {
    return extractUnsafe(text, span, ctx);
  } catch {
    // A target list is worth less than a parse that finishes: never sink the whole plan.
    return [];
  }
}

function extractUnsafe(text: string, span: SourceSpan, ctx: TargetContext): Target[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  // A span from outside (NaN, negative, past the end) is clamped to the text, never trusted.
  const s0 = Number.isFinite(span.start) ? Math.floor(span.start) : 0;
  const e0 = Number.isFinite(span.end) ? Math.floor(span.end) : 0;
  const start = Math.max(0, Math.min(text.length, s0));
  const end = Math.max(start, Math.min(text.length, e0));
  if (end <= start) return [];

  // Fast exit: most sentences of a speech hold no figure with a unit (and no 下达 indicator);
  // one regex test over the sentence skips them before any clause work.
  if (!hasCandidate(text.slice(start, end))) return [];

  const clauses = splitClauses(text, start, end);
  // Sentence-wide facts, computed once and only when a figure has a target signal: most
  // sentences of a speech hold none (一个, 一批…), and the parser's throughput depends on
  // skipping them before the look-back and the per-clause deadlines.
  let sentenceFacts: SentenceFacts | null = null;
  const scan: Scan = {
    text,
    start,
    end,
    ctx,
    clauses,
    facts: () => (sentenceFacts ??= readSentence(text, start, end, ctx.year, clauses, ctx.docDate)),
    headTier: undefined,
    out: [],
    lastMetric: '',
    carriedSignal: false,
    distributive: [],
  };

  for (let ci = 0; ci < clauses.length; ci++) readClause(scan, ci);
  return scan.out;
}

/** One sentence's reading: what every clause sees, and what a clause leaves for the next. */
interface Scan {
  text: string;
  start: number;
  end: number;
  ctx: TargetContext;
  clauses: Clause[];
  /** Sentence-wide facts, computed once and only when a figure has a target signal. */
  facts: () => SentenceFacts;
  /** The tier of a list head (主要预期目标是：), read on first need. */
  headTier: { at: number; tier: Tier } | null | undefined;
  out: Target[];
  lastMetric: string;
  /** 新建改扩建中小学10所、幼儿园15所: the verb before the first item governs the items after 、. */
  carriedSignal: boolean;
  distributive: Target[];
}

/** The targets of clause `ci`, appended to scan.out. */
function readClause(scan: Scan, ci: number): void {
  const { text, start, end, ctx } = scan;
  const clause = scan.clauses[ci]!;
  const signalFromBefore = scan.carriedSignal;
  scan.carriedSignal = false;
  const ctext = text.slice(clause.start, clause.end);
  /** A target read from this clause: quote, span, id and deadline are the clause's. */
  const clauseTarget = (f: SentenceFacts, what: Pick<Target, 'metric' | 'tier' | 'value' | 'valueMax' | 'unit' | 'comparator' | 'masked'>): Target => {
    const deadline = deadlineFor(f, ci);
    return {
      id: ctx.newId(),
      quote: ctext,
      source: { start: clause.start, end: clause.end },
      ...what,
      recurrence: deadline?.recurrence ?? f.sentenceDeadline?.recurrence ?? null,
      due: deadline?.due ?? null,
    };
  };
  if (!hasCandidate(ctext)) {
    // Rule `list-object`: 新建改造燃气、供水、排水管网210公里 — a delivery verb before a list of
    // nouns governs the count after the last of them.
    scan.carriedSignal = clause.delim === '、' && (signalFromBefore || GOAL_ANYWHERE_RE.test(ctext));
    return;
  }
  const re = VALUE_RE;
  re.lastIndex = 0;
  // Per-clause facts, computed on first need: most clauses' figures (一个, 一批) fail the
  // signal test before either is needed.
  let walk: TierWalk | null = null;
  let rules: NotTargetRule[] | null = null;
  let prevEnd = 0;
  let qualified = false;
  const before = scan.out.length;

  for (let m = re.exec(ctext); m !== null; m = re.exec(ctext)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    const vStart = m.index;
    let vEnd = vStart + m[0].length;
    const unit0 = figureUnit(g, ctext, vStart, vEnd);
    if (unit0 === null) continue;
    const { aText, bText, magnitude, unit } = quantityOf(g, unit0);

    // Comparators: prefix words right before the figure, suffix words right after the unit.
    const prefixWin = ctext.slice(Math.max(prevEnd, vStart - 8), vStart);
    const cmp = comparatorAt(ctext, prefixWin, vEnd, g.more !== undefined);
    if (cmp === 'qualifier') {
      qualified = true;
      continue;
    }
    const { comparator } = cmp;
    vEnd = cmp.end;

    const signal = goalSignal(g.a ?? '', unit, prefixWin, ctext.slice(Math.max(prevEnd, vStart - 20), vStart));
    if (signal === null) continue;
    const { goalVerb } = signal;
    const carried = !signal.bareDigit && (signalFromBefore || qualified || (ctx.lenient === true && !signal.article));
    // Cheap reject before any tier work: no comparator, verb or carried signal, and no 目标
    // in the clause or sentence (so neither a tier word nor a list head can apply).
    if (comparator === null && !goalVerb && !carried && !ctext.includes('目标')) {
      if (scan.headTier === undefined) scan.headTier = readHeadTier(text, start, end, ctx.listTier ?? undefined);
      if (scan.headTier === null) continue;
    }

    walk ??= { tiers: [...ctext.matchAll(TIER_RE)].map((t) => ({ at: t.index, end: t.index + t[0].length, tier: tierOf(t[0]) })), idx: 0 };
    if (scan.headTier === undefined) scan.headTier = readHeadTier(text, start, end, ctx.listTier ?? undefined);
    const { tierHit, tierBefore } = tierWordAt(walk, prevEnd, vStart, vEnd);
    const headed = !tierHit && scan.headTier !== null && clause.start + vStart >= scan.headTier.at;
    // 力争/争取 before the figure (地区生产总值力争增长7%, 力争达到6.5%) sets the striving tier,
    // inside a targets paragraph too (rule `strive-tier`).
    // 争取 is weaker (争取每年解决*至*个: a plan, not a tier) unless it raises the figure itself.
    const strives = !tierHit && (/力争/.test(ctext.slice(prevEnd, vStart)) || STRIVE_BEFORE_RE.test(prefixWin));
    const tier: Tier = tierHit ? tierHit.tier : strives ? 'striving' : headed && scan.headTier ? scan.headTier.tier : null;
    if (comparator === null && tierHit === undefined && !headed && !goalVerb && !carried) continue;

    // Named rules that say this is not a target: the clause's own words first (cheap), then
    // the sentence's context.
    rules ??= NOT_TARGET_RULES.filter((r) => r.test.test(ctext));
    if (rules.some((r) => !r.units || r.units.test(unit!))) continue;
    const f = scan.facts();
    const absStart = clause.start + vStart;
    if (f.past !== null || f.pastSentence) continue;
    if (absStart < f.tailPastBefore) continue;
    if (absStart > f.attributedAfter) continue;

    const read = valueOf(aText, bText, magnitude);
    if (!read) continue;
    const { masked, value, valueMax } = read;
    const { metric, strivesPast } = metricOf(scan, ctext, { tierHit: tierBefore ? tierHit : undefined, tier, prefixWin, prevEnd, vStart, vEnd });
    scan.lastMetric = metric || scan.lastMetric;

    if (strivesPast) strivesPast.tier = 'expected';
    scan.out.push(clauseTarget(f, { metric, tier: strivesPast ? 'striving' : tier, value, valueMax, unit, comparator, masked }));
    prevEnd = vEnd;
    qualified = false;
  }

  // 单位GDP能耗下降完成省下达任务: a target whose figure the province sets. No number in the
  // text, so value null and masked false: the office enters the assigned figure.
  const pt = scan.out.length === before && ctext.includes('下达') ? ASSIGNED_RE.exec(ctext) : null;
  if (pt && (rules ??= NOT_TARGET_RULES.filter((r) => r.test.test(ctext))).length === 0) {
    const f = scan.facts();
    const at = clause.start + pt.index;
    const metric = cleanMetric(pt[1] ?? '');
    if (f.past === null && at >= f.tailPastBefore && at <= f.attributedAfter && metric !== '') {
      const tier = (scan.headTier ??= readHeadTier(text, start, end, ctx.listTier ?? undefined)) !== null && clause.start >= scan.headTier.at ? scan.headTier.tier : null;
      scan.out.push(clauseTarget(f, { metric, tier, value: null, valueMax: null, unit: null, comparator: null, masked: false }));
      scan.lastMetric = metric;
    }
  }
  scan.carriedSignal = clause.delim === '、' && scan.out.length > before;
  scan.distributive = carryDistributive(scan.distributive, scan.out.slice(before), ctext, clause.delim);
}

/**
 * What a figure measures, and the target it raises (rule `strive-pair`): the words before it;
 * else, after a tier word or 力争/争取, the indicator just named (工作目标*%以上 after 经济增长预期
 * 目标…, 力争7% after 增长6%); else the thing counted after the unit, as a tally (解决*至*个重点疑难
 * 问题 → 重点疑难问题解决数).
 */
function metricOf(
  scan: Scan,
  ctext: string,
  at: { tierHit: TierHit | undefined; tier: Tier; prefixWin: string; prevEnd: number; vStart: number; vEnd: number },
): { metric: string; strivesPast: Target | null } {
  const tierBefore = at.tierHit !== undefined;
  let metric = metricBefore(ctext, at.tierHit, at.prevEnd, at.vStart);
  let strivesPast: Target | null = null;
  if (metric === '' && (tierBefore || RESOLVE_BEFORE_RE.test(at.prefixWin))) {
    metric = scan.lastMetric;
    const prev = scan.out[scan.out.length - 1];
    // 增长6%左右，力争达到6.5%: without tier words, the figure after 力争/争取 is the striving
    // target and the figure it raises the expected one. Not when the clause names its own period
    // (今年增长6%，明年力争7%): that is another target.
    const ownPeriod = PERIOD_RE.test(ctext.slice(0, at.vStart));
    if (!tierBefore && (at.tier === null || at.tier === 'striving') && !ownPeriod && STRIVE_BEFORE_RE.test(at.prefixWin) && prev && prev.metric === metric && prev.tier === null && metric !== '') strivesPast = prev;
  } else if (metric === '' || GOAL_ONLY_RE.test(metric)) {
    const noun = (NOUN_AFTER_RE.exec(ctext.slice(at.vEnd, at.vEnd + 16))?.[0] ?? '').split(/目标|的/)[0] ?? '';
    if (noun) metric = metric ? `${noun}${metric}数` : noun;
  }
  return { metric, strivesPast };
}

/** Tier words of a clause and a pointer past those already behind the current figure. */
interface TierWalk {
  tiers: TierHit[];
  idx: number;
}

/**
 * The tier word of a figure: the nearest before it (since the previous figure), else one right
 * after it (突破****亿元的奋斗目标). Tier words and figures both run left to right, so one pointer
 * walks the tier words once per clause (a loop over all of them per figure would be quadratic).
 */
function tierWordAt(walk: TierWalk, prevEnd: number, vStart: number, vEnd: number): { tierHit: TierHit | undefined; tierBefore: boolean } {
  while (walk.idx < walk.tiers.length && walk.tiers[walk.idx]!.end <= vStart) walk.idx++;
  const prev = walk.tiers[walk.idx - 1];
  if (prev && prev.at >= prevEnd) return { tierHit: prev, tierBefore: true };
  const next = walk.tiers[walk.idx];
  return { tierHit: next && next.at >= vEnd && next.at - vEnd <= 4 ? next : undefined, tierBefore: false };
}

/**
 * The unit of a figure that may be ours, or null: not PM2.5, 第十四届 or a code like A3, not a
 * count inside a title (《稳就业十条措施》), not a rate (万元/吨), not a span of years (2023-2025年),
 * and not a figure without a unit.
 */
function figureUnit(g: Record<string, string | undefined>, ctext: string, vStart: number, vEnd: number): string | null {
  let unit: string | undefined = g.unit ?? (g.pct !== undefined ? '%' : undefined);
  if (unit === undefined && g.unitA !== undefined && g.b !== undefined) unit = g.unitA;
  if (unit === undefined || /[0-9A-Za-z第.．]/.test(ctext[vStart - 1] ?? '')) return null;
  if (ctext.lastIndexOf('《', vStart) > ctext.lastIndexOf('》', vStart)) return null;
  const after = ctext[vEnd] ?? '';
  if (after === '/' || after === '／') return null;
  if ((g.sep === '-' || g.sep === '—' || g.sep === '－') && g.b === undefined) return null;
  return unit;
}

/**
 * Whether a goal verb stands before the figure: right before it (增长5.5%), or a little earlier
 * when the figure is more than one bare Chinese digit (培育国家级专精特新企业3家). Bare 一/两/十 need
 * the verb right before them: that is where the rhetoric lives (两个维护, 一亩三分地, 十个手指), and
 * a bare 一/两 after a verb is an article (打造一个…), except 增长一倍. Null when the figure is a
 * specification (日处理能力3万吨) or an approximation (约20天), never a target.
 */
function goalSignal(a: string, unit: string, prefixWin: string, window20: string): { goalVerb: boolean; bareDigit: boolean; article: boolean } | null {
  if (/(?:能力|规模|容量|功率|等级|标准)$/.test(prefixWin)) return null;
  if (/约$/.test(prefixWin) && !/(?:节约|制约|集约|签约|履约)$/.test(prefixWin)) return null;
  const bareDigit = /^[一二三四五六七八九十两]$/.test(a);
  const article = (a === '一' || a === '两') && unit !== '倍';
  const goalVerb =
    (!article && GOAL_BEFORE_RE.test(prefixWin)) ||
    // 增长6%，力争7%: 力争/争取/确保 right before a figure raise the bar for the same indicator.
    (!bareDigit && RESOLVE_BEFORE_RE.test(prefixWin)) ||
    (!bareDigit && GOAL_ANYWHERE_RE.test(window20));
  return { goalVerb, bareDigit, article };
}

/**
 * Rule `distributive`: 分别增长5.5%、7%左右 — the comparator after the last figure of a 分别
 * series is how all of them are meant. Takes the series so far and this clause's targets; returns
 * the series still open.
 */
function carryDistributive(series: Target[], added: Target[], ctext: string, delim: string): Target[] {
  let open = series;
  if (open.length > 0 && added.length > 0) open = [...open, ...added];
  else if (ctext.includes('分别') && delim === '、' && added.length > 0) open = added;
  if (open.length > 0 && delim !== '、') {
    const last = open[open.length - 1]!.comparator;
    if (last !== null) for (const t of open) t.comparator ??= last;
    return [];
  }
  return open;
}

/** The figure's digits, range end, unit and magnitude (六万人 → 六 + 万人, 2万家 → 2 × 10⁴ 家). */
function quantityOf(g: Record<string, string | undefined>, unit0: string): { aText: string; bText: string | undefined; unit: string; magnitude: number } {
  let unit = unit0;
  let bText = g.b;
  const splitA = splitMagnitude(g.a ?? '', g.unitA ?? (bText === undefined ? unit : undefined));
  const aText = splitA.num;
  if (bText !== undefined) {
    const splitB = splitMagnitude(bText, unit);
    bText = splitB.num;
    unit = splitB.unit ?? unit;
  } else {
    unit = splitA.unit ?? unit;
  }
  // 2万家 / 3千套: an Arabic figure with a magnitude; 6万人 keeps 万人 as its unit.
  let magnitude = 1;
  if (g.mag !== undefined) {
    if (UNIT_SET.has(g.mag + unit)) unit = g.mag + unit;
    else magnitude = g.mag === '万亿' ? 1e12 : g.mag === '万' ? 1e4 : g.mag === '亿' ? 1e8 : 1e3;
  }
  return { aText, bText, unit: normalizeUnit(unit), magnitude };
}

/**
 * The comparator of a figure: a word before it (突破, 不少于, 控制在) or after its unit (左右, 以上,
 * 以内), and where the figure then ends. 'qualifier' when 以上 only says which things count
 * (10亿元以上项目10个: the count after it is the target; not 80%以上的县, a share).
 */
function comparatorAt(ctext: string, prefixWin: string, vEnd: number, more: boolean): { comparator: Comparator; end: number } | 'qualifier' {
  let comparator: Comparator = null;
  for (const [re, c] of PREFIX_COMPARATORS) if (re.test(prefixWin)) comparator = c;
  const suffix = SUFFIX_COMPARATOR_RE.exec(ctext.slice(vEnd, vEnd + 3));
  if (suffix) {
    const afterQ = ctext.slice(vEnd + suffix[0].length);
    if ((suffix[0] === '以上' || suffix[0] === '以下') && QUALIFIER_AFTER_RE.test(afterQ.slice(0, 4)) && !afterQ.startsWith('的') && hasCandidate(afterQ)) return 'qualifier';
    // 控制在5.5%左右 is about 5.5% (issue 10): 左右 says how the figure is meant.
    return { comparator: suffixComparator(suffix[0]), end: vEnd + suffix[0].length };
  }
  if (more && comparator === null) comparator = 'atLeast'; // 100多家: more than 100
  return { comparator, end: vEnd };
}

/** The value (and range end) of a figure, null both when masked; null when unreadable. */
function valueOf(aText: string, bText: string | undefined, magnitude: number): { masked: boolean; value: number | null; valueMax: number | null } | null {
  const masked = MASK_RE.test(aText) || (bText !== undefined && MASK_RE.test(bText));
  if (masked) return { masked, value: null, valueMax: null };
  const value = scaled(parseNumeral(aText), magnitude);
  const valueMax = bText !== undefined ? scaled(parseNumeral(bText), magnitude) : null;
  // An unreadable half of a range makes the whole range unreliable.
  if (value === null || (bText !== undefined && valueMax === null)) return null;
  return { masked, value, valueMax };
}

/**
 * The metric: what comes before the figure (or the tier word before it), cleaned. With a tier
 * word before the figure, the name is either between them, after a colon (主要预期目标是：地区生产
 * 总值增长5.5%左右), or before the tier word (经济增长预期目标按…).
 */
function metricBefore(ctext: string, tierHit: TierHit | undefined, prevEnd: number, vStart: number): string {
  if (!tierHit) return cleanMetric(ctext.slice(Math.max(prevEnd, vStart - 40), vStart));
  const between = ctext.slice(Math.max(tierHit.end, vStart - 40), vStart);
  const colon = Math.max(between.lastIndexOf('：'), between.lastIndexOf(':'));
  const named = cleanMetric(colon >= 0 ? between.slice(colon + 1) : between);
  return named !== '' && !GOAL_ONLY_RE.test(named) ? named : cleanMetric(ctext.slice(Math.max(prevEnd, tierHit.at - 40), tierHit.at));
}
