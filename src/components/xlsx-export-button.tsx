/**
 * 导出 Excel: the three lists and the targets as an .xlsx (real columns, dates, the light as a
 * cell colour). The writer loads only when clicked (its own chunk).
 */
import { useState } from 'react';
import { downloadBlob } from '@/components/download';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectTaskStates, useToday } from '@/store/selectors';

export function XlsxExportButton({ className = 'btn' }: { className?: string }) {
  const notify = useLuoshi((st) => st.notify);
  const today = useToday();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className={className}
      disabled={busy}
      aria-busy={busy || undefined}
      onClick={async () => {
        setBusy(true);
        try {
          const [{ listsWorkbook }, { buildXlsx }] = await Promise.all([import('@/domain/exchange/lists-workbook'), import('@/domain/exchange/xlsx-writer')]);
          const st = useLuoshi.getState();
          const bytes = buildXlsx(listsWorkbook(st.plan, selectTaskStates(st), today));
          downloadBlob(`落实-三张清单-${today}.xlsx`, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
          notify('success', t.lists.xlsxDone(st.plan.tasks.length));
        } catch (e) {
          notify('error', t.lists.xlsxFailed(e instanceof Error ? e.message : String(e)));
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? t.lists.xlsxBusy : t.lists.xlsx}
    </button>
  );
}
