import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataPage } from '@/features/data/data-page';
import { buildPlanPackage, buildProgressReport } from '@/domain/files';
import { selectTaskStates } from '@/store/selectors';
import { useLuoshi } from '@/store/store';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev, mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

const plan = mkPlan([mkTask('a', '市教育局', '2025-12-31', { title: '新建学校三所' }), mkTask('b', '市商务局', '2025-12-31', { title: '招商引资' })], {
  id: 'plan-data',
});
const units = [mkUnit('市教育局'), mkUnit('市商务局')];

/** A department's progress report, as 市教育局 would export it from its own browser. */
async function reportFile(events = [ev('a', '2025-06-01', { type: 'tick', done: true, note: '已竣工' }, '市教育局')]) {
  const built = await buildProgressReport({ plan, units, events }, '市教育局', new Date('2025-06-02T00:00:00Z'));
  return new File([built.text], built.fileName, { type: 'application/json' });
}

const created: string[] = [];
beforeEach(() => {
  window.location.hash = '#/data';
  resetStore({ plan, units, events: [], identity: { kind: 'office' } });
  // jsdom has no object URLs; record what would have been downloaded.
  URL.createObjectURL = vi.fn(() => {
    created.push('blob');
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  created.length = 0;
});

describe('DataPage: import with a preview', () => {
  it('previews a progress report, imports it on confirmation, and shows 无新内容 the second time', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    const input = screen.getByLabelText('选择要导入的文件（.json）');
    const file = await reportFile();
    await user.upload(input, file);

    const preview = await screen.findByRole('region', { name: /导入预览/ });
    expect(within(preview).getByText('进度报告')).toBeInTheDocument();
    expect(within(preview).getByText('市教育局', { selector: 'dd' })).toBeInTheDocument();
    expect(within(preview).getByText(/新增 1 条/)).toBeInTheDocument();
    // Nothing has changed yet.
    expect(store().events).toHaveLength(0);

    await user.click(within(preview).getByRole('button', { name: '确认导入' }));
    expect(store().events).toHaveLength(1);
    expect(selectTaskStates(store()).get('a')!.done).toBe(true);
    expect(screen.queryByRole('region', { name: /导入预览/ })).not.toBeInTheDocument();

    await user.upload(input, file);
    const again = await screen.findByRole('region', { name: /导入预览/ });
    expect(within(again).getByText('无新内容')).toBeInTheDocument();
    expect(within(again).getByRole('button', { name: '确认导入' })).toBeDisabled();
    expect(store().events).toHaveLength(1);
  });

  it('cancel leaves the data untouched', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    await user.upload(screen.getByLabelText('选择要导入的文件（.json）'), await reportFile());
    const preview = await screen.findByRole('region', { name: /导入预览/ });
    await user.click(within(preview).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('region', { name: /导入预览/ })).not.toBeInTheDocument();
    expect(store().events).toHaveLength(0);
  });

  it('lists refused records with their reason', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    // 市教育局 does not own task b: that record is refused, the other is new.
    const file = await reportFile([
      ev('a', '2025-06-01', { type: 'progress', percent: 30 }, '市教育局'),
      ev('b', '2025-06-01', { type: 'tick', done: true }, '市教育局'),
    ]);
    await user.upload(screen.getByLabelText('选择要导入的文件（.json）'), file);
    const preview = await screen.findByRole('region', { name: /导入预览/ });
    expect(within(preview).getByText(/新增 1 条/)).toBeInTheDocument();
    const refused = within(preview).getByText(/^拒收（1）/).closest('details')!;
    expect(within(refused).getByRole('listitem')).toHaveTextContent(/招商引资.*——/);
    await user.click(within(preview).getByRole('button', { name: '确认导入' }));
    expect(store().events.map((e) => e.taskId)).toEqual(['a']);
  });

  it('refuses a file that is not a Luoshi file, with the reason', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    await user.upload(screen.getByLabelText('选择要导入的文件（.json）'), new File(['{"hello": 1'], 'x.json', { type: 'application/json' }));
    const preview = await screen.findByRole('region', { name: /导入预览/ });
    expect(within(preview).getByRole('alert')).toHaveTextContent('文件不是有效的 JSON');
    expect(within(preview).getByRole('button', { name: '确认导入' })).toBeDisabled();
  });

  it('after a refused file, the same file name can be chosen again (the file box is cleared, so change fires)', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    const input = screen.getByLabelText<HTMLInputElement>('选择要导入的文件（.json）');
    await user.upload(input, new File(['{"hello": 1'], 'report.json', { type: 'application/json' }));
    await screen.findByRole('region', { name: /导入预览/ });
    expect(input.value).toBe('');
    // The corrected file, same name: read and previewed.
    await user.upload(input, new File([await (await reportFile()).text()], 'report.json', { type: 'application/json' }));
    expect(await screen.findByText(/新增 1 条/)).toBeInTheDocument();
  });
});

describe('DataPage: exports, meter, snapshots, clearing', () => {
  it('exports the plan package for the office and a progress report for a unit', async () => {
    const user = userEvent.setup();
    const { unmount } = render(<DataPage />);
    await user.click(screen.getByRole('button', { name: '导出计划包' }));
    await vi.waitFor(() => expect(store().toasts.at(-1)?.message).toMatch(/已生成“落实-计划包-/));
    unmount();
    resetStore({ plan, units, events: [], identity: { kind: 'unit', name: '市教育局' } });
    render(<DataPage />);
    expect(screen.queryByRole('button', { name: '导出计划包' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '导出进度报告' }));
    await vi.waitFor(() => expect(store().toasts.at(-1)?.message).toMatch(/已生成“落实-进展报送-市教育局/));
    expect(created.length).toBe(2);
  });

  it('shows the storage meter and warns from 80 %', () => {
    render(<DataPage />);
    expect(screen.getByText(/浏览器为每个网站的本机工作区提供 5,242,880 个字符/)).toBeInTheDocument();
    // The store measures real usage on every save; set the figures the meter would get when full.
    act(() => useLuoshi.setState({ storage: { ...useLuoshi.getState().storage, usedBytes: 4_500_000, quotaBytes: 5_000_000, saveFailed: false, snapshotNoRoom: false, recovery: null } }));
    expect(screen.getByText(/已用 4.29 MB／约 4.77 MB（90%）/)).toBeInTheDocument();
    expect(screen.getByText(/存储空间已用 90%，接近上限/)).toBeInTheDocument();
  });

  it('shows the history store beside the working area, warns from 80 % of it, and says whether the browser keeps the data', () => {
    render(<DataPage />);
    const log = { kind: 'indexeddb' as const, usedBytes: 850_000_000, quotaBytes: 1_000_000_000, events: 0 };
    act(() => useLuoshi.setState({ storage: { ...useLuoshi.getState().storage, usedBytes: 1000, log, persisted: false }, refreshStorage: async () => {} }));
    expect(screen.getByText(/历史记录库（IndexedDB/)).toBeInTheDocument();
    expect(screen.getByText(/历史记录库已用 85%/)).toBeInTheDocument();
    expect(screen.getByText(/浏览器未承诺长期保存/)).toBeInTheDocument();
    act(() => useLuoshi.setState({ storage: { ...useLuoshi.getState().storage, log: { ...log, usedBytes: 10_000_000 }, persisted: true } }));
    expect(screen.queryByText(/历史记录库已用/)).not.toBeInTheDocument();
    expect(screen.getByText(/浏览器已同意长期保存/)).toBeInTheDocument();
  });

  it('lists what it corrected in a plan package (a date that does not exist) before anything is taken', async () => {
    const user = userEvent.setup();
    resetStore({ plan: mkPlan([], { id: 'seed' }), units, events: [], identity: { kind: 'unit', name: '市教育局' } });
    const bad = mkPlan([mkTask('a', '市教育局', '2025-02-30', { title: '新建学校三所', assignedOn: '2025-01-02' })], { id: 'plan-next' });
    const built = await buildPlanPackage({ plan: bad, units, events: [] }, new Date('2025-03-01T00:00:00Z'));
    render(<DataPage />);
    await user.upload(screen.getByLabelText('选择要导入的文件（.json）'), new File([built.text], built.fileName, { type: 'application/json' }));
    const preview = await screen.findByRole('region', { name: /导入预览/ });
    expect(within(preview).getByText(/自动修正 1 处（请核对）/)).toBeInTheDocument();
    expect(within(preview).getByText('自动修正，请核对（1）')).toBeInTheDocument();
    expect(within(preview).getByText(/新建学校三所.*2025-02-30 不存在，暂定为 2025-12-31（年底），请核对/)).toBeInTheDocument();
  });

  it('tells the user when today\'s snapshot did not fit, and what to do instead', () => {
    render(<DataPage />);
    expect(screen.queryByText(/今天的快照没有保存/)).not.toBeInTheDocument();
    act(() => useLuoshi.setState({ storage: { ...useLuoshi.getState().storage, usedBytes: 3_900_000, quotaBytes: 5_000_000, saveFailed: false, snapshotNoRoom: true, recovery: null } }));
    expect(screen.getByText(/今天的快照没有保存.*下载完整备份/)).toBeInTheDocument();
  });

  it('shows the recovery notice with download and confirmed discard', async () => {
    const discard = vi.fn();
    resetStore({
      plan,
      units,
      events: [],
      discardRecovery: discard,
      storage: { ...useLuoshi.getState().storage, usedBytes: 0, quotaBytes: 5_000_000, saveFailed: false, snapshotNoRoom: false, recovery: { message: '保存的数据不完整或已损坏。', backupKey: 'luoshi:recovery:x', restoredItems: 9, setAsideItems: 1 } },
    });
    const user = userEvent.setup();
    render(<DataPage />);
    const panel = screen.getByRole('region', { name: '数据恢复提示' });
    expect(within(panel).getByText('保存的数据不完整或已损坏。')).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: '丢弃原始数据…' }));
    const dialog = screen.getByRole('dialog', { name: '丢弃原始数据？' });
    expect(within(dialog).getByText('您还没有下载原始数据。')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '丢弃' }));
    expect(discard).toHaveBeenCalledOnce();
  });

  it('clears all data after confirmation, with a backup that can be restored', async () => {
    resetStore({ plan, units, events: [ev('a', '2025-06-01', { type: 'progress', percent: 10 }, '市教育局')], identity: { kind: 'office' } });
    const user = userEvent.setup();
    render(<DataPage />);
    await user.click(screen.getByRole('button', { name: '清除全部数据…' }));
    await user.click(within(screen.getByRole('dialog', { name: '清除全部数据？' })).getByRole('button', { name: '清除' }));
    expect(store().plan.tasks).toHaveLength(0);
    expect(store().events).toHaveLength(0);
    expect(store().units).toHaveLength(2);

    const backups = await screen.findByRole('table', { name: '自动备份' });
    const row = within(backups).getAllByRole('row')[1]!;
    await user.click(within(row).getByRole('button', { name: /^恢复/ }));
    await user.click(within(screen.getByRole('dialog', { name: '恢复这份副本？' })).getByRole('button', { name: '恢复' }));
    expect(store().plan.tasks).toHaveLength(2);
    expect(store().events).toHaveLength(1);
  });

  it('has no serious accessibility violations', async () => {
    const user = userEvent.setup();
    const { container } = render(<DataPage />);
    await user.upload(screen.getByLabelText('选择要导入的文件（.json）'), await reportFile());
    await screen.findByRole('region', { name: /导入预览/ });
    await expectNoSeriousA11yViolations(container);
  });
});
