/**
 * A task's source sentence, expandable to its whole paragraph of the speech with the sentence
 * marked. The speech is untrusted text: it is only ever rendered as React text nodes.
 */
import { useId, useState } from 'react';
import type { SourceSpan } from '@/domain/model';
import { t } from '@/lib/strings';

export interface SourceQuoteProps {
  quote: string;
  source?: SourceSpan | null;
  /** plan.sourceText; without it there is no context to expand. */
  sourceText?: string;
  defaultExpanded?: boolean;
}

export interface QuoteContext {
  before: string;
  marked: string;
  after: string;
}

/**
 * The paragraph around the quote, split into before / quote / after. The span is trusted only if
 * it still points at the quote (the plan may have been edited); otherwise the first occurrence of
 * the quote is used; null when the quote is not in the text at all.
 */
export function quoteContext(sourceText: string, quote: string, source?: SourceSpan | null): QuoteContext | null {
  if (!quote) return null;
  let start = -1;
  if (source && sourceText.slice(source.start, source.end) === quote) start = source.start;
  else start = sourceText.indexOf(quote);
  if (start < 0) return null;
  const end = start + quote.length;
  const paraStart = sourceText.lastIndexOf('\n', start - 1) + 1;
  const nl = sourceText.indexOf('\n', end);
  const paraEnd = nl < 0 ? sourceText.length : nl;
  return {
    before: sourceText.slice(paraStart, start),
    marked: sourceText.slice(start, end),
    after: sourceText.slice(end, paraEnd),
  };
}

export function SourceQuote({ quote, source, sourceText, defaultExpanded = false }: SourceQuoteProps) {
  const [expanded, setExpanded] = useState(defaultExpanded);
  const regionId = useId();
  const context = sourceText ? quoteContext(sourceText, quote, source) : null;
  const hasMore = context !== null && (context.before.length > 0 || context.after.length > 0);

  if (!quote) return <p className="source-quote source-quote--empty">{t.components.noQuote}</p>;

  return (
    <figure className="source-quote">
      <figcaption className="visually-hidden">{t.components.sourceQuote}</figcaption>
      {expanded && context ? (
        <blockquote className="source-quote__context" id={regionId} aria-label={t.components.contextLabel}>
          {context.before}
          <mark>{context.marked}</mark>
          {context.after}
        </blockquote>
      ) : (
        <blockquote className="source-quote__text">{quote}</blockquote>
      )}
      {hasMore ? (
        <button
          type="button"
          className="btn btn--link source-quote__toggle"
          aria-expanded={expanded}
          aria-controls={expanded ? regionId : undefined}
          onClick={() => setExpanded((x) => !x)}
        >
          {expanded ? t.components.hideContext : t.components.showContext}
        </button>
      ) : null}
    </figure>
  );
}
