/**
 * 导入讲话: paste or choose a speech, parse it (in a worker when possible), review every parsed
 * task and target beside the source text with its sentence marked, keep or drop each one, then
 * replace the plan (after confirmation; the store backs the old one up) or merge the kept items.
 *
 * The speech is untrusted: it is rendered only as React text nodes, never as HTML.
 */
import { useCallback, useMemo, useRef, useState } from 'react';
import { prefixedId } from '@/lib/ids';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { allItemIds, itemsForMerge, keepItems, planFromParsed } from '@/domain/import-selection';
import type { ParsedPlan } from '@/domain/model';
import { detectPlanYear } from '@/domain/parser/deadlines';
import { decodeSpeechBytes } from '@/domain/text-decode';
import { navigate } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { leadersAsUnits } from '@/domain/leaders/leaders';
import { useToday } from '@/store/selectors';
import { parseInBackground } from './parse-runner';
import { ParsedItems } from './parsed-items';
import { SourcePane } from './source-pane';
import './import.css';

const s = t.importPage;

/** The largest speech file accepted: 20 MB, some hundred times a long 政府工作报告. */
export const MAX_SPEECH_BYTES = 20 * 1024 * 1024;

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
  const [fileName, setFileName] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [year, setYear] = useState(String(currentYear));
  // Until the office types a year itself, the field follows the year the text states.
  const [yearTouched, setYearTouched] = useState(false);
  const [parsing, setParsing] = useState(false);
  const [parseError, setParseError] = useState<string | null>(null);
  const [result, setResult] = useState<ParseResult | null>(null);
  const [kept, setKept] = useState<Set<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const resultHeadingRef = useRef<HTMLHeadingElement>(null);
  // Ignores a parse that finishes after a newer one was started.
  const parseSeq = useRef(0);

  const yearNumber = Number(year);
  const yearValid = /^\d{4}$/.test(year) && yearNumber >= 1900 && yearNumber <= 2200;
  const isEmpty = text.trim().length === 0;

  const takeText = useCallback(
    (next: string) => {
      setText(next);
      if (!yearTouched) setYear(String(detectPlanYear(next) ?? currentYear));
    },
    [yearTouched, currentYear],
  );

  const onFile = useCallback(async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    // Checked before reading: a speech or work report is tens of kilobytes; a file this large is
    // the wrong file, and reading it would freeze the page for nothing.
    if (file.size > MAX_SPEECH_BYTES) {
      setFileError(s.fileTooLarge(file.name, file.size / 1024 / 1024));
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const decoded = decodeSpeechBytes(bytes, file.name);
    if (!decoded.ok) {
      setFileError(decoded.error);
      return;
    }
    setFileName(file.name);
    takeText(decoded.text);
    setResult(null);
  }, [takeText]);

  const runParse = async () => {
    if (isEmpty || !yearValid || parsing) return;
    const seq = ++parseSeq.current;
    setParsing(true);
    setParseError(null);
    // The parser's spans index the text without a byte-order mark; keep the same string here.
    const snapshot = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    try {
      // Leaders are read as roles (各位副市长 → 分管副市长); the store moves them out of the owners.
      const parsed = await parseInBackground(snapshot, { year: yearNumber, currentYear, units: [...units, ...leadersAsUnits(leaders)] });
      if (seq !== parseSeq.current) return;
      setResult({ parsed, text: snapshot });
      setKept(allItemIds(parsed));
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

  const keptPlan = useMemo(() => (result ? keepItems(result.parsed, kept) : null), [result, kept]);
  const keptCount = keptPlan ? keptPlan.tasks.length + keptPlan.targets.length : 0;

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

      <section className="card import-input" aria-labelledby="import-input-heading">
        <h2 id="import-input-heading">
          {s.inputHeading}
        </h2>
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
              setFileName(null);
            }}
            placeholder={s.textPlaceholder}
            spellCheck={false}
          />
          <p id="import-text-hint" className="field__hint">
            {isEmpty ? s.emptyHint : s.charCount(text.length)}
            {fileName ? ` ${s.fromFile(fileName)}` : ''}
          </p>
        </div>
        <div className="import-input__row">
          <div className="field">
            <label className="field__label" htmlFor="import-file">
              {s.fileLabel}
            </label>
            <input
              id="import-file"
              className="input"
              type="file"
              accept=".txt,text/plain"
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
          <button type="button" className="btn btn--primary" disabled={isEmpty || !yearValid || parsing} onClick={() => void runParse()}>
            {parsing ? s.parsing : result ? s.reparse : s.parse}
          </button>
          {parsing ? (
            <span className="import-input__status" role="status">
              {s.parsingStatus}
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
          </p>
          {result.parsed.tasks.length + result.parsed.targets.length === 0 ? (
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
                <ParsedItems parsed={result.parsed} kept={kept} activeId={activeId} onToggle={toggle} onLocate={setActiveId} />
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
