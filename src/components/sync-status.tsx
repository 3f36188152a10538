/**
 * The sync status line (已同步 / 正在同步 / 离线（N 条待发送）/ 被服务器拒收（原因）), shown in the
 * header and on 数据与备份 while sync is on. A live region, so a screen reader hears a change.
 */
import type { SyncStatus } from '@/sync/status';
import { shell as t } from '@/lib/strings-shell';

const s = t.data.sync;

export function syncStatusText(st: SyncStatus): string {
  if (st.conflict) return s.status.conflict;
  const refused = st.refused[0];
  if (refused && (st.phase === 'synced' || st.phase === 'syncing')) {
    return s.status.refused((refused.code && s.refusals[refused.code]) || refused.reason, st.refused.length);
  }
  switch (st.phase) {
    case 'off':
      return s.status.off;
    case 'connecting':
      return s.status.connecting;
    case 'syncing':
      return s.status.syncing;
    case 'synced':
      return s.status.synced;
    case 'offline':
      return s.status.offline(st.pending);
    case 'login':
      return s.status.login(st.pending);
    case 'other-tab':
      return s.status.otherTab;
    case 'error':
      return s.status.error(st.message ?? '');
  }
}

export function syncTone(st: SyncStatus): 'ok' | 'busy' | 'warn' | 'bad' {
  if (st.conflict || st.refused.length || st.phase === 'error' || st.phase === 'login') return 'bad';
  if (st.phase === 'offline') return 'warn';
  if (st.phase === 'synced') return 'ok';
  return 'busy';
}

export function SyncStatusLine({ status, className = '' }: { status: SyncStatus; className?: string }) {
  return (
    <span className={`sync-status sync-status--${syncTone(status)} ${className}`.trim()} role="status" data-phase={status.phase}>
      <span className="sync-status__dot" aria-hidden="true" />
      {syncStatusText(status)}
    </span>
  );
}
