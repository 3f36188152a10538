import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChecklistPage } from '@/features/checklist/checklist-page';
import { selectTaskStates } from '@/store/selectors';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev, mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-06-10',
}));

const plan = mkPlan(
  [
    mkTask('late', '市教育局', '2025-05-31', { title: '新建学校三所' }),
    mkTask('soon', '市教育局', '2025-06-12', { title: '教师培训' }),
    mkTask('month', ['市交通运输局'], '2025-06-25', {
      title: '道路改造',
      owners: [
        { name: '市交通运输局', role: 'lead', inferred: false },
        { name: '市教育局', role: 'co', inferred: false },
      ],
    }),
    mkTask('later', '市教育局', '2025-12-31', { title: '校园安全整治' }),
    mkTask('other', '市商务局', '2025-12-31', { title: '招商引资' }),
  ],
  { sourceText: '' },
);
const units = [mkUnit('市教育局'), mkUnit('市交通运输局'), mkUnit('市商务局')];

function group(name: RegExp) {
  return screen.getByRole('region', { name });
}

beforeEach(() => {
  window.location.hash = '#/my';
  resetStore({ plan, units, events: [], identity: { kind: 'unit', name: '市教育局' } });
});

describe('ChecklistPage for a unit', () => {
  it('groups the unit’s own tasks (lead and co) by urgency', () => {
    render(<ChecklistPage />);
    expect(screen.getByRole('heading', { level: 1, name: '我的任务' })).toBeInTheDocument();
    expect(within(group(/^已逾期/)).getByText('新建学校三所')).toBeInTheDocument();
    expect(within(group(/^3日内到期/)).getByText('教师培训')).toBeInTheDocument();
    expect(within(group(/^本月到期/)).getByText('道路改造')).toBeInTheDocument();
    expect(within(group(/^其他/)).getByText('校园安全整治')).toBeInTheDocument();
    expect(screen.queryByText('招商引资')).not.toBeInTheDocument();
    expect(screen.getByText('共 4 项：已完成 0 项，逾期 1 项，3 日内到期 1 项。')).toBeInTheDocument();
  });

  /** Ticks a box: the 办结 form opens in the card; the note is typed and the report sent. */
  async function complete(user: ReturnType<typeof userEvent.setup>, box: HTMLElement, note: string) {
    await user.click(box);
    const form = screen.getByRole('form', { name: /^报告完成：/ });
    await user.type(within(form).getByLabelText(/^完成说明/), note);
    await user.click(within(form).getByRole('button', { name: '报告完成' }));
  }

  // Changed with issue 12: a tick used to be recorded by the click alone, evidence optional and
  // hidden. The click now opens the 办结 form in the card; the report needs its 完成说明.
  it('ticks a task off with its evidence: the card stays in place (checked) until the page is reopened, then sits in 已完成', async () => {
    const user = userEvent.setup();
    const view = render(<ChecklistPage />);
    await user.click(screen.getByRole('checkbox', { name: /标记完成：教师培训/ }));
    // Nothing is recorded by the click alone: the form asks for the evidence first.
    expect(store().events).toHaveLength(0);
    const form = screen.getByRole('form', { name: '报告完成：教师培训' });
    expect(within(form).getByLabelText(/^完成说明/)).toHaveFocus();
    await user.click(within(form).getByRole('button', { name: '报告完成' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('请填写完成说明');
    expect(store().events).toHaveLength(0);
    await user.type(within(form).getByLabelText(/^完成说明/), '培训 320 人次，签到表已归档');
    await user.click(within(form).getByRole('button', { name: '报告完成' }));
    const last = store().events.at(-1)!;
    expect(last).toMatchObject({ type: 'tick', taskId: 'soon', done: true, unit: '市教育局', note: '培训 320 人次，签到表已归档' });
    expect(selectTaskStates(store()).get('soon')!.done).toBe(true);
    expect(screen.queryByRole('form', { name: /^报告完成：/ })).not.toBeInTheDocument();
    // Still where the user clicked it, now checked; the counts already say it is done.
    expect(within(group(/^3日内到期/)).getByRole('checkbox', { name: /已完成.*教师培训/ })).toBeChecked();
    expect(within(group(/^3日内到期/)).getByText('培训 320 人次，签到表已归档')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: /^已完成/ })).not.toBeInTheDocument();
    expect(screen.getByText('共 4 项：已完成 1 项，逾期 1 项，3 日内到期 0 项。')).toBeInTheDocument();
    expect(group(/^3日内到期/)).toHaveAccessibleName('3日内到期1 项（其中 1 项刚勾选完成）');
    const jump = screen.getByRole('navigation', { name: '按紧急程度跳转' });
    expect(jump).toHaveTextContent(/3日内到期 0/);
    expect(jump).toHaveTextContent(/已完成 1/);

    // A second click in the same place takes it back, at once.
    await user.click(within(group(/^3日内到期/)).getByRole('checkbox', { name: /教师培训/ }));
    expect(store().events.at(-1)).toMatchObject({ type: 'tick', taskId: 'soon', done: false });
    expect(within(group(/^3日内到期/)).getByRole('checkbox', { name: /标记完成：教师培训/ })).not.toBeChecked();
    expect(screen.getByText('共 4 项：已完成 0 项，逾期 1 项，3 日内到期 1 项。')).toBeInTheDocument();

    // Ticked again and the page reopened: it is grouped by its state, and unticking it there
    // also leaves it in place.
    await complete(user, within(group(/^3日内到期/)).getByRole('checkbox', { name: /教师培训/ }), '补充签到表');
    view.unmount();
    render(<ChecklistPage />);
    expect(screen.queryByRole('region', { name: /^3日内到期/ })).not.toBeInTheDocument();
    await user.click(within(group(/^已完成/)).getByRole('checkbox', { name: /教师培训/ }));
    expect(within(group(/^已完成/)).getByRole('checkbox', { name: /标记完成：教师培训/ })).not.toBeChecked();
  });

  it('reports done from the keyboard in one flow: Space, type, Ctrl+Enter, and focus is back on the box', async () => {
    const user = userEvent.setup();
    render(<ChecklistPage />);
    const first = screen.getByRole('checkbox', { name: /标记完成：新建学校三所/ });
    first.focus();
    await user.keyboard(' ');
    expect(document.activeElement).toBe(screen.getByRole('form', { name: '报告完成：新建学校三所' }).querySelector('textarea'));
    await user.keyboard('三所学校已竣工验收{Control>}{Enter}{/Control}');
    expect(store().events.at(-1)).toMatchObject({ type: 'tick', taskId: 'late', done: true, note: '三所学校已竣工验收' });
    expect(document.activeElement).toBe(first);
    expect(first).toBeChecked();
    // Esc leaves the form without recording anything and puts focus back on the box.
    const second = screen.getByRole('checkbox', { name: /标记完成：教师培训/ });
    second.focus();
    await user.keyboard(' ');
    await user.keyboard('半句话{Escape}');
    expect(store().events).toHaveLength(1);
    expect(document.activeElement).toBe(second);
    expect(second).not.toBeChecked();
  });

  it('starts afresh for another unit: a task both share, ticked by one, is grouped as done for the other', async () => {
    const user = userEvent.setup();
    render(<ChecklistPage />);
    await complete(user, screen.getByRole('checkbox', { name: /标记完成：道路改造/ }), '配合完成');
    expect(within(group(/^本月到期/)).getByRole('checkbox', { name: /道路改造/ })).toBeChecked();
    act(() => store().setIdentity({ kind: 'unit', name: '市交通运输局' }));
    expect(screen.queryByRole('region', { name: /^本月到期/ })).not.toBeInTheDocument();
    expect(within(group(/^已完成/)).getByRole('checkbox', { name: /道路改造/ })).toBeChecked();
  });

  it('sends evidence files by name, size and SHA-256 with the report, never the file itself', async () => {
    const user = userEvent.setup();
    render(<ChecklistPage />);
    await user.click(screen.getByRole('checkbox', { name: /标记完成：新建学校三所/ }));
    const form = screen.getByRole('form', { name: '报告完成：新建学校三所' });
    await user.type(within(form).getByLabelText(/^完成说明/), '三所学校已竣工验收');
    await user.upload(within(form).getByLabelText(/^佐证材料/), new File(['abc'], '竣工验收报告.pdf', { type: 'application/pdf' }));
    expect(await within(form).findByText('竣工验收报告.pdf')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '报告完成' }));
    expect(store().events.at(-1)).toMatchObject({
      type: 'tick',
      done: true,
      note: '三所学校已竣工验收',
      // SHA-256 of "abc".
      attachments: [{ name: '竣工验收报告.pdf', size: 3, sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' }],
    });
    const card = screen.getByText('新建学校三所').closest('li')!;
    expect(within(card).getByText('三所学校已竣工验收')).toBeInTheDocument();
    expect(within(card).getByText('竣工验收报告.pdf')).toBeInTheDocument();
    expect(JSON.stringify(store().events)).not.toContain('YWJj'); // the content, base64, is nowhere
  });

  it('reports progress with a note and requests an extension', async () => {
    const user = userEvent.setup();
    render(<ChecklistPage />);
    const card = screen.getByText('校园安全整治').closest('li')!;
    await user.click(within(card).getByText(/更新进度、申请延期/));
    const pct = within(card).getByLabelText('完成进度（%）');
    await user.clear(pct);
    await user.type(pct, '40');
    await user.type(within(card).getByLabelText('进展说明'), '排查完成');
    await user.click(within(card).getByRole('button', { name: '报告进度' }));
    expect(store().events.at(-1)).toMatchObject({ type: 'progress', taskId: 'later', percent: 40, note: '排查完成' });
    expect(within(card).getByText(/^进度\s*40%$/)).toBeInTheDocument();

    await user.type(within(card).getByLabelText('申请延期至'), '2026-03-31');
    await user.click(within(card).getByRole('button', { name: '提交延期申请' }));
    expect(within(card).getByRole('alert')).toHaveTextContent('请填写延期理由');
    await user.type(within(card).getByLabelText('延期理由'), '资金未到位');
    await user.click(within(card).getByRole('button', { name: '提交延期申请' }));
    expect(store().events.at(-1)).toMatchObject({ type: 'extension-request', requestedDue: '2026-03-31', note: '资金未到位' });
    expect(within(card).getAllByText(/已申请延期至 2026年3月31日/).length).toBeGreaterThan(0);
  });

  it('shows the office’s urges and notices addressed to the unit', () => {
    resetStore({
      plan,
      units,
      identity: { kind: 'unit', name: '市教育局' },
      events: [
        ev('late', '2025-06-01', { type: 'urge', note: '请加快进度' }),
        ev('later', '2025-06-02', { type: 'notice', kind: 'commend' }),
        ev('other', '2025-06-03', { type: 'urge' }),
      ],
    });
    render(<ChecklistPage />);
    const feed = screen.getByRole('region', { name: /督办消息/ });
    expect(within(feed).getByRole('heading')).toHaveTextContent('督办消息（2）');
    expect(within(feed).getByText(/请加快进度/)).toBeInTheDocument();
    expect(within(feed).getByText('表扬')).toBeInTheDocument();
    expect(screen.getByText('被催办 1 次')).toBeInTheDocument();
  });

  it('签收: signs every open task at once with 承办人 and phone, and says so on each card', async () => {
    const user = userEvent.setup();
    render(<ChecklistPage />);
    const bar = screen.getByRole('region', { name: '4 项任务待签收' });
    await user.type(within(bar).getByLabelText('承办人'), '王敏');
    await user.type(within(bar).getByLabelText('联系电话'), '12');
    await user.click(within(bar).getByRole('button', { name: '全部签收（4 项）' }));
    expect(within(bar).getByRole('alert')).toHaveTextContent('有效的联系电话');
    await user.clear(within(bar).getByLabelText('联系电话'));
    await user.type(within(bar).getByLabelText('联系电话'), '0813-2101234');
    await user.click(within(bar).getByRole('button', { name: '全部签收（4 项）' }));
    const receipts = store().events.filter((e) => e.type === 'receipt');
    expect(receipts.map((e) => e.taskId).sort()).toEqual(['late', 'later', 'month', 'soon']);
    expect(receipts[0]).toMatchObject({ unit: '市教育局', handler: '王敏', phone: '0813-2101234' });
    expect(screen.queryByRole('region', { name: /待签收/ })).not.toBeInTheDocument();
    const card = screen.getByText('新建学校三所').closest('li')!;
    expect(within(card).getByText('已签收：王敏')).toHaveAttribute('title', expect.stringMatching(/承办人 王敏，电话 0813-2101234/));
  });

  it('签收 one task from its card, starting from the contact used last time', async () => {
    resetStore({ plan, units, identity: { kind: 'unit', name: '市教育局' }, events: [ev('late', '2025-06-01', { type: 'receipt', handler: '李强', phone: '13800000000' }, '市教育局')] });
    const user = userEvent.setup();
    render(<ChecklistPage />);
    const card = screen.getByText('教师培训').closest('li')!;
    await user.click(within(card).getByRole('button', { name: /^签收/ }));
    expect(within(card).getByLabelText('承办人')).toHaveValue('李强');
    await user.click(within(card).getByRole('button', { name: '确认签收' }));
    expect(store().events.at(-1)).toMatchObject({ type: 'receipt', taskId: 'soon', handler: '李强', phone: '13800000000' });
  });

  it('回复: an urge with a method and a deadline is on the card, marked late, and answered there', async () => {
    resetStore({ plan, units, identity: { kind: 'unit', name: '市教育局' }, events: [ev('late', '2025-06-01', { type: 'urge', method: 'phone', replyBy: '2025-06-05', note: '请说明滞后原因' })] });
    const user = userEvent.setup();
    render(<ChecklistPage />);
    const card = screen.getByText('新建学校三所').closest('li')!;
    expect(within(card).getByText(/催办（电话），请于 2025年6月5日 前回复/)).toBeInTheDocument();
    expect(within(card).getByText('（已超过回复期限）')).toBeInTheDocument();
    expect(within(card).getByText('催办待回复')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: '回复' }));
    expect(within(card).getByRole('alert')).toHaveTextContent('请填写回复内容');
    await user.type(within(card).getByLabelText('回复内容'), '土地手续已办结，6月底开工');
    await user.click(within(card).getByRole('button', { name: '回复' }));
    const urgeId = store().events[0]!.id;
    expect(store().events.at(-1)).toMatchObject({ type: 'reply', taskId: 'late', urgeId, note: '土地手续已办结，6月底开工' });
    expect(within(card).queryByText('催办待回复')).not.toBeInTheDocument();
  });

  it('核查不符: the task is not done, the finding is on the card, and the unit reports anew', async () => {
    resetStore({
      plan,
      units,
      identity: { kind: 'unit', name: '市教育局' },
      events: [
        ev('later', '2025-06-01', { type: 'tick', done: true, note: '已整治' }, '市教育局'),
        ev('later', '2025-06-05', { type: 'inspection', date: '2025-06-04', finding: 'not-done', note: '两所学校围墙未改造' }),
      ],
    });
    const user = userEvent.setup();
    render(<ChecklistPage />);
    const card = screen.getByText('校园安全整治').closest('li')!;
    expect(within(card).getByRole('checkbox')).not.toBeChecked();
    expect(within(card).getByText('核查与报告不符')).toBeInTheDocument();
    expect(within(card).getByText(/核查不符：2025年6月4日现场核查发现任务未按报告完成/)).toBeInTheDocument();
    expect(within(card).getByText('两所学校围墙未改造')).toBeInTheDocument();
    expect(screen.getByText('共 4 项：已完成 0 项，逾期 1 项，3 日内到期 1 项。')).toBeInTheDocument();
    await complete(user, within(card).getByRole('checkbox'), '围墙改造完成，附照片');
    expect(selectTaskStates(store()).get('later')).toMatchObject({ done: true, mismatch: false });
  });

  it('a done task offers no progress report (a completed task cannot report 0 %)', async () => {
    resetStore({ plan, units, identity: { kind: 'unit', name: '市教育局' }, events: [ev('later', '2025-06-01', { type: 'tick', done: true, note: '已整治' }, '市教育局')] });
    const user = userEvent.setup();
    render(<ChecklistPage />);
    const card = screen.getByText('校园安全整治').closest('li')!;
    await user.click(within(card).getByText(/更新进度、申请延期/));
    expect(within(card).queryByLabelText('完成进度（%）')).not.toBeInTheDocument();
    expect(within(card).getByText(/已报告完成，不再报告进度/)).toBeInTheDocument();
    expect(() => store().record({ type: 'progress', taskId: 'later', percent: 0 })).toThrow(/不能再报告进度/);
  });

  it('has no serious accessibility violations with the 办结 form, an urge and a finding open', async () => {
    resetStore({
      plan,
      units,
      identity: { kind: 'unit', name: '市教育局' },
      events: [
        ev('late', '2025-06-01', { type: 'urge', method: 'written', replyBy: '2025-06-20' }),
        ev('later', '2025-06-01', { type: 'tick', done: true, note: '已整治' }, '市教育局'),
        ev('later', '2025-06-05', { type: 'inspection', date: '2025-06-04', finding: 'behind' }),
      ],
    });
    const user = userEvent.setup();
    const { container } = render(<ChecklistPage />);
    await user.click(screen.getByRole('checkbox', { name: /标记完成：教师培训/ }));
    await expectNoSeriousA11yViolations(container);
  });

  it('shows a clear empty state for a unit without tasks', () => {
    resetStore({ plan, units, events: [], identity: { kind: 'unit', name: '市民政局' } });
    render(<ChecklistPage />);
    expect(screen.getByText('“市民政局”目前没有任务')).toBeInTheDocument();
  });

  it('has no serious accessibility violations', async () => {
    const { container } = render(<ChecklistPage />);
    await expectNoSeriousA11yViolations(container);
  });
});

describe('ChecklistPage for the office', () => {
  it('asks for a unit, then shows that unit’s checklist', async () => {
    resetStore({ plan, units, events: [], identity: { kind: 'office' } });
    const user = userEvent.setup();
    const { rerender } = render(<ChecklistPage />);
    expect(screen.getByText('请先选择单位')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('查看单位'), '市商务局');
    rerender(<ChecklistPage />);
    expect(await screen.findByRole('heading', { name: '市商务局的任务' })).toBeInTheDocument();
    expect(screen.getByText('招商引资')).toBeInTheDocument();
    expect(window.location.hash).toBe(`#/my?unit=${encodeURIComponent('市商务局')}`);
  });
});
