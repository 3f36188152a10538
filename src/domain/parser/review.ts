/**
 * The review part of a document: where a 政府工作报告 (and many speeches) report last year's
 * results. Everything in it is a past fact: no task, no target, whatever verbs and figures it
 * holds (全年地区生产总值增长5.8%, 完成城市更新项目62个). A report's review runs for pages, so it
 * is marked by structure, not by looking back a bounded distance from each figure:
 * - rule `review-section`: a section whose heading reviews (一、2025年工作回顾, 过去五年工作回顾,
 *   （一）主要成绩) and all its subsections, up to the next heading of its level;
 * - rule `review-paragraph`: a paragraph that opens with a review word (过去一年, 一年来, 去年,
 *   2025年， for a year before the plan year), and the paragraphs after it that carry on
 *   reporting: no heading, no turn to the year ahead (今年, 新的一年, 当前…), no directive modal;
 * - rule `review-run`: a review paragraph carries on into the numbered parts after it while their
 *   headings report (（一）项目建设提速增效, ——城乡面貌持续改善: a noun, then how it went), not
 *   while they direct (（一）坚持项目为王，全力以赴扩投资) or name the plan (2025年主要目标和重点工作);
 * - rule `situation-section`: a speech's part that analyses the situation (一、认清形势，正视问题;
 *   客观看待当前经济形势，切实增强…信心和决心) reports results, others' figures and problems;
 * - rule `period-over`: a paragraph opening with a period over before the document's date
 *   (一季度，… in a speech of April) reports that period's results.
 */
import type { Section, Unit } from '../model';
import { isNonModalYao } from './owners';
import { unitNameAt } from './unit-names';
import type { Block } from './sections';

/** A heading that reviews: 回顾, 总结, 成绩, 一年来… but not one that also names the plan ahead. */
// A 督查通报's 一、总体情况 / 二、存在问题 / 主要做法 report how things stand, like a report's review.
const REVIEW_HEADING_RE = /回顾|总结|成绩|工作情况|过去[的一五几两三]|一年来|五年来|主要成效|取得的成效|^(?:总体|基本|进展|推进|完成|督查|检查)情况$|^(?:存在的?|主要|突出)问题$|^问题和不足$|^(?:主要|经验)做法$/;
const PLAN_HEADING_RE = /安排|计划|打算|思路|重点|任务|目标|要求|建议|部署/;

export function isReviewHeading(title: string): boolean {
  return (REVIEW_HEADING_RE.test(title) || isSituationHeading(title)) && !PLAN_HEADING_RE.test(title);
}

/**
 * Rule `situation-section`: every part of the heading looks at the situation (认清形势, 正视问题,
 * 客观看待成绩, 清醒认识当前安全生产形势) or states an attitude (切实增强…的信心和决心), and one
 * names 形势. A heading that also directs work (认清形势，抓好今年重点工作) or puts the situation to
 * use (把认清形势作为抓落实的首要前提) is not one.
 */
const SITUATION_PART_RE = /^(?:客观|清醒|准确|深刻|全面|正确|冷静|理性|辩证)?(?:地)?(?:看待|认识|认清|把握|分析|研判|正视|直面|审视|看清)(?:当前|今年|面临的|我[市县区省])?[\u4e00-\u9fff]{0,8}(?:形势|问题|成绩|差距|挑战|短板|不足)$/;
const ATTITUDE_PART_RE = /^(?:切实|进一步|不断)?(?:增强|坚定|提振|统一|提高)[\u4e00-\u9fff]{0,14}(?:信心|决心|意识|紧迫感|责任感|使命感|思想|认识)$/;
function isSituationHeading(title: string): boolean {
  if (!title.includes('形势')) return false;
  const parts = title.split(/[，,；;\s]+/).filter((p) => p.length > 0);
  return parts.some((p) => p.includes('形势')) && parts.every((p) => SITUATION_PART_RE.test(p) || ATTITUDE_PART_RE.test(p));
}

/**
 * Rule `review-run`: a heading that reports is one short clause naming what it reports on and how
 * it went (项目建设提速增效, 城乡面貌明显改观, 安全稳定底线牢牢守住, 政府自身建设切实加强); one that
 * directs opens with a verb or an adverb of effort (坚持项目为王，…; 扎实推进项目建设; 持续优化营商环境).
 */
const DIRECTING_HEADING_RE =
  /^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+)?(?:要|坚持|坚定|坚决|推进|推动|加快|加强|加大|全力|全面|着力|扎实|大力|持续|深化|深入|强化|抓|聚焦|突出|狠抓|做好|办好|提升|提高|实施|优化|打造|建设|守牢|守住|切实|积极|统筹|促进|培育|发展|构建|健全|完善|落实|保障|防范|化解|稳|扩大|激发|增强|千方百计|锚定|紧盯|围绕|以|筑牢|兜牢|压实|严格|进一步|更加|奋力|争创|创建|树立|加速|夯实|建立|推行|改善|提振|营造|巩固|拓展|实现|原则同意|同意|研究|议定|决定|关于)/;
const REPORTED_END_RE =
  /(?:优化|改善|提升|增强|加强|推进|改观|提高|巩固|突破|守住|守牢|向好|进步|增进|集聚|壮大|增效|提速|有力|有效|牢固|明显|显著|加快|见效|深化|完善|彰显|凸显|扩大|稳定|平稳|良好|跃升|攀升|成效|进展|成绩|成果|新高|丰硕|落地|落实|转型|升级|发展|增长|繁荣|进位|争先|领先|前列|有进|有升|有序|可控|提质|提效|见效|新成效|新进展|新突破)$/;
export function isReportingHeading(title: string): boolean {
  const t = title.replace(/^[\s——－-]+/, '').replace(/[。！；;]+$/, '');
  return t.length <= 18 && !/[，,：:]/.test(t) && !PLAN_HEADING_RE.test(t) && !DIRECTING_HEADING_RE.test(t) && REPORTED_END_RE.test(t);
}

/** Openers of a paragraph that reports the past. A year is judged by the caller (yearOpener). */
// 会议听取了…的汇报 / 据统计: what a meeting was told, or the statistics, report how things stand.
const REVIEW_OPENER_RE = /^(?:过去的?一年|过去[五几两三]年|去年|上一年|一年来|五年来|近年来|今年以来|回顾过去|回顾[0-9０-９]{4}年|[^，,。]{0,10}以来[，,]|会议听取了?|据统计|经统计)/;
const YEAR_OPENER_RE = /^([0-9０-９]{4})年(?:[，,]|我们|全[市县区省]|面对)/;
/** A paragraph that turns to the year ahead, or to what must be done, ends a review. */
const FORWARD_OPENER_RE = /^(?:今年|新的一年|明年|当前|下一步|下步|今后|未来|接下来|为此|展望|同志们|各位代表|总的看|总体要求|主要预期目标|我们也要|我们也|同时|但|在看到成绩|在肯定成绩|成绩来之不易|这些成绩|会议(?:要求|强调|指出|提出|明确|议定|决定|研究|同意|认为|确定))/;
/** A line that names the plan ahead (2025年主要目标和重点工作, 今年工作安排) ends a review run. */
const PLAN_LINE_RE = /主要(?:预期)?目标|重点工作|工作安排|总体要求|目标任务|工作任务|主要任务/;
// 要求 alone is not one: 严格落实过紧日子要求 reports; 会议要求 opens a paragraph (FORWARD_OPENER_RE).
const FORWARD_MODAL_RE = /必须|务必|确保|力争|我们将/;

/** A directive modal in the paragraph: 要 as "must" (not in 主要, 重要, 需要). */
function hasModal(s: string): boolean {
  if (FORWARD_MODAL_RE.test(s)) return true;
  for (let i = s.indexOf('要'); i >= 0; i = s.indexOf('要', i + 1)) if (!isNonModalYao(s, i)) return true;
  return false;
}

function toAsciiDigits(s: string): string {
  return s.replace(/[０-９]/g, (d) => String(d.charCodeAt(0) - 0xff10));
}

/** Whether a paragraph's opening words report the past (a year before the plan year counts). */
export function opensReview(opening: string, planYear: number, docDate: string | null = null): boolean {
  const s = opening.replace(/^[\s（(【]*/, '');
  if (REVIEW_OPENER_RE.test(s)) return true;
  if (periodOverOpener(s, planYear, docDate)) return true;
  const y = YEAR_OPENER_RE.exec(s);
  return y !== null && Number(toAsciiDigits(y[1]!)) < planYear;
}

/** 2026年是…, 2026年，全市… in a plan for 2026: the paragraph speaks of the year ahead. */
const PLAN_YEAR_OPENER_RE = /^([0-9０-９]{4})年/;
function opensPlanYear(s: string, planYear: number): boolean {
  const y = PLAN_YEAR_OPENER_RE.exec(s);
  return y !== null && Number(toAsciiDigits(y[1]!)) >= planYear;
}

/** Rule `period-over`: 一季度，… / 上半年，… / 1—5月，… when that period ended before the document's date. */
const PERIOD_OPENER_RE = /^(?:第?一季度|首季|上半年|前三季度|1[—\-－~至到]([0-9０-９]{1,2})月|([0-9０-９]{1,2})月份?)(?:以来)?[，,]/;
export function periodOverOpener(s: string, year: number, docDate: string | null): boolean {
  if (!docDate) return false;
  const m = PERIOD_OPENER_RE.exec(s);
  if (!m) return false;
  const month = /一季度|首季/.test(m[0]) ? 3 : m[0].startsWith('上半年') ? 6 : m[0].startsWith('前三季度') ? 9 : Number(toAsciiDigits((m[1] ?? m[2])!));
  if (!(month >= 1 && month <= 12)) return false;
  const end = `${year}-${String(month).padStart(2, '0')}-31`;
  // The period's last day is at most the 31st: a document dated after it was written once it was over.
  return docDate.slice(0, 7) > end.slice(0, 7);
}

/**
 * For each block, whether it is part of the review.
 * Linear: one walk over the sections and one over the blocks.
 */
export function markReview(
  sections: readonly Section[],
  blocks: readonly Block[],
  text: string,
  planYear: number,
  docDate: string | null = null,
  /** Filled when given: whether a block is review by its opening words only (not by its section). */
  byOpening: boolean[] = [],
): boolean[] {
  const reviewSection = new Map<string, boolean>();
  const byId = new Map<string, Section>();
  for (const s of sections) {
    byId.set(s.id, s);
    reviewSection.set(s.id, isReviewHeading(s.title) || (s.parentId !== null && reviewSection.get(s.parentId) === true));
  }
  const out: boolean[] = [];
  let carrying = false;
  let lastSection: string | null | undefined;
  for (const b of blocks) {
    if (b.sectionId !== lastSection) {
      // A new heading ends a review paragraph's run (not a review section's: that is by section),
      // unless it reports too (rule `review-run`: （一）项目建设提速增效。全年实施…).
      const section = b.sectionId === null ? undefined : byId.get(b.sectionId);
      carrying = carrying && section !== undefined && isReportingHeading(section.title);
      lastSection = b.sectionId;
    }
    const bySection = b.sectionId !== null && reviewSection.get(b.sectionId) === true;
    const opening = text.slice(b.start, Math.min(b.end, b.start + 24)).replace(/^[\s\u3000]+/, '');
    if (opensReview(opening, planYear, docDate)) carrying = true;
    else if (
      carrying &&
      (b.isPoint || FORWARD_OPENER_RE.test(opening) || opensPlanYear(opening, planYear) || PLAN_LINE_RE.test(opening) || hasModal(text.slice(b.start, Math.min(b.end, b.start + 400))))
    )
      carrying = false;
    out.push(bySection || carrying);
    byOpening.push(!bySection && carrying);
  }
  return out;
}

/**
 * Rule `review-turn`: （三）加快水毁工程修复。去年汛期损毁的247处设施，目前已修复198处。市水利局要督促
 * 各地加快剩余工程修复进度… — inside a paragraph that opened by looking back, a sentence whose
 * subject is one named unit with a modal (市水利局要, 县财政局负责; not 各单位要, an exhortation)
 * turns to the work ahead: it and the rest of the paragraph are not review. A review section's
 * sentences never turn.
 */
const TURN_VERB_RE = /^(?:要(?!求)|将(?!近)|负责|牵头|会同|必须|务必)/;
export function turnsToWork(text: string, span: { start: number; end: number }, units: Unit[]): boolean {
  let at = span.start;
  while (at < span.end && /[\s\u3000]/.test(text[at]!)) at++;
  const hit = unitNameAt(text, at, span.end, units);
  return hit !== null && !hit.collective && TURN_VERB_RE.test(text.slice(hit.end, hit.end + 3));
}
