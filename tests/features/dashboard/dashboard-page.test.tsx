import { describe, expect, it, beforeEach, vi } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DashboardPage } from '@/features/dashboard/dashboard-page';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev, mkPlan, mkSection, mkTask, mkUnit } from '../../domain/screen-fixtures';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-06-01',
}));

const sections = [mkSection('s1', '一、', '锚定目标抓落实'), mkSection('s2', '二、', '改进作风抓落实')];
const plan = mkPlan(
  [
    mkTask('a', '市教育局', '2025-03-31', { sectionId: 's1', title: '新建学校三所', flagged: true }),
    mkTask('b', '市教育局', '2025-12-31', { sectionId: 's1', title: '教师培训' }),
    mkTask('c', '市交通运输局', '2025-05-31', { sectionId: 's2', title: '道路改造' }),
  ],
  { sections },
);
const units = [mkUnit('市教育局'), mkUnit('市交通运输局')];
// 王副市长 oversees 市交通运输局: a leader, not a unit of the registry.
const leaders = [{ id: 'w', name: '王副市长', role: 'vice-mayor' as const, aliases: [], units: ['市交通运输局'], tasks: [] }];

beforeEach(() => {
  window.location.hash = '#/dashboard';
  resetStore({ plan, units, leaders, events: [] });
});

describe('DashboardPage', () => {
  it('shows totals, an overdue task and the flagged count', () => {
    render(<DashboardPage />);
    expect(screen.getByRole('heading', { level: 1, name: '驾驶舱' })).toBeInTheDocument();
    const kpis = screen.getByRole('region', { name: '关键指标' });
    expect(within(kpis).getByText('任务总数').nextSibling).toHaveTextContent('3');
    // a (03-31) and c (05-31) are past due on 06-01.
    expect(within(kpis).getByText('逾期未完成').nextSibling).toHaveTextContent('2');
    expect(within(kpis).getByText('挂牌督办').nextSibling).toHaveTextContent('1');
  });

  it('shows a ticked task as done', () => {
    render(<DashboardPage />);
    const kpis = () => screen.getByRole('region', { name: '关键指标' });
    expect(within(kpis()).getByText('已完成').nextSibling).toHaveTextContent('0');
    act(() => {
      store().setIdentity({ kind: 'unit', name: '市教育局' });
      store().record({ type: 'tick', taskId: 'b', done: true, note: '培训已完成' });
    });
    expect(within(kpis()).getByText('已完成').nextSibling).toHaveTextContent('1');
    expect(within(kpis()).getByText('完成率 33.3%')).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^红黄绿灯分布：.*已完成 1 项/ })).toBeInTheDocument();
  });

  it('ranks units and explains the score', async () => {
    resetStore({ plan, units, leaders, events: [ev('b', '2025-05-01', { type: 'tick', done: true }, '市教育局')] });
    render(<DashboardPage />);
    const table = screen.getByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('市教育局');
    expect(within(rows[1]!).getByRole('rowheader')).toHaveTextContent('市交通运输局');
    // vice mayors are not ranked
    expect(within(table).queryByText('王副市长')).not.toBeInTheDocument();
    await userEvent.click(screen.getByText('评分说明'));
    expect(screen.getByText('按原定期限完成一项 +10 分')).toBeVisible();
  });

  it('lists commendations and criticisms', () => {
    resetStore({
      plan,
      units,
      events: [ev('a', '2025-04-01', { type: 'notice', kind: 'commend', note: '提前谋划' }), ev('c', '2025-04-02', { type: 'notice', kind: 'criticize', note: '进度滞后' })],
    });
    render(<DashboardPage />);
    const honours = screen.getByRole('region', { name: /红榜/ });
    expect(within(honours).getByText('提前谋划')).toBeInTheDocument();
    const criticisms = screen.getByRole('region', { name: /黑榜/ });
    expect(within(criticisms).getByText('进度滞后')).toBeInTheDocument();
    expect(within(criticisms).getByText('市交通运输局')).toBeInTheDocument();
  });

  it('filters by a leader’s portfolio through the address', async () => {
    render(<DashboardPage />);
    await userEvent.selectOptions(screen.getByLabelText('分管领导'), '王副市长');
    expect(window.location.hash).toBe(`#/dashboard?leader=${encodeURIComponent('王副市长')}`);
    const kpis = screen.getByRole('region', { name: '关键指标' });
    expect(within(kpis).getByText('任务总数').nextSibling).toHaveTextContent('1');
  });

  it('says the light rule in words, from the rule itself', () => {
    render(<DashboardPage />);
    expect(screen.getByText(/序时进度从交办日期算到期限。红灯：逾期，或落后序时进度超过 30 个百分点.*超过 30 天未报送进展为黄灯，不会仅因没有期限而亮红灯/)).toBeInTheDocument();
  });

  it('shows ties as ties and names the units left out of the ranking', () => {
    const p = mkPlan([mkTask('x', '市教育局', '2025-03-31'), mkTask('y', '市交通运输局', '2025-03-31'), mkTask('z', '市商务局', '2025-12-31')]);
    resetStore({ plan: p, units, leaders, events: [] });
    render(<DashboardPage />);
    const table = screen.getByRole('table');
    expect(within(table).getAllByText('并列第1')).toHaveLength(2);
    expect(within(table).queryByText('市商务局')).not.toBeInTheDocument();
    expect(screen.getByText('未参与排名（尚无到期或已完成的牵头任务）：市商务局')).toBeInTheDocument();
  });

  it('shows where the cycle stands: unacknowledged, urges awaiting a reply, silent tasks', () => {
    resetStore({ plan, units, leaders, events: [ev('b', '2025-05-20', { type: 'receipt', handler: '王敏', phone: '13800000000' }, '市教育局'), ev('c', '2025-05-25', { type: 'urge', method: 'phone', replyBy: '2025-05-28' })] });
    render(<DashboardPage />);
    expect(screen.getByText(/待签收 2 项 · 催办待回复 1 项/)).toBeInTheDocument();
  });

  it('shows an empty state without tasks', () => {
    resetStore({ plan: mkPlan([]), units });
    render(<DashboardPage />);
    expect(screen.getByText('还没有任务')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '去导入讲话' })).toHaveAttribute('href', '#/import');
  });

  it('has no serious accessibility violations', async () => {
    resetStore({ plan, units, events: [ev('a', '2025-04-01', { type: 'notice', kind: 'commend' })] });
    const { container } = render(<DashboardPage />);
    await expectNoSeriousA11yViolations(container);
  });
});
