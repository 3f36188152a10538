/**
 * The Word exports say what the printed pages say: every paragraph, heading and table cell of
 * the rendered 通报 and 督办单 is in the .docx (read back with our own .docx reader), laid out in
 * the official format (A4, GB/T 9704 margins, page numbers on alternating sides, repeated table
 * headers, the office fonts named).
 */
import { describe, expect, it } from 'vitest';
import { render } from '@testing-library/react';
import { strFromU8, unzipSync } from 'fflate';
import { buildOfficialDocx } from '@/domain/exchange/official-docx';
import { buildNotice, buildQuarterlyReport } from '@/domain/report';
import { readDocument } from '@/domain/readers/read-document';
import { ReportDocument } from '@/features/report/report-document';
import { noticeContent, reportContent } from '@/features/report/official-content';
import { ev, mkPlan, mkSection, mkTask, mkUnit } from '../../domain/screen-fixtures';

const sections = [mkSection('s1', '一、', '锚定目标抓落实'), mkSection('s2', '二、', '改进作风抓落实')];
const plan = mkPlan(
  [
    mkTask('a', '市教育局', '2025-03-31', { sectionId: 's1', title: '新建学校三所', flagged: true }),
    mkTask('b', '市教育局', '2025-02-28', { sectionId: 's1', title: '出台教师培训方案' }),
    mkTask('c', '市交通运输局', '2025-12-31', { sectionId: 's2', title: '道路改造<script>x</script>', owners: [{ name: '市交通运输局', role: 'lead', inferred: false }, { name: '市教育局', role: 'co', inferred: false }] }),
  ],
  { sections, title: '市长讲话' },
);
const events = [
  ev('a', '2025-03-10', { type: 'tick', done: true, note: '三所学校已开工建设' }, '市教育局'),
  ev('b', '2025-03-05', { type: 'progress', percent: 60, note: '方案待常务会审议' }, '市教育局'),
  ev('c', '2025-03-12', { type: 'notice', kind: 'commend', note: '提前谋划' }),
];
const units = [mkUnit('市教育局'), mkUnit('市交通运输局')];
const squash = (s: string) => s.replace(/\s+/g, '');

async function docxText(bytes: Uint8Array): Promise<string> {
  const r = await readDocument(bytes, 'x.docx');
  if (!r.ok) throw new Error(r.message);
  return r.doc.text;
}

describe('the 通报 as .docx', () => {
  const report = buildQuarterlyReport(plan, events, 1, '2025-03-20', { units });

  it('holds every text of the printed document', async () => {
    const { container } = render(<ReportDocument report={report} />);
    const text = squash(await docxText(await buildOfficialDocx(reportContent(report))));
    // The bar chart is drawn on paper; its counts are a table in Word (checked below).
    const printed = [...container.querySelectorAll('.doc-sheet p, .doc-sheet h1, .doc-sheet h2, .doc-sheet h3, .doc-sheet td, .doc-sheet th, .doc-sheet caption')]
      .filter((el) => !el.closest('figure, .doc-chart'))
      .map((el) => squash(el.textContent ?? ''))
      .filter((x) => x !== '');
    expect(printed.length).toBeGreaterThan(40);
    const missing = printed.filter((x) => !text.includes(x.replace(/^表\d+/, '')));
    expect(missing).toEqual([]);
    expect(text).toContain(squash('红灯黄灯绿灯已完成'));
  });

  it('is laid out as an official document', async () => {
    const files = unzipSync(await buildOfficialDocx(reportContent(report)));
    const xml = strFromU8(files['word/document.xml']!);
    // A4 and the margins 37/26/35/28 mm in twips.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:color w:val="C00000"');
    // Odd pages' footer on the right, even pages' on the left, each "— PAGE —".
    expect(strFromU8(files['word/settings.xml']!)).toContain('<w:evenAndOddHeaders');
    const footers = Object.keys(files).filter((k) => /^word\/footer\d\.xml$/.test(k)).map((k) => strFromU8(files[k]!));
    expect(footers.map((f) => (f.match(/<w:jc w:val="(\w+)"/) ?? [])[1]).sort()).toEqual(['left', 'right']);
    for (const f of footers) expect(f).toMatch(/— .*PAGE.* —/s);
    // Missing office fonts have alternates in the font table.
    const fonts = strFromU8(files['word/fontTable.xml']!);
    expect(fonts).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(fonts).toContain('<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>');
  });

  it('keeps a task title with markup as text', async () => {
    // The commendation of task c in Q1 names it.
    expect(await docxText(await buildOfficialDocx(reportContent(report)))).toContain('道路改造<script>x</script>');
  });
});

describe('the 督办单 as .docx', () => {
  it('carries the notice form with the office requirement', async () => {
    const notice = buildNotice(plan, events, 'b', '2025-03-20')!;
    const text = await docxText(await buildOfficialDocx(noticeContent(notice, '请于3月底前报送整改情况。', '2025年2月28日')));
    for (const words of ['市政府办公室督办单', '出台教师培训方案', '市教育局', '2025年2月28日', '请于3月底前报送整改情况。', '联系人及电话']) expect(text).toContain(words);
  });
});
