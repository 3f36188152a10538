/**
 * Pass 4, find directives: which stretches of the document are tasks. In prose, the sentence
 * rules, clause heads and score of tasks.ts; in a table, every data row with a task cell. Each
 * directive remembers where it came from (its sentence, its row, the notation that closes it),
 * which is all the owner and deadline passes need.
 */
import type { Deadline, OwnerRef, SourceSpan, Unit } from '../model';
import type { DocumentFacts } from './classify';
import { subjectOwners, type Notation } from './owners';
import type { FlowItem, SentenceSeg } from './segment';
import { rowViews, type ResolvedTable, type RowView } from './table-model';
import { findTasks } from './tasks';

export interface Directive {
  span: SourceSpan;
  /** Where the title starts (after subject and modal), in the text. */
  titleFrom: number;
  sectionId: string | null;
  /** The prose sentence it came from, or null for a table row. */
  sentence: SentenceSeg | null;
  row: RowView | null;
  /** Owners the sentence names as its subject (各部门要…, 市发展改革委要会同…). */
  subjects: OwnerRef[];
  /** The notation that closes it (…。（牵头单位：…；完成时限：…）), if any. */
  notation: Notation | null;
  score: number;
  reasons: string[];
  /** Set by the later passes. */
  owners: OwnerRef[];
  deadline: Deadline | null;
}

/** Prose directives from the flow, in text order, each with the notation that closes it. */
function proseDirectives(text: string, flow: readonly FlowItem[], units: Unit[]): Directive[] {
  const out: Directive[] = [];
  /** Directives since the last notation in the current section: the next notation is theirs. */
  let pending: Directive[] = [];
  let pendingSection: string | null | undefined;
  for (const item of flow) {
    const sectionId = item.kind === 'sentence' ? item.sentence.block.sectionId : item.sectionId;
    if (sectionId !== pendingSection) {
      pending = [];
      pendingSection = sectionId;
    }
    if (item.kind === 'notation') {
      const n = item.notation;
      // A notation that names nobody and no time leaves its directives waiting for the next one.
      if (n.owners.length === 0 && !n.deadlineText) continue;
      for (const d of pending) d.notation ??= n;
      pending = [];
      continue;
    }
    const s = item.sentence;
    // The review of last year reports results: its sentences are neither tasks nor targets.
    if (s.review) continue;
    let subjects: OwnerRef[] = [];
    let drafts: ReturnType<typeof findTasks> = [];
    try {
      subjects = subjectOwners(text, s.span, units);
      drafts = findTasks(
        text,
        {
          span: s.span,
          isPoint: s.block.isPoint && s.index === 0,
          isItem: s.block.isItem === true && s.index === 0,
          hasNextInParagraph: s.index < s.count - 1,
          explicitOwner: subjects.length > 0 || s.notationAhead,
          notationAhead: s.notationAhead,
        },
        units,
      );
    } catch {
      // One odd sentence must not sink the plan: it simply gives no task.
    }
    for (const d of drafts) {
      const directive: Directive = {
        span: d.span,
        titleFrom: d.titleFrom,
        sectionId: s.block.sectionId,
        sentence: s,
        row: null,
        subjects,
        notation: null,
        score: d.score,
        reasons: d.reasons,
        owners: [],
        deadline: null,
      };
      out.push(directive);
      pending.push(directive);
    }
  }
  return out;
}

/** One directive per data row that has a task cell: the table already split the work. */
function rowDirectives(tables: readonly ResolvedTable[], sectionAt: (pos: number) => string | null): Directive[] {
  const out: Directive[] = [];
  for (const t of tables) {
    for (const view of rowViews(t)) {
      const task = view.cells.task![0]!;
      out.push({
        span: { ...view.row.span },
        titleFrom: task.span.start,
        sectionId: sectionAt(view.row.span.start),
        sentence: null,
        row: view,
        subjects: [],
        notation: null,
        score: 0,
        reasons: ['table-row'],
        owners: [],
        deadline: null,
      });
    }
  }
  return out;
}

export function findDirectives(
  text: string,
  flow: readonly FlowItem[],
  tables: readonly ResolvedTable[],
  units: Unit[],
  sectionAt: (pos: number) => string | null,
  facts: DocumentFacts,
): Directive[] {
  void facts;
  return [...proseDirectives(text, flow, units), ...rowDirectives(tables, sectionAt)].sort((a, b) => a.span.start - b.span.start);
}
