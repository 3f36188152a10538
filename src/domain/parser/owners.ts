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
import { CharSet } from './char-set';
import { canonicalName, registryOf } from './registry';
import { isUnitName, unitNameAt } from './unit-names';

export { canonicalName, registryOf };

/**
 * Labels of task-breakdown notation and the role each gives. 责任单位 is settled per notation.
 * 'time' labels (完成时限：2025年6月底前) carry the item's deadline, never an owner: a notice
 * writes them in the same bracket as the units (rule `notation-deadline`).
 */
export type LabelRole = OwnerRole | 'resp' | 'time';
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
  /** Its labelled parts in order (牵头单位：A / 配合单位：B、C / 完成时限：…). */
  parts: NotationPart[];
  /** The owners it names, as written (see `ownersOf`). */
  owners: OwnerRef[];
  /** The words after a 完成时限 label (2025年6月底前, 长期坚持), for findDeadline; else null. */
  deadlineText: string | null;
}

export interface NotationPart {
  label: string;
  role: LabelRole;
  value: string;
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
      found.push(notationOf({ start: i, end }, text.slice(i, end)));
      break;
    }
    const c = text.charCodeAt(i);
    // （ ( 【 [: most characters open nothing.
    if (c !== 0xff08 && c !== 0x28 && c !== 0x3010 && c !== 0x5b) {
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
        found.push(notationOf({ start: i, end: stop }, `${label.phrase}：${text.slice(close, stop)}`));
        i = stop;
      } else {
        const stop = close < 0 ? end : close;
        found.push(notationOf({ start: i, end: stop }, text.slice(i + 1, close < 0 ? end : close - 1)));
        i = stop;
      }
      continue;
    }
    const close = matchingClose(text, i, end, MAX_ROLE_BRACKET);
    // An aside that does not end in a role word (（市、区）, （2026年）) is not a role notation.
    const parts = close < 0 || !ROLE_END_RE.test(text.slice(Math.max(i + 1, close - 5), close - 1)) ? null : roleSuffixParts(text.slice(i + 1, close - 1), units);
    const mixed = parts || close < 0 ? null : roleThenLabels(text.slice(i + 1, close - 1), units);
    if (parts) {
      found.push({ span: { start: i, end: close }, parts, owners: ownersOf(parts), deadlineText: null });
      i = close;
    } else if (mixed) {
      found.push({ span: { start: i, end: close }, ...mixed });
      i = close;
    } else i++;
  }
  return mergeAdjacent(text, found);
}

/**
 * Rule `role-then-label`: （区卫健局负责，完成时限：2025年11月30日） — names with a role word, then
 * labelled parts: one notation, the names' roles and the labels' values together.
 */
function roleThenLabels(inside: string, units: Unit[]): Omit<Notation, 'span'> | null {
  // The first separator a label follows (区教育局牵头，区卫健局配合；完成时限：…).
  let at = -1;
  for (let k = 0; k < inside.length && at < 0; k++) if ('，,；;'.includes(inside[k]!) && labelMatcher.matchAt(inside, k + 1)) at = k;
  if (at < 0) return null;
  const head = inside.slice(0, at);
  const roles = ROLE_END_RE.test(head) ? roleSuffixParts(head, units) : null;
  if (!roles) return null;
  const labelled = notationParts(inside.slice(at + 1));
  const parts = [...roles, ...labelled];
  return { parts, owners: ownersOf(parts), deadlineText: timeText(labelled) };
}

/** 【牵头单位】A【配合单位】B is one notation: neighbours with only spaces or ；between merge. */
function mergeAdjacent(text: string, notations: Notation[]): Notation[] {
  const out: Notation[] = [];
  for (const n of notations) {
    const prev = out[out.length - 1];
    if (prev && /^[\s\u3000；;，,]*$/.test(text.slice(prev.span.end, n.span.start))) {
      prev.span = { start: prev.span.start, end: n.span.end };
      prev.parts = [...prev.parts, ...n.parts];
      prev.owners = ownersOf(prev.parts);
      prev.deadlineText ??= n.deadlineText;
    } else out.push({ span: n.span, parts: [...n.parts], owners: [...n.owners], deadlineText: n.deadlineText });
  }
  return out;
}

const LEAD_SUFFIXES = ['牵头负责', '牵头', '负责', '主责'];
const ROLE_END_RE = /(?:牵头|负责|主责|配合|参与|协助|协同)$/;
const CO_SUFFIXES = ['配合', '参与', '协助', '协同'];
/** Words between the names and the role word that say how, not who: 财政部等按职责分工负责. */
const HOW_WORDS = /(?:等)?(?:按职责分工|按照职责分工|按职责|按照职责|分工|分别|共同|依职责)$/;

/**
 * （市发展改革委牵头，市财政局、市统计局配合）, （国家发展改革委牵头，财政部等按职责分工负责）: each
 * part ends in a role word and names only units. The first part that leads leads; a later 负责
 * next to it is a co-unit (the first named unit leads, the rest co-own). Anything else is an
 * ordinary aside, not a notation: null.
 */
export function roleSuffixParts(content: string, units: Unit[]): NotationPart[] | null {
  const out: NotationPart[] = [];
  const pieces = splitTopLevel(content, '，,；;');
  if (pieces.length === 0) return null;
  for (const piece of pieces) {
    const p = piece.trim();
    const lead = LEAD_SUFFIXES.find((w) => p.endsWith(w));
    const co = lead ? undefined : CO_SUFFIXES.find((w) => p.endsWith(w));
    const suffix = lead ?? co;
    if (!suffix) return null;
    const value = p.slice(0, p.length - suffix.length).replace(HOW_WORDS, '');
    const names = splitNames(value);
    if (names.length === 0 || !names.every((n) => isUnitName(n, units, 'cell') || canonicalName(n, units) !== n)) return null;
    // …牵头 leads (all the names before it); …负责 alone is who does it, its first name leading
    // (民政部、自然资源部、住房城乡建设部按职责分工负责); next to a lead it co-operates.
    const leadsAlready = out.some((x) => x.role === 'lead' || x.role === 'resp');
    const role: LabelRole = lead === undefined ? 'co' : leadsAlready ? 'co' : lead === '牵头' || lead === '牵头负责' ? 'lead' : 'resp';
    out.push({ label: suffix, role, value });
  }
  return out;
}

/** The owners of a role-suffix notation, registry names (for tests and callers outside the passes). */
export function parseRoleSuffixNotation(content: string, units: Unit[]): OwnerRef[] | null {
  const parts = roleSuffixParts(content, units);
  return parts ? ownersOf(parts).map((o) => ({ ...o, name: canonicalName(o.name, units) })) : null;
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

function notationOf(span: SourceSpan, inside: string): Notation {
  const parts = notationParts(inside);
  return { span, parts, owners: ownersOf(parts), deadlineText: timeText(parts) };
}

/** The 完成时限 part's text, without its closing punctuation. */
function timeText(parts: readonly NotationPart[]): string | null {
  return parts.find((p) => p.role === 'time')?.value.trim().replace(/[。；;，,]+$/, '') || null;
}

/** Owners from the inside of a notation: 牵头单位：A，配合单位：B、C (registry names). */
export function parseNotation(s: string, units: Unit[]): OwnerRef[] {
  return ownersOf(notationParts(s)).map((o) => ({ ...o, name: canonicalName(o.name, units) }));
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

/** A name marked in place: 市教育局（牵头）、市市场监管局 → lead, co. */
// 区教育局牵头，区卫健局、区住建局配合: an unbracketed role word after the last name is its role too.
const IN_PLACE_ROLE = /[（(](牵头|主责|配合|协办|参与)[)）]$|(牵头|配合|协办|参与|协助)$/;

/**
 * Owners from notation parts, as written. The units come first and the first named unit leads:
 * a 牵头单位 leads; 责任单位 alone is who does it (its first unit leads, the rest co-operate),
 * next to a 牵头单位 it co-operates; 配合单位 co-operates. A 责任领导 is a leader, not a unit: he
 * is listed after the units, so the lead unit is always the first lead.
 */
export function ownersOf(parts: readonly NotationPart[]): OwnerRef[] {
  const isLeader = (p: NotationPart) => p.label.endsWith('领导');
  let hasLead = parts.some((p) => p.role === 'lead' && !isLeader(p));
  const owners: OwnerRef[] = [];
  const seen = new Set<string>();
  const add = (raw: string, role: OwnerRole) => {
    const marked = IN_PLACE_ROLE.exec(raw);
    const name = marked ? raw.slice(0, marked.index).trim() : raw;
    const word = marked ? (marked[1] ?? marked[2]) : undefined;
    const r: OwnerRole = word ? (word === '牵头' || word === '主责' ? 'lead' : 'co') : role;
    if (name === '' || seen.has(name)) return;
    seen.add(name);
    owners.push({ name, role: r, inferred: false });
  };
  for (const p of parts) {
    if (p.role === 'time' || isLeader(p)) continue;
    const names = splitNames(p.value);
    // 市教育局（牵头）、市市场监管局: the marked unit leads whatever its column says.
    const marked = names.some((n) => IN_PLACE_ROLE.test(n));
    names.forEach((raw) => {
      if (p.role !== 'resp') add(raw, p.role === 'lead' ? 'lead' : 'co');
      else add(raw, !hasLead && !marked && owners.length === 0 ? 'lead' : 'co');
    });
    if (p.role === 'resp' && names.length > 0) hasLead = true;
  }
  for (const p of parts) if (isLeader(p)) for (const raw of splitNames(p.value)) add(raw, 'lead');
  // Every unit marked co and none leading (配合单位 only): the first named one leads.
  if (owners.length > 0 && !owners.some((o) => o.role === 'lead')) owners[0] = { ...owners[0]!, role: 'lead' };
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
    // Rule `role-gloss`: 各街道办事处（区城管局负责统筹、考核） — a bracket stating who does what is a
    // remark on the owner, not part of its name (a bracket naming the office, 市政府办公室（督查室）, stays;
    // X（牵头） marks X's own role and is read by the notation).
    name = name.replace(/[（(][^（()）]{2,30}(?:负责|牵头|配合|统筹|考核|协调|督促)[^（()）]{0,30}[）)]$/, '').trim();
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

/** Words that end a directive's subject: 各位副市长「要」…, 由X「负责」…, 教育部「会同」… */
const SUBJECT_END = ['要', '必须', '务必', '应当', '负责', '牵头', '会同'];
const SUBJECT_END_FIRST = new CharSet(SUBJECT_END.map((w) => w.charCodeAt(0)));
/**
 * Words that end a subject only right after a unit's name: 市财政局「将」…, 各牵头单位「于」每月5日前…,
 * 县人民医院「在」6月底前…, 省教育厅「应」… Elsewhere they are ordinary words (将来, 在于).
 */
const NAME_END = /^(?:将(?!来|近)|于(?=[0-9０-９一二三四五六七八九十每本今年明])|在(?=[0-9０-９一二三四五六七八九十今年明本春夏秋冬汛“])|应(?!用|对|急)|需|须|每(?=[年季月周半])|按(?=[月季年])|自(?=本)|统筹|牵头)/;
/**
 * What may follow a unit's name at the head of a sentence with no modal between: the predicate
 * (市政务服务和大数据管理局根据会议意见修改完善…, 县财政局统筹…). Only right after a name that opens
 * the sentence: 支持县人民医院建设… names an object, not a subject.
 */
const IMPLICIT_PREDICATE_RE =
  /^(?:根据|按照|依据|结合|围绕|通过|对|以|从|向|抓紧|尽快|立即|及时|统筹|组织|制定|建立|完善|推进|开展|实施|落实|加强|加快|做好|提供|出台|印发|编制|修订|审核|负责|牵头|会同|汇总|报送|上报|督促|指导|协调|适时|定期|切实|积极|认真|全面|持续)/;
/** How far into a sentence a subject may reach (无论是…，还是…，都要 is long). */
const SUBJECT_WINDOW = 40;
/** Role words that make an owner even when the registry lacks them. */
const ROLE_WORDS = ['副市长', '区县长', '县（市、区）长', '一把手', '领导班子成员', '主要负责同志', '街道', '乡镇', '镇街', '镇（街道）', '乡镇（街道）'];

export interface Subject {
  /** The owners it names, as written (the first leads; units after 会同 co-operate). */
  owners: OwnerRef[];
  /** Where the predicate starts: after 要 / 负责 / 将, at 会同. */
  predicateAt: number;
  /** It names at least one unit, not only a group (各地区) or a role (各区县长). */
  specific: boolean;
}

/** The end word of a subject at i, or null (要 inside 主要 and 负责 in 主要负责同志 are not). */
function subjectEndAt(text: string, i: number): string | null {
  if (!SUBJECT_END_FIRST.has(text.charCodeAt(i))) return null;
  for (const w of SUBJECT_END) {
    if (!text.startsWith(w, i)) continue;
    if (w === '要' && isNonModalYao(text, i)) continue;
    if (w === '负责' && (text.startsWith('同志', i + 2) || text[i + 2] === '人')) continue;
    return w;
  }
  return null;
}

/**
 * The subject of a directive: the units, aliases and roles before its first modal (要/必须…),
 * before 将/于/在 right after a unit's name, or after 由 (由X负责…) and 请 (请各地区、各部门…).
 * Names follow the grammar of unit names (unit-names.ts) as well as the registry. Null when the
 * sentence opens with no subject.
 */
export function readSubject(text: string, span: SourceSpan, units: Unit[]): Subject | null {
  const limit = Math.min(span.end, span.start + SUBJECT_WINDOW);
  const owners: OwnerRef[] = [];
  let specific = false;
  // A subject names a few owners: a linear look for a repeat costs less than a Set per sentence.
  const add = (name: string, role: OwnerRole) => {
    if (!owners.some((o) => o.name === name)) owners.push({ name, role, inferred: false });
  };
  let i = span.start;
  const leadIn = text[i] === '由' || text[i] === '请';
  if (leadIn) i++;
  // The first strong end word (要, 必须, 负责, 会同…) bounds where names are looked for; without
  // one, only names that open the sentence can be its subject (市财政局将…, 由县发改委统筹…). One
  // cheap pass finds it, so most sentences never try a name at every position.
  const strongFrom = (from: number): number => {
    for (let k = from; k < limit; k++) if (subjectEndAt(text, k)) return k;
    return -1;
  };
  let strong = strongFrom(i);
  let predicateAt = -1;
  while (i < (strong >= 0 ? strong : limit)) {
    const role = roleAt(text, i, limit);
    const unit = role ? null : unitNameAt(text, i, limit, units, 'strict');
    if (role || unit) {
      // The first name opens the sentence (after 由/请 at most): only then may it end with no modal.
      const atHead = owners.length > 0 || i - span.start <= (leadIn ? 1 : 0);
      add(role ? role.name : unit!.name, 'lead');
      // A leader (分管副市长) or a group the registry holds (各区县) is not a unit of its own.
      if (unit && !unit.collective && (!unit.unit || (unit.unit.kind !== 'leader' && unit.unit.kind !== 'district'))) specific = true;
      i = role ? role.end : unit!.end;
      // 各牵头单位要…: an end word inside the name (牵头) did not end the subject.
      if (strong >= 0 && strong < i) strong = strongFrom(i);
      const weak = NAME_END.exec(text.slice(i, i + 3));
      if (weak) {
        // 于/在/每/按/自 open the predicate's time words (于每月5日前将…); 将/应/需/须 are modals.
        predicateAt = i + (/^[将应需须]/.test(weak[0]) ? weak[0].length : 0);
        break;
      }
      if (i < limit && LIST_JOINERS.at(text, i)) i++;
      else if (text.startsWith('等部门', i) || text.startsWith('等单位', i)) i += 3;
      else if (text[i] === '等') i++;
      else if (i !== strong && ((leadIn && !subjectEndAt(text, i)) || (atHead && IMPLICIT_PREDICATE_RE.test(text.slice(i, i + 2))))) {
        // 请各设区市人民政府自…制定 / 由县发改委统筹… / 市财政局统筹…: the names end where the verb starts.
        predicateAt = i;
        break;
      }
      continue;
    }
    // No strong end ahead: a name after the first words is an object, not a subject, unless 由
    // names it (以上民生实事由县政府督查室按季度督查).
    if (strong < 0 && owners.length === 0) {
      let by = i + 1;
      while (by < limit - 2 && text[by] !== '由') by++;
      if (by >= limit - 2) return null;
      i = by + 1;
      continue;
    }
    i++;
  }
  if (predicateAt < 0 && strong >= 0) predicateAt = strong + (text.startsWith('会同', strong) ? 0 : subjectEndAt(text, strong)!.length);
  if (predicateAt < 0 || owners.length === 0) return null;
  // 要会同市财政局、市教育局… / 教育部会同有关部门…: the units after 会同 co-operate with the subject.
  // …要牵头，会同Y / X牵头，会同Y: the co-units may follow the lead's own 牵头.
  const coAt = predicateAt + (/^(?:牵头|负责)?[，,]?/.exec(text.slice(predicateAt, predicateAt + 3))?.[0].length ?? 0);
  const co = CO_WORDS.find((w) => text.startsWith(w, coAt) || text.startsWith(`将${w}`, coAt));
  if (co) {
    const from = coAt + co.length + (text[coAt] === '将' ? 1 : 0);
    for (const n of namesRun(text, from, span.end, units).names) add(n, 'co');
  }
  return { owners, predicateAt, specific };
}

/** The owners a sentence names as its subject, registry names (for callers outside the passes). */
export function subjectOwners(text: string, span: SourceSpan, units: Unit[]): OwnerRef[] {
  const seen = new Set<string>();
  const out: OwnerRef[] = [];
  for (const o of readSubject(text, span, units)?.owners ?? []) {
    const name = canonicalName(o.name, units);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ ...o, name });
  }
  return out;
}

/** 要 inside 重要, 主要, 需要, 只要, 要素, 要求 is not the modal 要. */
export function isNonModalYao(text: string, i: number): boolean {
  const prev = text[i - 1];
  const next = text[i + 1];
  return (prev !== undefined && '重主需只纪首提紧摘简'.includes(prev)) || (next !== undefined && '素求点害件闻领'.includes(next));
}

const NAME_STOP = new CharSet('，。、；：,.;:“”"（）()《》！？ 　\n的和与及在对把从向为以被就都也还要');

/** Between two names in a list: 、 和 及 与. */
const LIST_JOINERS = new CharSet('、和及与');

/** A role at i: 各区县长, 在座“一把手”, 各位副市长, 各街道. Units are unit-names.ts's. */
function roleAt(text: string, i: number, stop: number): { name: string; end: number } | null {
  const first = text[i];
  if (first !== '市' && first !== '各' && first !== '在' && first !== '区' && first !== '县') return null;
  if ((first === '区' || first === '县') && i > 0) {
    const prev = text[i - 1]!;
    if (prev >= '\u4e00' && prev <= '\u9fff' && !'和及与同'.includes(prev)) return null;
  }
  let j = i + 1;
  while (j < stop && j - i < 16 && (!NAME_STOP.at(text, j) || text[j] === '“' || text[j] === '”')) j++;
  const run = text.slice(i, j);
  for (const w of ROLE_WORDS) {
    const at = run.indexOf(w);
    if (at >= 0) return { name: run.slice(0, at + w.length), end: i + at + w.length };
  }
  return null;
}

/** Words that bring in co-operating units after the subject: 市发展改革委要会同市财政局… */
export const CO_WORDS = ['会同', '联合', '协同', '商'];

/**
 * The unit names in a run starting at `at` (市财政局、市教育局等部门), as far as they go, as
 * written: registry names and aliases, names shaped like units, roles; joined by 、和及与.
 * Returns where the run ends.
 */
export function namesRun(text: string, at: number, end: number, units: Unit[]): { names: string[]; end: number } {
  const names: string[] = [];
  let i = at;
  let last = at;
  while (i < end) {
    const role = roleAt(text, i, end);
    const unit = role ? null : unitNameAt(text, i, end, units, 'strict');
    if (!role && !unit) break;
    names.push(role ? role.name : unit!.name);
    i = role ? role.end : unit!.end;
    last = i;
    if (text.startsWith('等部门', i) || text.startsWith('等单位', i)) {
      last = i + 3;
      break;
    }
    if (text[i] === '等') {
      last = i + 1;
      break;
    }
    if (i < end && LIST_JOINERS.at(text, i)) i++;
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
