/**
 * A small .xlsx writer: sheets with a bold header row that is frozen and filtered, column widths,
 * text, numbers and real dates (serial days with a date format, so Excel sorts and filters them
 * as dates), and a fill colour per cell. The zip is made by fflate (already used to read files).
 *
 * Written here rather than with a library: SheetJS's npm release is old with known advisories,
 * exceljs brings a dozen dependencies and ~300 kB for features we do not use; the parts we need
 * are four short XML files, checked by reading them back with our reader and in LibreOffice.
 */
import { strToU8, zipSync } from 'fflate';

export type XlsxValue = string | number | { date: string } | null;

export interface XlsxCell {
  value: XlsxValue;
  /** Background colour, RRGGBB. */
  fill?: string;
}

export interface XlsxColumn {
  header: string;
  /** Width in characters (a CJK character counts about two). */
  width: number;
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  rows: (XlsxCell | XlsxValue)[][];
  /** Merged ranges such as C2:C4 (the value sits in the first cell). */
  merges?: string[];
}

const esc = (s: string) =>
  s
    // Characters XML 1.0 cannot hold at all would make the file unreadable: dropped.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

export function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** yyyy-MM-dd → Excel's 1900-system serial day (after the fictitious 1900-02-29). */
export function excelSerial(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86400000);
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string, taken: Set<string>): string {
  let base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
  let n = 2;
  while (taken.has(base)) base = `${name.slice(0, 28)}(${n++})`;
  taken.add(base);
  return base;
}

export function buildXlsx(sheets: readonly XlsxSheet[]): Uint8Array {
  // Styles: 0 default, 1 header, then one per (fill, isDate) combination in use.
  const fills: string[] = [];
  const xfs: { fill: number; date: boolean }[] = [];
  const styleOf = (fill: string | undefined, date: boolean): number => {
    let f = 0;
    if (fill) {
      let i = fills.indexOf(fill);
      if (i < 0) i = fills.push(fill) - 1;
      f = i + 3; // 0 none, 1 gray125 (both required), 2 the header's grey
    }
    let k = xfs.findIndex((x) => x.fill === f && x.date === date);
    if (k < 0) k = xfs.push({ fill: f, date }) - 1;
    return k + 2;
  };
  const taken = new Set<string>();
  const files: Record<string, Uint8Array> = {};
  const sheetEntries: string[] = [];
  const rels: string[] = [];

  sheets.forEach((sheet, si) => {
    const rowsXml: string[] = [];
    const headerCells = sheet.columns.map((c, ci) => `<c r="${columnName(ci)}1" t="inlineStr" s="1"><is><t>${esc(c.header)}</t></is></c>`);
    rowsXml.push(`<row r="1">${headerCells.join('')}</row>`);
    sheet.rows.forEach((row, ri) => {
      const r = ri + 2;
      const cells = row.map((raw, ci) => {
        const cell: XlsxCell = raw !== null && typeof raw === 'object' && 'value' in raw ? raw : { value: raw as XlsxValue };
        const ref = `${columnName(ci)}${r}`;
        const v = cell.value;
        if (v !== null && typeof v === 'object') {
          const serial = excelSerial(v.date);
          if (serial !== null) return `<c r="${ref}" s="${styleOf(cell.fill, true)}"><v>${serial}</v></c>`;
          return `<c r="${ref}" s="${styleOf(cell.fill, false)}"/>`;
        }
        const s = styleOf(cell.fill, false);
        if (typeof v === 'number' && Number.isFinite(v)) return `<c r="${ref}" s="${s}"><v>${v}</v></c>`;
        if (v === null || v === '' || typeof v === 'number') return cell.fill ? `<c r="${ref}" s="${s}"/>` : '';
        return `<c r="${ref}" t="inlineStr" s="${s}"><is><t xml:space="preserve">${esc(v)}</t></is></c>`;
      });
      rowsXml.push(`<row r="${r}">${cells.join('')}</row>`);
    });
    const last = `${columnName(Math.max(0, sheet.columns.length - 1))}${sheet.rows.length + 1}`;
    const cols = sheet.columns.map((c, ci) => `<col min="${ci + 1}" max="${ci + 1}" width="${c.width}" customWidth="1"/>`).join('');
    files[`xl/worksheets/sheet${si + 1}.xml`] = strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
        // Printed landscape, all columns on the page's width, the header row on every page.
        `<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>` +
        `<sheetViews><sheetView workbookViewId="0"${si === 0 ? ' tabSelected="1"' : ''}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${rowsXml.join('')}</sheetData>` +
        (sheet.columns.length > 0 ? `<autoFilter ref="A1:${last}"/>` : '') +
        (sheet.merges?.length ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${esc(m)}"/>`).join('')}</mergeCells>` : '') +
        `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/></worksheet>`,
    );
    const name = sheetName(sheet.name, taken);
    sheetEntries.push(`<sheet name="${esc(name)}" sheetId="${si + 1}" r:id="rId${si + 1}"/>`);
    rels.push(`<Relationship Id="rId${si + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${si + 1}.xml"/>`);
  });
  // The auto-filter needs a defined name per sheet for Excel to show its buttons reliably.
  const definedNames = sheets
    .map((s, si) =>
      s.columns.length > 0
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${si}" hidden="1">'${esc(sheetNameAt(si))}'!$A$1:$${columnName(s.columns.length - 1)}$${s.rows.length + 1}</definedName>` +
          `<definedName name="_xlnm.Print_Titles" localSheetId="${si}">'${esc(sheetNameAt(si))}'!$1:$1</definedName>`
        : '',
    )
    .join('');
  function sheetNameAt(i: number): string {
    return /name="([^"]*)"/.exec(sheetEntries[i]!)![1]!.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/'/g, "''");
  }
  const n = sheets.length;
  files['[Content_Types].xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
      Array.from({ length: n }, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
      `</Types>`,
  );
  files['_rels/.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${sheetEntries.join('')}</sheets>${definedNames ? `<definedNames>${definedNames}</definedNames>` : ''}</workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
  );
  const fillXml = fills.map((f) => `<fill><patternFill patternType="solid"><fgColor rgb="FF${f}"/><bgColor indexed="64"/></patternFill></fill>`).join('');
  const border = '<border><left style="thin"><color rgb="FFBFBFBF"/></left><right style="thin"><color rgb="FFBFBFBF"/></right><top style="thin"><color rgb="FFBFBFBF"/></top><bottom style="thin"><color rgb="FFBFBFBF"/></bottom><diagonal/></border>';
  const xfXml = xfs
    .map((x) => `<xf numFmtId="${x.date ? 164 : 0}" fontId="0" fillId="${x.fill}" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"${x.fill ? ' applyFill="1"' : ''}${x.date ? ' applyNumberFormat="1"' : ''}><alignment vertical="top" wrapText="1"/></xf>`)
    .join('');
  files['xl/styles.xml'] = strToU8(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      `<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>` +
      `<fonts count="2"><font><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="宋体"/><family val="2"/><charset val="134"/></font></fonts>` +
      `<fills count="${3 + fills.length}"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill>${fillXml}</fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>${border}</borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${2 + xfs.length}"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>${xfXml}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
  );
  return zipSync(files, { level: 6 });
}
