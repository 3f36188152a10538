/**
 * The speech as it was parsed, with the sentence of every kept item marked and the chosen one
 * emphasised and scrolled into view. Only text nodes and <mark>: HTML in a speech shows as text.
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { ParsedPlan } from '@/domain/model';
import { segmentText } from '@/domain/text-decode';
import { t } from '@/lib/strings';

const s = t.importPage;

export interface SourcePaneProps {
  text: string;
  parsed: ParsedPlan;
  kept: ReadonlySet<string>;
  activeId: string | null;
}

/**
 * Characters of source shown at once. A 5 MB speech yields ~10,000 marked sentences; rendering
 * all of them blocks the page for seconds, so the pane shows a window of the text and moves it to
 * the item being located (the user can widen it both ways).
 */
export const SOURCE_WINDOW = 40_000;

interface Range {
  start: number;
  end: number;
}

/** A window of about SOURCE_WINDOW characters around [from, to), widened to whole lines. */
export function windowAround(text: string, from: number, to: number, size = SOURCE_WINDOW): Range {
  if (text.length <= size) return { start: 0, end: text.length };
  const mid = Math.floor((from + to) / 2);
  let start = Math.max(0, mid - Math.floor(size / 2));
  let end = Math.min(text.length, start + size);
  start = Math.max(0, end - size);
  // Whole lines (paragraphs) read better than a window that starts mid-sentence.
  if (start > 0) start = text.lastIndexOf('\n', start) + 1;
  if (end < text.length) {
    const nl = text.indexOf('\n', end);
    end = nl < 0 ? text.length : nl;
  }
  // An item longer than the window is still shown whole.
  return { start: Math.min(start, Math.max(0, from)), end: Math.max(end, Math.min(text.length, to)) };
}

function findItem(parsed: ParsedPlan, id: string): { id: string; source: Range } | undefined {
  return parsed.tasks.find((x) => x.id === id) ?? parsed.candidates.find((x) => x.id === id) ?? parsed.targets.find((x) => x.id === id);
}

export function SourcePane({ text, parsed, kept, activeId }: SourcePaneProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<Range>(() => windowAround(text, 0, 0));
  const spans = useMemo(() => {
    const out: { start: number; end: number; id: string }[] = [];
    for (const x of parsed.tasks) if (kept.has(x.id)) out.push({ ...x.source, id: x.id });
    for (const x of parsed.candidates) if (kept.has(x.id)) out.push({ ...x.source, id: x.id });
    for (const x of parsed.targets) if (kept.has(x.id)) out.push({ ...x.source, id: x.id });
    // The chosen item is marked even when dropped, so "定位原文" always finds something.
    if (activeId && !kept.has(activeId)) {
      const item = findItem(parsed, activeId);
      if (item) out.push({ ...item.source, id: item.id });
    }
    return out;
  }, [parsed, kept, activeId]);

  // Locating an item outside the window moves the window to it (adjusting state while
  // rendering, as React recommends for state derived from a prop change).
  const [locatedId, setLocatedId] = useState<string | null>(null);
  if (activeId !== locatedId) {
    setLocatedId(activeId);
    const item = activeId ? findItem(parsed, activeId) : undefined;
    if (item && (item.source.start < range.start || item.source.end > range.end)) setRange(windowAround(text, item.source.start, item.source.end));
  }

  const local = useMemo(
    () =>
      spans
        .filter((x) => x.end > range.start && x.start < range.end)
        .map((x) => ({ start: x.start - range.start, end: x.end - range.start, id: x.id })),
    [spans, range],
  );

  useEffect(() => {
    if (!activeId) return;
    const el = ref.current?.querySelector<HTMLElement>(`[data-item="${CSS.escape(activeId)}"]`);
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [activeId, range]);

  return (
    <div className="source-pane">
      <h3 className="parsed-items__heading" id="source-pane-heading">
        {s.sourceHeading}
      </h3>
      {range.start > 0 ? (
        <button type="button" className="btn btn--small source-pane__more" onClick={() => setRange((r) => ({ ...r, start: windowAround(text, r.start, r.start).start }))}>
          {s.sourceEarlier(range.start)}
        </button>
      ) : null}
      <div ref={ref} className="source-pane__text" role="region" aria-labelledby="source-pane-heading" tabIndex={0}>
        <SourceText text={text.slice(range.start, range.end)} spans={local} activeId={activeId} />
      </div>
      {range.end < text.length ? (
        <button type="button" className="btn btn--small source-pane__more" onClick={() => setRange((r) => ({ ...r, end: windowAround(text, r.end, r.end).end }))}>
          {s.sourceLater(text.length - range.end)}
        </button>
      ) : null}
    </div>
  );
}

const SourceText = memo(function SourceText({
  text,
  spans,
  activeId,
}: {
  text: string;
  spans: { start: number; end: number; id: string }[];
  activeId: string | null;
}) {
  const segments = useMemo(() => segmentText(text.length, spans), [text.length, spans]);
  return (
    <>
      {segments.map((seg) =>
        seg.itemId === null ? (
          <span key={seg.start}>{text.slice(seg.start, seg.end)}</span>
        ) : (
          <mark key={seg.start} data-item={seg.itemId} className={seg.itemId === activeId ? 'source-pane__mark--active' : undefined}>
            {text.slice(seg.start, seg.end)}
          </mark>
        ),
      )}
    </>
  );
});
