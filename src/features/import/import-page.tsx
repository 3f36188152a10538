/**
 * 导入讲话: paste a speech or open a file (.docx, .pdf, .xlsx, .csv, .txt; picker or drag and
 * drop), choose the sheet and check the table columns, parse (in a worker when possible), review
 * every parsed task and target beside the source text with its sentence marked: keep or drop
 * each one, tick the parser's doubtful candidates, correct a lead unit or a deadline; then
 * replace the plan (after confirmation; the store backs the old one up) or merge.
 * Nothing in the plan changes until the office accepts.
 *
 * The speech and every file are untrusted: rendered only as React text nodes, never as HTML.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { prefixedId } from '@/lib/ids';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { allItemIds, itemsForMerge, planFromParsed, reviewedPlan, type TaskCorrection } from '@/domain/import-selection';
import type { ParsedPlan } from '@/domain/model';
import { detectPlanYear } from '@/domain/parser/deadlines';
import type { ColumnRole } from '@/domain/parser/source-document';
import { guessColumnRoles } from '@/domain/parser/table-columns';
import { navigate } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { leadersAsUnits } from '@/domain/leaders/leaders';
import { useToday } from '@/store/selectors';
import { FilePanel, type LoadedFile } from './file-panel';
import { parseDocumentInBackground, parseInBackground, readFileInBackground } from './parse-runner';
import { ParsedItems } from './parsed-items';
import { SourcePane } from './source-pane';
import './import.css';

const s = t.importPage;

/** The largest file accepted: 20 MB, some hundred times a long 政府工作报告. */
export const MAX_SPEECH_BYTES = 20 * 1024 * 1024;

/** The guessed role of each column of each table (from its header row), for the mapping step. */
function guessMapping(file: LoadedFile): ColumnRole[][] {
  return file.doc.tables.map((tb) => (tb.headerRows > 0 ? guessColumnRoles(tb.rows[0]!.cells.map((c) => c.text)) : tb.rows[0]!.cells.map(() => 'other' as const)));
}

interface ParseResult {
  parsed: ParsedPlan;
  /** The exact text that was parsed: the spans index this, even if the box is edited later. */
  text: string;
}

const newPlanId = () => prefixedId('plan');

/** Office only: the router (src/app/routes.ts) explains this page to a unit instead of showing it. */
export function ImportPage() {
  const today = useToday();
  const currentYear = Number(today.slice(0, 4));
  const replacePlan = useLuoshi((st) => st.replacePlan);
  const addItems = useLuoshi((st) => st.addItems);
  const notify = useLuoshi((st) => st.notify);
  const currentTaskCount = useLuoshi((st) => st.plan.tasks.length);
  const units = useLuoshi((st) => st.units);
  const leaders = useLuoshi((st) => st.leaders);

  const [text, setText] = useState('');
  /** The .txt file the text box was filled from, until the office edits the text. */
  const [textFrom, setTextFrom] = useState<string | null>(null);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [mapping, setMapping] = useState<ColumnRole[][]>([]);
  // Tables whose mapping the office changed: only those override the parser's own guess.
  const [mappedByOffice, setMappedByOffice] = useState<ReadonlySet<number>>(new Set());
  const [reading, setReading] = useState<string | null>(null);
  const [dragOver, setDragOver] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [year, setYear] = useState(String(currentYear));
  // Until the office types a year itself, the field follows the year the text states.
  const [yearTouched, setYearTouched] = useState(false);
  const [parsing, setParsing] = useState(false);
  const [parseError, setParseError] = useState<string | null>(null);
  const [result, setResult] = useState<ParseResult | null>(null);
  const [kept, setKept] = useState<Set<string>>(new Set());
  const [corrections, setCorrections] = useState<Map<string, TaskCorrection>>(new Map());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);
  // Ignores a parse or a read that finishes after a newer one was started.
  const parseSeq = useRef(0);
  const readSeq = useRef(0);

  const yearNumber = Number(year);
  const yearValid = /^\d{4}$/.test(year) && yearNumber >= 1900 && yearNumber <= 2200;
  const isEmpty = file ? file.doc.text.trim().length === 0 : text.trim().length === 0;

  const takeText = useCallback(
    (next: string) => {
      setText(next);
      if (!yearTouched) setYear(String(detectPlanYear(next) ?? currentYear));
    },
    [yearTouched, currentYear],
  );

  const readFile = useCallback(
    async (name: string, bytes: Uint8Array, sheet: string | null) => {
      const seq = ++readSeq.current;
      setFileError(null);
      setReading(name);
      try {
        // A copy goes to the reader: the bytes are kept to read another sheet later.
        const r = await readFileInBackground(bytes.slice(), name, sheet);
        if (seq !== readSeq.current) return;
        if (!r.ok) {
          setFileError(s.readFailed(r.message));
          return;
        }
        if (r.doc.kind === 'text') {
          setFile(null);
          takeText(r.doc.text);
          setTextFrom(name);
        } else {
          const loaded: LoadedFile = { fileName: name, bytes, doc: r.doc, sheets: r.sheets, sheet, notes: r.notes };
          setFile(loaded);
          setMapping(guessMapping(loaded));
          setMappedByOffice(new Set());
          if (!yearTouched) setYear(String(detectPlanYear(r.doc.text) ?? currentYear));
        }
        setResult(null);
      } catch (err) {
        if (seq === readSeq.current) setFileError(s.readFailed(err instanceof Error ? err.message : String(err)));
      } finally {
        if (seq === readSeq.current) setReading(null);
      }
    },
    [takeText, yearTouched, currentYear],
  );

  const onFile = useCallback(
    async (chosen: File | undefined) => {
      setFileError(null);
      if (!chosen) return;
      // Checked before reading: a speech or work report is tens of kilobytes; a file this large is
      // the wrong file, and reading it would freeze the page for nothing.
      if (chosen.size > MAX_SPEECH_BYTES) {
        setFileError(s.fileTooLarge(chosen.name, chosen.size / 1024 / 1024));
        return;
      }
      await readFile(chosen.name, new Uint8Array(await chosen.arrayBuffer()), null);
    },
    [readFile],
  );

  const removeFile = () => {
    readSeq.current++;
    setFile(null);
    setMapping([]);
    setResult(null);
    setFileError(null);
  };

  const runParse = async () => {
    if (isEmpty || !yearValid || parsing || reading) return;
    const seq = ++parseSeq.current;
    setParsing(true);
    setParseError(null);
    // Leaders are read as roles (各位副市长 → 分管副市长); the store moves them out of the owners.
    const options = { year: yearNumber, currentYear, units: [...units, ...leadersAsUnits(leaders)] };
    try {
      let parsed: ParsedPlan;
      let snapshot: string;
      if (file) {
        const doc = { ...file.doc, tables: file.doc.tables.map((tb, i) => ({ ...tb, columns: mappedByOffice.has(i) ? (mapping[i] ?? null) : null })) };
        snapshot = doc.text;
        parsed = await parseDocumentInBackground(doc, options);
      } else {
        // The parser's spans index the text without a byte-order mark; keep the same string here.
        snapshot = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
        parsed = await parseInBackground(snapshot, options);
      }
      if (seq !== parseSeq.current) return;
      setResult({ parsed, text: snapshot });
      // Sure items start kept; the parser's doubtful candidates start unticked.
      setKept(allItemIds(parsed));
      setCorrections(new Map());
      setActiveId(null);
      setYear(String(parsed.year));
      // Move focus to the result so keyboard and screen-reader users land on what changed.
      requestAnimationFrame(() => resultHeadingRef.current?.focus());
    } catch (err) {
      if (seq !== parseSeq.current) return;
      setParseError(s.parseFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      if (seq === parseSeq.current) setParsing(false);
    }
  };

  const keptPlan = useMemo(() => (result ? reviewedPlan(result.parsed, kept, corrections) : null), [result, kept, corrections]);
  const keptCount = keptPlan ? keptPlan.tasks.length + keptPlan.targets.length : 0;

  const correct = useCallback((id: string, c: TaskCorrection | null) => {
    setCorrections((prev) => {
      const next = new Map(prev);
      if (c && (c.lead || c.deadline)) next.set(id, c);
      else next.delete(id);
      return next;
    });
  }, []);

  const toggle = useCallback((id: string, keep: boolean) => {
    setKept((prev) => {
      const next = new Set(prev);
      if (keep) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const doReplace = () => {
    if (!result || !keptPlan) return;
    replacePlan(planFromParsed(keptPlan, result.text, newPlanId(), new Date().toISOString()));
    setConfirmReplace(false);
    // The store's own toast says the plan was replaced and backed up, with 撤销.
    navigate('/lists');
  };

  const doMerge = () => {
    if (!result || !keptPlan || keptCount === 0) return;
    addItems(itemsForMerge(keptPlan, useLuoshi.getState().plan, result.text));
    notify('success', s.merged(keptPlan.tasks.length, keptPlan.targets.length));
    navigate('/lists');
  };

  return (
    <div className="import-page">
      <PageHeader title={s.title} description={s.description} />

      <section
        className={`card import-input${dragOver ? ' import-input--drag' : ''}`}
        aria-labelledby="import-input-heading"
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragOver(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragOver(false);
        }}
        onDrop={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDragOver(false);
          void onFile(e.dataTransfer.files[0]);
        }}
      >
        <h2 id="import-input-heading">
          {s.inputHeading}
        </h2>
        {dragOver ? (
          <p className="import-input__drop" role="status">
            {s.dropHere}
          </p>
        ) : null}
        {file ? (
          <FilePanel
            file={file}
            mapping={mapping}
            busy={reading !== null}
            onMapping={(i, roles) => {
              setMapping((prev) => prev.map((r, k) => (k === i ? roles : r)));
              setMappedByOffice((prev) => new Set(prev).add(i));
            }}
            onSheet={(sheet) => void readFile(file.fileName, file.bytes, sheet)}
            onRemove={removeFile}
          />
        ) : (
          <div className="field">
            <label className="field__label" htmlFor="import-text">
              {s.textLabel}
            </label>
            <textarea
              id="import-text"
              className="input textarea import-input__text"
              rows={10}
              value={text}
              aria-describedby="import-text-hint"
              onChange={(e) => {
                takeText(e.target.value);
                setTextFrom(null);
              }}
              placeholder={s.textPlaceholder}
              spellCheck={false}
            />
            <p id="import-text-hint" className="field__hint">
              {isEmpty ? s.emptyHint : s.charCount(text.length)}
              {textFrom ? ` ${s.fromFile(textFrom)}` : ''}
            </p>
          </div>
        )}
        <div className="import-input__row">
          <div className="field">
            <label className="field__label" htmlFor="import-file">
              {s.fileLabel}
            </label>
            <input
              id="import-file"
              className="input"
              type="file"
              accept=".docx,.pdf,.xlsx,.csv,.tsv,.txt,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/pdf,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv,text/plain"
              disabled={reading !== null}
              aria-describedby={fileError ? 'import-file-error' : 'import-file-hint'}
              onChange={(e) => {
                void onFile(e.target.files?.[0]);
                // Choosing the same file again after fixing it must fire change again.
                e.target.value = '';
              }}
            />
            {fileError ? (
              <p id="import-file-error" className="field__error" role="alert">
                {fileError}
              </p>
            ) : (
              <p id="import-file-hint" className="field__hint">
                {s.fileHint}
              </p>
            )}
          </div>
          <div className="field import-input__year">
            <label className="field__label" htmlFor="import-year">
              {s.yearLabel}
            </label>
            <input
              id="import-year"
              className="input"
              type="number"
              inputMode="numeric"
              min={1900}
              max={2200}
              value={year}
              aria-invalid={yearValid ? undefined : true}
              aria-describedby="import-year-hint"
              onChange={(e) => {
                setYear(e.target.value);
                setYearTouched(true);
              }}
            />
            <p id="import-year-hint" className={yearValid ? 'field__hint' : 'field__error'}>
              {yearValid ? s.yearHint : s.yearInvalid}
            </p>
          </div>
        </div>
        <div className="import-input__actions">
          <button type="button" className="btn btn--primary" disabled={isEmpty || !yearValid || parsing || reading !== null} onClick={() => void runParse()}>
            {parsing ? s.parsing : result ? s.reparse : s.parse}
          </button>
          {parsing || reading ? (
            <span className="import-input__status" role="status">
              {reading ? s.reading(reading) : s.parsingStatus}
            </span>
          ) : null}
        </div>
        {parseError ? (
          <p className="field__error" role="alert">
            {parseError}
          </p>
        ) : null}
      </section>

      {result && keptPlan ? (
        <section className="import-result" aria-labelledby="import-result-heading">
          <h2 id="import-result-heading" tabIndex={-1} ref={resultHeadingRef}>
            {s.resultHeading(result.parsed.year)}
          </h2>
          <p className="import-result__summary">
            {s.summary(result.parsed.tasks.length, result.parsed.targets.length, keptCount)}
            {result.parsed.candidates.length > 0 ? ` ${s.candidatesSummary(result.parsed.candidates.length)}` : ''}
          </p>
          {result.parsed.tasks.length + result.parsed.targets.length + result.parsed.candidates.length === 0 ? (
            <EmptyState title={s.nothingFound}>{s.nothingFoundHint}</EmptyState>
          ) : (
            <>
              <div className="import-result__bar">
                <button type="button" className="btn" onClick={() => setKept(allItemIds(result.parsed))}>
                  {s.keepAll}
                </button>
                <button type="button" className="btn" onClick={() => setKept(new Set())}>
                  {s.dropAll}
                </button>
              </div>
              <div className="import-result__columns">
                <ParsedItems
                  parsed={result.parsed}
                  kept={kept}
                  activeId={activeId}
                  onToggle={toggle}
                  onLocate={setActiveId}
                  corrections={corrections}
                  onCorrect={correct}
                  units={units}
                />
                <SourcePane text={result.text} parsed={result.parsed} kept={kept} activeId={activeId} />
              </div>
            </>
          )}
          <div className="import-result__accept card">
            <h3 className="import-result__accept-title">{s.acceptHeading}</h3>
            <p className="field__hint">{s.acceptHint(currentTaskCount)}</p>
            <div className="import-result__accept-actions">
              <button type="button" className="btn btn--primary" disabled={keptCount === 0} onClick={doMerge}>
                {s.merge(keptCount)}
              </button>
              <button type="button" className="btn btn--danger" disabled={keptCount === 0} onClick={() => setConfirmReplace(true)}>
                {s.replace}
              </button>
            </div>
            {keptCount === 0 ? <p className="field__hint">{s.noneKept}</p> : null}
          </div>
        </section>
      ) : null}

      <ConfirmDialog
        open={confirmReplace}
        title={s.replaceConfirmTitle}
        confirmLabel={s.replaceConfirm}
        danger
        onConfirm={doReplace}
        onCancel={() => setConfirmReplace(false)}
      >
        <p>{s.replaceConfirmBody}</p>
        {keptPlan ? <p>{s.replaceConfirmCounts(keptPlan.tasks.length, keptPlan.targets.length, currentTaskCount)}</p> : null}
      </ConfirmDialog>
    </div>
  );
}
