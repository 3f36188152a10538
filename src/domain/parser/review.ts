/**
 * The review part of a document: where a 政府工作报告 (and many speeches) report last year's
 * results. Everything in it is a past fact: no task, no target, whatever verbs and figures it
 * holds (全年地区生产总值增长5.8%, 完成城市更新项目62个). A report's review runs for pages, so it
 * is marked by structure, not by looking back a bounded distance from each figure:
 * - rule `review-section`: a section whose heading reviews (一、2025年工作回顾, 过去五年工作回顾,
 *   （一）主要成绩) and all its subsections, up to the next heading of its level;
 * - rule `review-paragraph`: a paragraph that opens with a review word (过去一年, 一年来, 去年,
 *   2025年， for a year before the plan year), and the paragraphs after it that carry on
 *   reporting: no heading, no turn to the year ahead (今年, 新的一年, 当前…), no directive modal.
 */
import type { Section } from '../model';
import { isNonModalYao } from './owners';
import type { Block } from './sections';

/** A heading that reviews: 回顾, 总结, 成绩, 一年来… but not one that also names the plan ahead. */
const REVIEW_HEADING_RE = /回顾|总结|成绩|工作情况|过去[的一五几两三]|一年来|五年来|主要成效|取得的成效/;
const PLAN_HEADING_RE = /安排|计划|打算|思路|重点|任务|目标|要求|建议|部署/;

export function isReviewHeading(title: string): boolean {
  return REVIEW_HEADING_RE.test(title) && !PLAN_HEADING_RE.test(title);
}

/** Openers of a paragraph that reports the past. A year is judged by the caller (yearOpener). */
// 会议听取了…的汇报 / 据统计: what a meeting was told, or the statistics, report how things stand.
const REVIEW_OPENER_RE = /^(?:过去的?一年|过去[五几两三]年|去年|上一年|一年来|五年来|近年来|今年以来|回顾过去|回顾[0-9０-９]{4}年|[^，,。]{0,10}以来[，,]|会议听取了?|据统计|经统计)/;
const YEAR_OPENER_RE = /^([0-9０-９]{4})年(?:[，,]|我们|全[市县区省]|面对)/;
/** A paragraph that turns to the year ahead, or to what must be done, ends a review. */
const FORWARD_OPENER_RE = /^(?:今年|新的一年|明年|当前|下一步|下步|今后|未来|接下来|为此|展望|同志们|各位代表|总的看|总体要求|主要预期目标|我们也要|我们也|同时|但|在看到成绩|在肯定成绩|成绩来之不易|这些成绩)/;
const FORWARD_MODAL_RE = /必须|务必|确保|力争|我们将|要求/;

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
export function opensReview(opening: string, planYear: number): boolean {
  const s = opening.replace(/^[\s（(【]*/, '');
  if (REVIEW_OPENER_RE.test(s)) return true;
  const y = YEAR_OPENER_RE.exec(s);
  return y !== null && Number(toAsciiDigits(y[1]!)) < planYear;
}

/**
 * For each block, whether it is part of the review.
 * Linear: one walk over the sections and one over the blocks.
 */
export function markReview(sections: readonly Section[], blocks: readonly Block[], text: string, planYear: number): boolean[] {
  const reviewSection = new Map<string, boolean>();
  for (const s of sections) reviewSection.set(s.id, isReviewHeading(s.title) || (s.parentId !== null && reviewSection.get(s.parentId) === true));
  const out: boolean[] = [];
  let carrying = false;
  let lastSection: string | null | undefined;
  for (const b of blocks) {
    if (b.sectionId !== lastSection) {
      // A new heading ends a review paragraph's run (not a review section's: that is by section).
      carrying = false;
      lastSection = b.sectionId;
    }
    const bySection = b.sectionId !== null && reviewSection.get(b.sectionId) === true;
    const opening = text.slice(b.start, Math.min(b.end, b.start + 24));
    if (opensReview(opening, planYear)) carrying = true;
    else if (carrying && (b.isPoint || FORWARD_OPENER_RE.test(opening) || hasModal(text.slice(b.start, Math.min(b.end, b.start + 400))))) carrying = false;
    out.push(bySection || carrying);
  }
  return out;
}
