import { describe, expect, it, beforeEach, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '@/app/app';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';
import { DEFAULT_QUOTA_BYTES } from '@/store/keys';
import { StorageBanners } from '@/app/layout';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-06-01',
}));

const plan = mkPlan([mkTask('a', '市教育局', '2025-12-31', { title: '新建学校三所' })]);
const units = [mkUnit('市政府办公室', 'office'), mkUnit('市教育局'), mkUnit('高新区', 'district'), mkUnit('王副市长', 'leader')];

beforeEach(() => {
  resetStore({ plan, units, events: [], identity: { kind: 'office' } });
  window.location.hash = '#/dashboard';
});

function navLinks() {
  return within(screen.getByRole('navigation', { name: '主导航' }))
    .getAllByRole('link')
    .map((a) => a.textContent);
}

describe('App shell', () => {
  it('shows the whole navigation to the office, with the no-login note', async () => {
    render(<App />);
    expect(navLinks()).toEqual(['驾驶舱', '三张清单', '我的任务', '督查督办', '目标指标', '导入讲话', '单位名录', '季度总结', '数据与备份']);
    expect(screen.getAllByText('本应用无登录：身份选择决定显示内容；以谁的名义记录，由本机持有的签名密钥决定。').length).toBeGreaterThan(0);
    expect(await screen.findByRole('heading', { level: 1, name: '驾驶舱' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '驾驶舱' })).toHaveAttribute('aria-current', 'page');
  });

  it('changes the navigation when the identity switches to a unit: 我的任务 first, no office pages', async () => {
    render(<App />);
    const select = screen.getByLabelText('当前身份');
    // units are grouped by kind
    expect(within(select).getByRole('group', { name: '区县' })).toBeInTheDocument();
    await userEvent.selectOptions(select, '市教育局');
    expect(store().identity).toEqual({ kind: 'unit', name: '市教育局' });
    const links = navLinks();
    expect(links[0]).toBe('我的任务');
    expect(links).not.toContain('督查督办');
    expect(links).not.toContain('导入讲话');
    expect(links).not.toContain('单位名录');
    await userEvent.selectOptions(select, '__office__');
    expect(navLinks()[0]).toBe('驾驶舱');
  });

  it('offers a unit the plan names but the registry lacks, so it can choose itself and tick its tasks', async () => {
    resetStore({ plan: mkPlan([mkTask('a', '市教育局', '2025-12-31'), mkTask('b', '市大数据中心', '2025-12-31')]), units, events: [], identity: { kind: 'office' } });
    render(<App />);
    const select = screen.getByLabelText('当前身份');
    expect(within(select).getByRole('group', { name: '名录外（计划中出现）' })).toHaveTextContent('市大数据中心');
    await userEvent.selectOptions(select, '市大数据中心');
    expect(store().identity).toEqual({ kind: 'unit', name: '市大数据中心' });
  });

  it('moves a unit off an office-only page and explains such a page when opened directly', async () => {
    window.location.hash = '#/supervision';
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: '督查督办' })).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('当前身份'), '市教育局');
    expect(window.location.hash).toBe('#/my');
    act(() => {
      window.location.hash = '#/supervision';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(await screen.findByText('此页面供市政府办公室使用')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '切换为市政府办公室' }));
    expect(store().identity).toEqual({ kind: 'office' });
  });

  it("keeps the office's 督办单 from a unit: its 督办要求 is the office's text to edit", async () => {
    resetStore({ identity: { kind: 'unit', name: '市教育局' } });
    window.location.hash = `#/notice/${store().plan.tasks[0]!.id}`;
    render(<App />);
    expect(await screen.findByText('此页面供市政府办公室使用')).toBeInTheDocument();
  });

  it('opens each screen at its own address and lazy-loads it', async () => {
    window.location.hash = '#/targets';
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: '目标指标' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: '督查督办' }));
    expect(await screen.findByRole('heading', { level: 1, name: '督查督办' })).toBeInTheDocument();
    expect(document.title).toBe('督查督办 · 落实');
  });

  it('sends the bare address to the home of the identity', async () => {
    window.location.hash = '';
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: '驾驶舱' })).toBeInTheDocument();
    expect(window.location.hash).toBe('#/dashboard');
  });

  it('shows a not-found page for an unknown address', async () => {
    window.location.hash = '#/nowhere';
    render(<App />);
    expect(await screen.findByText('找不到这个页面')).toBeInTheDocument();
  });

  it('has a skip link that moves focus to the main content', async () => {
    render(<App />);
    await userEvent.tab();
    const skip = screen.getByRole('link', { name: '跳到主要内容' });
    expect(skip).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('main')).toHaveFocus();
    expect(window.location.hash).toBe('#/dashboard');
  });

  it('shows the recovery banner with a link to the data page', () => {
    resetStore({
      plan,
      units,
      storage: { ...store().storage, usedBytes: 1000, quotaBytes: DEFAULT_QUOTA_BYTES, saveFailed: false, snapshotNoRoom: false, recovery: { message: '保存的数据不完整。', backupKey: 'k', restoredItems: 3, setAsideItems: 1 } },
    });
    render(<App />);
    const alert = screen.getAllByRole('alert').find((a) => a.textContent?.includes('保存的数据不完整'));
    expect(alert).toBeDefined();
    expect(within(alert!).getByRole('link', { name: '查看恢复详情' })).toHaveAttribute('href', '#/data');
  });

  it('warns when storage is nearly full or a save failed', () => {
    const { rerender } = render(<StorageBanners storage={{ ...store().storage, usedBytes: 85, quotaBytes: 100, saveFailed: false, snapshotNoRoom: false, recovery: null }} />);
    expect(screen.getByText(/浏览器存储已用 85%/)).toBeInTheDocument();
    rerender(<StorageBanners storage={{ ...store().storage, usedBytes: 79, quotaBytes: 100, saveFailed: false, snapshotNoRoom: false, recovery: null }} />);
    expect(screen.queryByText(/浏览器存储已用/)).not.toBeInTheDocument();
    rerender(<StorageBanners storage={{ ...store().storage, usedBytes: 10, quotaBytes: 100, saveFailed: true, snapshotNoRoom: false, recovery: null }} />);
    expect(screen.getByRole('alert')).toHaveTextContent('最近一次保存失败');
    expect(screen.getByRole('link', { name: '前往数据与备份' })).toHaveAttribute('href', '#/data');
  });

  it('offers 撤销 on an undoable toast, which undoes the action', async () => {
    render(<App />);
    act(() => store().deleteTask('a'));
    expect(store().plan.tasks).toHaveLength(0);
    const toasts = screen.getByRole('region', { name: '通知' });
    expect(within(toasts).getByText('已删除任务')).toBeInTheDocument();
    await userEvent.click(within(toasts).getByRole('button', { name: '撤销' }));
    expect(store().plan.tasks.map((t) => t.id)).toEqual(['a']);
  });

  it('has no serious accessibility violations in the frame', async () => {
    const { container } = render(<App />);
    await screen.findByRole('heading', { level: 1, name: '驾驶舱' });
    await expectNoSeriousA11yViolations(container);
  });
});
