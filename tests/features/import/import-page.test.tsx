import { beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportPage } from '@/features/import/import-page';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-02-10',
}));

const SPEECH = [
  '市政府工作会议讲话',
  '一、锚定目标抓落实',
  '今年全市经济增长6%左右。市交通运输局要年底前完成道路改造<script>alert(1)</script>。',
  '二、改进作风抓落实',
  '要常态化开展“四不两直”督查，市政府办公室牵头。',
].join('\n');

const FILE_LABEL = '或打开文件（.docx .pdf .xlsx .csv .txt）';

const current = mkPlan([mkTask('old1', '市教育局', '2025-12-31', { title: '原有任务' })], { id: 'plan-current' });

beforeEach(() => {
  window.location.hash = '#/import';
  resetStore({ plan: current, units: [mkUnit('市交通运输局'), mkUnit('市政府办公室', 'office')], events: [], identity: { kind: 'office' } });
});

async function pasteAndParse(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByLabelText('讲话全文'));
  await user.paste(SPEECH);
  await user.click(screen.getByRole('button', { name: '解析' }));
  return screen.findByRole('heading', { name: /解析结果（2025 年度）/ });
}

describe('ImportPage', () => {
  it('disables parsing for empty text and says why', () => {
    render(<ImportPage />);
    expect(screen.getByRole('button', { name: '解析' })).toBeDisabled();
    expect(screen.getByText('请先粘贴讲话全文或选择文件，才能开始解析。')).toBeInTheDocument();
  });

  it('parses a pasted speech and shows tasks and targets beside the marked source, HTML as text', async () => {
    const user = userEvent.setup();
    const { container } = render(<ImportPage />);
    await pasteAndParse(user);
    expect(screen.getByRole('checkbox', { name: /保留：.*道路改造/ })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: /保留：经济增长/ })).toBeChecked();
    const source = screen.getByRole('region', { name: /讲话原文/ });
    const marks = source.querySelectorAll('mark');
    expect(marks.length).toBeGreaterThanOrEqual(2);
    expect([...marks].some((m) => m.textContent!.includes('道路改造<script>alert(1)</script>'))).toBe(true);
    // The speech's markup is text: no element was created from it.
    expect(container.querySelector('script')).toBeNull();
    expect(source.textContent).toBe(SPEECH);
  });

  it('drops an item: it is no longer marked and is not merged', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    await pasteAndParse(user);
    const keep = screen.getByRole('checkbox', { name: /保留：经济增长/ });
    await user.click(keep);
    expect(keep).not.toBeChecked();
    const marks = [...screen.getByRole('region', { name: /讲话原文/ }).querySelectorAll('mark')];
    expect(marks.some((m) => m.textContent!.includes('经济增长'))).toBe(false);
    const kept = screen.getAllByRole('checkbox', { name: /^保留：/ }).filter((c) => (c as HTMLInputElement).checked).length;
    await user.click(screen.getByRole('button', { name: `并入当前计划（${kept} 项）` }));
    const plan = store().plan;
    expect(plan.id).toBe('plan-current');
    expect(plan.tasks[0]!.title).toBe('原有任务');
    expect(plan.tasks.some((t) => t.title.includes('道路改造'))).toBe(true);
    expect(plan.targets.some((t) => t.metric === '经济增长')).toBe(false);
    expect(window.location.hash).toBe('#/lists');
  });

  it('keep-all and drop-all', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    await pasteAndParse(user);
    await user.click(screen.getByRole('button', { name: '全部不保留' }));
    expect(screen.getAllByRole('checkbox', { name: /^保留：/ }).every((c) => !(c as HTMLInputElement).checked)).toBe(true);
    expect(screen.getByRole('button', { name: /并入当前计划/ })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: '全部保留' }));
    expect(screen.getAllByRole('checkbox', { name: /^保留：/ }).every((c) => (c as HTMLInputElement).checked)).toBe(true);
  });

  it('replaces the plan only after confirmation, with a backup', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    await pasteAndParse(user);
    await user.click(screen.getByRole('button', { name: '替换当前计划…' }));
    const dialog = screen.getByRole('dialog', { name: '替换当前计划？' });
    expect(within(dialog).getByText('将替换当前计划，当前计划会自动备份。')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(store().plan.id).toBe('plan-current');

    await user.click(screen.getByRole('button', { name: '替换当前计划…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '替换' }));
    const plan = store().plan;
    expect(plan.id).not.toBe('plan-current');
    expect(plan.sourceText).toBe(SPEECH);
    expect(plan.tasks.some((t) => t.title === '原有任务')).toBe(false);
    expect(plan.tasks.some((t) => t.title.includes('道路改造'))).toBe(true);
    expect(store().listBackups().length).toBeGreaterThan(0);
  });

  // Changed on purpose (issue 11): GBK is now read (GB18030); bytes valid in no encoding are refused.
  it('reads a UTF-8 .txt file and refuses an undecodable one with a clear message', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    const input = screen.getByLabelText(FILE_LABEL);
    await user.upload(input, new File([new Uint8Array([0xbd, 0xb2, 0xff, 0x80])], 'bad.txt', { type: 'text/plain' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('“bad.txt”的编码无法识别');
    expect(screen.getByLabelText('讲话全文')).toHaveValue('');

    await user.upload(input, new File([new TextEncoder().encode(SPEECH)], 'speech.txt', { type: 'text/plain' }));
    expect(await screen.findByDisplayValue(/市交通运输局要年底前完成道路改造/)).toBeInTheDocument();
    expect(screen.getByText(/来自文件“speech.txt”/)).toBeInTheDocument();
  });

  it('refuses a file over 20 MB before reading it, and keeps the text box as it was', async () => {
    // A speech is tens of kilobytes; reading a huge wrong file would only freeze the page.
    const user = userEvent.setup();
    render(<ImportPage />);
    const input = screen.getByLabelText(FILE_LABEL);
    const big = new File(['x'], 'video.txt', { type: 'text/plain' });
    Object.defineProperty(big, 'size', { value: 21 * 1024 * 1024 });
    const read = vi.spyOn(big, 'arrayBuffer');
    await user.upload(input, big);
    expect(await screen.findByRole('alert')).toHaveTextContent('“video.txt”有 21.0 MB，超过 20 MB');
    expect(read).not.toHaveBeenCalled();
    expect(screen.getByLabelText('讲话全文')).toHaveValue('');
  });

  it('prefills the plan year from the text, until the office types one', async () => {
    const user = userEvent.setup();
    render(<ImportPage />);
    const year = screen.getByLabelText('计划年度');
    expect(year).toHaveValue(2025);
    await user.click(screen.getByLabelText('讲话全文'));
    await user.paste('二〇二四年政府工作报告\n要推进道路改造。');
    expect(year).toHaveValue(2024);
    await user.clear(year);
    await user.type(year, '2026');
    await user.type(screen.getByLabelText('讲话全文'), '再补一句。');
    expect(year).toHaveValue(2026);
  });

  it('has no serious accessibility violations with a result shown', async () => {
    const user = userEvent.setup();
    const { container } = render(<ImportPage />);
    await pasteAndParse(user);
    await expectNoSeriousA11yViolations(container);
  });
});
