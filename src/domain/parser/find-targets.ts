/**
 * Pass 7, find targets: the measured figures the document sets (targets.ts reads one sentence).
 * Every prose sentence outside the review part, with the tier of a list head carried along its
 * list (rule `list-head-carry`: 主要预期目标是：A…；B…；C…。 is one list cut at ；).
 */
import type { SourceSpan, Target, Tier } from '../model';
import type { FlowItem } from './segment';
import type { Block } from './sections';
import { rowViews, type ResolvedTable } from './table-model';
import { extractTargets, listHeadTier } from './targets';

/**
 * Longest span handed to extractTargets at once. Real sentences stay far below it (the seed's
 * longest is 323 characters); a pasted table or a run of digits or * with no punctuation is cut
 * into windows, so a step that is slow on one huge sentence stays bounded per window and the
 * whole parse stays linear.
 */
const TARGET_WINDOW = 1000;

function targetWindows(text: string, span: SourceSpan): SourceSpan[] {
  if (span.end - span.start <= TARGET_WINDOW) return [span];
  const out: SourceSpan[] = [];
  let start = span.start;
  while (start < span.end) {
    let end = Math.min(span.end, start + TARGET_WINDOW);
    if (end < span.end) {
      // Prefer a clause break in the window's second half, so a target is rarely cut.
      let k = end;
      while (k > start + TARGET_WINDOW / 2 && !'，；：、,;: '.includes(text[k - 1]!)) k--;
      if (k > start + TARGET_WINDOW / 2) end = k;
    }
    out.push({ start, end });
    start = end;
  }
  return out;
}

export function findTargets(text: string, flow: readonly FlowItem[], tables: readonly ResolvedTable[], year: number, docDate: string | null = null): Target[] {
  const targets: Target[] = [];
  const newId = () => '';
  let listTier: Tier = null;
  let listBlock: Block | null = null;
  for (const item of flow) {
    if (item.kind !== 'sentence') continue;
    const s = item.sentence;
    if (s.block !== listBlock) {
      listTier = null;
      listBlock = s.block;
    }
    if (s.review) continue;
    const carried: Tier = listTier;
    // A breakdown notice's item (（七）新增托位2000个。, 目标任务：…) is a list of targets by its form.
    const lenient = s.block.isItem === true;
    for (const w of targetWindows(text, s.span)) targets.push(...extractTargets(text, w, { year, newId, listTier: carried, lenient, docDate }));
    const last = text[s.span.end - 1];
    listTier = last === '；' || last === ';' ? (listHeadTier(text.slice(s.span.start, s.span.end)) ?? carried) : null;
  }
  // Rule `target-list`: a table's task cell (新增学位1.2万个, 年度完成投资1.6亿元) counts what
  // the row delivers: every figure with a unit is a target.
  for (const t of tables) {
    for (const view of rowViews(t)) {
      for (const cell of view.cells.task ?? []) {
        if (cell.merged) continue;
        for (const w of targetWindows(text, cell.span)) targets.push(...extractTargets(text, w, { year, newId, lenient: true }));
      }
    }
  }
  targets.sort((a, b) => a.source.start - b.source.start);
  targets.forEach((g, i) => (g.id = `g${i + 1}`));
  return targets;
}
