/**
 * 导出 Word: the document on the page as a .docx in the official layout, for the office to edit
 * and sign. The content is taken on click and laid out in a worker (build-docx.ts); the docx
 * writer loads only then (its own chunk).
 */
import { useState } from 'react';
import { downloadBlob } from '@/components/download';
import { buildDocx } from './build-docx';
import type { OfficialDocument } from '@/domain/exchange/official-document';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.report;

export function WordExportButton({ fileName, content }: { fileName: string; content: () => OfficialDocument }) {
  const notify = useLuoshi((st) => st.notify);
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn"
      disabled={busy}
      aria-busy={busy || undefined}
      onClick={async () => {
        setBusy(true);
        try {
          const bytes = await buildDocx(content());
          downloadBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
          notify('success', s.exportWordDone(fileName));
        } catch (e) {
          notify('error', s.exportWordFailed(e instanceof Error ? e.message : String(e)));
        } finally {
          setBusy(false);
        }
      }}
    >
      {busy ? s.exportWordBusy : s.exportWord}
    </button>
  );
}
