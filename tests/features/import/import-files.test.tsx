/**
 * Opening office files on the import page (jsdom: the readers run on the main thread): the file
 * panel, the sheet picker, the column-mapping step, refusals that leave the plan untouched.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportPage } from '@/features/import/import-page';
import { buildXlsx } from '@/domain/exchange/xlsx-writer';
import { resetStore, store } from '../../helpers/screen-store';
import { mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';
import { noticeDocx, noticeXlsx } from '../../fixtures/documents/notice';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2026-02-10',
}));

const FILE_LABEL = '或打开文件（.docx .pdf .xlsx .csv .txt）';
const current = mkPlan([mkTask('old1', '市教育局', '2026-12-31', { title: '原有任务' })], { id: 'plan-current' });

beforeEach(() => {
  window.location.hash = '#/import';
  resetStore({ plan: current, units: [mkUnit('市城管局'), mkUnit('市住建局')], events: [], identity: { kind: 'office' } });
});

const file = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name);

describe('ImportPage with office files', () => {
  it('opens a .docx: says what was read, guesses each column from the header, parses the table text', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    await user.upload(screen.getByLabelText(FILE_LABEL), file(await noticeDocx(), '分解表.docx'));
    expect(await screen.findByText(/已打开“分解表.docx”（Word 文档，.*1 个表格）/)).toBeInTheDocument();
    const mapping = screen.getByRole('group', { name: /表格 1：13 行/ });
    expect(within(mapping).getByLabelText('第 2 列“民生实事”')).toHaveValue('task');
    expect(within(mapping).getByLabelText('第 3 列“牵头单位”')).toHaveValue('lead');
    expect(within(mapping).getByLabelText('第 5 列“完成时限”')).toHaveValue('deadline');
    // The year comes from the notice (临政办发〔2026〕8号).
    expect(screen.getByLabelText('计划年度')).toHaveValue(2026);
    await user.click(screen.getByRole('button', { name: '解析' }));
    await screen.findByRole('heading', { name: /解析结果（2026 年度）/ });
    expect(screen.getByRole('region', { name: /原文/ })).toHaveTextContent('新建城市口袋公园10个');
    // Nothing changed in the plan before the office accepts.
    expect(store().plan.tasks.map((t) => t.id)).toEqual(['old1']);
  });

  it('the office can correct a column with the keyboard', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    await user.upload(screen.getByLabelText(FILE_LABEL), file(await noticeDocx(), '分解表.docx'));
    const select = await screen.findByLabelText('第 4 列“配合单位”');
    await user.selectOptions(select, 'other');
    expect(select).toHaveValue('other');
  });

  it('opens an .xlsx with two sheets: a sheet picker, and choosing one reads only it', async () => {
    const user = userEvent.setup();
    const two = buildXlsx([
      { name: '说明', columns: [{ header: '填表说明', width: 20 }], rows: [['请按时填报']] },
      { name: '重点任务', columns: [{ header: '重点任务', width: 30 }, { header: '牵头单位', width: 12 }], rows: [['新建口袋公园10个。', '市城管局']] },
    ]);
    render(<ImportPage />);
    await user.upload(screen.getByLabelText(FILE_LABEL), file(two, '台账.xlsx'));
    const picker = await screen.findByLabelText('工作表');
    expect(within(picker).getAllByRole('option').map((o) => o.textContent)).toEqual(['全部工作表', '说明', '重点任务']);
    await user.selectOptions(picker, '重点任务');
    expect(await screen.findByRole('group', { name: /工作表“重点任务”/ })).toBeInTheDocument();
    expect(screen.queryByRole('group', { name: /工作表“说明”/ })).toBeNull();
  });

  it('opens the notice .xlsx with the sheet named in the mapping step', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    await user.upload(screen.getByLabelText(FILE_LABEL), file(noticeXlsx(), '分解表.xlsx'));
    expect(await screen.findByRole('group', { name: /表格 1（工作表“民生实事”）：13 行/ })).toBeInTheDocument();
  });

  it('an encrypted Office file: a clear message, and the plan and text box stay as they were', async () => {
    const user = userEvent.setup();
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    [...'EncryptedPackage'].forEach((c, i) => (ole[600 + i * 2] = c.charCodeAt(0)));
    render(<ImportPage />);
    await user.upload(screen.getByLabelText(FILE_LABEL), file(ole, '加密.xlsx'));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('设有打开密码');
    expect(alert).toHaveTextContent('当前计划没有任何改动');
    expect(screen.getByLabelText('讲话全文')).toHaveValue('');
    expect(store().plan).toBe(current);
  });

  it('a file dropped on the input card is opened like a chosen one', async () => {
    render(<ImportPage />);
    const card = screen.getByRole('region', { name: '讲话文本或文件' });
    const dropped = file(await noticeDocx(), '拖入.docx');
    const dataTransfer = { types: ['Files'], files: [dropped], dropEffect: 'none' };
    fireEvent.dragOver(card, { dataTransfer });
    expect(screen.getByText('松开鼠标即可打开文件')).toBeInTheDocument();
    fireEvent.drop(card, { dataTransfer });
    expect(await screen.findByText(/已打开“拖入.docx”（Word 文档/)).toBeInTheDocument();
    expect(screen.queryByText('松开鼠标即可打开文件')).toBeNull();
  });

  it('closing the file returns to the text box', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    await user.upload(screen.getByLabelText(FILE_LABEL), file(await noticeDocx(), '分解表.docx'));
    await user.click(await screen.findByRole('button', { name: '关闭文件，改为粘贴文本' }));
    expect(screen.getByLabelText('讲话全文')).toBeInTheDocument();
  });
});
