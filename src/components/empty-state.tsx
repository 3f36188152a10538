/** What a screen shows when there is nothing to show yet, with the next step to take. */
import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A button or link to the next step. */
  action?: ReactNode;
  /** Smaller, inside a card or table. */
  compact?: boolean;
}

export function EmptyState({ title, children, action, compact = false }: EmptyStateProps) {
  return (
    <div className={compact ? 'empty-state empty-state--compact' : 'empty-state'} role="status">
      <p className="empty-state__title">{title}</p>
      {children ? <div className="empty-state__body">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </div>
  );
}
