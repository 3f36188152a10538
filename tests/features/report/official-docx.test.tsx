/**
 * The Word exports say what the printed pages say: every paragraph, heading and table cell of the
 * rendered 通报 (draft or issued, from its BulletinContent) and 督办单 is in the .docx (read back
 * with our own .docx reader), laid out in the official format (A4, GB/T 9704 margins, page numbers
 * on alternating sides, repeated table headers, the office fonts named).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/react';
import { strFromU8, unzipSync } from 'fflate';
import { buildBulletinContent } from '@/domain/bulletin/quarterly';
import { issueBulletin } from '@/domain/bulletin/archive';
import { bulletinDocument, bulletinFileName } from '@/domain/exchange/official-document';
import { buildOfficialDocx, columnWidths } from '@/domain/exchange/official-docx';
import { buildQuarterlyReport } from '@/domain/report';
import { readDocument } from '@/domain/readers/read-document';
import { ReportDocument } from '@/features/report/report-document';
import { NoticePage } from '@/features/report/notice-page';
import { buildNotice } from '@/domain/report';
import { buildNoticeSheet, noticeDocument } from '@/features/report/notice-content';
import { t } from '@/lib/strings';
import { officeKeyElsewhere, resetStore } from '../../helpers/screen-store';
import { ev, mkPlan, mkSection, mkTask, mkUnit } from '../../domain/screen-fixtures';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-03-20',
}));

const sections = [mkSection('s1', '一、', '锚定目标抓落实'), mkSection('s2', '二、', '改进作风抓落实')];
const plan = mkPlan(
  [
    mkTask('a', '市教育局', '2025-03-31', { sectionId: 's1', title: '新建学校三所', flagged: true }),
    mkTask('b', '市教育局', '2025-02-28', { sectionId: 's1', title: '出台教师培训方案' }),
    mkTask('c', '市交通运输局', '2025-12-31', { sectionId: 's2', title: '道路改造<script>x</script>', owners: [{ name: '市交通运输局', role: 'lead', inferred: false }, { name: '市教育局', role: 'co', inferred: false }] }),
    mkTask('d', '市住建局', '2025-03-15', { sectionId: 's2', title: '老旧小区改造开工' }),
    // A deadline the parser assumed: the 督办单 prints the date without its （未注明时限） note.
    mkTask('e', '市住建局', '2025-12-31', { sectionId: 's2', title: '完善物业管理办法', deadline: { label: '年底前（未注明时限）', due: '2025-12-31', recurrence: null, kind: 'date', inferred: true } }),
  ],
  { sections, title: '市长讲话' },
);
const events = [
  ev('a', '2025-03-10', { type: 'tick', done: true, note: '三所学校已开工建设' }, '市教育局'),
  ev('b', '2025-03-05', { type: 'progress', percent: 60, note: '方案待常务会审议' }, '市教育局'),
  ev('c', '2025-03-12', { type: 'notice', kind: 'commend', note: '提前谋划' }),
  // 核查不符: reported done, found not done on site.
  ev('d', '2025-03-14', { type: 'tick', done: true, note: '已全部开工' }, '市住建局'),
  ev('d', '2025-03-18', { type: 'inspection', date: '2025-03-18', finding: 'not-done', note: '两个小区未进场' }),
  ev('b', '2025-03-01', { type: 'assign', year: 2025, number: 7, replyBy: '2025-03-25', note: '请说明逾期原因并限期办结。' }),
  ev('b', '2025-03-02', { type: 'receipt', handler: '李华', phone: '0351-5551234' }, '市教育局'),
];
const units = [mkUnit('市教育局'), mkUnit('市交通运输局'), mkUnit('市住建局')];
const squash = (s: string) => s.replace(/\s+/g, '');

async function docxText(bytes: Uint8Array): Promise<string> {
  const r = await readDocument(bytes, 'x.docx');
  if (!r.ok) throw new Error(r.message);
  return r.doc.text;
}

/** Every text of a rendered document, as the reader sees it on paper (the chart's counts apart). */
function printedTexts(container: HTMLElement): string[] {
  return [...container.querySelectorAll('.doc-sheet p, .doc-sheet h1, .doc-sheet h2, .doc-sheet h3, .doc-sheet td, .doc-sheet th, .doc-sheet caption, .doc-sheet .doc-issue-row span')]
    .filter((el) => !el.closest('figure, .doc-chart'))
    .map((el) => squash(el.textContent ?? ''))
    .filter((x) => x !== '');
}

describe('the 通报 as .docx', () => {
  const report = buildQuarterlyReport(plan, events, 1, '2025-03-20', { units });
  const draft = buildBulletinContent(report);

  it('holds every text of the printed draft, the 核查不符 table and column included', async () => {
    const { container } = render(<ReportDocument content={draft} />);
    const text = squash(await docxText(await buildOfficialDocx(bulletinDocument(draft))));
    const printed = printedTexts(container);
    expect(printed.length).toBeGreaterThan(40);
    expect(printed.filter((x) => !text.includes(x))).toEqual([]);
    // The bar chart is drawn on paper; its counts are a table in Word.
    expect(text).toContain(squash('■红灯▲黄灯●绿灯✓已完成'));
    expect(text).toContain(squash(t.report.mismatchTitle));
    expect(text).toContain('老旧小区改造开工');
    expect(text).toContain(squash(draft.issue));
  });

  it('writes an issued 通报 from its frozen content, not from today’s plan', async () => {
    const issued = issueBulletin({
      id: 'b1', content: draft, archive: [], planId: plan.id, issuedAt: '2025-03-21T02:00:00.000Z', issuedBy: '市政府办公室',
      issueLine: t.report.issue, dateText: '2025年3月21日', printed: t.report.printed('2025年3月21日'),
    });
    // After issuing, the plan changes: a task renamed. The issued 通报 still says what it said.
    const later = buildBulletinContent(buildQuarterlyReport({ ...plan, tasks: plan.tasks.map((x) => (x.id === 'b' ? { ...x, title: '改了名的任务' } : x)) }, events, 1, '2025-03-28', { units }));
    const text = squash(await docxText(await buildOfficialDocx(bulletinDocument(issued.content))));
    expect(text).toContain(squash(t.report.issue(2025, 1)));
    expect(text).toContain('出台教师培训方案');
    expect(text).not.toContain('改了名的任务');
    expect(text).not.toContain(squash(draft.issue));
    const { container } = render(<ReportDocument content={issued.content} />);
    expect(printedTexts(container).filter((x) => !text.includes(x))).toEqual([]);
    expect(squash(await docxText(await buildOfficialDocx(bulletinDocument(later))))).toContain('改了名的任务');
    expect(bulletinFileName(issued.content)).toBe('关于2025年第一季度重点工作落实情况的通报（2025年第1期）.docx');
    expect(bulletinFileName(draft)).toBe('关于2025年第一季度重点工作落实情况的通报（草稿，未印发）.docx');
  });

  it('spans a cell over the columns it covers, as on paper', async () => {
    const withTargets = buildBulletinContent({
      ...report,
      targets: [{ metric: '地区生产总值增长', unit: '%', isRate: true, expected: null, working: null, striving: null, single: { value: 6, valueMax: null, comparator: 'about', met: null }, actual: null } as never],
    });
    const xml = strFromU8(unzipSync(await buildOfficialDocx(bulletinDocument(withTargets)))['word/document.xml']!);
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
  });

  it('is laid out as an official document', async () => {
    const files = unzipSync(await buildOfficialDocx(bulletinDocument(draft)));
    const xml = strFromU8(files['word/document.xml']!);
    // A4 and the margins 37/26/35/28 mm in twips.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar[^>]*w:top="2098"[^>]*w:right="1474"[^>]*w:bottom="1984"[^>]*w:left="1587"/);
    expect(xml).toContain('<w:tblHeader/>');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
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
    expect(await docxText(await buildOfficialDocx(bulletinDocument(draft)))).toContain('道路改造<script>x</script>');
  });
});

describe('column widths', () => {
  it('takes the print’s % and em hints and shares the rest', () => {
    expect(columnWidths(['3em', undefined, '25%'], 10000)).toEqual([720, 6780, 2500]);
    // Hints alone are stretched to the type area; too greedy hints leave the free column room.
    expect(columnWidths(['10%', '10%'], 10000)).toEqual([5000, 5000]);
    const greedy = columnWidths(['60%', '60%', undefined], 10000);
    expect(greedy.reduce((a, w) => a + w, 0)).toBeGreaterThanOrEqual(9998);
    expect(greedy[2]).toBeGreaterThanOrEqual(6 * 240);
  });
});

describe('the 督办单 as .docx', () => {
  beforeEach(() => {
    resetStore({ plan, units, events, ...officeKeyElsewhere() });
  });

  it('holds every text of the printed 督办单: register number, reply deadline, contact, key line', async () => {
    window.location.hash = '#/notice/b';
    const { container } = render(<NoticePage />);
    const notice = buildNotice(plan, events, 'b', '2025-03-20')!;
    const sheet = buildNoticeSheet(notice, { requirement: notice.register!.requirement, today: '2025-03-20', fingerprint: '0123-4567-89AB-CDEF-0123' });
    const text = squash(await docxText(await buildOfficialDocx(noticeDocument(sheet))));
    const printed = printedTexts(container);
    expect(printed.length).toBeGreaterThan(20);
    expect(printed.filter((x) => !text.includes(x))).toEqual([]);
    for (const words of ['督办〔2025〕第7号', '2025年3月25日', '李华', '0351-5551234', '请说明逾期原因并限期办结。', '0123-4567-89AB-CDEF-0123']) expect(text).toContain(squash(words));
  });

  it('prints the deadline the parser assumed without its internal note', async () => {
    window.location.hash = '#/notice/e';
    const { container } = render(<NoticePage />);
    const notice = buildNotice(plan, events, 'e', '2025-03-20')!;
    const text = await docxText(await buildOfficialDocx(noticeDocument(buildNoticeSheet(notice, { requirement: 'x', today: '2025-03-20', fingerprint: null }))));
    expect(container.textContent).not.toContain('未注明时限');
    expect(text).not.toContain('未注明时限');
    expect(text).toContain('2025年12月31日');
    // Not yet 交办: the number is left blank for the register.
    expect(text).toContain(t.notice.unnumbered(2025));
  });
});
