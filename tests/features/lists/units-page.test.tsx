import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { splitList, UnitsPage } from '@/features/lists/units-page';
import { officeKeyElsewhere, resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { mkPlan, mkTask } from '../../domain/screen-fixtures';
import type { Unit } from '@/domain/model';

const units: Unit[] = [
  { id: 'fgw', name: '市发展和改革委员会', kind: 'department', aliases: ['市发改委'], keywords: ['投资'] },
  { id: 'jyj', name: '市教育局', kind: 'department', aliases: [], keywords: [] },
];
const plan = mkPlan([
  mkTask('a', '市发改委', '2025-12-31'),
  mkTask('b', '市教育局', '2025-12-31', {
    owners: [
      { name: '市教育局', role: 'lead', inferred: false },
      { name: '市发展和改革委员会', role: 'co', inferred: false },
    ],
  }),
]);
const rowOf = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!;

beforeEach(() => {
  resetStore({ plan, units, events: [], identity: { kind: 'office' } });
});

describe('UnitsPage', () => {
  it('lists units with their task counts, aliases included', () => {
    render(<UnitsPage />);
    expect(within(rowOf('市发展和改革委员会')).getByText('牵头 1／配合 1')).toBeInTheDocument();
    expect(within(rowOf('市教育局')).getByText('牵头 1／配合 0')).toBeInTheDocument();
  });

  it('adds a unit with aliases and refuses a duplicate name', async () => {
    const user = userEvent.setup();
    render(<UnitsPage />);
    const form = screen.getByRole('form', { name: '添加单位' });
    await user.type(within(form).getByLabelText(/^单位名称/), '市财政局');
    await user.selectOptions(within(form).getByLabelText('类别'), 'department');
    await user.type(within(form).getByLabelText('别名'), '财政局，市财政');
    await user.click(within(form).getByRole('button', { name: '添加单位' }));
    expect(store().units.at(-1)).toMatchObject({ name: '市财政局', kind: 'department', aliases: ['财政局', '市财政'] });
    expect(screen.getByRole('rowheader', { name: '市财政局' })).toBeInTheDocument();

    await user.type(within(form).getByLabelText(/^单位名称/), '市发改委');
    await user.click(within(form).getByRole('button', { name: '添加单位' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('已在名录中');
    expect(store().units).toHaveLength(3);
  });

  it('edits a unit in place', async () => {
    const user = userEvent.setup();
    render(<UnitsPage />);
    await user.click(within(rowOf('市教育局')).getByRole('button', { name: /^编辑/ }));
    const name = screen.getByDisplayValue('市教育局');
    await user.clear(name);
    await user.type(name, '市教育体育局');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(store().units.find((u) => u.id === 'jyj')!.name).toBe('市教育体育局');
  });

  it('warns that tasks still name a unit before removing it', async () => {
    const user = userEvent.setup();
    render(<UnitsPage />);
    await user.click(within(rowOf('市发展和改革委员会')).getByRole('button', { name: /^删除/ }));
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByText(/仍有 2 项任务/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '删除' }));
    expect(store().units.map((u) => u.id)).toEqual(['jyj']);
  });

  it('has no serious accessibility violations', async () => {
    const { container } = render(<UnitsPage />);
    await expectNoSeriousA11yViolations(container);
  });
});

describe('splitList', () => {
  it('splits on Chinese and ASCII separators, trims and de-duplicates', () => {
    expect(splitList(' 发改委，发展改革委、市发改委;发改委 ')).toEqual(['发改委', '发展改革委', '市发改委']);
  });

});

describe('领导分工', () => {
  it('keeps leaders apart: adds one, gives it units to oversee, and never lists it as a unit', async () => {
    resetStore({ plan, units, leaders: [], events: [], identity: { kind: 'office' } });
    const user = userEvent.setup();
    render(<UnitsPage />);
    const panel = screen.getByRole('region', { name: /^领导分工/ });
    const form = within(panel).getByRole('form', { name: '添加领导' });
    await user.click(within(form).getByRole('button', { name: '添加领导' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('请填写领导名称');
    await user.type(within(form).getByLabelText('领导'), '王副市长');
    await user.click(within(form).getByRole('button', { name: '添加领导' }));
    expect(store().leaders).toMatchObject([{ name: '王副市长', role: 'vice-mayor', units: [], tasks: [] }]);
    await user.selectOptions(within(panel).getByLabelText('为王副市长添加分管单位'), '市教育局');
    expect(store().leaders[0]!.units).toEqual(['市教育局']);
    expect(within(panel).getByText('分管范围内 1 项任务')).toBeInTheDocument();
    // Not a unit: not in the registry table, and the kind filter does not offer it.
    expect(screen.queryByRole('rowheader', { name: '王副市长' })).not.toBeInTheDocument();
    for (const select of screen.getAllByLabelText('类别')) expect(within(select).queryByRole('option', { name: '分管副市长' })).not.toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: '移除：市教育局' }));
    expect(store().leaders[0]!.units).toEqual([]);
  });

  it('is read-only, with the registry, where this browser does not hold the office’s key', async () => {
    const leaders = [{ id: 'l1', name: '王副市长', role: 'vice-mayor' as const, aliases: [], units: ['市教育局'], tasks: [] }];
    resetStore({ plan, units, leaders, events: [], identity: { kind: 'office' }, ...officeKeyElsewhere() });
    const { container } = render(<UnitsPage />);
    const panel = screen.getByRole('region', { name: /^领导分工/ });
    expect(within(panel).getByText('王副市长')).toBeInTheDocument();
    expect(within(panel).getByText('市教育局')).toBeInTheDocument();
    expect(within(panel).queryByRole('form')).not.toBeInTheDocument();
    expect(within(panel).queryByRole('button')).not.toBeInTheDocument();
    expect(within(panel).queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: '添加单位' })).not.toBeInTheDocument();
    expect(within(rowOf('市教育局')).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('columnheader', { name: '操作' })).not.toBeInTheDocument();
    await expectNoSeriousA11yViolations(container);
  });
});
