/**
 * The import preview as the office and a department read it (issue 12 point 5, issue 16 point
 * 4): every record in words with its note, 新增 / 已有 / 需确认 / 拒收 in plain words, and a plan
 * that loses tasks held for a dialog that names them.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DataPage } from '@/features/data/data-page';
import { buildProgressReport, checksumOf } from '@/domain/files';
import { OFFICE_NAME, type Plan, type PlanEvent } from '@/domain/model';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev, mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

const plan = mkPlan(
  [mkTask('a', '市教育局', '2025-12-31', { title: '新建学校三所' }), mkTask('b', '市教育局', '2025-12-31', { title: '改造操场' }), mkTask('c', '市商务局', '2025-12-31', { title: '招商引资' })],
  { id: 'plan-data' },
);
const units = [mkUnit('市教育局'), mkUnit('市商务局')];
const urge = ev('a', '2025-05-20', { type: 'urge', note: '请于月底前报送' });

async function upload(text: string, name = '来件.json') {
  const user = userEvent.setup();
  await user.upload(screen.getByLabelText('选择要导入的文件（.json）'), new File([text], name, { type: 'application/json' }));
  return { user, preview: await screen.findByRole('region', { name: /导入预览/ }) };
}

async function packageOf(p: Plan): Promise<string> {
  const head = { kind: 'luoshi/plan-package' as const, schemaVersion: 1, planId: p.id, createdAt: '2025-06-02T00:00:00.000Z', sender: OFFICE_NAME, payload: { plan: p, units, events: [] } };
  return JSON.stringify({ ...head, checksum: await checksumOf(head) });
}

beforeEach(() => {
  window.location.hash = '#/data';
  URL.createObjectURL = vi.fn(() => 'blob:test');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.restoreAllMocks());

describe('a progress report, as the office reads it', () => {
  it('says what each record holds: the tick in words, the note as evidence, the percentage, the requested date', async () => {
    resetStore({ plan, units, events: [urge], identity: { kind: 'office' } });
    render(<DataPage />);
    const events = [
      urge,
      ev('a', '2025-06-01', { type: 'tick', done: true, note: '三所学校已竣工验收，附验收报告' }, '市教育局'),
      ev('a', '2025-06-02', { type: 'tick', done: false, note: '误点，撤回' }, '市教育局'),
      ev('b', '2025-06-01', { type: 'progress', percent: 40, note: '完成招标' }, '市教育局'),
      ev('b', '2025-06-01', { type: 'extension-request', requestedDue: '2026-03-31', note: '雨季停工' }, '市教育局'),
      ev('c', '2025-06-01', { type: 'tick', done: true }, '市教育局'),
    ];
    const built = await buildProgressReport({ plan, units, events }, '市教育局', new Date('2025-06-03T00:00:00Z'));
    // The builder keeps only 市教育局's own records; put the office's urge back, as a file carrying it would.
    const file = JSON.parse(built.text) as { payload: { events: unknown[] }; checksum: string };
    file.payload.events.unshift(urge);
    const { checksum: _c, ...head } = file;
    const { preview } = await upload(JSON.stringify({ ...head, checksum: await checksumOf(head as never) }));

    const fresh = within(preview).getByText(/^新增（4）/).closest('details')!;
    const lines = within(fresh).getAllByRole('listitem').map((li) => li.textContent);
    expect(lines).toEqual([
      expect.stringMatching(/^新建学校三所：标记完成 市教育局 · 2025年6月1日 \d\d:\d\d完成说明：三所学校已竣工验收，附验收报告$/),
      expect.stringMatching(/^新建学校三所：取消完成 市教育局 · 2025年6月2日 \d\d:\d\d说明：误点，撤回$/),
      expect.stringMatching(/^改造操场：报告进度 40% .*说明：完成招标$/),
      expect.stringMatching(/^改造操场：申请延期至 2026年3月31日 .*说明：雨季停工$/),
    ]);
    // The office's own urge coming back is 已有, never a conflict.
    const present = within(preview).getByText(/^已有（1）/).closest('details')!;
    expect(within(present).getByRole('listitem')).toHaveTextContent(/^新建学校三所：催办 市政府办公室 · .*说明：请于月底前报送$/);
    expect(preview).not.toHaveTextContent(/冲突/);
    // Refused, in words, with the reason.
    const refused = within(preview).getByText(/^拒收（1）/).closest('details')!;
    expect(within(refused).getByRole('listitem')).toHaveTextContent(/^招商引资：标记完成 .*——市教育局 不是任务“招商引资”的牵头或配合单位$/);
    expect(within(preview).getByText(/新增 4 条，已有 1 条，需确认 0 条，拒收 1 条/)).toBeInTheDocument();
  });

  it('a record id already here with other content is refused with the reason, and the record here stays', async () => {
    const mine = ev('a', '2025-06-01', { type: 'progress', percent: 10 }, '市教育局');
    resetStore({ plan, units, events: [mine], identity: { kind: 'office' } });
    render(<DataPage />);
    const built = await buildProgressReport({ plan, units, events: [{ ...mine, percent: 100 } as PlanEvent] }, '市教育局', new Date('2025-06-03T00:00:00Z'));
    const { user, preview } = await upload(built.text);
    expect(within(preview).getByText(/——记录编号重复但内容不同，已拒收/)).toBeInTheDocument();
    expect(within(preview).getByRole('button', { name: '确认导入' })).toBeDisabled();
    await user.click(within(preview).getByRole('button', { name: '取消' }));
    expect(store().events).toEqual([mine]);
  });
});

describe('a plan package that would empty the plan', () => {
  it('lists the removals under 需确认, asks in a dialog that names them; cancel keeps everything; confirm backs up first', async () => {
    resetStore({ plan, units, events: [urge], identity: { kind: 'unit', name: '市教育局' } });
    const backupsBefore = store().listBackups().length;
    render(<DataPage />);
    const { user, preview } = await upload(await packageOf({ ...plan, tasks: [], updatedAt: '2025-06-01T00:00:00.000Z' }));
    const confirm = within(preview).getByText(/^需确认（3）/).closest('details')!;
    expect(within(confirm).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^任务：新建学校三所——文件中较新的计划已没有这项任务/),
      expect.stringMatching(/^任务：改造操场——/),
      expect.stringMatching(/^任务：招商引资——/),
    ]);

    await user.click(within(preview).getByRole('button', { name: '确认导入' }));
    const dialog = screen.getByRole('dialog', { name: '导入后将移除 3 项任务？' });
    expect(within(dialog).getByText(/文件中的计划没有当前计划的任何任务：确认后，当前的全部 3 项任务都将从任务清单中移除/)).toBeInTheDocument();
    expect(within(within(dialog).getByRole('list', { name: '将移除的任务' })).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['新建学校三所', '改造操场', '招商引资']);
    // The safe choice has the focus: Enter does not wipe anything.
    expect(within(dialog).getByRole('button', { name: '取消' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(store().plan.tasks).toHaveLength(3);
    expect(store().listBackups()).toHaveLength(backupsBefore);

    await user.click(within(preview).getByRole('button', { name: '确认导入' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '移除并导入' }));
    expect(store().plan.tasks).toHaveLength(0);
    expect(store().events).toEqual([urge]);
    expect(store().listBackups()[0]).toMatchObject({ tasks: 3, reason: '导入计划包前的自动备份（将移除 3 项任务）' });
  });

  it('a package whose task list is {} is refused outright, quoting it', async () => {
    resetStore({ plan, units, events: [], identity: { kind: 'unit', name: '市教育局' } });
    render(<DataPage />);
    const { preview } = await upload(await packageOf({ ...plan, tasks: {} as never, updatedAt: '2025-06-01T00:00:00.000Z' }));
    expect(within(preview).getByRole('alert')).toHaveTextContent('计划包中的任务列表（tasks）应是一个列表，文件中是 “{}”；按它导入会清空全部任务，未导入。');
    expect(within(preview).getByRole('button', { name: '确认导入' })).toBeDisabled();
  });

  it('the preview and the dialog have no serious accessibility violations', async () => {
    resetStore({ plan, units, events: [], identity: { kind: 'unit', name: '市教育局' } });
    const { container } = render(<DataPage />);
    const { user, preview } = await upload(await packageOf({ ...plan, tasks: plan.tasks.slice(0, 1), updatedAt: '2025-06-01T00:00:00.000Z' }));
    await expectNoSeriousA11yViolations(container);
    await user.click(within(preview).getByRole('button', { name: '确认导入' }));
    const dialog = screen.getByRole('dialog', { name: '导入后将移除 2 项任务？' });
    expect(within(dialog).getByText(/文件中的计划比当前计划少了 2 项任务/)).toBeInTheDocument();
    await expectNoSeriousA11yViolations(document.body);
  });
});
