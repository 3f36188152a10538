import { describe, expect, it, beforeEach, vi } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SupervisionPage } from '@/features/supervision/supervision-page';
import { resetStore, store } from '../../helpers/screen-store';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev, mkPlan, mkTask, mkUnit } from '../../domain/screen-fixtures';
import { selectTaskStates } from '@/store/selectors';

vi.mock('@/store/selectors', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/store/selectors')>()),
  useToday: () => '2025-06-01',
}));

const plan = mkPlan([
  mkTask('late', '市交通运输局', '2025-05-20', { title: '道路改造' }),
  mkTask('key', '市教育局', '2025-12-31', { title: '新建学校三所', flagged: true }),
  mkTask('soon', '市水利局', '2025-06-03', { title: '防汛检查' }),
  mkTask('calm', '市商务局', '2025-12-31', { title: '外贸促进' }),
]);
const units = [mkUnit('市教育局'), mkUnit('市交通运输局'), mkUnit('市水利局'), mkUnit('市商务局')];

function open(taskId: string) {
  window.location.hash = `#/supervision?task=${taskId}`;
}

beforeEach(() => {
  window.location.hash = '#/supervision';
  resetStore({ plan, units, events: [] });
});

describe('SupervisionPage', () => {
  it('lists flagged items first, then overdue, then due soon; calm tasks only in 全部任务', async () => {
    // 外贸促进 reports 50% on 06-01 (pace ~41%): green, so it needs no attention.
    resetStore({ plan, units, events: [ev('calm', '2025-05-30', { type: 'progress', percent: 50 }, '市商务局')] });
    render(<SupervisionPage />);
    const queue = screen.getByRole('region', { name: '督办清单' });
    const titles = within(queue)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(titles).toEqual(['新建学校三所', '道路改造', '防汛检查']);
    await userEvent.selectOptions(within(queue).getByLabelText('显示范围'), 'all');
    expect(within(queue).getByRole('link', { name: '外贸促进' })).toBeInTheDocument();
  });

  it('records an urge with a note, shown in the history', async () => {
    open('late');
    render(<SupervisionPage />);
    const form = screen.getByRole('form', { name: '催办' });
    await userEvent.type(within(form).getByLabelText('催办内容'), '请本周内报送进展');
    await userEvent.click(within(form).getByRole('button', { name: '记录催办' }));
    const urges = store().events.filter((e) => e.type === 'urge');
    expect(urges).toHaveLength(1);
    // By telephone, reply within three days unless the office says otherwise.
    expect(urges[0]).toMatchObject({ taskId: 'late', note: '请本周内报送进展', unit: '市政府办公室', method: 'phone', replyBy: '2025-06-04' });
    const history = screen.getByRole('list', { name: '督办记录' });
    expect(within(history).getByText('催办（电话），请于 2025年6月4日 前回复')).toBeInTheDocument();
    expect(within(history).getByText('请本周内报送进展')).toBeInTheDocument();
    expect(store().toasts.some((t) => t.message === '已记录催办')).toBe(true);
  });

  it('urges in writing with a reply deadline, refuses a deadline in the past, and shows the reply when it comes', async () => {
    open('late');
    const view = render(<SupervisionPage />);
    const form = screen.getByRole('form', { name: '催办' });
    await userEvent.click(within(form).getByLabelText('书面'));
    const by = within(form).getByLabelText('回复期限');
    await userEvent.clear(by);
    await userEvent.type(by, '2025-05-01');
    await userEvent.click(within(form).getByRole('button', { name: '记录催办' }));
    expect(within(form).getByRole('alert')).toHaveTextContent('回复期限须为今天或以后');
    await userEvent.clear(by);
    await userEvent.type(by, '2025-06-10');
    await userEvent.click(within(form).getByRole('button', { name: '记录催办' }));
    const urge = store().events.at(-1)!;
    expect(urge).toMatchObject({ type: 'urge', method: 'written', replyBy: '2025-06-10' });
    expect(screen.getAllByText('待回复').length).toBeGreaterThan(0);
    // The unit replies (its progress report arrives): the panel shows the answer.
    view.unmount();
    const reply = { ...ev('late', '2025-06-02', { type: 'reply', urgeId: urge.id, note: '已协调施工单位加班' }, '市交通运输局'), at: new Date(Date.parse(urge.at) + 60_000).toISOString() };
    resetStore({ plan, units, events: [urge, reply] });
    render(<SupervisionPage />);
    expect(screen.getByText(/回复：已协调施工单位加班/)).toBeInTheDocument();
  });

  it('shows 签收, the register number and the evidence of a completion', () => {
    resetStore({
      plan,
      units,
      events: [
        ev('calm', '2025-05-02', { type: 'assign', year: 2025, number: 7, replyBy: '2025-05-10', note: '请按期推进' }),
        ev('calm', '2025-05-03', { type: 'receipt', handler: '赵磊', phone: '0813-1234567' }, '市商务局'),
        ev('calm', '2025-05-30', { type: 'tick', done: true, note: '外贸促进会已召开', attachments: [{ name: '会议纪要.docx', size: 2048, sha256: 'a'.repeat(64) }] }, '市商务局'),
      ],
    });
    open('calm');
    render(<SupervisionPage />);
    const cycle = screen.getByRole('region', { name: '交办、签收与催办' });
    expect(within(cycle).getByText('督办〔2025〕第7号')).toBeInTheDocument();
    expect(within(cycle).getByText(/市商务局：承办人 赵磊，电话 0813-1234567/)).toBeInTheDocument();
    expect(within(cycle).getByText('外贸促进会已召开')).toBeInTheDocument();
    expect(within(cycle).getByText('会议纪要.docx')).toBeInTheDocument();
  });

  it('asks the office to set a real deadline for a task whose date passed before it was assigned', () => {
    resetStore({ plan: mkPlan([mkTask('q1', '市教育局', '2025-03-31', { title: '一季度开门红', assignedOn: '2025-05-10' })]), units, events: [] });
    render(<SupervisionPage />);
    const queue = screen.getByRole('region', { name: '督办清单' });
    expect(within(queue).getByRole('link', { name: '一季度开门红' })).toBeInTheDocument();
    expect(within(queue).getByText('期限早于交办，待核定')).toBeInTheDocument();
    expect(within(queue).queryByText('逾期')).not.toBeInTheDocument();
  });

  it('moves to the task when it is opened: the panel is scrolled into view and its heading focused', () => {
    const scrolled = vi.fn();
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = scrolled;
    try {
      open('late');
      render(<SupervisionPage />);
      expect(scrolled).toHaveBeenCalled();
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: '道路改造' }));
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it('核查不符 cannot be accepted; a second inspection that finds it as reported restores the completion', async () => {
    resetStore({
      plan,
      units,
      events: [
        ev('calm', '2025-05-30', { type: 'tick', done: true, note: '已完成' }, '市商务局'),
        ev('calm', '2025-05-31', { type: 'inspection', date: '2025-05-31', finding: 'behind' }),
      ],
    });
    open('calm');
    render(<SupervisionPage />);
    expect(within(screen.getByRole('form', { name: '完成验收' })).queryByRole('button', { name: '通过验收' })).not.toBeInTheDocument();
    expect(screen.getByText(/须再次核查属实/)).toBeInTheDocument();
    const form = screen.getByRole('form', { name: '“四不两直”核查' });
    await userEvent.click(within(form).getByLabelText('与单位报告一致'));
    await userEvent.click(within(form).getByRole('button', { name: '记录核查' }));
    expect(selectTaskStates(store()).get('calm')).toMatchObject({ done: true, mismatch: false, doneAt: '2025-05-30T04:00:00.000Z' });
  });

  it('flags a mismatch when an inspection contradicts a reported completion', async () => {
    resetStore({ plan, units, events: [ev('calm', '2025-05-30', { type: 'tick', done: true }, '市商务局')] });
    open('calm');
    render(<SupervisionPage />);
    const form = screen.getByRole('form', { name: '“四不两直”核查' });
    await userEvent.click(within(form).getByLabelText('未完成'));
    await userEvent.type(within(form).getByLabelText('核查情况'), '现场未见实施');
    await userEvent.click(within(form).getByRole('button', { name: '记录核查' }));
    expect(selectTaskStates(store()).get('calm')!.mismatch).toBe(true);
    expect(screen.getByRole('alert')).toHaveTextContent('核查不符');
  });

  it('approves an extension with a new date and says the original deadline still counts', async () => {
    const req = ev('late', '2025-05-15', { type: 'extension-request', requestedDue: '2025-06-30', note: '施工受雨季影响' }, '市交通运输局');
    resetStore({ plan, units, events: [req] });
    open('late');
    render(<SupervisionPage />);
    const form = screen.getByRole('form', { name: '延期申请' });
    expect(within(form).getByText('市交通运输局 申请延期至 2025年6月30日')).toBeInTheDocument();
    expect(within(form).getByText('批准延期后，原定期限 2025年5月20日 仍计入考核。')).toBeInTheDocument();
    const date = within(form).getByLabelText('批准后的新期限');
    await userEvent.clear(date);
    await userEvent.type(date, '2025-06-20');
    await userEvent.click(within(form).getByRole('button', { name: '批准延期' }));
    const state = selectTaskStates(store()).get('late')!;
    expect(state).toMatchObject({ due: '2025-06-20', originalDue: '2025-05-20', pendingExtension: null });
    expect(screen.getByText('原定期限 2025年5月20日（考核仍按此计）', { selector: 'div' })).toBeInTheDocument();
  });

  it('refuses an extension', async () => {
    const req = ev('late', '2025-05-15', { type: 'extension-request', requestedDue: '2025-06-30' }, '市交通运输局');
    resetStore({ plan, units, events: [req] });
    open('late');
    render(<SupervisionPage />);
    await userEvent.click(screen.getByRole('button', { name: '不予延期' }));
    const last = store().events.at(-1)!;
    expect(last).toMatchObject({ type: 'extension-decision', approved: false, newDue: null, requestId: req.id });
  });

  it('accepts a completion with a grade, or returns it', async () => {
    resetStore({ plan, units, events: [ev('calm', '2025-05-30', { type: 'tick', done: true }, '市商务局')] });
    open('calm');
    render(<SupervisionPage />);
    const form = screen.getByRole('form', { name: '完成验收' });
    await userEvent.selectOptions(within(form).getByLabelText('验收等次'), '优秀');
    await userEvent.click(within(form).getByRole('button', { name: '通过验收' }));
    expect(selectTaskStates(store()).get('calm')!.review).toMatchObject({ accepted: true, grade: '优秀' });
    await userEvent.click(within(screen.getByRole('form', { name: '完成验收' })).getByRole('button', { name: '退回整改' }));
    expect(selectTaskStates(store()).get('calm')!.done).toBe(false);
  });

  it('records a commendation and a criticism', async () => {
    open('calm');
    render(<SupervisionPage />);
    const form = screen.getByRole('form', { name: '表扬 / 通报' });
    await userEvent.click(within(form).getByLabelText('通报批评'));
    await userEvent.type(within(form).getByLabelText('事由'), '推进迟缓');
    await userEvent.click(within(form).getByRole('button', { name: '记录通报批评' }));
    expect(store().events.at(-1)).toMatchObject({ type: 'notice', kind: 'criticize', note: '推进迟缓' });
  });

  it('flags and unflags a task (挂牌/摘牌)', async () => {
    open('calm');
    render(<SupervisionPage />);
    await userEvent.click(screen.getByRole('button', { name: '挂牌督办' }));
    expect(selectTaskStates(store()).get('calm')!.flagged).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: '摘牌' }));
    expect(selectTaskStates(store()).get('calm')!.flagged).toBe(false);
  });

  it('shows empty states without a plan and without a chosen task', () => {
    const first = render(<SupervisionPage />);
    expect(screen.getByText(/从左侧清单选择一项任务/)).toBeInTheDocument();
    first.unmount();
    resetStore({ plan: mkPlan([]), units });
    render(<SupervisionPage />);
    expect(screen.getByText('还没有任务')).toBeInTheDocument();
  });

  it('adds tasks far behind the time-elapsed pace after the dated ones', () => {
    render(<SupervisionPage />);
    const queue = screen.getByRole('region', { name: '督办清单' });
    const links = within(queue).getAllByRole('link');
    expect(links.map((a) => a.textContent)).toEqual(['新建学校三所', '道路改造', '防汛检查', '外贸促进']);
    expect(within(links[3]!.closest('td')!).getByText('滞后序时')).toBeInTheDocument();
  });

  it('has no serious accessibility violations', async () => {
    resetStore({ plan, units, events: [ev('late', '2025-05-02', { type: 'urge', note: '请加快' })] });
    open('late');
    const { container } = render(<SupervisionPage />);
    await expectNoSeriousA11yViolations(container);
  });
});
