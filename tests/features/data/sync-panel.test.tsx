/**
 * The 同步 panel and the status line, as a person sees them: off (the form), each phase's words,
 * refused records with their reasons, the office's conflict choice; and the header in synced mode
 * (the account instead of the identity picker).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { SyncPanel } from '@/features/data/sync-panel';
import { syncStatusText } from '@/components/sync-status';
import { App } from '@/app/app';
import { SYNC_OFF, type SyncStatus } from '@/sync/status';
import { resetStore } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

const plan = mkPlan([mkTask('a', '市教育局', '2025-12-31', { title: '新建学校三所' })], { id: 'plan-sync' });
const on = (patch: Partial<SyncStatus>): SyncStatus => ({ ...SYNC_OFF, phase: 'synced', dbUrl: 'http://127.0.0.1:5984/luoshi-plan-sync', account: 'jyj', ...patch });

beforeEach(() => {
  window.location.hash = '#/data';
  resetStore({ plan, units: [mkUnit('市教育局')], events: [], identity: { kind: 'unit', name: '市教育局' }, sync: SYNC_OFF });
});

describe('the status line', () => {
  it('says each phase in Chinese, with the count waiting to be sent', () => {
    expect(syncStatusText(on({ phase: 'synced' }))).toBe('已同步');
    expect(syncStatusText(on({ phase: 'syncing' }))).toBe('正在同步');
    expect(syncStatusText(on({ phase: 'offline', pending: 3 }))).toBe('离线（3 条待发送）');
    expect(syncStatusText(on({ phase: 'login', pending: 1 }))).toBe('需要重新登录（1 条待发送）');
    expect(syncStatusText(on({ phase: 'other-tab' }))).toBe('由本浏览器的另一个窗口同步');
  });

  it('names the server’s reason for a refusal, and how many', () => {
    const refused = [
      { id: 'x', label: '新建学校三所 · 通报/表扬（市政府办公室）', reason: '“通报/表扬”只能由市政府办公室记录', code: 'office-only' },
      { id: 'y', label: 'y', reason: '此账号属于市教育局，不能以市商务局的名义填写记录', code: 'not-own-unit' },
    ];
    expect(syncStatusText(on({ refused }))).toBe('被服务器拒收（只有市政府办公室可以记录此类内容，共 2 条）');
    expect(syncStatusText(on({ refused: [{ id: 'z', label: 'z', reason: 'Only admins', code: null }] }))).toBe('被服务器拒收（Only admins）');
  });
});

describe('SyncPanel', () => {
  it('off: explains that the app runs alone by default and asks for address, account and password', async () => {
    render(<SyncPanel />);
    const panel = screen.getByRole('region', { name: '同步' });
    expect(panel).toHaveTextContent('默认情况下落实只在本机运行');
    expect(within(panel).getByLabelText(/数据库地址/)).toHaveAttribute('type', 'url');
    expect(within(panel).getByLabelText(/账号/)).toBeInTheDocument();
    expect(within(panel).getByLabelText(/密码/)).toHaveAttribute('type', 'password');
    expect(within(panel).getByRole('button', { name: '连接并登录' })).toBeDisabled();
    await expectNoSeriousA11yViolations(panel);
  });

  it('on: the status, the account and its unit, and each refused record with its reason', async () => {
    resetStore({
      plan,
      units: [mkUnit('市教育局')],
      identity: { kind: 'unit', name: '市教育局' },
      sync: on({ refused: [{ id: 'x', label: '新建学校三所 · 通报/表扬（市政府办公室）', reason: '“通报/表扬”只能由市政府办公室记录', code: 'office-only' }] }),
    });
    render(<SyncPanel />);
    const panel = screen.getByRole('region', { name: '同步' });
    expect(within(panel).getByRole('status')).toHaveTextContent('被服务器拒收（只有市政府办公室可以记录此类内容）');
    expect(panel).toHaveTextContent('jyj（市教育局）');
    expect(panel).toHaveTextContent('被服务器拒收的记录（1）');
    expect(panel).toHaveTextContent('新建学校三所 · 通报/表扬（市政府办公室）：“通报/表扬”只能由市政府办公室记录');
    expect(within(panel).getByRole('button', { name: '从本机撤下这些记录' })).toBeInTheDocument();
    expect(within(panel).queryByLabelText(/密码/)).toBeNull();
    await expectNoSeriousA11yViolations(panel);
  });

  it('a conflict: who saved first, and the two choices (nothing is dropped)', () => {
    resetStore({ plan, units: [], identity: { kind: 'office' }, sync: on({ account: 'office2', conflict: { kind: 'plan', by: 'office', at: '2026-03-25T01:30:00.000Z' } }) });
    render(<SyncPanel />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('计划冲突');
    expect(alert).toHaveTextContent('另一位市政府办公室用户（office');
    expect(alert).toHaveTextContent('另一份会自动备份，不会丢失');
    expect(within(alert).getByRole('button', { name: '采用对方的版本' })).toBeInTheDocument();
    expect(within(alert).getByRole('button', { name: '用我的版本覆盖' })).toBeInTheDocument();
  });

  it('a session that ended asks for the password only', () => {
    resetStore({ plan, units: [], identity: { kind: 'office' }, sync: on({ phase: 'login', pending: 2 }) });
    render(<SyncPanel />);
    const panel = screen.getByRole('region', { name: '同步' });
    expect(within(panel).getByRole('status')).toHaveTextContent('需要重新登录（2 条待发送）');
    expect(within(panel).queryByLabelText(/数据库地址/)).toBeNull();
    expect(within(panel).getByLabelText(/密码/)).toBeInTheDocument();
    expect(within(panel).getByRole('button', { name: '重新登录' })).toBeDisabled();
  });
});

describe('the header in synced mode', () => {
  it('shows the account and the status instead of the identity picker, and the footer says the server checks', async () => {
    resetStore({ plan, units: [mkUnit('市教育局')], identity: { kind: 'unit', name: '市教育局' }, sync: on({}) });
    window.location.hash = '#/my';
    render(<App />);
    const header = screen.getByRole('banner');
    expect(within(header).queryByLabelText('当前身份')).toBeNull();
    expect(header).toHaveTextContent('账号 jyj（市教育局）');
    expect(within(header).getByRole('status')).toHaveTextContent('已同步');
    expect(screen.getByRole('contentinfo')).toHaveTextContent('每条记录的写入权限由服务器核验');
  });

  it('an office-only page offers no switch to the office', async () => {
    resetStore({ plan, units: [mkUnit('市教育局')], identity: { kind: 'unit', name: '市教育局' }, sync: on({}) });
    window.location.hash = '#/supervision';
    render(<App />);
    expect(await screen.findByText(/当前登录账号属于“市教育局”/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '切换为市政府办公室' })).toBeNull();
  });
});
