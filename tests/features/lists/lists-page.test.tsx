import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ListsPage } from '@/features/lists/lists-page';
import { selectTaskStates } from '@/store/selectors';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev, mkPlan, mkSection, mkTask, mkUnit } from '../../domain/screen-fixtures';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-06-10',
}));

const speech = '一、锚定目标抓落实\n要新建学校三所。要开展教师培训。\n二、改进作风抓落实\n道路改造年底前完成。';
const sections = [mkSection('s1', '一、', '锚定目标抓落实'), mkSection('s2', '二、', '改进作风抓落实')];
const plan = mkPlan(
  [
    mkTask('a', '市教育局', '2025-05-31', { sectionId: 's1', title: '新建学校三所', quote: '要新建学校三所。', source: { start: 10, end: 18 } }),
    mkTask('b', '市教育局', '2025-12-31', {
      sectionId: 's1',
      title: '开展教师培训',
      owners: [{ name: '市发展和改革委员会', role: 'lead', inferred: true }],
    }),
    mkTask('c', '市交通运输局', '2025-12-31', { sectionId: 's2', title: '道路改造', flagged: true }),
  ],
  { sections, sourceText: speech },
);
const units = [mkUnit('市教育局'), mkUnit('市交通运输局'), mkUnit('市发展和改革委员会'), mkUnit('市住房和城乡建设局')];

const rows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);
const rowOf = (title: string) => screen.getByRole('rowheader', { name: title }).closest('tr')!;

beforeEach(() => {
  window.location.hash = '#/lists';
  resetStore({ plan, units, events: [], identity: { kind: 'office' } });
});

describe('ListsPage (office)', () => {
  it('lists every task with lead, deadline, status, light and flag; flagged first', () => {
    render(<ListsPage />);
    expect(screen.getByRole('heading', { level: 1, name: '三张清单' })).toBeInTheDocument();
    expect(rows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['道路改造', '新建学校三所', '开展教师培训']);
    const a = rowOf('新建学校三所');
    expect(within(a).getByText('市教育局')).toBeInTheDocument();
    expect(within(a).getByText('红灯')).toBeInTheDocument();
    expect(within(a).getByText('未开始')).toBeInTheDocument();
    expect(within(rowOf('道路改造')).getByRole('button', { name: /已挂牌/ })).toHaveAttribute('aria-pressed', 'true');
  });

  it('filters by unit, light, flag, section and search', async () => {
    // b and c ahead of the year's pace (44 % elapsed on 06-10): green; a is overdue: red.
    resetStore({
      plan,
      units,
      identity: { kind: 'office' },
      events: [ev('b', '2025-06-01', { type: 'progress', percent: 50 }, '市发展和改革委员会'), ev('c', '2025-06-01', { type: 'progress', percent: 60 }, '市交通运输局')],
    });
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.selectOptions(screen.getByLabelText('单位'), '市交通运输局');
    expect(rows()).toHaveLength(1);
    expect(screen.getByText('筛选出 1 项（共 3 项）。')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('单位'), '');
    await user.selectOptions(screen.getByLabelText('灯号'), 'red');
    expect(rows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['新建学校三所']);
    await user.selectOptions(screen.getByLabelText('灯号'), '');
    await user.selectOptions(screen.getByLabelText('挂牌督办'), 'flagged');
    expect(rows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['道路改造']);
    await user.selectOptions(screen.getByLabelText('挂牌督办'), 'all');
    await user.selectOptions(screen.getByLabelText('所属部分'), 's1');
    expect(rows()).toHaveLength(2);
    await user.type(screen.getByRole('searchbox', { name: '搜索' }), '培训');
    expect(await screen.findByText('筛选出 1 项（共 3 项）。')).toBeInTheDocument();
    expect(rows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['开展教师培训']);
    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    expect(rows()).toHaveLength(3);
  });

  it('filters by status after a tick', async () => {
    resetStore({ plan, units, identity: { kind: 'office' }, events: [ev('b', '2025-06-01', { type: 'tick', done: true }, '市发展和改革委员会')] });
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.selectOptions(screen.getByLabelText('状态'), 'done');
    expect(rows().map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['开展教师培训']);
  });

  it('sorts by deadline', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByLabelText('挂牌督办事项在前'));
    await user.selectOptions(screen.getByLabelText('排序'), 'deadline');
    expect(rows()[0]).toBe(rowOf('新建学校三所'));
  });

  it('confirms a suggested owner in one click', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    const b = rowOf('开展教师培训');
    expect(within(b).getByText('建议')).toBeInTheDocument();
    await user.click(within(b).getByRole('button', { name: /^确认/ }));
    expect(store().plan.tasks.find((t) => t.id === 'b')!.owners).toEqual([{ name: '市发展和改革委员会', role: 'lead', inferred: false }]);
    expect(within(rowOf('开展教师培训')).queryByText('建议')).not.toBeInTheDocument();
  });

  it('edits a task’s lead unit, co-units, title and deadline in place', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '新建学校三所' }));
    const form = screen.getByRole('form', { name: /编辑任务：新建学校三所/ });
    await user.selectOptions(within(form).getByLabelText('牵头单位'), '市住房和城乡建设局');
    await user.selectOptions(within(form).getByLabelText('添加配合单位'), '市教育局');
    const title = within(form).getByLabelText('任务名称');
    await user.clear(title);
    await user.type(title, '新建中小学三所');
    const due = within(form).getByLabelText('截止日期');
    await user.clear(due);
    await user.type(due, '2025-09-30');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    const task = store().plan.tasks.find((t) => t.id === 'a')!;
    expect(task.title).toBe('新建中小学三所');
    expect(task.owners).toEqual([
      { name: '市住房和城乡建设局', role: 'lead', inferred: false },
      { name: '市教育局', role: 'co', inferred: false },
    ]);
    expect(task.deadline).toMatchObject({ due: '2025-09-30', kind: 'date', inferred: false });
    const row = rowOf('新建中小学三所');
    expect(within(row).getByText('市住房和城乡建设局')).toBeInTheDocument();
    expect(within(row).getByText(/2025年9月30日/)).toBeInTheDocument();
  });

  it('sets a task’s 交办日期 and the leader it was handed to', async () => {
    resetStore({ plan: { ...plan, tasks: plan.tasks.map((t) => ({ ...t, assignedOn: '2025-01-02' })) }, units, leaders: [{ id: 'w', name: '王副市长', role: 'vice-mayor', aliases: [], units: [], tasks: [] }], events: [], identity: { kind: 'office' } });
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(within(rowOf('道路改造')).getByRole('button', { name: '道路改造' }));
    const editor = screen.getByRole('form', { name: /编辑任务：道路改造/ });
    const assigned = within(editor).getByLabelText('交办日期');
    expect(assigned).toHaveValue('2025-01-02');
    await user.clear(assigned);
    await user.type(assigned, '2025-03-01');
    await user.click(within(editor).getByLabelText('王副市长'));
    await user.click(within(editor).getByRole('button', { name: '保存' }));
    expect(store().plan.tasks.find((t) => t.id === 'c')!.assignedOn).toBe('2025-03-01');
    expect(store().leaders[0]!.tasks).toEqual(['c']);
  });

  it('an editor opened before another tab changed the task keeps that change, and says so (issue 16)', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '新建学校三所' }));
    const form = screen.getByRole('form', { name: /编辑任务：新建学校三所/ });
    // Another tab renames the task while this editor is open (the store hears it and updates).
    act(() => store().updateTask('a', { title: '另一页改的名称' }));
    const label = within(form).getByLabelText('时限说明');
    await user.clear(label);
    await user.type(label, '九月底前');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    const task = store().plan.tasks.find((t) => t.id === 'a')!;
    expect(task.title).toBe('另一页改的名称');
    expect(task.deadline.label).toBe('九月底前');
    expect(store().toasts.some((t) => t.message.includes('另一个标签页刚修改了本任务的名称'))).toBe(true);
  });

  it('when both tabs changed the same field, the stale save is refused once with a notice; saving again keeps it', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '新建学校三所' }));
    const form = screen.getByRole('form', { name: /编辑任务：新建学校三所/ });
    act(() => store().updateTask('a', { title: '另一页改的名称' }));
    const title = within(form).getByLabelText('任务名称');
    await user.clear(title);
    await user.type(title, '本页改的名称');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('名称刚在另一个标签页中被修改');
    expect(store().plan.tasks.find((t) => t.id === 'a')!.title).toBe('另一页改的名称');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(store().plan.tasks.find((t) => t.id === 'a')!.title).toBe('本页改的名称');
  });

  it('shows the source sentence in the editor, marked in its paragraph', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '新建学校三所' }));
    await user.click(screen.getByRole('button', { name: '查看上下文' }));
    expect(screen.getByText('要新建学校三所。', { selector: 'mark' })).toBeInTheDocument();
  });

  it('flags and unflags a task with a flag event', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(within(rowOf('新建学校三所')).getByRole('button', { name: /^挂牌/ }));
    expect(store().events.at(-1)).toMatchObject({ type: 'flag', taskId: 'a', flagged: true });
    expect(selectTaskStates(store()).get('a')!.flagged).toBe(true);
  });

  it('adds a task', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '新增任务' }));
    await user.type(screen.getByLabelText(/^任务名称/), '整治文山会海');
    await user.selectOptions(screen.getAllByLabelText('牵头单位')[0]!, '市教育局');
    await user.click(screen.getByRole('button', { name: '添加' }));
    const added = store().plan.tasks.at(-1)!;
    expect(added).toMatchObject({ title: '整治文山会海', owners: [{ name: '市教育局', role: 'lead', inferred: false }] });
    expect(added.deadline.due).toBe('2025-12-31');
    expect(screen.getByRole('rowheader', { name: '整治文山会海' })).toBeInTheDocument();
  });

  it('deletes a task after confirmation, and undo brings it back', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '道路改造' }));
    await user.click(screen.getByRole('button', { name: '删除此任务…' }));
    const dialog = screen.getByRole('dialog', { name: '删除任务？' });
    await user.click(within(dialog).getByRole('button', { name: '删除' }));
    expect(store().plan.tasks.map((t) => t.id)).toEqual(['a', 'b']);
    expect(screen.queryByRole('rowheader', { name: '道路改造' })).not.toBeInTheDocument();
    // The app's toast offers 撤销; this page alone has no toast area, so call the store's undo.
    act(() => store().undo());
    expect(await screen.findByRole('rowheader', { name: '道路改造' })).toBeInTheDocument();
  });

  it('merges selected tasks into the first', async () => {
    const user = userEvent.setup();
    render(<ListsPage />);
    await user.click(screen.getByRole('checkbox', { name: '选择：新建学校三所' }));
    await user.click(screen.getByRole('checkbox', { name: '选择：开展教师培训' }));
    await user.click(screen.getByRole('button', { name: '合并所选（2）' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '合并' }));
    expect(store().plan.tasks.map((t) => t.id)).toEqual(['a', 'c']);
    expect(store().plan.mergedInto).toEqual({ b: 'a' });
  });

  it('splits a task at the cursor', async () => {
    const user = userEvent.setup();
    const two = mkPlan([mkTask('x', '市教育局', '2025-12-31', { title: '新建学校三所开展教师培训', quote: '' })]);
    resetStore({ plan: two, units, events: [], identity: { kind: 'office' } });
    render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '新建学校三所开展教师培训' }));
    await user.click(screen.getByText('拆分任务'));
    const box = screen.getByLabelText('在任务名称中点击要拆开的位置') as HTMLTextAreaElement;
    box.focus();
    box.setSelectionRange(6, 6);
    box.dispatchEvent(new Event('select', { bubbles: true }));
    expect(await screen.findByText('将拆为：①“新建学校三所” ②“开展教师培训”')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '在光标处拆分' }));
    expect(store().plan.tasks.map((t) => t.title)).toEqual(['新建学校三所', '开展教师培训']);
  });

  it('pages a long list: at most 50 rows rendered', async () => {
    const many = mkPlan(Array.from({ length: 120 }, (_, i) => mkTask(`m${i}`, '市教育局', '2025-12-31', { title: `任务${i}` })));
    resetStore({ plan: many, units, events: [], identity: { kind: 'office' } });
    const user = userEvent.setup();
    render(<ListsPage />);
    expect(rows()).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: '下一页' }));
    expect(rows()[0]).toBe(rowOf('任务50'));
  });

  it('has no serious accessibility violations, with an editor open', async () => {
    const user = userEvent.setup();
    const { container } = render(<ListsPage />);
    await user.click(screen.getByRole('button', { name: '新建学校三所' }));
    await expectNoSeriousA11yViolations(container);
  });
});

describe('ListsPage (a unit)', () => {
  it('is read-only and filtered to the unit by default', () => {
    resetStore({ plan, units, events: [], identity: { kind: 'unit', name: '市教育局' } });
    render(<ListsPage />);
    expect(rows()).toHaveLength(1);
    expect(screen.getByLabelText('单位')).toHaveValue('市教育局');
    expect(screen.queryByRole('button', { name: '新增任务' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /删除/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^确认/ })).not.toBeInTheDocument();
  });
});
