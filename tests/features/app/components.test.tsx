import { describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { SourceQuote, quoteContext } from '@/components/source-quote';
import { LightBadge } from '@/components/light-badge';
import { Toasts } from '@/components/toasts';
import { EventHistory } from '@/components/event-history';
import { matchPath, parseHash, href } from '@/lib/router';
import { expectNoSeriousA11yViolations } from '../../helpers/axe';
import { ev } from '../../domain/screen-fixtures';

describe('router helpers', () => {
  it('parses path and query from the hash', () => {
    expect(parseHash('#/report?q=2')).toEqual({ path: '/report', query: { q: '2' } });
    expect(parseHash('')).toEqual({ path: '/', query: {} });
    expect(parseHash('#/lists/')).toEqual({ path: '/lists', query: {} });
  });
  it('matches patterns with decoded params', () => {
    expect(matchPath('/notice/:taskId', `/notice/${encodeURIComponent('任务-1')}`)).toEqual({ taskId: '任务-1' });
    expect(matchPath('/notice/:taskId', '/notice')).toBeNull();
    expect(matchPath('/print/lists', '/print/lists')).toEqual({});
  });
  it('builds hrefs and skips undefined query values', () => {
    expect(href('/dashboard', { leader: undefined })).toBe('#/dashboard');
    expect(href('/report', { q: 1 })).toBe('#/report?q=1');
  });
});

describe('ConfirmDialog', () => {
  it('focuses the safe choice, confirms, cancels with Esc and keeps Tab inside', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(
      <>
        <button type="button">外部按钮</button>
        <ConfirmDialog open title="替换计划？" onConfirm={onConfirm} onCancel={onCancel} danger confirmLabel="替换">
          <p>当前计划会先备份。</p>
        </ConfirmDialog>
      </>,
    );
    const dialog = screen.getByRole('dialog', { name: '替换计划？' });
    expect(dialog).toHaveAccessibleDescription('当前计划会先备份。');
    expect(screen.getByRole('button', { name: '取消' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: '替换' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: '取消' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole('button', { name: '替换' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });
  it('renders nothing when closed', () => {
    render(<ConfirmDialog open={false} title="x" onConfirm={() => {}} onCancel={() => {}} />);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('SourceQuote', () => {
  const text = '第一段。\n要抓好项目建设。全年新开工项目100个。其余内容。\n第三段。';
  const quote = '全年新开工项目100个。';
  it('expands to the paragraph with the sentence marked', async () => {
    render(<SourceQuote quote={quote} source={{ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length }} sourceText={text} />);
    await userEvent.click(screen.getByRole('button', { name: '查看上下文' }));
    const context = screen.getByLabelText('讲话原文上下文');
    expect(context).toHaveTextContent('要抓好项目建设。全年新开工项目100个。其余内容。');
    expect(context.querySelector('mark')).toHaveTextContent(quote);
    expect(screen.getByRole('button', { name: '收起上下文' })).toHaveAttribute('aria-expanded', 'true');
  });
  it('falls back to searching the quote when the span is stale, and renders markup as text', () => {
    expect(quoteContext(text, quote, { start: 0, end: 3 })?.marked).toBe(quote);
    expect(quoteContext(text, '不存在的句子', null)).toBeNull();
    render(<SourceQuote quote={'<b>粗体</b>'} />);
    expect(screen.getByText('<b>粗体</b>')).toBeInTheDocument();
  });
});

describe('LightBadge', () => {
  it('says the light in words, not colour alone', () => {
    render(<LightBadge light="red" />);
    expect(screen.getByText('红灯')).toBeInTheDocument();
  });
});

describe('Toasts', () => {
  it('offers undo only on the newest undoable toast and dismisses', async () => {
    const onUndo = vi.fn();
    const onDismiss = vi.fn();
    render(
      <Toasts
        timeoutMs={0}
        onUndo={onUndo}
        onDismiss={onDismiss}
        toasts={[
          { id: '1', kind: 'success', message: '已保存' },
          { id: '2', kind: 'info', message: '已删除任务', undoable: true },
        ]}
      />,
    );
    expect(screen.getAllByRole('button', { name: '撤销' })).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: '撤销' }));
    expect(onUndo).toHaveBeenCalledTimes(1);
    expect(onDismiss).toHaveBeenCalledWith('2');
    await userEvent.click(screen.getByRole('button', { name: '关闭：已保存' }));
    expect(onDismiss).toHaveBeenCalledWith('1');
  });
});

describe('Toasts after a plain message', () => {
  it('keeps 撤销 on the undoable toast when a plain toast follows it (清除数据 → 已清除数据)', () => {
    render(
      <Toasts
        timeoutMs={0}
        onUndo={vi.fn()}
        onDismiss={vi.fn()}
        toasts={[
          { id: '1', kind: 'info', message: '已替换计划（原计划已自动备份）', undoable: true },
          { id: '2', kind: 'success', message: '已清除数据（已自动备份）。' },
        ]}
      />,
    );
    const undo = screen.getAllByRole('button', { name: '撤销' });
    expect(undo).toHaveLength(1);
    expect(undo[0]!.closest('li')).toHaveTextContent('已替换计划');
  });
});

describe('EventHistory', () => {
  it('lists events newest first, in words', async () => {
    const events = [ev('a', '2025-03-01', { type: 'urge', note: '请加快' }), ev('a', '2025-03-05', { type: 'inspection', date: '2025-03-05', finding: 'behind' })];
    const { container } = render(
      <>
        <h3 id="h">督办记录</h3>
        <EventHistory events={events} headingId="h" />
      </>,
    );
    const items = screen.getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('“四不两直”核查（2025年3月5日）：进度滞后');
    expect(items[1]).toHaveTextContent('催办');
    expect(items[1]).toHaveTextContent('请加快');
    await expectNoSeriousA11yViolations(container);
  });
});
