/**
 * The parser's input: one model for every way a document arrives. Pasted text, a .txt, a Word
 * file, a PDF, an Excel sheet and a CSV all become a SourceDocument, so the parser has one table
 * model whatever the reader (src/domain/readers/ builds these from files; `textDocument` from
 * pasted text).
 *
 * `text` is what every quote and span indexes (the contract: text.slice(start, end) === quote).
 * A reader renders its tables into `text` as one line per row with the cells joined by a tab, and
 * lists them in `tables` with the span of every row and cell, so the parser reads a Word table as
 * rows and columns instead of guessing them back from the text. Pasted text has no `tables`: the
 * parser finds tables in it itself (one cell per line, tab-separated rows) and builds the same
 * DocTable shape.
 */
import { z } from 'zod';
import { SourceSpanSchema } from '../model';

/**
 * What a column holds. `owners` is a column that names owners without saying lead or co
 * (责任单位: the first named leads); `lead` is 牵头单位, `co` 配合单位, `leader` 责任领导.
 * `other` is kept in the row's quote but read for nothing.
 */
export const ColumnRoleSchema = z.enum(['seq', 'task', 'lead', 'co', 'owners', 'leader', 'deadline', 'progress', 'note', 'other']);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

export const DocCellSchema = z.object({
  text: z.string(),
  /** Where the cell's text is in `text`. For a repeated merged cell: the cell it repeats. */
  span: SourceSpanSchema,
  /** True when the reader repeated a merged cell's value into this row (merged cells span rows). */
  merged: z.boolean(),
});
export type DocCell = z.infer<typeof DocCellSchema>;

export const DocRowSchema = z.object({
  /** The whole row's line in `text`: the quote of a task read from this row. */
  span: SourceSpanSchema,
  cells: z.array(DocCellSchema),
  /** 1-based, as the user sees it in the sheet or the table (header rows counted). */
  rowNumber: z.number().int().positive(),
  /** The PDF page (or Word page when known) the row starts on. */
  page: z.number().int().positive().nullable(),
});
export type DocRow = z.infer<typeof DocRowSchema>;

export const DocTableSchema = z.object({
  span: SourceSpanSchema,
  /** The sheet's name (Excel) or null. */
  sheet: z.string().nullable(),
  /** How many of `rows` are header rows (0 when the table has none). */
  headerRows: z.number().int().nonnegative(),
  rows: z.array(DocRowSchema),
  /**
   * The role of each column, as the office set it in the column-mapping step; null lets the
   * parser guess from the header (任务/事项/工作内容 → task, 牵头单位 → lead, 完成时限 → deadline…).
   */
  columns: z.array(ColumnRoleSchema).nullable(),
});
export type DocTable = z.infer<typeof DocTableSchema>;

export const DocumentKindSchema = z.enum(['text', 'docx', 'pdf', 'xlsx', 'csv']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

export const SourceDocumentSchema = z.object({
  text: z.string(),
  /** Tables a reader found, in text order; [] for pasted text. */
  tables: z.array(DocTableSchema),
  /** Start offsets in `text` of each page (PDF), so a prose item can name its page; [] if unknown. */
  pageStarts: z.array(z.number().int().nonnegative()),
  kind: DocumentKindSchema,
  /** The file's name, or null for pasted text. */
  fileName: z.string().nullable(),
});
export type SourceDocument = z.infer<typeof SourceDocumentSchema>;

/** Pasted text or a .txt file: no tables known yet (the parser looks for them in the text). */
export function textDocument(text: string, fileName: string | null = null): SourceDocument {
  return { text, tables: [], pageStarts: [], kind: 'text', fileName };
}
