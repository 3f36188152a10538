import { CharSet } from './char-set';

/**
 * Short task titles, as an office would write them in a task list: the directive itself from its
 * verb on, without the subject and modal (我们要, 各部门要, 必须), cut at a natural break.
 */

/** About what fits one line of a task list. */
export const TITLE_MAX = 30;
/** Below this a cut title says too little; keep more words instead. */
const TITLE_MIN = 6;
// A line break ends a clause too: a table cell typed over lines, or the next cell of a row (项目名称 ⏎ 建设内容).
const BREAKS = new Set(['，', ',', '；', ';', '：', ':', '。', '！', '？', '\n']);
const PAIRS: Record<string, string> = { '“': '”', '《': '》', '（': '）', '(': ')', '「': '」', '‘': '’' };
const LEAD_WORDS = ['特别是', '尤其是', '尤其要', '重点是', '同时', '总之', '我们要', '大家要', '我们', '大家', '都要', '还要', '也要', '更要', '一定要', '必须', '务必', '要'];
const PREPOSITION_BEFORE_TIME = /^[于在](?=(?:[0-9０-９]{4}年|[0-9０-９一二三四五六七八九十]{1,2}月|[一二三四]季度|[上下]半年|年底|年内|年末|本月|本季度|今年|明年))/;
const TRAILING = new Set([...'，,；;：:。！？、 　']);
const OPENER_CODES = new CharSet(Object.keys(PAIRS));
const CLOSER_CODES = new CharSet(Object.values(PAIRS));
const BREAK_CODES = new CharSet(BREAKS);

/**
 * Title of a task whose directive (verb) starts at `from` inside `quote`.
 * `quote` is the task's exact text; the title is a readable digest of it, not a span.
 */
export function taskTitle(quote: string, from = 0): string {
  // A title never needs more than the first few clauses: bound the work on a huge quote.
  let s = quote.slice(from, from + 400);
  // 《…暂行规定》即将出台 reads as a task once turned round: 出台《…暂行规定》.
  const doc = documentIssue(quote);
  if (doc) return doc;
  for (let changed = true; changed; ) {
    changed = false;
    for (const w of LEAD_WORDS) {
      if (s.startsWith(w) && s.length > w.length + 1) {
        s = s.slice(w.length);
        changed = true;
      }
    }
  }
  // 于5月底前完成… / 在一季度完成…: the preposition before a time says nothing in a title.
  if (PREPOSITION_BEFORE_TIME.test(s)) s = s.slice(1);
  // 围绕争创省级创新型城市: the goal itself is the task.
  if (s.startsWith('围绕') && /^(争创|创建|打造|建设)/.test(s.slice(2))) s = s.slice(2);
  // 确保实现A、确保完成B、确保C: a series of the same directive; its first item names it.
  const repeat = s.length > 4 ? s.indexOf(`、${s.slice(0, 2)}`, 2) : -1;
  if (repeat >= TITLE_MIN) s = s.slice(0, repeat);
  // First clause, unless it is too short to say anything on its own.
  let cut = findBreak(s, 0);
  while (cut < s.length && cut < TITLE_MIN) cut = findBreak(s, cut + 1);
  s = s.slice(0, cut);
  if (s.length > TITLE_MAX) s = compressList(s);
  if (s.length > TITLE_MAX) s = cutAtBreak(s);
  s = balance(s);
  while (s.length > 1 && TRAILING.has(s[s.length - 1]!)) s = s.slice(0, -1);
  return s.length > 0 ? s : quote.slice(0, TITLE_MAX) || '未命名任务';
}

function findBreak(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (OPENER_CODES.has(c)) depth++;
    else if (CLOSER_CODES.has(c)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && BREAK_CODES.has(c)) return i;
  }
  return s.length;
}

/** 推进国资国企、财税金融、农业农村等重点领域改革 → 推进国资国企等重点领域改革. */
function compressList(s: string): string {
  const first = s.indexOf('、');
  const deng = s.indexOf('等', first + 1);
  if (first < 0 || deng < 0) return s;
  return s.slice(0, first) + s.slice(deng);
}

/** Cut at the last 、 or 和 that leaves a readable head, else at the limit with an ellipsis. */
function cutAtBreak(s: string): string {
  for (let i = TITLE_MAX; i >= TITLE_MIN + 4; i--) {
    const ch = s[i];
    if (ch === '、' || ch === '，' || ch === ',') return s.slice(0, i);
  }
  return s.slice(0, TITLE_MAX) + '…';
}

/** A cut must not leave a “ or 《 open: close it, or drop the unfinished quote. */
function balance(s: string): string {
  const open: string[] = [];
  let lastOpenAt = -1;
  for (let i = 0; i < s.length; i++) {
    if (!OPENER_CODES.at(s, i) && !CLOSER_CODES.at(s, i)) continue;
    const ch = s[i]!;
    if (PAIRS[ch] !== undefined) {
      open.push(PAIRS[ch]);
      lastOpenAt = i;
    } else if (open.length > 0 && open[open.length - 1] === ch) open.pop();
  }
  if (open.length === 0) return s;
  if (s.endsWith('…')) return s.slice(0, -1) + open.reverse().join('') + '…';
  if (lastOpenAt >= TITLE_MIN) return s.slice(0, lastOpenAt);
  return s + open.reverse().join('');
}

/** 出台《…》 for a sentence that announces a document (《…》即将出台 / 将印发). */
export function documentIssue(s: string): string | null {
  const open = s.indexOf('《');
  const close = s.indexOf('》', open + 1);
  if (open < 0 || close < 0 || close - open > 60) return null;
  const after = s.slice(close + 1, close + 8);
  for (const verb of ['出台', '印发', '发布', '施行']) {
    const at = after.indexOf(verb);
    // 印发给你们 passes a document on; it does not announce one.
    if (at >= 0 && /^(即将|将|近期|尽快|年内|)$/.test(after.slice(0, at)) && after[at + verb.length] !== '给') {
      return `${verb}${s.slice(open, close + 1)}`;
    }
  }
  return null;
}
