/**
 * A 督办单 written out: the 版头's number and date, the addressee, the form's rows, the signature and
 * the office's key line, every word chosen here. The page renders it and the Word export lays the
 * same rows out (official-docx.ts), so the screen, the print and the .docx say the same thing.
 */
import type { DocCell } from '@/domain/bulletin/content';
import type { OfficialDocument } from '@/domain/exchange/official-document';
import { dayOf } from '@/domain/lights';
import { chineseDate, type NoticeContent } from '@/domain/report';
import { t } from '@/lib/strings';

const s = t.notice;

export interface NoticeRow {
  label: string;
  cell: DocCell;
  /** How the print sets the content: the speech's words as a quote, the requirement in bold, the reply as room to write. */
  kind?: 'quote' | 'requirement' | 'reply';
}

export interface NoticeSheetContent {
  heading: string;
  /** 督办〔2026〕第7号, or the number left blank before 交办. */
  number: string;
  date: string;
  addressee: string;
  intro: string;
  rows: NoticeRow[];
  issuer: string;
  signDate: string;
  /** The office's key fingerprint, for a department to compare on paper (issue 13). */
  keyline: string | null;
}

/** The default 督办要求: firmer for an overdue task, with a monthly report for a flagged one. */
export function defaultRequirement(n: NoticeContent): string {
  // A task reported done still gets a notice when the office wants the evidence for its review.
  if (n.state.done) return s.reqDone;
  if (n.daysOverdue !== null) return s.reqOverdue(n.daysOverdue);
  const due = n.row.due ? chineseDate(n.row.due) : null;
  if (!due) return s.reqNoDue;
  if (n.state.flagged) return s.reqFlagged(due);
  return s.reqDefault(due);
}

/** The 办理时限 as written on paper: the date, and the speech's own words for it when they add something. */
export function noticeDueText(notice: NoticeContent): string {
  const { task, row } = notice;
  if (!row.due) return task.deadline.label || t.report.noDue;
  if (notice.extended && row.originalDue) return s.extended(chineseDate(row.originalDue), chineseDate(row.due));
  // A deadline the parser filled in (年底前（未注明时限）) is the office's assumption, not the speech's words.
  const words = task.deadline.inferred || !task.deadline.label || task.deadline.label === row.due ? '' : `（${task.deadline.label}）`;
  return `${chineseDate(row.due)}${words}`;
}

export function buildNoticeSheet(notice: NoticeContent, o: { requirement: string; today: string; fingerprint: string | null }): NoticeSheetContent {
  const { task, row, state } = notice;
  const reg = notice.register;
  const lead = task.owners.find((x) => x.role === 'lead')?.name;
  const receipt = state.receipts.find((r) => r.unit === lead) ?? state.receipts[0] ?? null;
  const rows: NoticeRow[] = [{ label: s.fieldItem, cell: { text: `${task.title}${state.flagged ? `（${s.flaggedMark}）` : ''}` } }];
  if (task.quote && task.quote !== task.title) rows.push({ label: s.fieldSource, cell: { text: task.quote }, kind: 'quote' });
  rows.push(
    { label: s.fieldLead, cell: { text: row.lead || t.report.noLead } },
    { label: s.fieldCo, cell: { text: row.co || t.common.none } },
    { label: s.fieldDue, cell: { text: noticeDueText(notice) } },
  );
  if (reg?.replyBy) rows.push({ label: s.fieldReplyBy, cell: { text: chineseDate(reg.replyBy) } });
  rows.push(
    { label: s.fieldStanding, cell: row.lastNote ? { text: row.standing, note: row.lastNote } : { text: row.standing } },
    { label: s.fieldHistory, cell: { text: s.historyLine({ urges: state.urges, inspections: state.inspections, criticisms: state.criticisms }) } },
    { label: s.fieldRequirement, cell: { text: o.requirement }, kind: 'requirement' },
    { label: s.fieldReply, cell: { text: '', note: s.replyHint }, kind: 'reply' },
    { label: s.fieldContact, cell: { text: receipt ? s.contact(receipt.handler, receipt.phone, receipt.unit) : '' } },
  );
  const issuer = t.common.office;
  return {
    heading: `${issuer}${s.masthead}`,
    number: reg ? t.events.register(reg.year, reg.number) : s.unnumbered(Number(o.today.slice(0, 4))),
    date: reg && state.assignment ? chineseDate(dayOf(state.assignment.at)) : notice.dateText,
    addressee: s.issuedTo(row.lead || t.report.noLead),
    intro: s.intro(notice.planTitle),
    rows,
    issuer,
    signDate: notice.dateText,
    keyline: o.fingerprint ? t.signing.noticeFingerprint(o.fingerprint) : null,
  };
}

/** The 督办单 for the Word export: the same rows, with room in 办理情况 to write by hand (26 mm, as printed). */
export function noticeDocument(c: NoticeSheetContent): OfficialDocument {
  return {
    masthead: { heading: c.heading, issue: null, left: c.number, right: c.date },
    titleLines: [],
    blocks: [
      { type: 'paragraph', text: c.addressee, noIndent: true },
      { type: 'paragraph', text: c.intro },
      { type: 'form', rows: c.rows.map((r) => ({ label: r.label, cell: r.cell, minHeightMm: r.kind === 'reply' ? 26 : undefined, quote: r.kind === 'quote' })) },
    ],
    closing: null,
    signoff: { issuer: c.issuer, date: c.signDate },
    compact: true,
    keyline: c.keyline,
    record: null,
  };
}
