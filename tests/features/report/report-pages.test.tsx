import { beforeEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReportPage } from '@/features/report/report-page';
import { NoticePage } from '@/features/report/notice-page';
import { ListsPrintPage } from '@/features/report/lists-print-page';
import { DashboardPage } from '@/features/dashboard/dashboard-page';
import { officeKeyElsewhere, resetStore, store } from '../../helpers/screen-store';
import { useLuoshi } from '@/store/store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev, mkPlan, mkSection, mkTask, mkUnit } from '../../domain/screen-fixtures';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-03-20',
}));

const sections = [mkSection('s1', '一、', '锚定目标抓落实'), mkSection('s2', '二、', '改进作风抓落实')];
const plan = mkPlan(
  [
    mkTask('a', '市教育局', '2025-03-31', { sectionId: 's1', title: '新建学校三所', flagged: true }),
    mkTask('b', '市教育局', '2025-02-28', { sectionId: 's1', title: '出台教师培训方案' }),
    mkTask('c', '市交通运输局', '2025-12-31', { sectionId: 's2', title: '道路改造', owners: [{ name: '市交通运输局', role: 'lead', inferred: false }, { name: '市教育局', role: 'co', inferred: false }] }),
  ],
  { sections, title: '市长讲话' },
);
const units = [mkUnit('市教育局'), mkUnit('市交通运输局')];
const events = [
  ev('a', '2025-03-10', { type: 'tick', done: true, note: '三所学校已开工建设' }, '市教育局'),
  ev('b', '2025-03-05', { type: 'progress', percent: 60, note: '方案待常务会审议' }, '市教育局'),
  ev('c', '2025-03-12', { type: 'notice', kind: 'commend', note: '提前谋划' }),
];

beforeEach(() => {
  resetStore({ plan, units, events });
});

describe('ReportPage', () => {
  beforeEach(() => {
    window.location.hash = '#/report?q=1';
  });

  it('lays out the summary as a document: 版头, title, sections, signature date', () => {
    render(<ReportPage />);
    expect(screen.getByText('督查通报')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('关于2025年第一季度重点工作落实情况的通报');
    for (const h of ['一、总体情况', '二、目标指标完成情况', '三、各单位落实情况', '四、挂牌督办事项', '五、逾期未完成事项及原因', '六、表扬和通报批评', '七、本季度完成事项']) {
      expect(screen.getByRole('heading', { level: 2, name: h })).toBeInTheDocument();
    }
    expect(screen.getAllByText('2025年3月20日').length).toBeGreaterThan(0);
  });

  it('prints the same figures as the dashboard', () => {
    const { unmount } = render(<DashboardPage />);
    const kpis = screen.getByRole('region', { name: '关键指标' });
    const done = within(kpis).getByText('已完成').nextSibling?.textContent;
    const overdue = within(kpis).getByText('逾期未完成').nextSibling?.textContent;
    unmount();
    render(<ReportPage />);
    const kpiTable = screen.getByRole('table', { name: '主要指标' });
    const cells = within(kpiTable).getAllByRole('cell').map((c) => c.textContent);
    const headers = within(kpiTable).getAllByRole('columnheader').map((c) => c.textContent);
    expect(cells[headers.indexOf('已完成')]).toBe(done);
    expect(cells[headers.indexOf('逾期未完成')]).toBe(overdue);
  });

  it('lists the overdue task with the unit’s own reason and the completed one with its note', () => {
    render(<ReportPage />);
    // Tables are numbered in the order they appear (no targets here, so no target table).
    const overdue = screen.getByRole('table', { name: '表4　逾期未完成事项' });
    const row = within(overdue).getByRole('row', { name: /出台教师培训方案/ });
    expect(row).toHaveTextContent('方案待常务会审议');
    expect(row).toHaveTextContent('20'); // days overdue from 02-28 to 03-20
    const done = screen.getByRole('table', { name: '表5　本季度完成事项' });
    expect(within(done).getByRole('row', { name: /新建学校三所/ })).toHaveTextContent('按期');
    expect(screen.getByText(/提前谋划/)).toBeInTheDocument();
  });

  it('switches the quarter from the chooser and prints with the browser', async () => {
    const user = userEvent.setup();
    const print = vi.spyOn(window, 'print').mockImplementation(() => undefined);
    render(<ReportPage />);
    await user.selectOptions(screen.getByLabelText('季度'), '2025年第二季度');
    expect(window.location.hash).toBe('#/report?q=2');
    await user.click(screen.getByRole('button', { name: '打印' }));
    expect(print).toHaveBeenCalledTimes(1);
    print.mockRestore();
  });

  it('has no serious accessibility violations', async () => {
    const { container } = render(<ReportPage />);
    await expectNoSeriousA11yViolations(container);
  });

  it('ranks with a 核查不符 column and says which units were left out', () => {
    resetStore({
      plan,
      units,
      events: [
        ...events,
        ev('a', '2025-03-15', { type: 'inspection', date: '2025-03-15', finding: 'not-done', note: '未开工' }),
      ],
    });
    render(<ReportPage />);
    const ranking = screen.getByRole('table', { name: /牵头单位落实情况及位次/ });
    expect(within(ranking).getByRole('columnheader', { name: '核查不符' })).toBeInTheDocument();
    const row = within(ranking).getByRole('row', { name: /市教育局/ });
    expect(within(row).getAllByRole('cell').at(-1)).toHaveTextContent('1');
    // 道路改造 is due in December: 市交通运输局 has nothing due yet.
    expect(screen.getByText(/不参与排名：市交通运输局/)).toBeInTheDocument();
    // The contradicted completion is no longer in the completed table, and is listed apart.
    expect(screen.getByText('本季度暂无完成事项。')).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: /核查不符事项/ })).getByRole('row', { name: /新建学校三所/ })).toHaveTextContent('核查不符');
  });

  it('is a draft until issued; issuing freezes it under a 期号, and later changes do not touch it', async () => {
    const user = userEvent.setup();
    const view = render(<ReportPage />);
    expect(screen.getByText('（草稿，未印发）')).toBeInTheDocument();
    expect(screen.getByText(/草稿：根据当前数据生成，尚未印发/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '印发本期通报…' }));
    await user.click(within(screen.getByRole('dialog', { name: '印发为2025年第1期？' })).getByRole('button', { name: '印发' }));
    expect(store().issued).toHaveLength(1);
    const issued = store().issued[0]!;
    expect(window.location.hash).toBe(`#/report?issued=${issued.id}`);
    view.unmount();
    render(<ReportPage />);
    expect(screen.getByText('2025年第1期')).toBeInTheDocument();
    expect(screen.getByText(/已印发：2025年第1期/)).toBeInTheDocument();
    const frozen = document.querySelector('.doc-sheet')!.textContent;

    // Later: a new task, a lead unit changed, another tick. The issued bulletin stays as it was.
    act(() =>
      useLuoshi.setState({
        plan: { ...plan, tasks: [...plan.tasks.map((t) => (t.id === 'b' ? { ...t, owners: [{ name: '市财政局', role: 'lead' as const, inferred: false }] } : t)), mkTask('d', '市商务局', '2025-03-25', { title: '新增的任务' })] },
        events: [...events, ev('b', '2025-03-18', { type: 'tick', done: true, note: '方案已印发' }, '市财政局')],
      }),
    );
    expect(document.querySelector('.doc-sheet')!.textContent).toBe(frozen);
    expect(screen.queryByText('新增的任务')).not.toBeInTheDocument();
    // The live draft is one click away and does show the change.
    await user.click(screen.getByRole('link', { name: '查看实时草稿' }));
    expect(window.location.hash).toBe('#/report?q=1&draft=1');
  });
});

describe('the office’s acts where this browser does not hold its key', () => {
  beforeEach(() => {
    resetStore({ plan, units, events, identity: { kind: 'office' }, ...officeKeyElsewhere() });
  });

  it('offers no 印发 of the quarterly 通报', () => {
    window.location.hash = '#/report?q=1';
    render(<ReportPage />);
    expect(screen.getByText('（草稿，未印发）')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '印发本期通报…' })).not.toBeInTheDocument();
  });

  it('prints the 督办单 but offers no 交办', () => {
    window.location.hash = '#/notice/b';
    render(<NoticePage />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('市政府办公室督办单');
    expect(screen.queryByRole('button', { name: '交办并编号' })).not.toBeInTheDocument();
    expect(screen.queryByLabelText('反馈时限（选填）')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: /打印/ })).toBeInTheDocument();
  });
});

describe('NoticePage', () => {
  // Changed with issue 12: the 督办单 was numbered by the task's place in the plan (督办〔2025〕2号).
  // It now gets a running register number of the year when the office 交办 it.
  it('fills the 督办单, lets the office set the requirement and a reply deadline, and 交办 it under the next register number', async () => {
    window.location.hash = '#/notice/b';
    const user = userEvent.setup();
    const { container } = render(<NoticePage />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('市政府办公室督办单');
    expect(screen.getByText(/^督办〔2025〕第\s*号$/)).toBeInTheDocument();
    const form = screen.getByRole('table');
    expect(within(form).getByRole('row', { name: /督办事项/ })).toHaveTextContent('出台教师培训方案');
    const req = within(form).getByRole('row', { name: /督办要求/ });
    expect(req).toHaveTextContent('该事项已逾期20天');
    const box = screen.getByLabelText(/督办要求（可修改/);
    await user.clear(box);
    await user.type(box, '请于3月25日前书面报告。');
    expect(within(form).getByRole('row', { name: /督办要求/ })).toHaveTextContent('请于3月25日前书面报告。');
    await user.type(screen.getByLabelText('反馈时限（选填）'), '2025-03-25');
    await expectNoSeriousA11yViolations(container);
    await user.click(screen.getByRole('button', { name: '交办并编号' }));
    expect(store().events.at(-1)).toMatchObject({ type: 'assign', taskId: 'b', number: 1, replyBy: '2025-03-25', note: '请于3月25日前书面报告。' });
    // Numbered in the year of the store's clock (the day it is recorded), here the machine's own.
    expect(screen.getByText(/^督办〔\d{4}〕第1号$/)).toBeInTheDocument();
    expect(within(screen.getByRole('table')).getByRole('row', { name: /反馈时限/ })).toHaveTextContent('2025年3月25日');
    // The requirement is now the one recorded; a second task gets the next number.
    expect(screen.getByLabelText('督办要求（交办时确定）')).toHaveAttribute('readonly');
    store().assignTask('a', null, '请报送佐证材料');
    expect(store().events.at(-1)).toMatchObject({ type: 'assign', taskId: 'a', number: 2 });
  });

  it('prints the deadline without the parser’s own note, and the unit’s contact once it has signed', () => {
    const inferred = mkTask('z', '市教育局', '2025-12-31', { title: '年底前的任务', deadline: { label: '年底前（未注明时限）', due: '2025-12-31', recurrence: null, kind: 'date', inferred: true } });
    resetStore({ plan: { ...plan, tasks: [...plan.tasks, inferred] }, units, events: [ev('z', '2025-03-02', { type: 'receipt', handler: '王敏', phone: '0813-2101234' }, '市教育局')] });
    window.location.hash = '#/notice/z';
    render(<NoticePage />);
    const table = screen.getByRole('table');
    expect(within(table).getByRole('row', { name: /办理时限/ })).toHaveTextContent(/^办理时限2025年12月31日$/);
    expect(within(table).getByRole('row', { name: /联系人及电话/ })).toHaveTextContent('王敏');
  });

  it('asks for the evidence when the task was reported done', () => {
    window.location.hash = '#/notice/a';
    render(<NoticePage />);
    expect(within(screen.getByRole('table')).getByRole('row', { name: /督办要求/ })).toHaveTextContent('该事项已报告完成');
  });

  it('says so when the task does not exist', () => {
    window.location.hash = '#/notice/nope';
    render(<NoticePage />);
    expect(screen.getByText('找不到这项任务')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '返回三张清单' })).toHaveAttribute('href', '#/lists');
  });
});

describe('ListsPrintPage', () => {
  it('prints the task, responsibility and time lists, and one unit’s lists on request', async () => {
    window.location.hash = '#/print/lists';
    const user = userEvent.setup();
    const { container } = render(<ListsPrintPage />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('《市长讲话》任务、责任、时限“三张清单”');
    const byUnit = screen.getByRole('table', { name: '表2　责任清单（按单位）' });
    const edu = within(byUnit).getByRole('row', { name: /^市教育局/ });
    expect(edu).toHaveTextContent('1. 新建学校三所');
    expect(edu).toHaveTextContent('3. 道路改造'); // as co-unit
    const byDue = screen.getByRole('table', { name: '表3　时限清单（按到期时间）' });
    const firstRow = within(byDue).getAllByRole('row')[1]!;
    expect(firstRow).toHaveTextContent('出台教师培训方案');
    await expectNoSeriousA11yViolations(container);

    await user.selectOptions(screen.getByLabelText('单位'), '市交通运输局');
    expect(window.location.hash).toBe(`#/print/lists?unit=${encodeURIComponent('市交通运输局')}`);
  });
});
