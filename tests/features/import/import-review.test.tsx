/**
 * Issue 10's review step on the import page: the parser's candidates appear unticked with their
 * reason beside the sure tasks; a ticked one is merged as a task; a lead unit and a deadline
 * corrected in the preview are what the plan holds after the merge. The parser is replaced by a
 * fixed result so the screen is tested alone.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ParsedPlan } from '@/domain/model';
import { ImportPage } from '@/features/import/import-page';
import { resetStore, store } from '../../helpers/screen-store';
import { mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

const TEXT = '市城管局要新建口袋公园10个。研究制定配套政策。市住建局要改造老旧小区。';
const span = (quote: string) => ({ start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });
const deadline = { label: '年底前', due: '2026-12-31', recurrence: null, kind: 'date' as const, inferred: false };
const PARSED: ParsedPlan = {
  schemaVersion: 1,
  title: '未命名讲话',
  year: 2026,
  sections: [],
  tasks: [
    { id: 't1', title: '新建口袋公园10个', quote: '市城管局要新建口袋公园10个。', source: span('市城管局要新建口袋公园10个。'), sectionId: null, owners: [{ name: '市城管局', role: 'lead', inferred: false }], deadline, flagged: false, location: { sheet: '重点任务', page: null, row: 7 } },
    { id: 't2', title: '改造老旧小区', quote: '市住建局要改造老旧小区。', source: span('市住建局要改造老旧小区。'), sectionId: null, owners: [{ name: '市住建局', role: 'lead', inferred: true }], deadline, flagged: false, location: { sheet: null, page: 2, row: 5 } },
  ],
  candidates: [
    { id: 'c1', title: '研究制定配套政策', quote: '研究制定配套政策。', source: span('研究制定配套政策。'), sectionId: null, owners: [], deadline: { ...deadline, inferred: true }, flagged: false, reason: '没有责任主体，也没有“要”“必须”等要求' },
  ],
  targets: [],
  warnings: [],
};

vi.mock('@/features/import/parse-runner', () => ({
  parseInBackground: vi.fn(async () => PARSED),
  parseDocumentInBackground: vi.fn(async () => PARSED),
  readFileInBackground: vi.fn(),
}));
vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2026-02-10',
}));

const current = mkPlan([mkTask('old1', '市教育局', '2026-12-31', { title: '原有任务' })], { id: 'plan-current', year: 2026 });

beforeEach(() => {
  window.location.hash = '#/import';
  resetStore({ plan: current, units: [mkUnit('市城管局'), mkUnit('市住建局'), mkUnit('市发展改革委')], events: [], identity: { kind: 'office' } });
});

async function parse(user: ReturnType<typeof userEvent.setup>) {
  render(<ImportPage />);
  await user.click(screen.getByLabelText('讲话全文'));
  await user.paste(TEXT);
  await user.click(screen.getByRole('button', { name: '解析' }));
  await screen.findByRole('heading', { name: /解析结果（2026 年度）/ });
}

describe('the review step', () => {
  it('shows candidates unticked with their reason, sure tasks ticked, and where each row came from', async () => {
    const user = userEvent.setup();
    await parse(user);
    expect(screen.getByText(/另有 1 项存疑条目，默认不导入/)).toBeInTheDocument();
    const candidates = screen.getByRole('region', { name: '存疑条目（1）' });
    const box = within(candidates).getByRole('checkbox', { name: /作为任务导入：.*研究制定配套政策/ });
    expect(box).not.toBeChecked();
    expect(within(candidates).getByText(/存疑原因：没有责任主体/)).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: /保留：新建口袋公园10个/ })).toBeChecked();
    expect(screen.getByText('工作表“重点任务” 第7行')).toBeInTheDocument();
    expect(screen.getByText('第2页 第5行')).toBeInTheDocument();
    // Merging now leaves the candidate out.
    await user.click(screen.getByRole('button', { name: /并入当前计划（2 项）/ }));
    expect(store().plan.tasks.map((t) => t.title)).toEqual(['原有任务', '新建口袋公园10个', '改造老旧小区']);
  });

  it('a ticked candidate is merged as a task', async () => {
    const user = userEvent.setup();
    await parse(user);
    await user.click(screen.getByRole('checkbox', { name: /作为任务导入：.*研究制定配套政策/ }));
    await user.click(screen.getByRole('button', { name: /并入当前计划（3 项）/ }));
    const titles = store().plan.tasks.map((t) => t.title);
    expect(titles).toContain('研究制定配套政策');
    expect(store().plan.tasks.find((t) => t.title === '研究制定配套政策')).not.toHaveProperty('reason');
  });

  it('a corrected lead unit and deadline survive the merge (and are the office’s own word)', async () => {
    const user = userEvent.setup();
    await parse(user);
    await user.click(screen.getByRole('button', { name: '更正：改造老旧小区' }));
    const form = screen.getByRole('form', { name: '更正牵头单位和时限：改造老旧小区' });
    await user.selectOptions(within(form).getByLabelText('牵头单位'), '市发展改革委');
    await user.clear(within(form).getByLabelText('完成日期'));
    await user.type(within(form).getByLabelText('完成日期'), '2026-09-30');
    // The label starts as the parsed one (年底前): replaced.
    expect(within(form).getByLabelText(/时限说法/)).toHaveValue('年底前');
    await user.clear(within(form).getByLabelText(/时限说法/));
    await user.type(within(form).getByLabelText(/时限说法/), '9月底前');
    await user.click(within(form).getByRole('button', { name: '确定' }));
    const item = screen.getByRole('checkbox', { name: /保留：改造老旧小区/ }).closest('li')!;
    expect(item).toHaveTextContent('牵头：市发展改革委');
    expect(item).toHaveTextContent('已更正');
    await user.click(screen.getByRole('button', { name: /并入当前计划/ }));
    const merged = store().plan.tasks.find((t) => t.title === '改造老旧小区')!;
    expect(merged.owners[0]).toEqual({ name: '市发展改革委', role: 'lead', inferred: false });
    expect(merged.deadline).toMatchObject({ due: '2026-09-30', label: '9月底前', inferred: false });
  });

  it('撤销更正 puts the parsed values back', async () => {
    const user = userEvent.setup();
    await parse(user);
    await user.click(screen.getByRole('button', { name: '更正：新建口袋公园10个' }));
    await user.selectOptions(screen.getByLabelText('牵头单位'), '市住建局');
    await user.click(screen.getByRole('button', { name: '确定' }));
    await user.click(screen.getByRole('button', { name: '撤销更正：新建口袋公园10个' }));
    expect(screen.getByRole('checkbox', { name: /保留：新建口袋公园10个/ }).closest('li')).toHaveTextContent('牵头：市城管局');
  });
});
