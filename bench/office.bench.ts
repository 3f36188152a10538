/**
 * Office files in and out, in Node: reading the invented notice as .docx, .xlsx and GBK .csv
 * (against parsing the same notice pasted as text, measured in the same run), reading a sheet of
 * 100,000 rows (cut at the 20,000-row limit), and writing the city-scale plan (1,000 tasks) as
 * the lists .xlsx and its Q1 通报 as .docx.
 */
import { generateCity } from './fixtures';
import { median, timeAsync, type BenchRow } from './lib';
import { deriveAllStates } from '../src/domain/events';
import { listsWorkbook } from '../src/domain/exchange/lists-workbook';
import { buildOfficialDocx } from '../src/domain/exchange/official-docx';
import { buildXlsx } from '../src/domain/exchange/xlsx-writer';
import { parseSpeech } from '../src/domain/parser/speech-parser';
import { readDocument } from '../src/domain/readers/read-document';
import { buildQuarterlyReport } from '../src/domain/report';
import { buildBulletinContent } from '../src/domain/bulletin/quarterly';
import { bulletinDocument } from '../src/domain/exchange/official-document';
import { noticeCsvGbk, noticeDocx, noticeText, noticeXlsx } from '../tests/fixtures/documents/notice';

export default async function officeBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const text = noticeText();
  const paste = median(await timeAsync(async () => parseSpeech(text), 15, 2));
  rows.push({ group: 'office', name: 'baseline: parse the notice pasted as text', median: paste, unit: 'ms', runs: 15 });
  for (const [name, bytes] of [
    ['notice.docx', await noticeDocx()],
    ['notice.xlsx', noticeXlsx()],
    ['notice.csv', noticeCsvGbk()],
  ] as const) {
    const m = median(await timeAsync(() => readDocument(bytes, name), 15, 2));
    rows.push({ group: 'office', name: `read ${name} (${bytes.length} B)`, median: m, unit: 'ms', runs: 15, extra: { vsPaste: (m / paste).toFixed(2) } });
  }
  const big: (string | number)[][] = [];
  for (let i = 1; i <= 100_000; i++) big.push([i, `第${i}项重点任务`, '市城管局', '2026年12月底前']);
  const sheet = buildXlsx([{ name: '台账', columns: ['序号', '任务', '牵头单位', '完成时限'].map((header) => ({ header, width: 12 })), rows: big }]);
  const huge = median(await timeAsync(() => readDocument(sheet, 'huge.xlsx'), 3, 1));
  rows.push({ group: 'office', name: 'read a 100,000-row sheet (cut at 20,000)', median: huge, unit: 'ms', runs: 3, extra: { bytes: sheet.length } });

  const { plan, units, events, today } = generateCity();
  const states = deriveAllStates(plan, events);
  const xlsx = median(await timeAsync(async () => buildXlsx(listsWorkbook(plan, states, today)), 5, 1));
  rows.push({ group: 'office', name: 'write the lists .xlsx (1,000 tasks)', median: xlsx, unit: 'ms', runs: 5 });
  const report = buildQuarterlyReport(plan, events, 1, today, { units });
  // The page already holds the content; the click only lays it out as .docx.
  const bulletin = bulletinDocument(buildBulletinContent(report));
  const docx = median(await timeAsync(() => buildOfficialDocx(bulletin), 3, 1));
  rows.push({ group: 'office', name: 'write the Q1 通报 .docx (1,000 tasks)', median: docx, unit: 'ms', runs: 3 });
  return rows;
}
