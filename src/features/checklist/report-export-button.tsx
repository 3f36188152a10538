/**
 * 导出进度报告: the file a department sends back to the office (the events it wrote, sealed with
 * a checksum). For the office looking at a unit's checklist it re-exports that unit's events.
 */
import { useState } from 'react';
import { downloadText } from '@/components/download';
import { buildProgressReport } from '@/domain/files';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.my;

export function ReportExportButton({ unitName }: { unitName: string }) {
  const exportProgressReport = useLuoshi((st) => st.exportProgressReport);
  const notify = useLuoshi((st) => st.notify);
  const [busy, setBusy] = useState(false);
  const onClick = async () => {
    setBusy(true);
    try {
      const st = useLuoshi.getState();
      const mine = st.identity.kind === 'unit' && st.identity.name === unitName;
      const file = mine ? await exportProgressReport() : await buildProgressReport({ ...st, events: st.events.toArray() }, unitName, new Date());
      downloadText(file.fileName, file.text, file.mime);
      const count = st.events.filter((e) => e.unit === unitName).length;
      notify(count ? 'success' : 'info', count ? s.exported(file.fileName) : s.exportNothing);
    } catch (err) {
      notify('error', `${s.exportFailed}${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className="btn btn--primary" disabled={busy} title={s.exportReportHint} onClick={() => void onClick()}>
      {busy ? s.exporting : s.exportReport}
    </button>
  );
}
