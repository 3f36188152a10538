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
import type { OfficialBlock, OfficialColumn, OfficialDocument } from './official-document';

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

function body(text: string, opts: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; font?: FontKey; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, opts.font ?? 'body', 16)],
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    keepNext: opts.keepNext,
  });
}

function cellParagraphs(text: string, align: OfficialColumn['align'], header: boolean): Paragraph[] {
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        children: [run(line, header ? 'hei' : 'body', 12)],
        alignment: align === 'center' || header ? AlignmentType.CENTER : align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      }),
  );
}

const TYPE_AREA = mm(156);
const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function table(b: Extract<OfficialBlock, { kind: 'table' }>): (Paragraph | Table)[] {
  const widths = b.columns.map((c) => Math.round((TYPE_AREA * c.width) / 100));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      children: cellParagraphs(text, b.columns[i]?.align, header),
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlign.CENTER,
      margins: { top: 40, bottom: 40, left: 80, right: 80 },
    });
  const rows: TableRow[] = [];
  if (!b.form) rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: b.columns.map((c, i) => cell(c.header, i, true)) }));
  for (const r of b.rows) rows.push(new TableRow({ cantSplit: true, children: r.map((v, i) => cell(v, i, b.form === true && i === 0)) }));
  const out: (Paragraph | Table)[] = [];
  if (b.caption) {
    out.push(new Paragraph({ children: [run(b.caption, 'hei', 14)], alignment: AlignmentType.CENTER, spacing: { before: 120, after: 60 }, keepNext: true }));
  }
  out.push(new Table({ rows, width: { size: TYPE_AREA, type: WidthType.DXA }, columnWidths: widths, layout: TableLayoutType.FIXED, borders }));
  // A table is followed by body text at the normal pitch, never glued to it.
  out.push(new Paragraph({ children: [], spacing: { before: 0, after: 0, line: 240 } }));
  return out;
}

function blocks(list: readonly OfficialBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    if (b.kind === 'heading') out.push(body(b.text, { font: b.level === 1 ? 'hei' : 'kai', keepNext: true }));
    else if (b.kind === 'para') out.push(body(b.text, { indent: !b.noIndent, keepNext: b.keepWithNext }));
    else if (b.kind === 'note') {
      out.push(new Paragraph({ children: [run(b.text, 'body', 12)], spacing: { before: 0, after: 120 }, indent: { firstLine: 480 } }));
    } else out.push(...table(b));
  }
  return out;
}

function pageNumber(align: (typeof AlignmentType)[keyof typeof AlignmentType]): Footer {
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
  // 成文日期 right-aligned four characters in from the right, the issuer centred over it.
  // A table already ends with a spacer; after text, one empty body line.
  const afterTable = doc.blocks.at(-1)?.kind === 'table';
  const signoff = [
    ...(afterTable ? [] : [new Paragraph({ children: [], spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, keepNext: true })]),
    new Paragraph({ children: [run(doc.signoff.issuer, 'body', 16)], alignment: AlignmentType.RIGHT, indent: { right: 1280 + 320 }, spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, keepNext: true }),
    // With a 版记 below, the date keeps to it: the 版记 never stands alone on a last page.
    new Paragraph({ children: [run(doc.signoff.date, 'body', 16)], alignment: AlignmentType.RIGHT, indent: { right: 1280 }, spacing: { line: BODY_LINE, lineRule: LineRuleType.EXACT }, keepNext: doc.record !== null }),
  ];
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
        children: [...head, ...title, ...blocks(doc.blocks), ...signoff, ...record],
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
