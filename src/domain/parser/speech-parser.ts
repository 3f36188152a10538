/**
 * parseDocument: a government document in (a speech, a 政府工作报告, a task-breakdown notice with
 * its tables, a policy notice), a plan of tasks, targets and sections out. Pure (no I/O;
 * `new Date()` only when the caller gives no year at all), linear in the text's length, and it
 * never throws: one odd sentence becomes a warning, not a crash.
 *
 * A pipeline of passes over one document (docs/PARSER.md), each reading what the earlier ones
 * wrote and adding one kind of fact, each tested alone:
 *   read (the text and a reader's tables) → classify (kind, level, year, date; classify.ts)
 *   → segment (tables, sections, sentences, notations, the review part; segment.ts)
 *   → find directives (directives.ts) → attach owners (attach-owners.ts)
 *   → attach deadlines (attach-deadlines.ts) → find targets (find-targets.ts)
 *   → assemble the plan (assemble.ts).
 */
import { SCHEMA_VERSION, type ParsedPlan, type Unit } from '../model';
import { DEFAULT_UNITS } from '../units-registry';
import { assemble, UNTITLED } from './assemble';
import { attachDeadlines } from './attach-deadlines';
import { attachOwners } from './attach-owners';
import { classifyDocument, type DocumentFacts } from './classify';
import { findDirectives, type Directive } from './directives';
import { findTargets } from './find-targets';
import { segment, type Segments } from './segment';
import { textDocument, type SourceDocument } from './source-document';

export { UNTITLED };

export interface ParseOptions {
  /** The plan year when the text does not state one (the CLI's --year). */
  year?: number;
  /** Today's year, used when neither the text nor `year` gives one. */
  currentYear?: number;
  /** The office's edited units registry; replaces DEFAULT_UNITS. */
  units?: Unit[];
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
  const facts: DocumentFacts = safe(() => classifyDocument(text, Array.isArray(doc?.tables) && doc.tables.length > 0, options), {
    kind: 'speech',
    level: null,
    year: fallbackYear(options),
    yearFrom: 'today',
    date: null,
    thisYear: fallbackYear(options),
  });
  if (text.trim().length === 0) {
    return {
      schemaVersion: SCHEMA_VERSION,
      title: UNTITLED,
      year: facts.year,
      sections: [],
      tasks: [],
      candidates: [],
      targets: [],
      warnings: [{ code: 'empty-text', message: '讲话文本为空，没有可提取的任务', source: null, itemId: null }],
    };
  }
  const segs: Segments = safe(() => segment(doc, text, units, facts.year, facts.date), { title: null, sections: [], flow: [], tables: [] });
  const title = segs.title ? text.slice(segs.title.start, segs.title.end) : UNTITLED;
  const sectionAt = sectionFinder(segs);
  const parents = new Map(segs.sections.map((s) => [s.id, s.parentId]));
  const directives: Directive[] = safe(() => findDirectives(text, segs.flow, segs.tables, units, sectionAt, facts, (id) => parents.get(id) ?? null), []);
  safe(() => attachOwners(text, directives, units, facts), undefined);
  safe(() => attachDeadlines(text, directives, facts.year, facts.date, facts.thisYear), undefined);
  const targets = safe(() => findTargets(text, segs.flow, segs.tables, facts.year, facts.date), []);
  return assemble(text, title, facts, segs.sections, directives, targets);
}

/** The innermost section open at a position: the last one that starts before it. */
function sectionFinder(segs: Segments): (pos: number) => string | null {
  const starts = segs.sections.map((s) => s.source.start);
  return (pos) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? segs.sections[lo - 1]!.id : null;
  };
}

function fallbackYear(options: ParseOptions): number {
  const ok = (y: unknown): y is number => typeof y === 'number' && Number.isInteger(y) && y >= 1900 && y <= 2200;
  if (ok(options.year)) return options.year;
  if (ok(options.currentYear)) return options.currentYear;
  const now = new Date().getFullYear();
  return ok(now) ? now : 2000;
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

/** Runs a pass; if it throws (it should not), keeps the fallback so one pass never sinks the plan. */
function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}
