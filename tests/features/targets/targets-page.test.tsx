import { describe, expect, it, beforeEach, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { TargetsPage } from '@/features/targets/targets-page';
import type { Target } from '@/domain/model';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { mkPlan, mkUnit } from '../../domain/screen-fixtures';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-07-02',
}));

function target(id: string, metric: string, tier: Target['tier'], value: number | null, extra: Partial<Target> = {}): Target {
  return { id, metric, quote: `${metric}的目标`, source: { start: 0, end: 0 }, tier, value, valueMax: null, unit: '%', comparator: 'about', masked: value === null, recurrence: null, due: '2025-12-31', ...extra };
}

const plan = mkPlan([], {
  targets: [
    target('g1', '地区生产总值增长', 'expected', 6),
    target('g2', '地区生产总值增长', 'working', null),
    target('g3', '地区生产总值增长', 'striving', 7),
    target('pv', '晶硅光伏产业产值', null, 400, { unit: '亿元', comparator: 'exceed' }),
    target('legacy', '化解历史遗留问题', null, 10, { unit: '件', comparator: 'atLeast', recurrence: 'yearly' }),
  ],
});

beforeEach(() => {
  resetStore({ plan, units: [mkUnit('市经济和信息化局')], events: [], identity: { kind: 'office' } });
});

function card(name: string) {
  return screen.getByRole('region', { name: new RegExp(name) });
}

describe('TargetsPage', () => {
  it('shows the three tiers side by side, a masked value as 待填写, never 0', () => {
    render(<TargetsPage />);
    const gdp = card('地区生产总值增长');
    expect(within(gdp).getByText('预期目标')).toBeInTheDocument();
    expect(within(gdp).getByText('工作目标')).toBeInTheDocument();
    expect(within(gdp).getByText('奋斗目标')).toBeInTheDocument();
    expect(within(gdp).getByText('待填写', { selector: '.tier__pending' })).toBeInTheDocument();
    expect(within(gdp).queryByText('0')).not.toBeInTheDocument();
    expect(within(gdp).getAllByText('左右')).toHaveLength(3);
  });

  it('lets the office fill a masked value', async () => {
    render(<TargetsPage />);
    const gdp = card('地区生产总值增长');
    await userEvent.type(within(gdp).getByLabelText('填写工作目标数值'), '6.5');
    await userEvent.click(within(gdp).getByRole('button', { name: '保存' }));
    expect(store().plan.targetValues.g2).toBe(6.5);
    expect(within(gdp).getByText('6.5')).toBeInTheDocument();
  });

  it('enters an actual value by quarter and shows progress against the tier and the pace', async () => {
    render(<TargetsPage />);
    const pv = card('晶硅光伏产业产值');
    const q2 = within(pv).getByLabelText('晶硅光伏产业产值 第二季度实际值');
    await userEvent.type(q2, '150{Enter}');
    expect(store().plan.targetActuals.pv).toEqual([null, 150, null, null]);
    expect(within(pv).getByText('最新实际值（2季度）：')).toBeInTheDocument();
    // 150/400 = 38% of the target, half the year elapsed → behind the pace
    expect(within(pv).getByText('慢于序时进度')).toBeInTheDocument();
    expect(within(pv).getByText('✗ 未达到')).toBeInTheDocument();
  });

  it('refuses a non-number with a message', async () => {
    render(<TargetsPage />);
    const pv = card('晶硅光伏产业产值');
    await userEvent.type(within(pv).getByLabelText('晶硅光伏产业产值 第一季度实际值'), '很多{Enter}');
    expect(within(pv).getByRole('alert')).toHaveTextContent('请输入数字');
    expect(store().plan.targetActuals.pv).toBeUndefined();
  });

  it('marks recurring targets as 每年', () => {
    render(<TargetsPage />);
    expect(within(card('化解历史遗留问题')).getByText('每年')).toBeInTheDocument();
  });

  it('is read-only for a unit', () => {
    resetStore({ plan, identity: { kind: 'unit', name: '市经济和信息化局' } });
    render(<TargetsPage />);
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
    expect(screen.getByText(/当前身份只能查看/)).toBeInTheDocument();
  });

  it('shows an empty state without targets', () => {
    resetStore({ plan: mkPlan([]) });
    render(<TargetsPage />);
    expect(screen.getByText('还没有目标指标')).toBeInTheDocument();
  });

  it('has no serious accessibility violations', async () => {
    const { container } = render(<TargetsPage />);
    await expectNoSeriousA11yViolations(container);
  });
});
