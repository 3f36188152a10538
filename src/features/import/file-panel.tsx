/**
 * An opened file before parsing: what was read (kind, size, tables, the reader's notes), the
 * sheet picker of a workbook, and the column-mapping step: every column of every table with its
 * role guessed from the header, in a native select the office can change from the keyboard.
 * File content is shown only as text nodes.
 */
import { memo } from 'react';
import type { ColumnRole, DocTable, SourceDocument } from '@/domain/parser/source-document';
import { t } from '@/lib/strings';

const s = t.importPage;
const ROLES: readonly ColumnRole[] = ['task', 'lead', 'co', 'owners', 'leader', 'deadline', 'seq', 'progress', 'note', 'other'];
/** Tables shown in the mapping step; a document with more (layout tables) keeps the guess for the rest. */
export const MAPPED_TABLES = 5;

export interface LoadedFile {
  fileName: string;
  bytes: Uint8Array;
  doc: SourceDocument;
  sheets: string[];
  /** The chosen sheet, or null for all. */
  sheet: string | null;
  notes: string[];
}

export interface FilePanelProps {
  file: LoadedFile;
  mapping: readonly ColumnRole[][];
  onMapping: (table: number, roles: ColumnRole[]) => void;
  onSheet: (sheet: string | null) => void;
  onRemove: () => void;
  busy: boolean;
}

export function FilePanel({ file, mapping, onMapping, onSheet, onRemove, busy }: FilePanelProps) {
  const { doc } = file;
  const tables = doc.tables.filter((tb) => tb.rows.length >= 2).slice(0, MAPPED_TABLES);
  const hidden = doc.tables.filter((tb) => tb.rows.length >= 2).length - tables.length;
  return (
    <div className="file-panel" aria-live="polite">
      <p className="file-panel__summary">{s.fileLoaded(file.fileName, s.fileKind[doc.kind] ?? doc.kind, doc.text.length, doc.tables.length)}</p>
      {file.notes.length > 0 ? (
        <ul className="file-panel__notes" aria-label={s.fileNotes}>
          {file.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
      <div className="file-panel__row">
        {file.sheets.length > 1 ? (
          <div className="field">
            <label className="field__label" htmlFor="import-sheet">
              {s.sheetLabel}
            </label>
            <select
              id="import-sheet"
              className="input select"
              value={file.sheet ?? ''}
              disabled={busy}
              aria-describedby="import-sheet-hint"
              onChange={(e) => onSheet(e.target.value === '' ? null : e.target.value)}
            >
              <option value="">{s.allSheets}</option>
              {file.sheets.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <p id="import-sheet-hint" className="field__hint">
              {s.sheetHint}
            </p>
          </div>
        ) : null}
        <button type="button" className="btn" onClick={onRemove}>
          {s.removeFile}
        </button>
      </div>
      {tables.length > 0 ? (
        <section className="column-mapping" aria-labelledby="mapping-heading">
          <h3 id="mapping-heading" className="parsed-items__heading">
            {s.mappingHeading}
          </h3>
          <p className="field__hint">{s.mappingHint}</p>
          {tables.map((table, n) => (
            <TableMapping key={n} n={n} table={table} roles={mapping[doc.tables.indexOf(table)] ?? []} onChange={(roles) => onMapping(doc.tables.indexOf(table), roles)} />
          ))}
          {hidden > 0 ? <p className="field__hint">{s.moreTables(hidden)}</p> : null}
        </section>
      ) : null}
    </div>
  );
}

const TableMapping = memo(function TableMapping({ n, table, roles, onChange }: { n: number; table: DocTable; roles: readonly ColumnRole[]; onChange: (roles: ColumnRole[]) => void }) {
  const header = table.headerRows > 0 ? table.rows[0]!.cells.map((c) => c.text) : [];
  const sample = table.rows[table.headerRows]?.cells.map((c) => c.text) ?? [];
  const width = Math.max(...table.rows.slice(0, 50).map((r) => r.cells.length));
  return (
    <fieldset className="column-mapping__table">
      <legend>{s.tableCaption(n + 1, table.rows.length, table.sheet, table.rows[0]?.page ?? null)}</legend>
      <div className="column-mapping__columns">
        {Array.from({ length: width }, (_, i) => {
          const id = `map-${n}-${i}`;
          const value = sample[i] ?? '';
          return (
            <div className="field column-mapping__column" key={i}>
              <label className="field__label" htmlFor={id}>
                {s.columnLabel(i, header[i] ?? '')}
              </label>
              <select
                id={id}
                className="input select"
                value={roles[i] ?? 'other'}
                onChange={(e) => {
                  const next = Array.from({ length: width }, (_, k) => roles[k] ?? 'other');
                  next[i] = e.target.value as ColumnRole;
                  onChange(next);
                }}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {s.columnRole[r]}
                  </option>
                ))}
              </select>
              {value ? <p className="field__hint column-mapping__sample">{s.columnSample(value.length > 40 ? `${value.slice(0, 40)}…` : value)}</p> : null}
            </div>
          );
        })}
      </div>
      {!roles.includes('task') ? <p className="field__hint">{s.noTaskColumn}</p> : null}
    </fieldset>
  );
});
