/**
 * The content of a printed document (督查通报) as data: every figure, table and sentence already
 * written out, so the same content can be shown on screen, printed, written to .docx, and frozen
 * into the archive when the 通报 is issued. Reprinting an issued 通报 renders this content again,
 * so it comes out identical whatever happened to the plan, the log or the app's wording since.
 *
 * The blocks are the few things an official document is made of (GB/T 9704): headings, body
 * paragraphs, numbered tables with a caption, a chart drawn in black and patterns, a note in small
 * type, and a line in 楷体 saying a section has nothing to list.
 */
import { z } from 'zod';

const text = z.string().max(20_000);

/** A table cell: its text, an optional second line in small type, and the task it names. */
export const DocCellSchema = z.object({
  text,
  /** A second line in small type under the text (the unit's latest note, say). */
  note: text.optional(),
  /** The task the cell names: on screen a link to its 督办单, on paper plain text. */
  taskId: z.string().max(200).optional(),
  /** Spans this many columns (the next cells of the row are then absent). */
  span: z.number().int().min(1).max(20).optional(),
  /** Says that there is nothing to show (printed in 楷体). */
  empty: z.boolean().optional(),
});
export type DocCell = z.infer<typeof DocCellSchema>;

export const DocColumnSchema = z.object({
  key: z.string().max(100),
  header: text,
  /** 'num' right-aligns figures; 'center' for short codes and dates. */
  align: z.enum(['num', 'center']).optional(),
  /** A width hint in the print (e.g. '3em', '18%'). */
  width: z.string().max(20).optional(),
  /** This column names the row (a row header). */
  rowHeader: z.boolean().optional(),
});
export type DocColumn = z.infer<typeof DocColumnSchema>;

export const BarFillSchema = z.enum(['solid', 'hatch', 'dots', 'open']);

export const DocBlockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text }),
  z.object({ type: z.literal('paragraph'), text, noIndent: z.boolean().optional() }),
  /** A note in small type under a table or chart. */
  z.object({ type: z.literal('note'), text }),
  /** A section with nothing to list, in 楷体. */
  z.object({ type: z.literal('empty'), text }),
  z.object({
    type: z.literal('table'),
    caption: text,
    columns: z.array(DocColumnSchema).min(1).max(20),
    rows: z.array(z.array(DocCellSchema).max(20)).max(100_000),
    /** A key-figures table laid out as one row of boxes. */
    variant: z.enum(['kpis']).optional(),
  }),
  z.object({
    type: z.literal('chart'),
    id: z.string().max(100),
    title: text,
    /** What a screen reader says for the whole chart. */
    label: text,
    unit: z.string().max(20),
    bars: z.array(z.object({ label: text, value: z.number().finite(), fill: BarFillSchema })).max(50),
  }),
]);
export type DocBlock = z.infer<typeof DocBlockSchema>;

/** A 督查通报 (quarterly bulletin), draft or issued. */
export const BulletinContentSchema = z.object({
  version: z.literal(1),
  year: z.number().int().min(1900).max(2200),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  /** 版头: 督查通报 */
  masthead: text,
  /** 期号 line: 2026年第3期, or 草稿（未印发） for a draft. */
  issue: text,
  issuer: text,
  /** 成文日期: 2026年4月2日 */
  dateText: text,
  title: text,
  /** The title cut where a reader pauses, one string per line. */
  titleLines: z.array(text).min(1).max(5),
  addressee: text,
  body: z.array(DocBlockSchema).max(10_000),
  /** The last section, kept on one page with the signature and the date. */
  closing: z.object({ heading: text, text }),
  /** 版记 */
  record: z.object({ cc: text, printer: text, printed: text }),
});
export type BulletinContent = z.infer<typeof BulletinContentSchema>;
