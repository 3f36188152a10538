/**
 * What each column of a table holds, guessed from its header cells. Used by the parser when a
 * table has no office-set mapping (DocTable.columns null) and by the import page's column-mapping
 * step, which shows the guess for the office to correct.
 */
import type { ColumnRole } from './source-document';

/**
 * Header words by role, most specific first: 牵头领导 is a leader (a person), not a lead unit;
 * 责任单位 names owners without ranks (the first named leads), 牵头单位 only the lead. The order of
 * the roles matters where one header holds another's word (牵头领导 ⊃ 牵头, 完成情况 vs 完成时限).
 */
const ROLE_WORDS: readonly (readonly [ColumnRole, readonly string[]])[] = [
  // Words that would match a later role but mean something else: a unit of measure, a start date.
  ['other', ['计量单位', '开工时间', '开始时间', '启动时间', '起始时间', '领导小组']],
  ['seq', ['序号', '编号', '序列']],
  ['leader', ['责任领导', '牵头领导', '分管领导', '市级领导', '县级领导', '区级领导', '包联领导', '联系领导', '责任人', '领导']],
  ['lead', ['牵头单位', '牵头部门', '主责单位', '主责部门', '牵头责任单位', '主办单位', '牵头']],
  ['co', ['配合单位', '配合部门', '协办单位', '协办部门', '参与单位', '协同单位', '协作单位', '配合']],
  ['owners', ['责任单位', '责任部门', '承办单位', '承办部门', '实施单位', '责任主体', '主体单位', '建设单位', '单位', '部门']],
  ['progress', ['进展', '完成情况', '推进情况', '进度', '落实情况']],
  ['deadline', ['完成时限', '完成时间', '时间节点', '时限要求', '办结时限', '完成期限', '时限', '期限', '时间']],
  ['note', ['备注', '说明']],
  [
    'task',
    [
      '重点任务', '工作任务', '任务', '事项', '民生实事', '实事', '工作内容', '主要内容', '具体措施', '建设内容', '项目名称', '目标', '内容', '措施', '项目',
      // 重点工作 / 主要工作 / 工作要点 / 工作举措: a 责任分工 table names its task column after the work.
      '重点工作', '主要工作', '工作要点', '举措', '工作',
    ],
  ],
];

/** Spaces, line breaks and a trailing bracketed gloss (完成时限（2026年）) are not the header's name. */
function headerName(cell: string): string {
  const bare = cell.replace(/[\s\u3000*＊:：]/g, '');
  const noGloss = bare.replace(/[（(][^（()）]*[)）]$/, '');
  return noGloss === '' ? bare : noGloss;
}

/** The role of one header cell (`other` when nothing matches). */
export function guessColumnRole(headerCell: string): ColumnRole {
  const name = headerName(headerCell);
  if (name === '') return 'other';
  for (const [role, words] of ROLE_WORDS) {
    if (words.some((w) => name.includes(w))) return role;
  }
  return 'other';
}

/** The role of each header cell, in order (one role per cell). */
export function guessColumnRoles(headerCells: readonly string[]): ColumnRole[] {
  return headerCells.map(guessColumnRole);
}

/** True when a row of cells reads as a table header: a task column and a second known role. */
export function looksLikeHeader(cells: readonly string[]): boolean {
  const roles = guessColumnRoles(cells);
  const known = roles.filter((r) => r !== 'other');
  // A header cell is a short label: a row of sentences that happen to hold 任务 is data.
  const short = cells.every((c) => headerName(c).length <= 12);
  return short && roles.includes('task') && new Set(known).size >= 2;
}

/** What a cell's text looks like, for tables without a header and for cells that lost their column. */
export type CellKind = 'empty' | 'seq' | 'deadline' | 'units' | 'leader' | 'text';

/**
 * Column roles from the cells alone, for a table whose header is missing or unreadable: a column
 * of numbers is the sequence, of time limits the deadline, of unit names the owners (a second one
 * the co-units), of names of people the leaders; the column with the longest text is the task.
 */
export function guessColumnsFromContent(rows: readonly (readonly CellKind[])[], lengths: readonly (readonly number[])[]): ColumnRole[] {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  const roles: ColumnRole[] = [];
  let bestTask = -1;
  let bestLen = 0;
  for (let j = 0; j < width; j++) {
    const counts = new Map<CellKind, number>();
    let filled = 0;
    let len = 0;
    rows.forEach((r, i) => {
      const k = r[j] ?? 'empty';
      if (k === 'empty') return;
      filled++;
      len += lengths[i]?.[j] ?? 0;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    });
    const share = (k: CellKind) => (filled === 0 ? 0 : (counts.get(k) ?? 0) / filled);
    let role: ColumnRole = 'other';
    if (filled === 0) role = 'other';
    else if (share('seq') >= 0.8) role = 'seq';
    else if (share('deadline') >= 0.6) role = 'deadline';
    else if (share('units') >= 0.6) role = roles.includes('owners') || roles.includes('lead') ? 'co' : 'owners';
    else if (share('leader') >= 0.6) role = 'leader';
    else if (filled > 0 && len / filled > bestLen) {
      bestLen = len / filled;
      bestTask = j;
    }
    roles.push(role);
  }
  // A first units column followed by another is the lead, the second its co-units.
  if (roles.includes('co')) roles[roles.indexOf('owners')] = 'lead';
  if (bestTask >= 0 && bestLen >= 6) roles[bestTask] = 'task';
  return roles;
}
