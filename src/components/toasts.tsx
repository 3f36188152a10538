/**
 * Toast messages in a polite live region. An undoable toast carries a 撤销 button that calls the
 * store's undo (wired by the app shell). Toasts leave on their own after a while, longer when
 * they can be undone, and never while the pointer or focus is on them.
 */
import { memo, useEffect, useRef, useState } from 'react';
import type { Toast } from '@/store/api';
import { shell as t } from '@/lib/strings-shell';

export interface ToastsProps {
  toasts: readonly Toast[];
  onDismiss: (id: string) => void;
  onUndo: () => void;
  /** Milliseconds before a plain toast leaves; undoable ones stay twice as long. 0 = never. */
  timeoutMs?: number;
}

export function Toasts({ toasts, onDismiss, onUndo, timeoutMs = 6000 }: ToastsProps) {
  // Undo reverts the latest undoable action, which the newest undoable toast announces (the store
  // keeps only one). A plain toast after it (清除数据 says 已清除, 导入讲话 says 已合并) must not
  // take its 撤销 away.
  const undoAt = toasts.findLastIndex((x) => x.undoable);
  return (
    <div className="toasts" role="region" aria-label={t.app.toastRegion}>
      <ul className="toasts__list" aria-live="polite" aria-relevant="additions text">
        {toasts.map((toast, i) => (
          <ToastItem
            key={toast.id}
            toast={toast}
            canUndo={i === undoAt}
            onDismiss={onDismiss}
            onUndo={onUndo}
            timeoutMs={timeoutMs}
          />
        ))}
      </ul>
    </div>
  );
}

const ToastItem = memo(function ToastItem({
  toast,
  canUndo,
  onDismiss,
  onUndo,
  timeoutMs,
}: {
  toast: Toast;
  canUndo: boolean;
  onDismiss: (id: string) => void;
  onUndo: () => void;
  timeoutMs: number;
}) {
  const [paused, setPaused] = useState(false);
  const dismissRef = useRef(onDismiss);
  useEffect(() => {
    dismissRef.current = onDismiss;
  });
  useEffect(() => {
    if (paused || timeoutMs <= 0) return;
    const ms = toast.undoable ? timeoutMs * 2 : timeoutMs;
    const timer = window.setTimeout(() => dismissRef.current(toast.id), ms);
    return () => window.clearTimeout(timer);
  }, [paused, timeoutMs, toast.id, toast.undoable]);

  return (
    <li
      className={`toast toast--${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : undefined}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <span className="toast__message">{toast.message}</span>
      {canUndo ? (
        <button
          type="button"
          className="btn btn--small toast__undo"
          onClick={() => {
            onUndo();
            onDismiss(toast.id);
          }}
        >
          {t.common.undo}
        </button>
      ) : null}
      <button type="button" className="toast__close" aria-label={`${t.common.close}：${toast.message}`} onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </li>
  );
});
