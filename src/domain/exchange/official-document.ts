/**
 * An official document (通报, 督办单) as content, apart from any layout: the 版头, the title, the
 * body, the closing section, the signature and the 版记. The body is made of the same blocks the
 * screen and the print render (DocBlock of src/domain/bulletin/content.ts), so the .docx cannot say
 * anything the page does not: official-docx.ts only lays them out in the GB/T 9704 format. Pure data.
 */
import type { BulletinContent, DocBlock, DocCell } from '@/domain/bulletin/content';

export interface OfficialMasthead {
  /** The red heading (督查通报, or the issuer's name + 督办单). */
  heading: string;
  /** 期号 under the heading (2026年第3期, 草稿（未印发）), if any. */
  issue: string | null;
  /** Left and right of the line over the red rule (issuer and date, or number and date). */
  left: string;
  right: string;
}

/** One line of a form (督办单): the label in the first column, the content in the second. */
export interface FormRow {
  label: string;
  cell: DocCell;
  /** The row's least height in mm: room for the unit to write in by hand. */
  minHeightMm?: number;
  /** The speech's own words, set in 楷体 as the print sets a quote. */
  quote?: boolean;
}

export type OfficialBlock = DocBlock | { type: 'form'; rows: FormRow[] };

export interface OfficialDocument {
  masthead: OfficialMasthead;
  /** The title, cut where a reader pauses; empty for a form such as a 督办单. */
  titleLines: string[];
  blocks: OfficialBlock[];
  /** The last section, kept on one page with the signature and the date. */
  closing: { heading: string; text: string } | null;
  signoff: { issuer: string; date: string };
  /** A one-page form (督办单): the issuer and the date share one line, as on the printed form. */
  compact: boolean;
  /** A line in small type under the signature (the office's key fingerprint on a 督办单). */
  keyline: string | null;
  /** 版记: copies to, and the printing office and date. */
  record: { cc: string; printer: string; printed: string } | null;
}

/** A 督查通报, draft or issued, exactly as its content says: nothing is recomputed here. */
export function bulletinDocument(c: BulletinContent): OfficialDocument {
  return {
    masthead: { heading: c.masthead, issue: c.issue || null, left: c.issuer, right: c.dateText },
    titleLines: c.titleLines,
    blocks: [{ type: 'paragraph', text: c.addressee, noIndent: true }, ...c.body],
    closing: c.closing,
    signoff: { issuer: c.issuer, date: c.dateText },
    compact: false,
    keyline: null,
    record: c.record,
  };
}

/** The file name an exported 通报 is saved under: its title and its 期号 (or 草稿). */
export function bulletinFileName(c: BulletinContent): string {
  const issue = c.issue.startsWith('（') ? c.issue : `（${c.issue}）`;
  return `${c.title}${issue}.docx`.replace(/[\\/:*?"<>|]/g, '');
}
