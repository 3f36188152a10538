/**
 * 签名密钥 on 数据与备份: the fingerprint to read over the phone, and exporting the office's key
 * only behind a confirmation that says what it means and a passphrase typed twice.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataPage } from '@/features/data/data-page';
import { OFFICE_NAME } from '@/domain/model';
import { useLuoshi } from '@/store/store';
import { resetStore, store } from '../../helpers/screen-store';
import { mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

const plan = mkPlan([mkTask('a', '市教育局', '2025-12-31', { title: '新建学校三所' })], { id: 'plan-keys' });

let downloaded: Blob[] = [];
beforeEach(async () => {
  // The app's store makes the office's key on first start; keep what it made across the reset.
  await useLuoshi.getState().whenSigned();
  const live = store();
  resetStore({ plan, units: [mkUnit('市教育局')], events: [], identity: { kind: 'office' }, signing: live.signing, trust: live.trust });
  URL.createObjectURL = vi.fn((b: Blob) => {
    downloaded.push(b);
    return 'blob:test';
  });
  URL.revokeObjectURL = vi.fn();
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  downloaded = [];
});

describe('KeysPanel', () => {
  it('shows this browser’s office fingerprint in groups of four', () => {
    render(<DataPage />);
    const region = screen.getByRole('heading', { name: '签名密钥' }).closest('section')!;
    const fp = store().signing.own[OFFICE_NAME]!.fingerprint;
    expect(fp).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(within(region).getByLabelText(`${OFFICE_NAME}在本机的密钥指纹`)).toHaveTextContent(fp);
  });

  it('exports the key only after the confirmation, with the passphrase typed twice alike', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    await user.click(screen.getByRole('button', { name: '导出密钥（换电脑用）…' }));
    const dialog = screen.getByRole('dialog', { name: '导出市政府办公室的签名密钥？' });
    expect(dialog).toHaveTextContent('拿到这个文件和口令的人，就能以市政府办公室的名义签署');
    await user.type(within(dialog).getByLabelText('口令（至少 8 个字符）'), 'zhengfuban-2026');
    await user.type(within(dialog).getByLabelText('再输入一次口令'), 'zhengfuban-2025');
    await user.click(within(dialog).getByRole('button', { name: '我明白，导出' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('两次输入的口令不一致。');
    expect(downloaded).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('再输入一次口令'));
    await user.type(within(dialog).getByLabelText('再输入一次口令'), 'zhengfuban-2026');
    await user.click(within(dialog).getByRole('button', { name: '我明白，导出' }));
    await waitFor(() => expect(downloaded).toHaveLength(1), { timeout: 10_000 });
    const file = JSON.parse(await downloaded[0]!.text()) as { kind: string; fingerprint: string; data: string };
    expect(file.kind).toBe('luoshi/signing-key');
    expect(file.fingerprint).toBe(store().signing.own[OFFICE_NAME]!.fingerprint);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('cancelling exports nothing', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    await user.click(screen.getByRole('button', { name: '导出密钥（换电脑用）…' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(downloaded).toHaveLength(0);
  });
});

describe('a full backup with keys', () => {
  it('is downloaded only after a confirmation that says what the file allows, and carries the sealed key', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    await user.click(screen.getByRole('button', { name: '下载含签名密钥的完整备份…' }));
    const dialog = screen.getByRole('dialog', { name: '下载含签名密钥的完整备份？' });
    expect(dialog).toHaveTextContent('普通的完整备份不含私钥');
    expect(dialog).toHaveTextContent(OFFICE_NAME);
    await user.type(within(dialog).getByLabelText('口令（至少 8 个字符）'), 'beifen-2026-12');
    await user.type(within(dialog).getByLabelText('再输入一次口令'), 'beifen-2026-11');
    await user.click(within(dialog).getByRole('button', { name: '我明白，下载' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('两次输入的口令不一致。');
    expect(downloaded).toHaveLength(0);

    await user.clear(within(dialog).getByLabelText('再输入一次口令'));
    await user.type(within(dialog).getByLabelText('再输入一次口令'), 'beifen-2026-12');
    await user.click(within(dialog).getByRole('button', { name: '我明白，下载' }));
    await waitFor(() => expect(downloaded).toHaveLength(1), { timeout: 10_000 });
    const file = JSON.parse(await downloaded[0]!.text()) as { kind: string; payload: { sealedKeys: Array<{ author: string; fingerprint: string }> } };
    expect(file.kind).toBe('luoshi/backup');
    expect(file.payload.sealedKeys).toEqual([expect.objectContaining({ author: OFFICE_NAME, fingerprint: store().signing.own[OFFICE_NAME]!.fingerprint })]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('the plain backup button carries no private key', async () => {
    const user = userEvent.setup();
    render(<DataPage />);
    await user.click(screen.getByRole('button', { name: '下载完整备份' }));
    await waitFor(() => expect(downloaded).toHaveLength(1), { timeout: 10_000 });
    expect(JSON.parse(await downloaded[0]!.text()).payload.sealedKeys).toBeUndefined();
  });
});
