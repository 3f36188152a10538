/**
 * Formatting helpers for dates and numbers, Chinese (zh-CN). Model dates are `yyyy-MM-dd`
 * strings; date-fns converts at this edge only. Nothing here reads the clock.
 */
import { differenceInCalendarDays, format, parseISO } from 'date-fns';
import { zhCN } from 'date-fns/locale/zh-CN';

/** 2025-03-31 → 2025年3月31日 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parseISO(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return format(d, 'yyyy年M月d日', { locale: zhCN });
}

/** An ISO date-time → 2025年3月31日 14:05 (in the browser's time zone). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = parseISO(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return format(d, 'yyyy年M月d日 HH:mm', { locale: zhCN });
}

/** Calendar days from `from` to `to` (both yyyy-MM-dd); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** "还剩 3 天" / "今天到期" / "逾期 5 天" relative to today. */
export function formatDueRelative(due: string | null, today: string): string {
  if (!due) return '无固定期限';
  const n = daysBetween(today, due);
  if (n > 0) return `还剩 ${n} 天`;
  if (n === 0) return '今天到期';
  return `逾期 ${-n} 天`;
}

const numberFmt = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });

/** 12345.678 → 12,345.68; null → 待填写 (a masked or missing value is never shown as 0). */
export function formatNumber(n: number | null | undefined, empty = '待填写'): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return empty;
  return numberFmt.format(n);
}

/** 0.4567 → 45.7% ; a ratio, not points. null → — */
export function formatRatio(r: number | null | undefined, digits = 1): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return '—';
  return `${(r * 100).toFixed(digits).replace(/\.0+$/, '')}%`;
}

/** 45.67 → 45.7% ; points out of 100. */
export function formatPercent(p: number | null | undefined, digits = 0): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return `${p.toFixed(digits)}%`;
}

/** 1536 → 1.5 KB: a size as people read it. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(2)} MB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
}
