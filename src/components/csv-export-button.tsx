/** 导出 CSV: the three lists for Excel (UTF-8 with BOM, formula-safe; built by the store). */
import { downloadText } from '@/components/download';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

export function CsvExportButton({ className = 'btn' }: { className?: string }) {
  const exportCsv = useLuoshi((st) => st.exportCsv);
  const notify = useLuoshi((st) => st.notify);
  return (
    <button
      type="button"
      className={className}
      onClick={async () => {
        const file = await exportCsv();
        downloadText(file.fileName, file.text, 'text/csv');
        notify('success', t.lists.csvDone(useLuoshi.getState().plan.tasks.length));
      }}
    >
      {t.lists.csv}
    </button>
  );
}
