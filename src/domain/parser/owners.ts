/**
 * Who owns a task. Three sources, in the order an office trusts them:
 * 1. task-breakdown notation: （牵头单位：市人事局，配合单位：市财政局、市教育局） or a line
 *    责任领导：…；牵头单位：…；责任单位：… (explicit, inferred: false);
 * 2. the subject of the directive: 各位副市长要… / 各部门“一把手”要… / 市发展改革委要…
 *    (explicit, inferred: false);
 * 3. the units registry's keywords found in the directive: 土地 → 市自然资源和规划局
 *    (a suggestion, inferred: true; the office confirms it).
 */
import type { OwnerRef, OwnerRole, SourceSpan, Unit } from '../model';
import { PhraseMatcher } from './phrase-matcher';
import { canonicalName, registryOf } from './registry';

export { canonicalName, registryOf };

/**
 * Labels of task-breakdown notation and the role each gives. 责任单位 is settled per notation.
 * 'time' labels (完成时限：2025年6月底前) carry the item's deadline, never an owner: a notice
 * writes them in the same bracket as the units (rule `notation-deadline`).
 */
type LabelRole = OwnerRole | 'resp' | 'time';
const LABELS: readonly (readonly [string, LabelRole])[] = [
  ['完成时限', 'time'],
  ['完成时间', 'time'],
  ['完成期限', 'time'],
  ['时间节点', 'time'],
  ['时限要求', 'time'],
  ['办结时限', 'time'],
  ['牵头单位', 'lead'],
  ['牵头部门', 'lead'],
  ['主办单位', 'lead'],
  ['牵头领导', 'lead'],
  ['责任领导', 'lead'],
  ['分管领导', 'lead'],
  ['配合单位', 'co'],
  ['配合部门', 'co'],
  ['协办单位', 'co'],
  ['参与单位', 'co'],
  ['协同单位', 'co'],
  ['责任单位', 'resp'],
  ['责任部门', 'resp'],
];
const labelMatcher = new PhraseMatcher<LabelRole>(LABELS);

/** Longest sensible owner name; longer runs are prose, not a name. */
const MAX_NAME = 40;

export interface Notation {
  /** The whole notation, brackets included: excluded from task quotes. */
  span: SourceSpan;
  owners: OwnerRef[];
  /** The words after a 完成时限 label (2025年6月底前, 长期坚持), for findDeadline; else null. */
  deadlineText: string | null;
}

function isOpenBracket(ch: string | undefined): boolean {
  return ch === '（' || ch === '(' || ch === '【' || ch === '[';
}
function isCloseBracket(ch: string | undefined): boolean {
  return ch === '）' || ch === ')' || ch === '】' || ch === ']';
}

/** How far an unlabelled bracket is searched for its close: keeps the scan linear. */
const MAX_ROLE_BRACKET = 120;

/** The index just after the bracket that closes the one at `open`, or -1 (nesting respected). */
function matchingClose(text: string, open: number, end: number, maxLen: number): number {
  let depth = 0;
  const limit = Math.min(end, open + maxLen);
  for (let j = open; j < limit; j++) {
    if (isOpenBracket(text[j])) depth++;
    else if (isCloseBracket(text[j])) {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return -1;
}

/**
 * Finds notations in text[start, end): a bracket that opens with a label
 * (（牵头单位：…，配合单位：…）), a bracketed label followed by names (【牵头单位】市发展改革委),
 * a line that starts with a label (责任领导：…；牵头单位：…), or a bracket of names with role
 * words (（市发展改革委牵头，市财政局配合）). Linear: every bracket is passed once.
 */
export function findNotations(text: string, start: number, end: number, units: Unit[]): Notation[] {
  const found: Notation[] = [];
  let i = start;
  while (i < end) {
    if (i === start && labelMatcher.matchAt(text, i, end)) {
      found.push(notationOf({ start: i, end }, text.slice(i, end), units));
      break;
    }
    if (!isOpenBracket(text[i])) {
      i++;
      continue;
    }
    const label = labelMatcher.matchAt(text, i + 1, end);
    if (label) {
      const close = matchingClose(text, i, end, end - i);
      if (close === label.end + 1) {
        // 【牵头单位】市发展改革委【配合单位】市财政局: the names follow the bracket, up to the
        // next bracket or the end of the line.
        let stop = close;
        while (stop < end && !isOpenBracket(text[stop])) stop++;
        found.push(notationOf({ start: i, end: stop }, `${label.phrase}：${text.slice(close, stop)}`, units));
        i = stop;
      } else {
        const stop = close < 0 ? end : close;
        found.push(notationOf({ start: i, end: stop }, text.slice(i + 1, close < 0 ? end : close - 1), units));
        i = stop;
      }
      continue;
    }
    const close = matchingClose(text, i, end, MAX_ROLE_BRACKET);
    const owners = close < 0 ? null : parseRoleSuffixNotation(text.slice(i + 1, close - 1), units);
    if (owners) {
      found.push({ span: { start: i, end: close }, owners, deadlineText: null });
      i = close;
    } else i++;
  }
  return mergeAdjacent(text, found);
}

/** 【牵头单位】A【配合单位】B is one notation: neighbours with only spaces or ；between merge. */
function mergeAdjacent(text: string, notations: Notation[]): Notation[] {
  const out: Notation[] = [];
  for (const n of notations) {
    const prev = out[out.length - 1];
    if (prev && /^[\s\u3000；;，,]*$/.test(text.slice(prev.span.end, n.span.start))) {
      prev.span = { start: prev.span.start, end: n.span.end };
      for (const o of n.owners) if (!prev.owners.some((p) => p.name === o.name)) prev.owners.push(o);
      prev.deadlineText ??= n.deadlineText;
    } else out.push({ span: n.span, owners: [...n.owners], deadlineText: n.deadlineText });
  }
  return out;
}

const LEAD_SUFFIXES = ['牵头负责', '牵头', '负责', '主责'];
const CO_SUFFIXES = ['配合', '参与', '协助', '协同'];
const UNIT_SUFFIXES = ['局', '委', '办', '政府', '中心', '公司', '院', '部', '室', '委员会', '办公室', '区', '县', '市长', '同志'];

/**
 * （市发展改革委牵头，市财政局、市统计局配合）: each part ends in a role word and names only
 * units. Anything else is an ordinary aside, not a notation: null.
 */
export function parseRoleSuffixNotation(content: string, units: Unit[]): OwnerRef[] | null {
  const owners: OwnerRef[] = [];
  const parts = splitTopLevel(content, '，,；;');
  if (parts.length === 0) return null;
  for (const part of parts) {
    const p = part.trim();
    const lead = LEAD_SUFFIXES.find((w) => p.endsWith(w));
    const co = lead ? undefined : CO_SUFFIXES.find((w) => p.endsWith(w));
    const suffix = lead ?? co;
    if (!suffix) return null;
    const names = splitNames(p.slice(0, p.length - suffix.length));
    if (names.length === 0) return null;
    for (const raw of names) {
      const name = canonicalName(raw, units);
      if (name === raw && !UNIT_SUFFIXES.some((x) => raw.endsWith(x))) return null;
      if (!owners.some((o) => o.name === name)) owners.push({ name, role: lead ? 'lead' : 'co', inferred: false });
    }
  }
  return owners;
}

function splitTopLevel(s: string, seps: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (isOpenBracket(ch)) depth++;
    else if (isCloseBracket(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && seps.includes(ch!)) {
      if (i > from) out.push(s.slice(from, i));
      from = i + 1;
    }
  }
  if (s.length > from) out.push(s.slice(from));
  return out;
}

function notationOf(span: SourceSpan, inside: string, units: Unit[]): Notation {
  const parts = notationParts(inside);
  return { span, owners: ownersOf(parts, units), deadlineText: parts.find((p) => p.role === 'time')?.value.trim().replace(/[。；;，,]+$/, '') || null };
}

/** Owners from the inside of a notation: 牵头单位：A，配合单位：B、C. */
export function parseNotation(s: string, units: Unit[]): OwnerRef[] {
  return ownersOf(notationParts(s), units);
}

interface NotationPart {
  label: string;
  role: LabelRole;
  value: string;
}

function notationParts(s: string): NotationPart[] {
  const parts: NotationPart[] = [];
  let i = 0;
  let current: { label: string; role: LabelRole; from: number } | null = null;
  while (i < s.length) {
    const hit = labelMatcher.matchAt(s, i);
    if (hit) {
      if (current) parts.push({ label: current.label, role: current.role, value: s.slice(current.from, i) });
      let from = hit.end;
      if (s[from] === '：' || s[from] === ':') from++;
      current = { label: hit.phrase, role: hit.value, from };
      i = from;
    } else i++;
  }
  if (current) parts.push({ label: current.label, role: current.role, value: s.slice(current.from) });
  return parts;
}

function ownersOf(parts: NotationPart[], units: Unit[]): OwnerRef[] {
  // A lead *unit*; a 责任领导 (a leader) next to 责任单位 leaves the units as the doers.
  const hasLead = parts.some((p) => p.role === 'lead' && !p.label.endsWith('领导'));
  const owners: OwnerRef[] = [];
  const seen = new Set<string>();
  for (const p of parts) {
    if (p.role === 'time') continue;
    // 责任单位 alone is who does it (the lead); next to a 牵头单位 it is the co-operating units.
    const role: OwnerRole = p.role === 'resp' ? (hasLead ? 'co' : 'lead') : p.role;
    for (const raw of splitNames(p.value)) {
      const name = canonicalName(raw, units);
      if (seen.has(name)) continue;
      seen.add(name);
      owners.push({ name, role, inferred: false });
    }
  }
  return owners;
}

/** Splits 市财政局、市教育局 at 、，；/ outside brackets, so 各县（市、区）人民政府 stays whole. */
export function splitNames(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  const push = (to: number) => {
    let name = value.slice(from, to).trim();
    // Trailing 等 (市财政局等) and stray punctuation are not part of a name.
    while (name.length > 0 && '等。；;，,、'.includes(name[name.length - 1]!)) name = name.slice(0, -1);
    if (name.length > 0 && name.length <= MAX_NAME) out.push(name);
  };
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (isOpenBracket(ch)) depth++;
    else if (isCloseBracket(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && (ch === '、' || ch === '，' || ch === ',' || ch === '；' || ch === ';' || ch === '/' || ch === '\n')) {
      push(i);
      from = i + 1;
    }
  }
  push(value.length);
  return out;
}

/** Modal words that end a directive's subject: 各位副市长「要」… */
const SUBJECT_END = ['要', '必须', '务必', '应当', '负责', '牵头'];
const SUBJECT_END_FIRST = new Set(SUBJECT_END.map((w) => w[0]!));
/** How far into a sentence a subject may reach (无论是…，还是…，都要 is long). */
const SUBJECT_WINDOW = 40;
/** Role words that make an owner even when the registry lacks them. */
const ROLE_WORDS = ['副市长', '区县长', '县（市、区）长', '一把手', '领导班子成员', '主要负责同志', '街道', '乡镇', '镇街', '镇（街道）', '乡镇（街道）'];

/**
 * Owners named as the subject of a sentence: the units, aliases and roles that appear before its
 * first modal (要/必须…). Names not in the registry but shaped like one (市…局/委/办) still count.
 */
export function subjectOwners(text: string, span: SourceSpan, units: Unit[]): OwnerRef[] {
  const limit = Math.min(span.end, span.start + SUBJECT_WINDOW);
  let stop = -1;
  for (let i = span.start; i < limit && stop < 0; i++) {
    if (!SUBJECT_END_FIRST.has(text[i]!)) continue;
    for (const w of SUBJECT_END) {
      // 主要负责同志 names a role; 负责 there is not the verb that ends a subject.
      const notVerb = (w === '要' && isNonModalYao(text, i)) || (w === '负责' && (text.startsWith('同志', i + 2) || text[i + 2] === '人'));
      if (text.startsWith(w, i) && !notVerb) {
        stop = i;
        break;
      }
    }
  }
  if (stop <= span.start) return [];
  const reg = registryOf(units);
  const owners: OwnerRef[] = [];
  const seen = new Set<string>();
  const add = (name: string, role: OwnerRole = 'lead') => {
    if (seen.has(name)) return;
    seen.add(name);
    owners.push({ name, role, inferred: false });
  };
  // 要会同市财政局、市教育局…: the units after 会同 co-operate with the subject.
  const modalEnd = SUBJECT_END.find((w) => text.startsWith(w, stop))?.length ?? 1;
  const co = CO_WORDS.find((w) => text.startsWith(w, stop + modalEnd));
  const coNames = co ? namesRun(text, stop + modalEnd + co.length, span.end, units).names : [];
  let i = span.start;
  while (i < stop) {
    const hit = reg.names.matchAt(text, i, stop);
    if (hit) {
      add(hit.value.name);
      i = hit.end;
      continue;
    }
    const role = roleAt(text, i, stop);
    if (role) {
      add(role.name);
      i = role.end;
      continue;
    }
    i++;
  }
  if (owners.length > 0) for (const n of coNames) add(n, 'co');
  return owners;
}

/** 要 inside 重要, 主要, 需要, 只要, 要素, 要求 is not the modal 要. */
export function isNonModalYao(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return (prev !== undefined && '重主需只纪首提紧摘简'.includes(prev)) || (next !== undefined && '素求点害件闻领'.includes(next));
}

const NAME_STOP = new Set([...'，。、；：,.;:“”"（）()《》！？ 　\n的和与及在对把从向为以被就都也还要']);

/** A role or unit-shaped name at i: 各区县长, 在座“一把手”, 市乡村振兴局. */
function roleAt(text: string, i: number, stop: number): { name: string; end: number } | null {
  const first = text[i];
  if (first !== '市' && first !== '各' && first !== '在' && first !== '区' && first !== '县') return null;
  // 区 / 县 start a name only at a word boundary: 园区管委会 and 社区 are not 区…委.
  if ((first === '区' || first === '县') && i > 0) {
    const prev = text[i - 1]!;
    if (prev >= '\u4e00' && prev <= '\u9fff' && !'和及与同'.includes(prev)) return null;
  }
  // Walk a name-like run and see whether it ends in a role word or a unit suffix.
  let j = i + 1;
  // 和 may sit inside a unit's name (区住房和城乡建设局); the earliest suffix below still cuts
  // 市财政局和市教育局 after the first name.
  while (j < stop && j - i < 16 && (!NAME_STOP.has(text[j]!) || text[j] === '“' || text[j] === '”' || text[j] === '和')) j++;
  const run = text.slice(i, j);
  for (const w of ROLE_WORDS) {
    const at = run.indexOf(w);
    if (at >= 0) return { name: run.slice(0, at + w.length), end: i + at + w.length };
  }
  // Rule `unit-shaped`: 市乡村振兴局, and in a district's or county's speech 区水务局 / 县应急管理局 /
  // 区消防救援大队: the registry lists the city's units, a district speaks of its own.
  if (first === '市' || first === '区' || first === '县') {
    // The earliest suffix wins, the longest at a tie: 市发展和改革委员会, not 市发展和改革委.
    let bestAt = -1;
    let bestEnd = -1;
    for (const suffix of ['委员会', '局', '委', '办公室', '办', '中心', '室', '大队', '支队']) {
      const at = run.indexOf(suffix, 2);
      // 市委 / 市政府 alone lead everything: naming them as an owner says nothing.
      if (at >= 2 && (bestAt < 0 || at < bestAt || (at === bestAt && at + suffix.length > bestEnd))) {
        bestAt = at;
        bestEnd = at + suffix.length;
      }
    }
    if (bestEnd > 0) return { name: run.slice(0, bestEnd), end: i + bestEnd };
  }
  return null;
}

/** Words that bring in co-operating units after the subject: 市发展改革委要会同市财政局… */
export const CO_WORDS = ['会同', '联合', '协同', '商'];

/**
 * The unit names in a run starting at `at` (市财政局、市教育局等部门), as far as they go: registry
 * names and aliases, or unit-shaped names, joined by 、和及与. Returns where the run ends.
 */
export function namesRun(text: string, at: number, end: number, units: Unit[]): { names: string[]; end: number } {
  const reg = registryOf(units);
  const names: string[] = [];
  let i = at;
  let last = at;
  while (i < end) {
    const hit = reg.names.matchAt(text, i, end);
    const shaped = hit ? null : roleAt(text, i, end);
    if (!hit && !shaped) break;
    names.push(hit ? hit.value.name : shaped!.name);
    i = hit ? hit.end : shaped!.end;
    last = i;
    if (text.startsWith('等部门', i) || text.startsWith('等单位', i)) {
      last = i + 3;
      break;
    }
    if (text[i] === '等') {
      last = i + 1;
      break;
    }
    if (i < end && '、和及与'.includes(text[i]!)) i++;
    else break;
  }
  return { names, end: last };
}

/** How many suggestions to make: one lead and two co-units keep the list reviewable. */
export const MAX_INFERRED_CO = 2;

/**
 * Suggestions from registry keywords in text[span]. Ranked by the number of keyword hits, then
 * the total length of the keywords (a long keyword like 批而未供 is more specific than 工业),
 * then the first hit's position (the topic a directive names first is usually its main one).
 */
export function inferOwners(text: string, span: SourceSpan, units: Unit[], skip: ReadonlySet<string>): Unit[] {
  const reg = registryOf(units);
  const score = new Map<Unit, { hits: number; len: number; first: number }>();
  for (const hit of reg.keywords.findAll(text, span.start, span.end)) {
    const s = score.get(hit.value);
    if (s) {
      s.hits++;
      s.len += hit.phrase.length;
    } else score.set(hit.value, { hits: 1, len: hit.phrase.length, first: hit.start });
  }
  return [...score.entries()]
    .filter(([u]) => !skip.has(u.name))
    .sort(([ua, a], [ub, b]) => b.hits - a.hits || b.len - a.len || a.first - b.first || (reg.order.get(ua) ?? 0) - (reg.order.get(ub) ?? 0))
    .map(([u]) => u);
}

/** True when text[span] holds any registry keyword: the directive names a concrete field. */
export function hasKeyword(text: string, span: SourceSpan, units: Unit[]): boolean {
  const m = registryOf(units).keywords;
  for (let i = span.start; i < span.end; i++) if (m.matchAt(text, i, span.end)) return true;
  return false;
}
