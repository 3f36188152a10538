/**
 * Pass 4, find directives: which stretches of the document are tasks. In prose, the sentence
 * rules, clause heads and score of tasks.ts; in a table, every data row with a task cell. Each
 * directive remembers where it came from (its sentence, its row, the notation that closes it),
 * which is all the owner and deadline passes need.
 */
import type { Deadline, OwnerRef, SourceSpan, Unit } from '../model';
import type { DocumentFacts } from './classify';
import { readSubject, type Notation, type Subject } from './owners';
import type { FlowItem, SentenceSeg } from './segment';
import { rowViews, type ResolvedTable, type RowView } from './table-model';
import { findDeadline } from './deadlines';
import { parseNumeral } from './numerals';
import { listHeadTier } from './targets';
import { COMPLETION_VERBS, findTasks, opensWithDueDate } from './tasks';

export interface Directive {
  span: SourceSpan;
  /** Where the title starts (after subject and modal), in the text. */
  titleFrom: number;
  sectionId: string | null;
  /** The prose sentence it came from, or null for a table row. */
  sentence: SentenceSeg | null;
  row: RowView | null;
  /** Owners the sentence names as its subject (各部门要…, 市发展改革委要会同…), as written. */
  subjects: OwnerRef[];
  /**
   * The notations that close it (…。（牵头单位：…；完成时限：…））: one, or several on consecutive
   * lines (牵头单位：… / 责任单位：… / 完成时限：…).
   */
  notations: Notation[];
  score: number;
  reasons: string[];
  /** Why the parser doubts it (a candidate for the office to tick), or null for a task. */
  doubt: string | null;
  /**
   * The row of a list of numbered items closed by （责任单位：…；完成时限：…）: the third layout of a
   * pasted table (DOCUMENT-SHAPES.md), read as prose with its notation; null otherwise.
   */
  itemRow: number | null;
  /** Set by the later passes. */
  owners: OwnerRef[];
  deadline: Deadline | null;
}

/** Prose directives from the flow, in text order, each with the notation that closes it. */
/** A date the sentence is due by: 6月底前, 2027年12月底前, 年底前, 一季度, 30日内… (not 每年 or 持续 alone). */
// A period alone (上半年, 一季度) also dates results (上半年，全市重点项目开工85个): only a limit ("…前", 年内, 到2025年) counts.
const DUE_WORDS = /[0-9０-９一二三四五六七八九十]{1,2}月(?:底|末|[上中下]旬|[0-9０-９一二三四五六七八九十]{1,3}日)?(?:前|之前|以前)|年底前|年内|季度末?前|[0-9０-９]{4}年(?:底|末)?(?:前|以前)|[0-9０-９]{4}年[0-9０-９一二三四五六七八九十]{1,2}月|到[0-9０-９]{4}年|之日起[0-9０-９一二三四五六七八九十]+(?:个工作日|日|天|个月)内/;

export function statesDueDate(sentence: string, year: number): boolean {
  // Every due word holds 月, 年, 季 or 之日起: most sentences have none of them.
  if (!/[月年季之]/.test(sentence) || !DUE_WORDS.test(sentence)) return false;
  if (/之日起/.test(sentence)) return true;
  const d = findDeadline(sentence, year);
  return d !== null && d.due !== null && d.kind === 'date';
}

/**
 * Rule `reported-in-bulletin`: in a 督查通报 or a news report, 会议要求，… / 市长在会上强调，… tell
 * what was asked of others at a meeting; the bulletin's own directives are said in its own voice.
 */
const REPORTED_RE = /^[^，。；]{0,24}?(?:要求|强调|指出|提出|指示|表示|认为)[，,：:]/;
/**
 * Rule `reported-leader`: in any document, 县委书记在…会上强调，… / 省长指出，… reports a leader's
 * words; the speaker's own directives follow in the speaker's voice (我们要…, 县发改局要…).
 */
const REPORTED_LEADER_RE = /^[^，。；]{0,30}?(?:书记|省长|市长|县长|区长|州长|主任|主席|总书记|领导|同志)(?:在[^，。；]{1,30}?上)?(?:强调|指出|要求|提出|指示|表示)[，,：:]/;

/**
 * Rule `meeting-held`: 2026年5月12日，县长…主持召开县政府常务会议 / 5月12日上午，…主持召开… opens a
 * 纪要 or a report by telling when and by whom a meeting was held: a past event, not a task.
 */
const MEETING_HELD_RE = /^(?:(?:[0-9０-９]{4}|[〇零○一二三四五六七八九]{4})年)?[0-9０-９一二三四五六七八九十]{1,2}月[0-9０-９一二三四五六七八九十]{1,3}日(?:上午|下午|晚上)?[，,]?[^。；！？]{0,40}?主持(?:召开)?/;

function proseDirectives(text: string, flow: readonly FlowItem[], units: Unit[], facts: DocumentFacts, parentOf: (id: string) => string | null): Directive[] {
  const year = facts.year;
  const out: Directive[] = [];
  /** Directives since the last notation in the current section: the next notation is theirs. */
  let pending: Directive[] = [];
  /** The directives the last notation went to: a notation right after it (next line) is theirs too. */
  let closed: Directive[] = [];
  let pendingSection: string | null | undefined;
  /** The last directive that is a task (not a candidate): a milestone sentence may extend it. */
  let lastSure: Directive | null = null;
  /** Rule `targets-paragraph`: 主要预期目标是：A…；B…。 lists targets, not tasks. */
  let inTargetList: SentenceSeg['block'] | null = null;
  for (const item of flow) {
    const sectionId = item.kind === 'sentence' ? item.sentence.block.sectionId : item.sectionId;
    if (sectionId !== pendingSection) {
      if (!continuesList(text, pending, pendingSection, sectionId, parentOf)) {
        pending = [];
        closed = [];
      }
      pendingSection = sectionId;
    }
    if (item.kind === 'notation') {
      const n = item.notation;
      // A notation that names nobody and no time leaves its directives waiting for the next one.
      if (n.owners.length === 0 && !n.deadlineText) continue;
      if (pending.length > 0) closed = pending;
      for (const d of closed) {
        d.notations.push(n);
        d.itemRow ??= listRow(d, n);
      }
      pending = [];
      continue;
    }
    closed = [];
    const s = item.sentence;
    // The review of last year reports results: its sentences are neither tasks nor targets.
    if (s.review) continue;
    const sentenceText = text.slice(s.span.start, s.span.end);
    if (MEETING_HELD_RE.test(sentenceText)) continue;
    const listed: boolean = inTargetList === s.block || listHeadTier(sentenceText) !== null;
    inTargetList = listed && /[；;]$/.test(sentenceText) ? s.block : null;
    if (listed) continue;
    const opening = text.slice(s.span.start, Math.min(s.span.end, s.span.start + 70));
    const reported = (facts.kind === 'bulletin' && REPORTED_RE.test(opening)) || REPORTED_LEADER_RE.test(opening);
    let subject: Subject | null = null;
    let drafts: ReturnType<typeof findTasks> = [];
    try {
      subject = readSubject(text, s.span, units);
      drafts = findTasks(
        text,
        {
          span: s.span,
          isPoint: s.block.isPoint && s.index === 0,
          isItem: (s.block.isItem === true || s.block.listItem === true) && s.index === 0,
          hasNextInParagraph: s.index < s.count - 1,
          explicitOwner: subject !== null || s.notationAhead,
          notationAhead: s.notationAhead,
          predicateAt: subject?.predicateAt ?? -1,
          namedUnit: subject?.specific === true,
          explicitDeadline: statesDueDate(text.slice(s.span.start, s.span.end), year),
          year,
        },
        units,
      );
    } catch {
      // One odd sentence must not sink the plan: it simply gives no task.
    }
    // Rule `milestone-sentence`: 要加快推进A建设。年底前完成主体工程。 — a sentence that only gives
    // the previous directive's milestone (a time limit, a completion verb, no subject of its own)
    // is that directive's end, not a task of its own.
    const prev = lastSure;
    if (
      drafts.length === 1 &&
      !drafts[0]!.doubt &&
      !subject &&
      prev?.sentence &&
      prev.sentence.block === s.block &&
      prev.sentence.index === s.index - 1 &&
      opensWithDueDate(text, s.span) &&
      COMPLETION_VERBS.has(drafts[0]!.verb) &&
      findDeadline(text.slice(prev.span.start, prev.span.end), year) === null
    ) {
      prev.span = { start: prev.span.start, end: drafts[0]!.span.end };
      continue;
    }
    // Rule `subject-carries`: 要高度关注…风险，市住建局要牵头做好保交房工作，今年确保完成…交付5200套 — a
    // clause with no subject of its own goes on with the last unit named before it in the sentence.
    let carried = subject;
    for (const d of drafts) {
      if (reported && !d.doubt) d.doubt = '通报或报道转述的会议要求、领导讲话，可能不是本文的部署';
      // A later clause may name its own owner (原则同意…，由市住建局按程序印发实施); else the sentence's.
      const own = d.span.start > s.span.start ? readSubject(text, d.span, units) : null;
      if (own) carried = own;
      const directive: Directive = {
        span: d.span,
        titleFrom: d.titleFrom,
        sectionId: s.block.sectionId,
        sentence: s,
        row: null,
        subjects: (own ?? carried)?.owners ?? [],
        notations: [],
        score: d.score,
        reasons: d.reasons,
        doubt: d.doubt ?? null,
        itemRow: null,
        owners: [],
        deadline: null,
      };
      out.push(directive);
      if (directive.doubt === null) {
        pending.push(directive);
        lastSure = directive;
      }
    }
  }
  return out;
}

/**
 * Rule `list-items-notation`: ①新建托育机构3家；②新增学位3240个。（责任单位：…；完成时限：…） — sub-items
 * of one heading that end in ； are one list, and the notation after its last item is every
 * item's. A sibling item that ends in 。 is done: a later notation is not its.
 */
function continuesList(text: string, pending: readonly Directive[], from: string | null | undefined, to: string | null, parentOf: (id: string) => string | null): boolean {
  const last = pending[pending.length - 1];
  if (!last || !from || !to || parentOf(from) === null || parentOf(from) !== parentOf(to)) return false;
  const s = last.sentence;
  return s !== null && /[；;]\s*$/.test(text.slice(s.span.start, s.span.end));
}

/** 3. / （三） / （3）: the item's number, when a labelled notation (牵头单位：…) closes a numbered item. */
function listRow(d: Directive, n: Notation): number | null {
  const marker = d.sentence?.block.marker;
  if (!marker || !n.parts.some((p) => p.label.endsWith('单位') || p.label.endsWith('部门') || p.role === 'time')) return null;
  const digits = marker.replace(/[^0-9０-９一二三四五六七八九十百]/g, '');
  const row = parseNumeral(digits);
  return row !== null && Number.isInteger(row) && row > 0 ? row : null;
}

/** One directive per data row that has a task cell: the table already split the work. */
function rowDirectives(tables: readonly ResolvedTable[], sectionAt: (pos: number) => string | null): Directive[] {
  const out: Directive[] = [];
  for (const t of tables) {
    for (const view of rowViews(t)) {
      const task = view.cells.task![0]!;
      out.push({
        // The whole row (DocRow.span, issue 11's contract): the office finds the row by all its
        // cells, 序号 included; the title still starts at the task cell.
        span: { start: view.row.span.start, end: view.row.span.end },
        titleFrom: task.span.start,
        sectionId: sectionAt(view.row.span.start),
        sentence: null,
        row: view,
        subjects: [],
        notations: [],
        score: 0,
        reasons: ['table-row'],
        doubt: null,
        itemRow: null,
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
  parentOf: (id: string) => string | null = () => null,
): Directive[] {
  return [...proseDirectives(text, flow, units, facts, parentOf), ...rowDirectives(tables, sectionAt)].sort((a, b) => a.span.start - b.span.start);
}
