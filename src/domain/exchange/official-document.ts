/**
 * An official document (通报, 督办单) as content, apart from any layout: the 版头, the title, the
 * body's headings, paragraphs and tables, the signature and the 版记. The report features build
 * one from the same content model their print pages render (src/domain/report.ts), and
 * official-docx.ts lays it out as a Word file in the GB/T 9704 format. Pure data.
 */

export interface OfficialMasthead {
  /** The red heading (督查通报, or the issuer's name + 督办单). */
  heading: string;
  /** 第N期 under the heading, if any. */
  issue: string | null;
  /** Left and right of the line over the red rule (issuer and date, or number and date). */
  left: string;
  right: string;
}

export interface OfficialColumn {
  header: string;
  /** Share of the type area's width, in percent. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export type OfficialBlock =
  /** 一、 in 黑体 (level 1); （一） in 楷体 (level 2). */
  | { kind: 'heading'; level: 1 | 2; text: string }
  /** Body text: 仿宋, first line indented two characters unless `noIndent`. */
  | { kind: 'para'; text: string; noIndent?: boolean; keepWithNext?: boolean }
  /** A smaller note under a table or chart. */
  | { kind: 'note'; text: string }
  /** A numbered table; the header row repeats on every page. `form` tables have headers in the first column. */
  | { kind: 'table'; caption: string | null; columns: OfficialColumn[]; rows: string[][]; form?: boolean };

export interface OfficialDocument {
  masthead: OfficialMasthead;
  /** The title, cut where a reader pauses; empty for a form such as a 督办单. */
  titleLines: string[];
  blocks: OfficialBlock[];
  signoff: { issuer: string; date: string };
  /** 版记: copies to, and the printing office and date. */
  record: { cc: string; printer: string; printed: string } | null;
}
