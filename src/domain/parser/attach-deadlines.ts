/**
 * Pass 6, attach deadlines: by when each directive is due. A table row's 完成时限 cell; a
 * notation's 完成时限 (the notice set it on purpose, so it replaces the item's own words); the
 * directive's own words; the opening of its sentence (上半年，完成A，推进B reaches both); else
 * the plan year's end, marked inferred.
 */
import type { Deadline } from '../model';
import { defaultDeadline, findDeadline } from './deadlines';
import type { Directive } from './directives';
import type { SentenceSeg } from './segment';

export function attachDeadlines(text: string, directives: Directive[], year: number, docDate: string | null, thisYear: number = year): void {
  /** The opening of each sentence before its first directive, read once per sentence. */
  const openings = new Map<SentenceSeg, Deadline | null>();
  for (const d of directives) {
    if (d.row) {
      const cells = d.row.cells.deadline ?? [];
      const fromCell = cells.length > 0 ? findDeadline(cells.map((c) => c.text).join('，'), year, docDate, thisYear) : null;
      const task = (d.row.cells.task ?? []).map((c) => c.text).join('');
      d.deadline = fromCell ?? findDeadline(task, year, docDate, thisYear) ?? defaultDeadline(year);
      continue;
    }
    const s = d.sentence!;
    if (!openings.has(s)) {
      const open = text.slice(s.span.start, d.span.start);
      openings.set(s, open.length > 0 ? findDeadline(open, year, docDate, thisYear) : null);
    }
    const own = findDeadline(text.slice(d.span.start, d.span.end), year, docDate, thisYear);
    let deadline = own ?? openings.get(s) ?? defaultDeadline(year);
    // Rule `notation-deadline`: a notice's 完成时限 is the official deadline of the items it
    // closes; it replaces whatever the item's own words suggested.
    const n = d.notations.find((x) => x.deadlineText);
    const fromNotation = n?.deadlineText ? findDeadline(n.deadlineText, year, docDate, thisYear) : null;
    if (fromNotation) deadline = fromNotation;
    d.deadline = deadline;
  }
}
