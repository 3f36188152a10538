/**
 * parseSpeech: a government speech or task-breakdown notice in, a plan of tasks, targets and
 * sections out. Pure (no I/O; `new Date()` only when the caller gives no year at all), linear in
 * the text's length, and it never throws: one odd sentence becomes a warning, not a crash.
 *
 * Order of work: title line → sections and body blocks (sections.ts) → owner notation in each
 * block (owners.ts) → sentences (sentences.ts) → for every sentence its targets (targets.ts) and
 * its tasks (tasks.ts), each task with owners, deadline (deadlines.ts), flag and title (title.ts).
 */
import {
  Deadline,
  ParsedPlan,
  ParseWarning,
  SCHEMA_VERSION,
  Section,
  SourceSpan,
  Target,
  Task,
  Tier,
  Unit,
  OwnerRef,
} from '../model';
import { DEFAULT_UNITS } from '../units-registry';
import { defaultDeadline, detectPlanYear, findDeadline } from './deadlines';
import { extractTargets, listHeadTier } from './targets';
import { headingMarker, scanSections } from './sections';
import { splitSentences, trimSpan } from './sentences';
import { findNotations, inferOwners, MAX_INFERRED_CO, subjectOwners, type Notation } from './owners';
import { findTasks, isRetroTitle, opensRetroParagraph } from './tasks';
import { taskTitle } from './title';
import { textDocument, type SourceDocument } from './source-document';

export interface ParseOptions {
  /** The plan year when the text does not state one (the CLI's --year). */
  year?: number;
  /** Today's year, used when neither the text nor `year` gives one. */
  currentYear?: number;
  /** The office's edited units registry; replaces DEFAULT_UNITS. */
  units?: Unit[];
}

export const UNTITLED = '未命名讲话';
/** A first line longer than this is prose, not a title. */
const TITLE_LINE_MAX = 50;

function validYear(y: unknown): y is number {
  return typeof y === 'number' && Number.isInteger(y) && y >= 1900 && y <= 2200;
}

/** Pasted text or a .txt file. All spans index the text without its BOM (editors add one silently). */
export function parseSpeech(input: string, options: ParseOptions = {}): ParsedPlan {
  const raw = typeof input === 'string' ? input : '';
  return parseDocument(textDocument(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw), options);
}

/** Any document a reader produced (src/domain/parser/source-document.ts): its text and its tables. */
export function parseDocument(doc: SourceDocument, options: ParseOptions = {}): ParsedPlan {
  const text = typeof doc?.text === 'string' ? doc.text : '';
  const units = usableUnits(options.units);
  const warnings: ParseWarning[] = [];

  const stated = safe(() => detectPlanYear(text), null);
  let year: number;
  if (validYear(stated)) year = stated;
  else if (validYear(options.year)) year = options.year;
  else {
    year = validYear(options.currentYear) ? options.currentYear : new Date().getFullYear();
    if (!validYear(year)) year = 2000;
    if (text.trim().length > 0) {
      warnings.push({
        code: 'year-guessed',
        message: `文中未写明年份，按 ${year} 年计算时限，请核对`,
        source: null,
        itemId: null,
      });
    }
  }

  if (text.trim().length === 0) {
    return {
      schemaVersion: SCHEMA_VERSION,
      title: UNTITLED,
      year,
      sections: [],
      tasks: [],
      candidates: [],
      targets: [],
      warnings: [{ code: 'empty-text', message: '讲话文本为空，没有可提取的任务', source: null, itemId: null }],
    };
  }

  const titleLine = findTitleLine(text);
  const title = titleLine ? text.slice(titleLine.start, titleLine.end) : UNTITLED;
  const bodyFrom = titleLine ? titleLine.end : 0;
  const scan = scanSections(text, bodyFrom, text.length);
  const sections: Section[] = scan.sections;
  const retroSection = new Map<string, boolean>();
  for (const s of sections) {
    retroSection.set(s.id, isRetroTitle(s.title) || (s.parentId !== null && retroSection.get(s.parentId) === true));
  }

  const tasks: Task[] = [];
  const targets: Target[] = [];
  let targetCount = 0;
  const newTargetId = () => `g${++targetCount}`;
  /** Owners a notation gave each task; they replace subject and keyword owners. */
  const notationOwners = new Map<Task, OwnerRef[]>();
  /** Tasks whose deadline a notation's 完成时限 set: a later notation does not move it. */
  const notationDated = new Set<Task>();
  /** Tasks since the last notation in the current section: the next notation is theirs. */
  let pending: Task[] = [];
  let pendingSection: string | null | undefined;

  for (const block of scan.blocks) {
    if (block.sectionId !== pendingSection) {
      pending = [];
      pendingSection = block.sectionId;
    }
    const retroBySection = block.sectionId !== null && retroSection.get(block.sectionId) === true;
    const notations: Notation[] = safe(() => findNotations(text, block.start, block.end, units), []);
    // Body segments between notations, each followed by the notation that closes it (if any).
    const segments: { span: SourceSpan; closedBy: Notation | null }[] = [];
    let from = block.start;
    for (const n of notations) {
      segments.push({ span: { start: from, end: n.span.start }, closedBy: n });
      from = n.span.end;
    }
    segments.push({ span: { start: from, end: block.end }, closedBy: null });

    // `notationAhead`: a notation follows later in this block, so the sentence has explicit owners.
    const sentences: { span: SourceSpan; closedBy: Notation | null; notationAhead: boolean }[] = [];
    segments.forEach((seg, k) => {
      const ss = splitSentences(text, seg.span.start, seg.span.end);
      ss.forEach((span, i) => sentences.push({ span, closedBy: i === ss.length - 1 ? seg.closedBy : null, notationAhead: k < segments.length - 1 }));
      if (ss.length === 0 && seg.closedBy) applyNotation(seg.closedBy);
    });
    const firstText = sentences[0] ? text.slice(sentences[0].span.start, sentences[0].span.end) : '';
    const retro = retroBySection || opensRetroParagraph(firstText);

    // Rule `list-head-carry`: 主要预期目标是：A…；B…；C…。 is one list cut at ；: the head's tier
    // goes on to the items in the sentences after it, until a sentence ends in 。.
    let listTier: Tier = null;
    sentences.forEach((sent, index) => {
      // A review section or paragraph (一、2023年工作回顾 / 过去一年，…) reports results: its
      // numbers are last year's facts, neither targets nor tasks.
      if (retro) {
        if (sent.closedBy) applyNotation(sent.closedBy);
        return;
      }
      const carried = listTier;
      for (const w of targetWindows(text, sent.span)) {
        for (const t of safe(() => extractTargets(text, w, { year, newId: newTargetId, listTier: carried }), [])) targets.push(t);
      }
      const last = text[sent.span.end - 1];
      const continuesList = last === '；' || last === ';';
      listTier = continuesList ? (safe(() => listHeadTier(text.slice(sent.span.start, sent.span.end)), null) ?? carried) : null;
      {
        const subjects = safe(() => subjectOwners(text, sent.span, units), []);
        const drafts = safe(
          () =>
            findTasks(
              text,
              {
                span: sent.span,
                isPoint: block.isPoint && index === 0,
                isItem: block.isItem === true && index === 0,
                hasNextInParagraph: index < sentences.length - 1,
                explicitOwner: subjects.length > 0 || sent.notationAhead,
                notationAhead: sent.notationAhead,
              },
              units,
            ),
          [],
        );
        let opening: Deadline | null | undefined;
        for (const d of drafts) {
          const quote = text.slice(d.span.start, d.span.end);
          // The task's own words first; then the sentence's opening before its first task, so a
          // time word that opens the sentence (上半年，完成A，推进B) reaches every task in it,
          // while a 持续 or 年底前 inside a sibling directive does not leak into this one. The
          // opening is read once per sentence: reading the sentence up to each task would make a
          // long sentence of many tasks quadratic.
          if (opening === undefined) {
            const open = text.slice(sent.span.start, drafts[0]!.span.start);
            opening = open.length > 0 ? safe(() => findDeadline(open, year), null) : null;
          }
          const deadline = safe(() => findDeadline(quote, year), null) ?? opening ?? defaultDeadline(year);
          const task: Task = {
            id: `t${tasks.length + 1}`,
            title: safe(() => taskTitle(quote, d.titleFrom - d.span.start), quote.slice(0, 30)) || '未命名任务',
            quote,
            source: d.span,
            sectionId: block.sectionId,
            owners: suggestOwners(text, d.span, subjects, units),
            deadline,
            // 挂牌督办: the office lists the item as a key one; it is shown first everywhere.
            flagged: quote.includes('挂牌督办'),
          };
          tasks.push(task);
          pending.push(task);
        }
      }
      if (sent.closedBy) applyNotation(sent.closedBy);
    });
  }

  function applyNotation(n: Notation) {
    // Rule `notation-deadline`: a notice's 完成时限 is the official deadline of the items it
    // closes; it replaces whatever the item's own words suggested (the notice set it on purpose).
    const due = n.deadlineText ? safe(() => findDeadline(n.deadlineText!, year), null) : null;
    if (n.owners.length === 0 && !due) return;
    for (const t of pending) {
      if (n.owners.length > 0 && !notationOwners.has(t)) notationOwners.set(t, n.owners);
      if (due && !notationDated.has(t)) {
        notationDated.add(t);
        t.deadline = { ...due };
      }
    }
    pending = [];
  }

  for (const t of tasks) {
    const fromNotation = notationOwners.get(t);
    if (fromNotation) t.owners = fromNotation.map((o) => ({ ...o }));
  }
  const local = localLevel(tasks);
  for (const t of tasks) {
    if (local) t.owners = localizeSuggestions(t.owners, local);
    if (t.owners.length === 0) {
      warnings.push({ code: 'no-owner', message: `未找到责任单位：${t.title}`, source: { ...t.source }, itemId: t.id });
    }
  }
  for (const g of targets) {
    if (g.masked) {
      warnings.push({ code: 'masked-target', message: `目标值被遮盖，请填写：${g.metric || g.quote}`, source: { ...g.source }, itemId: g.id });
    }
  }

  return { schemaVersion: SCHEMA_VERSION, title, year, sections, tasks, candidates: [], targets, warnings };
}

/**
 * Rule `local-level`: a district's or county's speech names its own units (区应急管理局, 县水务局);
 * the registry is a city's. When explicit owners starting with 区 (or 县) outnumber those starting
 * with 市, the document is that level's, and a 市 suggestion is read as its local counterpart.
 */
function localLevel(tasks: readonly Task[]): '区' | '县' | null {
  const n = { 市: 0, 区: 0, 县: 0 };
  for (const t of tasks) {
    for (const o of t.owners) {
      // Departments only: a city's notice also names 区政府 or 县区人民政府 as owners.
      const first = o.name[0];
      if (!o.inferred && (first === '市' || first === '区' || first === '县') && LOCAL_DEPARTMENT_RE.test(o.name)) n[first]++;
    }
  }
  const level = n.区 >= n.县 ? '区' : '县';
  return n[level] >= 2 && n[level] > n.市 ? level : null;
}

/** 区应急管理局, 县水务局, 区消防救援大队: one level's department, not its government. */
const LOCAL_DEPARTMENT_RE = /^[市区县](?![区县市])[^政]{1,14}(?:局|委员会|委|办公室|办|中心|大队|支队)$/;

/** 市应急管理局 → 区应急管理局 for inferred owners only, dropping one that repeats a name. */
function localizeSuggestions(owners: OwnerRef[], level: '区' | '县'): OwnerRef[] {
  const out: OwnerRef[] = [];
  const seen = new Set<string>();
  for (const o of owners) {
    const name = o.inferred && o.name.startsWith('市') ? level + o.name.slice(1) : o.name;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name === o.name ? o : { ...o, name });
  }
  return out;
}

/**
 * Explicit subject owners first; then registry suggestions (inferred). With no explicit owner the
 * best suggestion leads and the next ones co-operate; next to an explicit owner suggestions are
 * only co-units. At most MAX_INFERRED_CO co-units, so the office reviews a short list.
 */
function suggestOwners(text: string, span: SourceSpan, subjects: OwnerRef[], units: Unit[]): OwnerRef[] {
  const owners: OwnerRef[] = subjects.map((o) => ({ ...o }));
  const taken = new Set(owners.map((o) => o.name));
  const suggested = safe(() => inferOwners(text, span, units, taken), []);
  let co = 0;
  for (const u of suggested) {
    if (owners.length === 0) owners.push({ name: u.name, role: 'lead', inferred: true });
    else if (co < MAX_INFERRED_CO) {
      owners.push({ name: u.name, role: 'co', inferred: true });
      co++;
    } else break;
  }
  return owners;
}

/** The first non-empty line, when it reads as a title: short, no sentence end, not a heading. */
function findTitleLine(text: string): SourceSpan | null {
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = trimSpan(text, start, end);
    if (line.end > line.start) {
      const s = text.slice(line.start, line.end);
      const looksLikeTitle =
        s.length <= TITLE_LINE_MAX &&
        !/[。！？!?；;]/.test(s) &&
        !/[：:，,]$/.test(s) &&
        headingMarker(text, line.start, line.end) === null;
      return looksLikeTitle ? line : null;
    }
    start = end + 1;
  }
  return null;
}

/**
 * The registry to use: the caller's (the office's edited list) or DEFAULT_UNITS. A registry read
 * from storage may hold a damaged entry; it is repaired here (missing lists become empty, entries
 * without a name are skipped) so one bad unit cannot silently switch off owner detection.
 */
function usableUnits(units: unknown): Unit[] {
  if (!Array.isArray(units)) return DEFAULT_UNITS;
  const strings = (xs: unknown): string[] => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string' && x.length > 0) : []);
  const ok = (u: unknown): u is Unit => {
    const x = u as Partial<Unit> | null;
    return !!x && typeof x.name === 'string' && Array.isArray(x.aliases) && Array.isArray(x.keywords) && x.aliases.every((a) => typeof a === 'string') && x.keywords.every((k) => typeof k === 'string');
  };
  if (units.every(ok)) return units;
  return units
    .filter((u): u is Partial<Unit> => !!u && typeof (u as Partial<Unit>).name === 'string' && (u as Partial<Unit>).name!.length > 0)
    .map((u) => ({ id: String(u.id ?? u.name), name: u.name!, kind: u.kind ?? 'other', aliases: strings(u.aliases), keywords: strings(u.keywords) }));
}

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

/** Runs a step; if it throws (it should not), keeps the fallback so one sentence never sinks all. */
function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
