/**
 * Files that move between offices, and the CSV of the three lists.
 *
 * Every JSON file has one envelope: { kind, schemaVersion, planId, createdAt, sender, checksum,
 * payload }. The checksum is SHA-256 over the canonical JSON (sorted keys) of everything but the
 * checksum itself, so a file edited by hand, cut off in an e-mail or tampered with is refused.
 *
 * Import is two steps: previewImport (src/domain/imports/preview.ts, loaded only when a file is
 * read) sorts what a file holds into 新增 / 已有 / 需确认 / 拒收 without changing anything;
 * applyImport (src/domain/imports/apply.ts) then applies exactly that preview. Applying the
 * same file twice changes nothing, because events merge by union (src/domain/merge.ts).
 */
import { deriveAllStates, resolveTaskId, type TaskState } from '@/domain/events';
import { fileStamp } from '@/lib/ids';
import { canonicalJson } from '@/domain/merge';
import { OFFICE_NAME, type EventType, type Identity, type Plan, type PlanEvent, type Signature, type Task, type TaskStatus, type Unit } from '@/domain/model';
import type { IssuedBulletin } from '@/domain/bulletin/archive';
import type { Leader } from '@/domain/leaders/leaders';
import type { KeyDecision, KeyFile, KeyInfo, PinRequest, PresentedKey, Signer, TrustStore } from '@/domain/signing/signing';

export const FILE_KINDS = {
  planPackage: 'luoshi/plan-package',
  progressReport: 'luoshi/progress-report',
  backup: 'luoshi/backup',
} as const;
export type FileKind = (typeof FILE_KINDS)[keyof typeof FILE_KINDS];

/** Version of the file format (not the plan model's schemaVersion). */
export const FILE_SCHEMA_VERSION = 1;
/** Files above this are refused before they are read: no plan comes near it (a city plan is < 2 MB). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export interface FileEnvelope<P = unknown> {
  kind: FileKind;
  schemaVersion: number;
  planId: string;
  /** ISO datetime the file was made. */
  createdAt: string;
  /** The unit that made it (OFFICE_NAME for the office). */
  sender: string;
  /** `sha256:<hex>` of canonicalJson of the envelope without this field. */
  checksum: string;
  /** The sender's signature over the checksum (src/domain/signing/); absent in files from before signing. */
  signature?: Signature;
  payload: P;
}

/** What files are built from and applied to. */
export interface DataState {
  plan: Plan;
  units: Unit[];
  /** Leaders and their portfolios; travel with the plan package and the backup. */
  leaders?: Leader[];
  events: PlanEvent[];
  /** Issued 通报 (frozen); travel with the plan package and the backup, merged by id. */
  issued?: IssuedBulletin[];
  identity?: Identity;
  dropped?: string[];
}

export interface BuiltFile {
  fileName: string;
  mime: string;
  text: string;
}

/** Event types only the office writes (supervision); a department's report may not carry them. */
export const OFFICE_ONLY_TYPES: ReadonlySet<EventType> = new Set(['extension-decision', 'review', 'urge', 'inspection', 'notice', 'flag', 'assign']);

// ------------------------------------------------------------------------------------ checksum

export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function checksumOf(envelope: Omit<FileEnvelope, 'checksum'>): Promise<string> {
  const { kind, schemaVersion, planId, createdAt, sender, payload } = envelope;
  return `sha256:${await sha256Hex(canonicalJson({ kind, schemaVersion, planId, createdAt, sender, payload }))}`;
}

async function seal<P>(head: Omit<FileEnvelope<P>, 'checksum' | 'signature'>, signing?: FileSigning): Promise<string> {
  const checksum = await checksumOf(head);
  const signature = signing ? await (await import('@/domain/signing/signing')).signFile(checksum, signing.signer) : undefined;
  // Fields in reading order, checksum before the (long) payload so a person can see it.
  const { payload, ...rest } = head;
  return JSON.stringify({ ...rest, checksum, ...(signature ? { signature } : {}), payload }, null, 1);
}

// ------------------------------------------------------------------------------------ building

/** A name that is safe as a file name on Windows and in e-mail (no / \ : * ? " < > |). */
function safeName(s: string): string {
  return s.replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40) || '计划';
}

/**
 * Office → departments: the plan, the units, and the office's own events (urges, flags…). The
 * sender is whoever this browser is: a package made while a unit is chosen says so, and the
 * office's browsers refuse it (verifySender).
 */
export async function buildPlanPackage(state: DataState, now: Date, signing?: FileSigning): Promise<BuiltFile> {
  const events = state.events.filter((e) => e.unit === OFFICE_NAME);
  const text = await seal({
    kind: FILE_KINDS.planPackage,
    schemaVersion: FILE_SCHEMA_VERSION,
    planId: state.plan.id,
    createdAt: now.toISOString(),
    sender: !state.identity || state.identity.kind === 'office' ? OFFICE_NAME : state.identity.name,
    payload: { plan: state.plan, units: state.units, leaders: state.leaders ?? [], events, issued: state.issued ?? [], ...signerOf(signing) },
  }, signing);
  return { fileName: `落实-计划包-${safeName(state.plan.title)}-${fileStamp(now)}.json`, mime: 'application/json', text };
}

/** Department → office: the events this unit wrote about this plan's tasks. */
export async function buildProgressReport(state: DataState, unitName: string, now: Date, signing?: FileSigning): Promise<BuiltFile> {
  const known = new Set(state.plan.tasks.map((t) => t.id));
  const aliases = state.plan.mergedInto ?? {};
  const events = state.events.filter((e) => e.unit === unitName && known.has(resolveTaskId(aliases, e.taskId)));
  const text = await seal({
    kind: FILE_KINDS.progressReport,
    schemaVersion: FILE_SCHEMA_VERSION,
    planId: state.plan.id,
    createdAt: now.toISOString(),
    sender: unitName,
    payload: { events, ...signerOf(signing) },
  }, signing);
  return { fileName: `落实-进展报送-${safeName(unitName)}-${fileStamp(now)}.json`, mime: 'application/json', text };
}

/** Everything, for a full restore on this or another computer. */
/**
 * A full backup. `keys.sealed`, only when the user asked for a full backup with keys (behind a
 * confirmation and a passphrase): this browser's private keys, each sealed under that passphrase
 * exactly as a key export is, so the backup can move the office to a new computer in one file.
 */
export async function buildBackup(
  state: DataState,
  sender: string,
  now: Date,
  keys?: { trust: TrustStore; own: PresentedKey[]; signing: FileSigning | null; sealed?: KeyFile[] },
): Promise<BuiltFile> {
  const text = await seal({
    kind: FILE_KINDS.backup,
    schemaVersion: FILE_SCHEMA_VERSION,
    planId: state.plan.id,
    createdAt: now.toISOString(),
    sender,
    payload: {
      plan: state.plan,
      units: state.units,
      leaders: state.leaders ?? [],
      events: state.events,
      issued: state.issued ?? [],
      identity: state.identity ?? { kind: 'office' },
      dropped: state.dropped ?? [],
      // Public keys (the pins, and this browser's own); private keys only sealed, and only when asked.
      ...(keys ? { trust: keys.trust, ownKeys: keys.own.map((k) => ({ author: k.author, publicKey: k.key.publicKey })), ...signerOf(keys.signing ?? undefined) } : {}),
      ...(keys?.sealed?.length ? { sealedKeys: keys.sealed } : {}),
    },
  }, keys?.signing ?? undefined);
  return { fileName: `落实-完整备份${keys?.sealed?.length ? '（含签名密钥）' : ''}-${fileStamp(now)}.json`, mime: 'application/json', text };
}

// ------------------------------------------------------------------------------------ CSV

export const CSV_COLUMNS = ['任务', '牵头单位', '配合单位', '时限', '状态', '进度', '挂牌督办'] as const;

const STATUS_LABEL: Record<TaskStatus, string> = {
  'not-started': '未开始',
  'in-progress': '推进中',
  blocked: '受阻',
  done: '已完成',
};

/**
 * One cell. A cell that starts with = + - @ (or a tab / carriage return) would be run as a
 * formula by Excel (CSV injection): it gets a leading apostrophe, which Excel shows as text.
 * Quotes are doubled and any cell with a comma, quote or line break is quoted (RFC 4180).
 */
export function csvCell(value: string): string {
  let v = value;
  if (/^[=+\-@\t\r]/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

function deadlineText(task: Task, state: TaskState | undefined): string {
  const d = task.deadline;
  const due = state?.due ?? d.due;
  const parts = [d.label, due && due !== d.due ? `${due}（已延期，原 ${d.due ?? '无'}）` : due].filter(Boolean);
  return [...new Set(parts)].join(' ') || (d.kind === 'ongoing' ? '长期' : '');
}

/**
 * The three lists (任务、责任、时限) as CSV: UTF-8 with a byte-order mark so Excel opens Chinese
 * correctly, CRLF line ends as Excel writes them.
 */
export function buildCsv(plan: Plan, states: Map<string, TaskState> = deriveAllStates(plan, [])): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const t of plan.tasks) {
    const st = states.get(t.id);
    const lead = t.owners.filter((o) => o.role === 'lead').map((o) => o.name);
    const co = t.owners.filter((o) => o.role === 'co').map((o) => o.name);
    const cells = [
      t.title,
      lead.join('、'),
      co.join('、'),
      deadlineText(t, st),
      STATUS_LABEL[st?.status ?? 'not-started'],
      `${Math.round(st?.percent ?? 0)}%`,
      (st?.flagged ?? t.flagged) ? '是' : '否',
    ];
    rows.push(cells.map(csvCell).join(','));
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** Reads CSV back into rows of cells (RFC 4180); used by tests and by anyone checking an export. */
export function parseCsv(text: string): string[][] {
  const s = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && s[i + 1] === '\n') {
      // handled by the \n
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------------------------------ import

export type PreviewItemKind = 'file' | 'plan' | 'task' | 'unit' | 'event';
export interface PreviewItem {
  kind: PreviewItemKind;
  id: string;
  /** Chinese, for the preview list (a record's words come from `event`, see below). */
  label: string;
  /** Chinese: why refused, or what importing changes. */
  reason?: string;
  /** The record itself, so that the screen says what it holds (the note, the percentage, the dates…). */
  event?: PlanEvent;
  /** The title of the task a record is about, when the plan has that task. */
  taskTitle?: string;
}

export type PlanAction = 'none' | 'update' | 'replace' | 'restore';

export interface RemovedTask {
  id: string;
  title: string;
}

export interface ImportPreview {
  /** False when the whole file is refused: `error` says why, and applying changes nothing. */
  ok: boolean;
  error: string | null;
  fileKind: FileKind | null;
  sender: string;
  createdAt: string;
  planId: string;
  /** update: same plan, the file's is newer; replace: another plan replaces this one; restore: a full backup. */
  planAction: PlanAction;
  /** 新增: records and tasks this computer does not have yet. */
  newItems: PreviewItem[];
  /** 已有: already here exactly so (or older than what is here); importing them changes nothing. */
  present: PreviewItem[];
  /** 需确认: what importing changes in data that is already here (a task edited or removed by a newer plan). */
  toConfirm: PreviewItem[];
  /** 拒收: not imported, each with the reason. */
  refused: PreviewItem[];
  /**
   * Tasks of the current plan that the plan after the import no longer has. Non-empty: applyImport
   * needs { confirmed: true } (a dialog that names them), and the store backs up first.
   */
  removedTasks: RemovedTask[];
  /** Items taken in after a correction (a date that does not exist, a missing field): each says what was done. */
  repaired: string[];
  /** One Chinese sentence for the top of the preview. */
  summary: string;
  /** Signature checks, when the preview was given a trust store. */
  signatures?: PreviewSignatures;
  /**
   * A full backup with keys: the sealed private keys it carries (author and fingerprint readable,
   * the key itself only with the passphrase chosen at export). Not applied by applyImport: the
   * user takes them in afterwards, with the passphrase.
   */
  sealedKeys?: SealedKeyItem[];
  /** What applyImport uses; a preview is applied exactly as shown. */
  incoming: {
    plan: Plan | null;
    units: Unit[] | null;
    /** The file's leaders, taken with its plan (null: keep the current ones). */
    leaders?: Leader[] | null;
    events: PlanEvent[];
    /** Issued 通报 in the file: always merged into the archive (documents already sent out). */
    issued?: IssuedBulletin[];
    identity: Identity | null;
  };
}

export interface SealedKeyItem {
  author: string;
  fingerprint: string;
  /** The key file as it stands in the backup, for the keyring to open (it validates it again). */
  file: unknown;
}

/** For the UI to call with File.size before reading a file at all. */
export function checkFileSize(bytes: number): string | null {
  return bytes > MAX_IMPORT_BYTES
    ? `文件过大（${(bytes / 1024 / 1024).toFixed(1)} MB），超过 ${MAX_IMPORT_BYTES / 1024 / 1024} MB 的上限，未读取。落实的文件通常只有几百 KB，请确认选对了文件。`
    : null;
}

export interface ApplyOptions {
  /**
   * The user confirmed, in a dialog that said what goes (the plan replaced, the data restored, the
   * tasks in `preview.removedTasks` named), the part of the import that removes data.
   */
  confirmed?: boolean;
}

export interface ApplyResult {
  state: DataState;
  /** False when the import changed nothing (same file twice, a refused file, a removal not confirmed). */
  changed: boolean;
  /** Nothing was applied because the import replaces or removes data and that was not confirmed. */
  needsConfirmation?: boolean;
}

// needsConfirmation and applyImport live in src/domain/imports/apply.ts (the store applies a
// preview without loading the file builders); re-exported here for the file's other readers.
export { applyImport, needsConfirmation } from '@/domain/imports/apply';

// ------------------------------------------------------------------------------------ signatures
// Issue 13, docs/DATA.md "Trust model". A file carries its sender's public key and the sender's
// signature over its checksum; a preview checks every record against its author's pinned key
// (src/domain/signing/file-signatures.ts, called at the end of previewImport). The signing room
// is loaded when a file is built or read: it is not initial JavaScript.

/** The key that signs what this browser sends: its own key for the author it writes as. */
export interface FileSigning {
  author: string;
  key: KeyInfo;
  signer: Signer;
}

export interface PreviewSignatures {
  /** The key the file presents for its sender (null: a file from before signing). */
  signer: PresentedKey | null;
  /** What that key is here (null without one). */
  decision: KeyDecision | null;
  /** Keys to confirm (first use) or to re-pin on purpose before the records they sign can be imported. */
  pinRequests: Array<Omit<PinRequest, 'records'> & { count: number }>;
  /** Unsigned records from an older file, accepted once; they stay marked as unsigned. */
  legacy: number;
}

/** The sender's public key, in the payload (so the checksum, and with it the file signature, covers it). */
function signerOf(signing: FileSigning | undefined): Record<string, unknown> {
  return signing ? { signer: { author: signing.author, publicKey: signing.key.publicKey } } : {};
}

/** The envelope's parts a signature check needs. */
export interface SignedParts {
  payload: Record<string, unknown>;
  checksum: unknown;
  signature: unknown;
}
