/**
 * 数据与备份: everything about this browser's data in one place. Files that move between offices
 * (plan package, progress report) with an import preview, live sync through a server, full backup and restore, CSV, the
 * storage meter, the recovery notice, snapshots and backups, and clearing the data.
 */
import { PageHeader } from '@/components/page-header';
import { t } from '@/lib/strings';
import { ClearPanel } from './clear-panel';
import { CopiesPanel } from './copies-panel';
import { ExportPanel, ImportPanel } from './file-exchange';
import { KeysPanel } from './keys-panel';
import { RecoveryPanel } from './recovery-panel';
import { StoragePanel } from './storage-panel';
import { SyncPanel } from './sync-panel';
import './data.css';

export function DataPage() {
  return (
    <div className="data-page">
      <PageHeader title={t.data.title} description={t.data.description} />
      <RecoveryPanel />
      <SyncPanel />
      <div className="data-grid">
        <ExportPanel />
        <StoragePanel />
      </div>
      <ImportPanel />
      <KeysPanel />
      <CopiesPanel />
      <ClearPanel />
    </div>
  );
}
