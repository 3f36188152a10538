/**
 * In synced mode the header shows who is logged in (the account and its unit, from the server's
 * roles) and the sync status, instead of the identity picker: the login decides the identity.
 */
import { memo } from 'react';
import type { Identity } from '@/domain/model';
import type { SyncStatus } from '@/sync/status';
import { SyncStatusLine } from '@/components/sync-status';
import { shell as t } from '@/lib/strings-shell';

export const SyncIdentity = memo(function SyncIdentity({ identity, sync }: { identity: Identity; sync: SyncStatus }) {
  const who = identity.kind === 'office' ? t.app.identityOffice : identity.name;
  return (
    <div className="identity identity--synced">
      <p className="identity__who">
        <a href="#/data">{t.data.sync.accountOf(sync.account ?? '', who)}</a>
      </p>
      <SyncStatusLine status={sync} className="identity__note" />
    </div>
  );
});

/** True when this browser was switched to sync (read once at start; tiny, so the first screen stays small). */
export function syncWasOn(key: string): boolean {
  try {
    return typeof localStorage !== 'undefined' && localStorage.getItem(key) !== null;
  } catch {
    return false;
  }
}
