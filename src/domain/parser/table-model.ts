/**
 * One table model for every table, whoever found it: a reader's (Word, Excel, PDF, CSV) or the
 * parser's own in pasted text. This module decides what each column holds (the office's mapping,
 * else the header, else the cells themselves) and gives each data row its cells by role, with
 * merged cells (one 牵头单位 for several rows, written only in the first) carried down.
 */
import type { Unit } from '../model';
import { findDeadline } from './deadlines';
import type { ColumnRole, DocCell, DocRow, DocTable } from './source-document';
import { guessColumnRole, guessColumnsFromContent, looksLikeHeader, type CellKind } from './table-columns';
import { isLeaderName, isUnitName } from './unit-names';

export interface ResolvedTable {
  table: DocTable;
  roles: ColumnRole[];
  /** Rows before this index are the header. */
  headerRows: number;
}

/** A data row: its cells grouped by the role of their column. */
export interface RowView {
  table: ResolvedTable;
  row: DocRow;
  /** 1-based index among the table's data rows. */
  index: number;
  cells: Partial<Record<ColumnRole, DocCell[]>>;
}

const SEQ_RE = /^(?:[（(]?[0-9０-９]{1,3}[)）.、．]?|[一二三四五六七八九十]{1,3}[、.．]?)$/;
/** Characters a time-limit cell is made of: dates, periods, and the verbs that go with them. */
const DEADLINE_CHARS = /[0-9０-９年月日号底前末内旬季度上中下半全每长期持续常态化坚持推进完成完工建成启动开工竣工投用交付之以为止起至到和及或、，,；;。.\s\-—~～〇零一二三四五六七八九十个工作天周]/g;

/** What a cell's text looks like. */
export function cellKind(raw: string, units: Unit[]): CellKind {
  const s = raw.trim();
  if (s === '') return 'empty';
  if (SEQ_RE.test(s)) return 'seq';
  // A sentence (…主体完工。) is a task cell that wrapped, not a time-limit cell.
  if (s.length <= 30 && !/[。！？]$/.test(s) && isDeadlineText(s)) return 'deadline';
  // 各县（市、区）人民政府: a bracketed gloss may hold the separators; it is not where names split.
  const parts = s.replace(/[（(][^（()）\n]{1,20}[)）]/g, '').split(/[、，,；;/\n\s]+/).filter((p) => p.length > 0);
  // Rule `owner-cell-roles`: 省发展改革委牵头，省财政厅等按职责分工负责 / 省住建厅（省城建办）牵头，各市人民政府负责落实
  // is an owner cell that states the roles: the role words and a bracketed gloss are not part of the names.
  const bare = (p: string) => p.replace(/[（(][^（()）]{1,20}[)）]/g, '').replace(/(?:等)?(?:按职责分工负责|按职责负责|分别负责|共同负责|牵头负责|负责[\u4e00-\u9fff]{0,4}|牵头|配合|参与|落实)$/, '').replace(/等$/, '');
  if (parts.length > 0 && parts.every((p) => isUnitName(bare(p), units))) return 'units';
  if (parts.length > 0 && parts.length <= 4 && parts.every((p) => isLeaderName(p))) return 'leader';
  return 'text';
}

/** 2026年6月底前, 长期坚持, 每季度末月20日前, 4月开工，11月完工: a cell that only says when. */
export function isDeadlineText(s: string): boolean {
  if (findDeadline(s, 2000) === null && !/个?工作日内|日内|天内/.test(s)) return false;
  return s.replace(DEADLINE_CHARS, '').length <= 4;
}

/**
 * The roles of a table's columns: the office's mapping when set; else the header's words
 * (several header rows: the lowest row that names a role wins, 责任单位 above 牵头单位 | 配合单位);
 * else, with no header, what the cells look like.
 */
export function resolveTable(table: DocTable, units: Unit[]): ResolvedTable {
  const width = table.rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  let headerRows = Math.min(table.headerRows, table.rows.length);
  if (table.columns) return { table, roles: pad(table.columns, width), headerRows };
  if (headerRows === 0 && table.rows[0] && looksLikeHeader(table.rows[0].cells.map((c) => c.text))) headerRows = 1;
  if (headerRows > 0) {
    const roles: ColumnRole[] = [];
    for (let j = 0; j < width; j++) {
      let role: ColumnRole = 'other';
      for (let h = headerRows - 1; h >= 0 && role === 'other'; h--) role = guessColumnRole(table.rows[h]!.cells[j]?.text ?? '');
      roles.push(role);
    }
    if (roles.includes('task')) return { table, roles, headerRows };
  }
  const data = table.rows.slice(headerRows);
  const kinds = data.map((r) => r.cells.map((c) => cellKind(c.text, units)));
  const lengths = data.map((r) => r.cells.map((c) => c.text.trim().length));
  return { table, roles: pad(guessColumnsFromContent(kinds, lengths), width), headerRows };
}

/** 一 | 稳定经济增长 with no owner and no time: a heading inside the table, not a task. */
function isCategoryRow(cells: Partial<Record<ColumnRole, DocCell[]>>, task: string): boolean {
  if (cells.lead || cells.owners || cells.co || cells.leader || cells.deadline) return false;
  const seq = cells.seq?.[0]?.text.trim() ?? '';
  return (seq === '' || /^[一二三四五六七八九十]/.test(seq)) && task.length <= 20 && !/[。；;]/.test(task);
}

function pad(roles: readonly ColumnRole[], width: number): ColumnRole[] {
  const out = roles.slice(0, Math.max(width, roles.length));
  while (out.length < width) out.push('other');
  return out;
}

/** Roles whose empty cell repeats the row above (a merged cell is written only in its first row). */
const CARRIED: readonly ColumnRole[] = ['lead', 'owners', 'leader', 'deadline'];

/** The data rows of a table, each with its cells by role; merged cells carried down. */
export function rowViews(t: ResolvedTable): RowView[] {
  const out: RowView[] = [];
  let previous: Partial<Record<ColumnRole, DocCell[]>> | null = null;
  t.table.rows.slice(t.headerRows).forEach((row) => {
    const cells: Partial<Record<ColumnRole, DocCell[]>> = {};
    row.cells.forEach((c, j) => {
      const role = t.roles[j] ?? 'other';
      if (c.text.trim() === '') return;
      (cells[role] ??= []).push(c);
    });
    const task = (cells.task ?? []).map((c) => c.text.trim()).join('');
    // A row with no task, a category row (一 | 稳定经济增长, nothing else) or a header repeated
    // after a page break ends nothing and carries nothing: the next real row still inherits from
    // the last real one.
    if (task === '' || isCategoryRow(cells, task) || looksLikeHeader(row.cells.map((c) => c.text))) return;
    if (previous) {
      for (const role of CARRIED) {
        if (!cells[role] && previous[role] && t.roles.includes(role)) cells[role] = previous[role]!.map((c) => ({ ...c, merged: true }));
      }
    }
    previous = cells;
    out.push({ table: t, row, index: out.length + 1, cells });
  });
  return out;
}
