/**
 * 已印发通报: the archive of issued quarterly bulletins. Issuing freezes the bulletin's content
 * (figures, tables, wording) under a 期号, a running number per year; the live report stays a
 * draft. An issued bulletin is reopened and reprinted from its frozen content, never rebuilt.
 *
 * The archive is persisted beside the plan and travels with the plan package and the backup.
 * Copies merge by union of ids (the same issued bulletin in two places is one record); two
 * different records with one id (a hand-edited file) keep the one whose canonical JSON sorts
 * first, as events do, so every office keeps the same.
 */
import { z } from 'zod';
import { canonicalJson } from '@/domain/merge';
import { BulletinContentSchema, type BulletinContent } from '@/domain/bulletin/content';

export const IssuedBulletinSchema = z.object({
  id: z.string().min(1).max(100),
  /** The year the 期号 counts in (the bulletin's year). */
  year: z.number().int().min(1900).max(2200),
  /** 期号: 1, 2, 3… within the year. */
  number: z.number().int().positive().max(100_000),
  quarter: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  /** ISO datetime it was issued. */
  issuedAt: z.iso.datetime({ offset: true }),
  /** Who issued it (the office). */
  issuedBy: z.string().min(1).max(200),
  /** The plan it reports on. */
  planId: z.string().min(1).max(200),
  content: BulletinContentSchema,
});
export type IssuedBulletin = z.infer<typeof IssuedBulletinSchema>;

/** 2026-03-31 → 2026年3月31日 (成文日期: Arabic numerals, year in full, no padding). */
export function chineseDate(day: string): string {
  return `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** The 期号 the next bulletin of `year` gets. */
export function nextIssueNumber(archive: readonly IssuedBulletin[], year: number): number {
  let max = 0;
  for (const b of archive) if (b.year === year) max = Math.max(max, b.number);
  return max + 1;
}

/** Numbers of `year` held by more than one bulletin (two office computers issued at once). */
export function duplicateNumbers(archive: readonly IssuedBulletin[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const b of archive) {
    const key = `${b.year}-${b.number}`;
    if (seen.has(key)) dup.add(key);
    seen.add(key);
  }
  return dup;
}

/** Oldest first: by year, then 期号, then issue time, then id. */
export function sortArchive(archive: readonly IssuedBulletin[]): IssuedBulletin[] {
  return [...archive].sort((a, b) => a.year - b.year || a.number - b.number || (a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The latest bulletin issued for a quarter of a plan, if any. */
export function issuedFor(archive: readonly IssuedBulletin[], planId: string, year: number, quarter: number): IssuedBulletin | null {
  let found: IssuedBulletin | null = null;
  for (const b of archive) {
    if (b.planId !== planId || b.content.year !== year || b.quarter !== quarter) continue;
    if (!found || b.issuedAt > found.issuedAt) found = b;
  }
  return found;
}

/** Freezes a bulletin: a copy of its content with the 期号 line and the date of issue. */
export function issueBulletin(input: {
  id: string;
  content: BulletinContent;
  archive: readonly IssuedBulletin[];
  planId: string;
  issuedAt: string;
  issuedBy: string;
  /** 2026年第3期 for number 3. */
  issueLine: (year: number, number: number) => string;
  /** 成文日期 of the day of issue. */
  dateText: string;
  /** 2026年4月2日印发 */
  printed: string;
}): IssuedBulletin {
  const year = input.content.year;
  const number = nextIssueNumber(input.archive, year);
  // A deep copy through JSON: nothing in the archive shares an object with the live draft.
  const frozen = JSON.parse(JSON.stringify(input.content)) as BulletinContent;
  const content: BulletinContent = {
    ...frozen,
    issue: input.issueLine(year, number),
    dateText: input.dateText,
    record: { ...frozen.record, printed: input.printed },
  };
  return IssuedBulletinSchema.parse({ id: input.id, year, number, quarter: input.content.quarter, issuedAt: input.issuedAt, issuedBy: input.issuedBy, planId: input.planId, content });
}

/** Union of two archives by id; the result is in archive order. */
export function mergeArchives(a: readonly IssuedBulletin[], b: readonly IssuedBulletin[]): IssuedBulletin[] {
  const byId = new Map<string, IssuedBulletin>();
  for (const x of [...a, ...b]) {
    const prev = byId.get(x.id);
    if (!prev || (prev !== x && canonicalJson(x) < canonicalJson(prev))) byId.set(x.id, x);
  }
  return sortArchive([...byId.values()]);
}

/**
 * The archive of unknown shape (storage, a file), bulletin by bulletin. A bulletin that does not
 * read is set aside whole: a frozen document is kept exactly or not at all, never patched.
 */
export function restoreArchive(raw: unknown, setAside: (where: string, reason: string, value: unknown) => void): IssuedBulletin[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    setAside('已印发通报', '通报档案不是数组', raw);
    return [];
  }
  const out: IssuedBulletin[] = [];
  raw.forEach((v, i) => {
    const r = IssuedBulletinSchema.safeParse(v);
    if (r.success) out.push(r.data);
    else {
      const issue = r.error.issues[0];
      setAside(`已印发通报 #${i + 1}`, `无法读取：${issue ? `${issue.path.join('.')} ${issue.message}` : '格式不符'}`, v);
    }
  });
  return mergeArchives(out, []);
}
