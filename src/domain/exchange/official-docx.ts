/**
 * An OfficialDocument as a .docx in the layout of GB/T 9704-2012 (../shared/PRINT.md): A4, margins
 * 37/26/35/28 mm, the red 版头 over a red rule, the title in 2号 小标宋 (22 pt), body in 3号 仿宋
 * (16 pt) at 22 lines a page with a two-character indent, 一、 in 黑体 and （一） in 楷体, tables
 * with their header row repeated on each page, page numbers "— N —" in 4号 outside the type
 * area, right on odd pages and left on even ones. Office fonts are named first (方正小标宋简体,
 * 仿宋_GB2312, 黑体, 楷体_GB2312), each with the alternate Word and WPS take when it is missing
 * (w:altName in the font table: 仿宋, SimHei, 楷体, 方正小标宋_GBK); FONTS lists the further
 * stand-ins of the print stylesheet for reference. Editable in Word and WPS: plain paragraphs, runs and tables only.
 *
 * Written with the `docx` package (maintained, declarative, no native parts); loaded only when
 * an office exports (the caller imports this module dynamically).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { DocBlock, DocCell } from '@/domain/bulletin/content';
import type { OfficialBlock, OfficialDocument } from './official-document';

/** Font names as offices' machines have them, then what to try when they are missing. */
export const FONTS = {
  title: { name: '方正小标宋简体', alt: ['方正小标宋_GBK', '小标宋', '华文中宋', 'STZhongsong', 'SimSun', 'Noto Serif CJK SC'] },
  body: { name: '仿宋_GB2312', alt: ['仿宋', 'FangSong', 'STFangsong', 'Noto Serif CJK SC'] },
  hei: { name: '黑体', alt: ['SimHei', 'STHeiti', 'Noto Sans CJK SC'] },
  kai: { name: '楷体_GB2312', alt: ['楷体', 'KaiTi', 'STKaiti', 'AR PL UKai CN'] },
} as const;
type FontKey = keyof typeof FONTS;

const RED = 'C00000';
const mm = (v: number) => Math.round((v / 25.4) * 1440);
/** 22 lines in the 225 mm type area: an exact line pitch of 28.95 pt (in twentieths of a point). */
const BODY_LINE = 579;
const PT = (pt: number) => pt * 2;

function run(text: string, font: FontKey, sizePt: number, extra: { bold?: boolean; color?: string } = {}): TextRun {
  const f = FONTS[font].name;
  // Latin letters and figures in a Chinese official document are set in Times New Roman.
  return new TextRun({ text, size: PT(sizePt), font: { eastAsia: f, ascii: 'Times New Roman', hAnsi: 'Times New Roman', hint: 'eastAsia' }, ...extra });
}

function body(text: string, opts: { indent?: boolean; align?: Align; font?: FontKey; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, opts.font ?? 'body', 16)],
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    keepNext: opts.keepNext,
  });
}

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

function cellParagraphs(cell: DocCell, align: Align, header: boolean, sizePt: number, font?: FontKey): Paragraph[] {
  // An exact pitch of 1.5 lines, as the print sets table text: a stand-in font with tall
  // ascenders (LibreOffice's CJK fallback) then cannot make the rows taller than on paper.
  const line = (text: string, font: FontKey, size: number) =>
    new Paragraph({ children: [run(text, font, size)], alignment: align, spacing: { line: Math.round(size * 30), lineRule: LineRuleType.EXACT, before: 0, after: 0 } });
  // A cell saying there is nothing to show is set in 楷体, as on the printed page.
  // A cell holding only a hint (办理情况 on a 督办单) starts with the hint, as on paper.
  const main = cell.text === '' && cell.note ? [] : cell.text.split('\n').map((t) => line(t, font ?? (header ? 'hei' : cell.empty ? 'kai' : 'body'), sizePt));
  // The second line in small type (a unit's latest note) sits under the text, as on paper.
  const note = cell.note ? cell.note.split('\n').map((t) => line(t, 'body', 10.5)) : [];
  return [...main, ...note];
}

const TYPE_AREA = mm(156);
/** The table text is 12 pt, so the print's em widths are 240 twips each. */
const EM = 240;
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

/**
 * Column widths in twips from the print's hints ('18%', '3.8em'); columns without a hint share
 * what is left. Hints that leave the others too little are scaled down to fit the type area.
 */
export function columnWidths(hints: readonly (string | undefined)[], total = TYPE_AREA): number[] {
  const fixed = hints.map((h) => {
    const m = h ? /^(\d+(?:\.\d+)?)(%|em)$/.exec(h.trim()) : null;
    if (!m) return null;
    return m[2] === '%' ? (total * Number(m[1])) / 100 : Number(m[1]) * EM;
  });
  const free = fixed.filter((w) => w === null).length;
  // Columns without a hint keep at least six characters each (or share 70 % of the width).
  const room = Math.max(total - free * EM * 6, total * 0.3);
  const taken = fixed.reduce<number>((sum, w) => sum + (w ?? 0), 0);
  const scale = free && taken > room ? room / taken : 1;
  const rest = free ? (total - taken * scale) / free : 0;
  const widths = fixed.map((w) => Math.round(w === null ? rest : w * scale));
  // Without a free column the hints need not add up to the type area: stretch them to it.
  const sum = widths.reduce((a, w) => a + w, 0);
  return free ? widths : widths.map((w) => Math.round((w * total) / sum));
}

const ALIGN = { num: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

function tableCell(cell: DocCell, width: number, align: Align, header: boolean, sizePt: number, o: { top?: boolean; font?: FontKey } = {}): TableCell {
  return new TableCell({
    children: cellParagraphs(cell, align, header, sizePt, o.font),
    width: { size: width, type: WidthType.DXA },
    columnSpan: cell.span && cell.span > 1 ? cell.span : undefined,
    verticalAlign: o.top ? VerticalAlign.TOP : VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

function caption(text: string): Paragraph {
  return new Paragraph({ children: [run(text, 'hei', 14)], alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, keepNext: true });
}

/** A table is followed by body text at the normal pitch, never glued to it. */
const spacer = () => new Paragraph({ children: [], spacing: { before: 0, after: 0, line: 240 } });

function table(b: Extract<DocBlock, { type: 'table' }>): (Paragraph | Table)[] {
  const widths = columnWidths(b.columns.map((c) => c.width));
  const kpis = b.variant === 'kpis';
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map((c, i) => tableCell({ text: c.header }, widths[i]!, AlignmentType.CENTER, true, kpis ? 10.5 : 12)),
  });
  const rows = b.rows.map((r) => {
    let col = 0;
    const cells = r.map((cell) => {
      const span = cell.span ?? 1;
      const width = widths.slice(col, col + span).reduce((a, w) => a + w, 0);
      const c = b.columns[col];
      col += span;
      const align = kpis ? AlignmentType.CENTER : c?.align ? ALIGN[c.align] : AlignmentType.LEFT;
      return tableCell(cell, width, align, false, kpis ? 14 : 12);
    });
    return new TableRow({ cantSplit: true, children: cells });
  });
  return [
    caption(b.caption),
    new Table({ rows: [headerRow, ...rows], width: { size: TYPE_AREA, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders }),
    spacer(),
  ];
}

/** The printed page draws the lights as a bar chart; in Word they are a table of the same counts. */
function chart(b: Extract<DocBlock, { type: 'chart' }>): (Paragraph | Table)[] {
  return table({
    type: 'table',
    caption: b.title,
    columns: b.bars.map((bar, i) => ({ key: String(i), header: bar.label, align: 'center' })),
    rows: [b.bars.map((bar) => ({ text: `${bar.value}${b.unit}` }))],
  });
}

function form(b: Extract<OfficialBlock, { type: 'form' }>): (Paragraph | Table)[] {
  const widths = columnWidths(['22%', undefined]);
  const rows = b.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        height: r.minHeightMm ? { value: mm(r.minHeightMm), rule: HeightRule.ATLEAST } : undefined,
        children: [tableCell({ text: r.label }, widths[0]!, AlignmentType.CENTER, true, 12), tableCell(r.cell, widths[1]!, AlignmentType.LEFT, false, 12, { top: r.minHeightMm !== undefined, font: r.quote ? 'kai' : undefined })],
      }),
  );
  return [
    new Paragraph({ children: [], spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT } }),
    new Table({ rows, width: { size: TYPE_AREA, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders }),
    spacer(),
  ];
}

function blocks(list: readonly OfficialBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    switch (b.type) {
      // 一、 in 黑体, （一） in 楷体, each kept with what follows.
      case 'heading':
        out.push(body(b.text, { font: b.level === 2 ? 'hei' : 'kai', keepNext: true }));
        break;
      case 'paragraph':
        out.push(body(b.text, { indent: !b.noIndent }));
        break;
      case 'empty':
        out.push(body(b.text, { font: 'kai' }));
        break;
      case 'note':
        out.push(new Paragraph({ children: [run(b.text, 'body', 12)], spacing: { before: 0, after: 120 }, indent: { firstLine: 480 } }));
        break;
      case 'table':
        out.push(...table(b));
        break;
      case 'chart':
        out.push(...chart(b));
        break;
      case 'form':
        out.push(...form(b));
        break;
    }
  }
  return out;
}

function pageNumber(align: Align): Footer {
  // 4号 (14 pt) Arabic numerals with a dash each side, a quarter em in from the edge.
  return new Footer({
    children: [
      new Paragraph({
        alignment: align,
        indent: align === AlignmentType.RIGHT ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: PT(14), font: { eastAsia: FONTS.body.name, ascii: 'Times New Roman', hAnsi: 'Times New Roman' } })],
      }),
    ],
  });
}

export async function buildOfficialDocx(doc: OfficialDocument): Promise<Uint8Array> {
  const m = doc.masthead;
  const head: Paragraph[] = [
    new Paragraph({ children: [run(m.heading, 'title', 26, { color: RED })], alignment: AlignmentType.CENTER, spacing: { before: 0, after: 120 } }),
  ];
  if (m.issue) head.push(new Paragraph({ children: [run(m.issue, 'body', 16)], alignment: AlignmentType.CENTER, spacing: { after: 120 } }));
  // Issuer left, date right on one line, over the red rule (a paragraph border, editable in Word).
  head.push(
    new Paragraph({
      children: [run(m.left, 'body', 16), new TextRun({ text: '\t' }), run(m.right, 'body', 16)],
      tabStops: [{ type: 'right', position: TYPE_AREA }],
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 4 } },
      spacing: { after: 360 },
    }),
  );
  const title = doc.titleLines.map(
    (line) => new Paragraph({ children: [run(line, 'title', 22)], alignment: AlignmentType.CENTER, spacing: { line: 700, lineRule: LineRuleType.EXACT }, keepNext: true }),
  );
  if (title.length) title.push(new Paragraph({ children: [], spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT } }));
  // The last section, the signature and the date stay on one page, as on the printed page.
  const closing = doc.closing ? [body(doc.closing.heading, { font: 'hei', keepNext: true }), body(doc.closing.text, { keepNext: true })] : [];
  // 成文日期 right-aligned four characters in from the right, the issuer centred over it.
  // A table already ends with a spacer; after text, one empty body line.
  const last = doc.closing ? 'paragraph' : doc.blocks.at(-1)?.type;
  const afterTable = last === 'table' || last === 'form' || last === 'chart';
  const line = { line: BODY_LINE, lineRule: LineRuleType.EXACT };
  // With a 版记 or a key line below, the date keeps to it: neither stands alone on a last page.
  const keepDate = doc.record !== null || doc.keyline !== null;
  const signoff = [
    ...(afterTable ? [] : [new Paragraph({ children: [], spacing: line, keepNext: true })]),
    ...(doc.compact
      ? [new Paragraph({ children: [run(`${doc.signoff.issuer}\u3000${doc.signoff.date}`, 'body', 16)], alignment: AlignmentType.RIGHT, indent: { right: 640 }, spacing: line, keepNext: keepDate })]
      : [
          new Paragraph({ children: [run(doc.signoff.issuer, 'body', 16)], alignment: AlignmentType.RIGHT, indent: { right: 1280 + 320 }, spacing: line, keepNext: true }),
          new Paragraph({ children: [run(doc.signoff.date, 'body', 16)], alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: line, keepNext: keepDate }),
        ]),
  ];
  if (doc.keyline) signoff.push(new Paragraph({ children: [run(doc.keyline, 'body', 10.5)], spacing: { before: 120 } }));
  const record: Paragraph[] = [];
  if (doc.record) {
    const rule = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 };
    record.push(
      new Paragraph({ children: [], spacing: { before: 480 }, keepNext: true }),
      new Paragraph({ children: [run(doc.record.cc, 'body', 14)], border: { top: rule, bottom: rule }, indent: { left: 280, right: 280 }, keepNext: true }),
      new Paragraph({
        children: [run(doc.record.printer, 'body', 14), new TextRun({ text: '\t' }), run(doc.record.printed, 'body', 14)],
        tabStops: [{ type: 'right', position: TYPE_AREA - 280 }],
        indent: { left: 280 },
        border: { bottom: rule },
      }),
    );
  }
  const document = new Document({
    creator: doc.signoff.issuer,
    title: doc.titleLines.join('') || m.heading,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: { eastAsia: FONTS.body.name, ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: PT(16) } } } },
    sections: [
      {
        properties: {
          page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(37), right: mm(26), bottom: mm(35), left: mm(28), footer: mm(21) } },
        },
        footers: { default: pageNumber(AlignmentType.RIGHT), even: pageNumber(AlignmentType.LEFT) },
        children: [...head, ...title, ...blocks(doc.blocks), ...closing, ...signoff, ...record],
      },
    ],
  });
  return withFontAlternates(new Uint8Array(await Packer.toArrayBuffer(document)));
}

/**
 * Word and WPS take a missing font's w:altName from the font table when they choose a stand-in;
 * the docx package writes no font table entries for our fonts, so they are added here.
 */
function withFontAlternates(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const path = 'word/fontTable.xml';
  const entries = Object.values(FONTS)
    .map((f) => `<w:font w:name="${f.name}"><w:altName w:val="${f.alt[0]}"/><w:charset w:val="86"/><w:family w:val="${f === FONTS.hei ? 'modern' : 'roman'}"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  const xml = files[path] ? strFromU8(files[path]) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"></w:fonts>';
  // The package writes an empty <w:fonts …/>; open it to hold the entries.
  const open = xml.replace(/<w:fonts([^>]*?)\/>\s*$/, '<w:fonts$1></w:fonts>');
  files[path] = strToU8(open.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`));
  return zipSync(files, { level: 6 });
}
