/**
 * The speech as it was parsed, with the sentence of every kept item marked and the chosen one
 * emphasised and scrolled into view. Only text nodes and <mark>: HTML in a speech shows as text.
 */
import { memo, useEffect, useMemo, useRef } from 'react';
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

export function SourcePane({ text, parsed, kept, activeId }: SourcePaneProps) {
  const ref = useRef<HTMLDivElement>(null);
  const spans = useMemo(() => {
    const out: { start: number; end: number; id: string }[] = [];
    for (const x of parsed.tasks) if (kept.has(x.id)) out.push({ ...x.source, id: x.id });
    for (const x of parsed.targets) if (kept.has(x.id)) out.push({ ...x.source, id: x.id });
    // The chosen item is marked even when dropped, so "定位原文" always finds something.
    if (activeId && !kept.has(activeId)) {
      const item = parsed.tasks.find((x) => x.id === activeId) ?? parsed.targets.find((x) => x.id === activeId);
      if (item) out.push({ ...item.source, id: item.id });
    }
    return out;
  }, [parsed, kept, activeId]);

  useEffect(() => {
    if (!activeId) return;
    const el = ref.current?.querySelector<HTMLElement>(`[data-item="${CSS.escape(activeId)}"]`);
    if (el && typeof el.scrollIntoView === 'function') el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [activeId]);

  return (
    <div className="source-pane">
      <h3 className="parsed-items__heading" id="source-pane-heading">
        {s.sourceHeading}
      </h3>
      <div ref={ref} className="source-pane__text" role="region" aria-labelledby="source-pane-heading" tabIndex={0}>
        <SourceText text={text} spans={spans} activeId={activeId} />
      </div>
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
