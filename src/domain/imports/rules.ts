/**
 * The import rules that are not about a file's shape: who may send which kind of file, and which
 * times are believable. They live apart from the file format (src/domain/files.ts) so that the
 * signatures to come (issue 13) strengthen one function, verifySender, and nothing else: today a
 * file's sender is only what the file declares; a signature will prove it.
 */
import { FILE_KINDS, type FileKind } from '@/domain/files';
import { OFFICE_NAME, parseIsoTime } from '@/domain/model';
import { quoted } from '@/domain/restore';

/** Nothing Luoshi records happened before this (the seed plan is stamped with it exactly). */
export const EARLIEST_TIME = Date.UTC(2000, 0, 1);
/** How far ahead of this computer's clock another computer's clock may run. */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;


/**
 * 2026年3月10日, or with `withTime` 2026年3月10日 08:05, in this computer's time zone (a person
 * reads it). Written out rather than with date-fns' format, which would put its whole formatting
 * machinery into the first JavaScript the app loads (the store reads files).
 */
export function chineseTime(ms: number, withTime = false): string {
  const d = new Date(ms);
  const day = `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
  return withTime ? `${day} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}` : day;
}

/** True for a time between 2000-01-01 and one day after `now`, both included. */
export function isSaneTime(value: unknown, now: Date): boolean {
  const t = parseIsoTime(value);
  return t !== null && t >= EARLIEST_TIME && t <= now.getTime() + FUTURE_SLACK_MS;
}

/**
 * Why a time cannot be believed, or null. A tick dated 9999-12-31 would stay the newest record
 * for ever and could never be undone; a plan stamped in the far future would win every later
 * comparison; one before 2000 predates the app.
 */
export function timeProblem(value: unknown, now: Date): string | null {
  if (value === undefined || value === null || value === '') return '没有填写';
  const t = parseIsoTime(value);
  if (t === null) return `${quoted(value)}不是有效的时间`;
  if (t < EARLIEST_TIME) return `${quoted(value)}早于 2000年1月1日`;
  if (t > now.getTime() + FUTURE_SLACK_MS) return `${quoted(value)}比本机当前日期（${chineseTime(now.getTime())}）晚一天以上`;
  return null;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export interface SenderClaim {
  kind: FileKind;
  /** The unit the file says made it. */
  sender: string;
  payload: Record<string, unknown>;
}

/**
 * May this sender send this kind of file? A plan package is the office's: from anyone else (the
 * declared sender is another unit, or the package carries records a unit wrote, which the office's
 * export never does) it is refused as a whole. A progress report is a unit's. A full backup is
 * one's own data and may come from anyone.
 */
export function verifySender(file: SenderClaim): SenderVerdict {
  if (file.kind === FILE_KINDS.planPackage) {
    if (file.sender !== OFFICE_NAME) {
      return { ok: false, reason: `计划包只能由${OFFICE_NAME}下发，这份计划包的发送单位是${quoted(file.sender)}，未导入。各单位之间请用“导出进度报告”报送进展。` };
    }
    const events = Array.isArray(file.payload.events) ? file.payload.events : [];
    const foreign = events.filter((e): e is { unit: unknown } => !!e && typeof e === 'object' && 'unit' in e && (e as { unit: unknown }).unit !== OFFICE_NAME);
    if (foreign.length) {
      return {
        ok: false,
        reason: `计划包中有 ${foreign.length} 条不是${OFFICE_NAME}填写的记录（如 ${quoted(foreign[0]!.unit)} 的），${OFFICE_NAME}导出的计划包不会这样，未导入。`,
      };
    }
  }
  if (file.kind === FILE_KINDS.progressReport && file.sender === OFFICE_NAME) {
    return { ok: false, reason: `进度报告由各单位报送，这份文件的发送单位却是${OFFICE_NAME}，未导入。${OFFICE_NAME}的数据请用计划包或完整备份传递。` };
  }
  return { ok: true };
}
