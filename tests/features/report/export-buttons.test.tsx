/**
 * 导出 Word (quarterly summary, 督办单) and 导出 Excel (三张清单): a click builds the file with the
 * writer loaded on demand and hands it to the download, with a toast; nothing else changes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readDocument } from '@/domain/readers/read-document';
import { buildBulletinContent } from '@/domain/bulletin/quarterly';
import { buildQuarterlyReport } from '@/domain/report';
import { t } from '@/lib/strings';
import { ReportPage } from '@/features/report/report-page';
import { NoticePage } from '@/features/report/notice-page';
import { XlsxExportButton } from '@/components/xlsx-export-button';
import { resetStore, store } from '../../helpers/screen-store';
import { ev, mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

const downloads: { name: string; blob: Blob }[] = [];
vi.mock('@/components/download', () => ({
  downloadBlob: (name: string, blob: Blob) => downloads.push({ name, blob }),
  downloadText: vi.fn(),
}));
vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-03-20',
}));

const plan = mkPlan([mkTask('a', '市教育局', '2025-03-31', { title: '新建学校三所', flagged: true }), mkTask('b', '市交通运输局', '2025-02-28', { title: '道路改造' })], { title: '市长讲话' });

beforeEach(() => {
  downloads.length = 0;
  resetStore({ plan, units: [mkUnit('市教育局'), mkUnit('市交通运输局')], events: [ev('a', '2025-03-10', { type: 'tick', done: true }, '市教育局')] });
});

async function textOf(blob: Blob, name: string) {
  const r = await readDocument(new Uint8Array(await blob.arrayBuffer()), name);
  if (!r.ok) throw new Error(r.message);
  return r.doc.text;
}

describe('export buttons', () => {
  it('导出 Word on the quarterly summary downloads the 通报 as .docx', async () => {
    window.location.hash = '#/report?q=1';
    const user = userEvent.setup();
    render(<ReportPage />);
    await user.click(screen.getByRole('button', { name: '导出 Word' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    // The live 通报 is a draft (issue 12): its file says so, as its 期号 line does.
    expect(downloads[0]!.name).toBe('关于2025年第一季度重点工作落实情况的通报（草稿，未印发）.docx');
    const text = await textOf(downloads[0]!.blob, 'x.docx');
    expect(text).toContain('道路改造');
    expect(text).toContain('（草稿，未印发）');
    expect(store().toasts.at(-1)?.message).toContain('已导出');
  });

  it('导出 Word on an issued 通报 writes its frozen content, whatever changed since', async () => {
    const issued = store().issueBulletin(buildBulletinContent(buildQuarterlyReport(plan, store().events.toArray(), 1, '2025-03-20', { units: store().units })));
    // After issuing, a task is renamed; the issued 通报 still names it as it was.
    store().updateTask('b', { title: '改了名的道路任务' });
    window.location.hash = `#/report?issued=${issued.id}`;
    const user = userEvent.setup();
    render(<ReportPage />);
    await user.click(screen.getByRole('button', { name: '导出 Word' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toBe(`关于2025年第一季度重点工作落实情况的通报（${t.report.issue(issued.year, issued.number)}）.docx`);
    const text = await textOf(downloads[0]!.blob, 'x.docx');
    expect(text).toContain(t.report.issue(issued.year, issued.number));
    expect(text).not.toContain('改了名的道路任务');
  });

  it('导出 Word on a 督办单 carries the requirement the office typed', async () => {
    window.location.hash = '#/notice/b';
    const user = userEvent.setup();
    render(<NoticePage />);
    const box = screen.getByLabelText('督办要求（可修改，打印时按此处内容）');
    await user.clear(box);
    await user.type(box, '请三日内书面说明逾期原因。');
    await user.click(screen.getByRole('button', { name: '导出 Word' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(await textOf(downloads[0]!.blob, 'x.docx')).toContain('请三日内书面说明逾期原因。');
  });

  it('导出 Excel downloads the lists with both sheets', async () => {
    const user = userEvent.setup();
    render(<XlsxExportButton />);
    await user.click(screen.getByRole('button', { name: '导出 Excel' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toBe('落实-三张清单-2025-03-20.xlsx');
    const text = await textOf(downloads[0]!.blob, 'x.xlsx');
    expect(text).toContain('新建学校三所');
    expect(text).toContain('已完成');
  });
});
