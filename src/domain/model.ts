/**
 * The plan model: the one shape shared by the parser, the CLI, the store, the screens and every
 * file that moves between offices. Zod schemas are the source of truth; types come from z.infer.
 */
import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';

// zod's own messages reach users as the reasons of refused or set-aside records (a malformed
// event in a progress report, an item restored from storage): in Chinese, like the rest of the app.
z.config(zhCN());

/** Bumped when the parsed plan's JSON contract changes shape. */
export const SCHEMA_VERSION = 1 as const;

/** A calendar day, `yyyy-MM-dd`, that really exists (2023-02-30 is refused). */
export const IsoDateSchema = z.string().refine(isRealIsoDate, { message: '日期须为真实存在的 yyyy-MM-dd' });
export type IsoDate = z.infer<typeof IsoDateSchema>;

export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days;
}

// A four-digit year, a real calendar day, hours to seconds, and a zone: what toISOString writes
// and what z.iso.datetime({ offset: true }) accepts. "+275760-09-13T…" (a six-digit year),
// "yesterday" and "2023-02-30T…" (which Date.parse quietly turns into 2 March) are not times.
const ISO_TIME = /^(\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Milliseconds since 1970 of an ISO date-time that really exists; null for anything else. */
export function parseIsoTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const m = ISO_TIME.exec(value);
  if (!m || !isRealIsoDate(m[1]!)) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

/** Indexes into the input string as JavaScript indexes it: text.slice(start, end) === quote. */
export const SourceSpanSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((s) => s.end >= s.start, { message: 'end 不能小于 start' });
export type SourceSpan = z.infer<typeof SourceSpanSchema>;

export const OwnerRoleSchema = z.enum(['lead', 'co']);
export type OwnerRole = z.infer<typeof OwnerRoleSchema>;

/** A reference to a responsible unit or role by its name. `inferred` marks a dictionary guess. */
export const OwnerRefSchema = z.object({
  name: z.string().min(1).max(200),
  role: OwnerRoleSchema,
  inferred: z.boolean(),
});
export type OwnerRef = z.infer<typeof OwnerRefSchema>;

export const RecurrenceSchema = z.enum(['yearly', 'quarterly', 'monthly']).nullable();
export type Recurrence = z.infer<typeof RecurrenceSchema>;

export const DeadlineKindSchema = z.enum(['date', 'ongoing', 'soon']);
export type DeadlineKind = z.infer<typeof DeadlineKindSchema>;

export const DeadlineSchema = z.object({
  /** The words the deadline came from (一季度, 年底前, 每年…), or a label the office typed. */
  label: z.string().max(200),
  due: IsoDateSchema.nullable(),
  recurrence: RecurrenceSchema,
  kind: DeadlineKindSchema,
  /** True when the text named no deadline and one was filled in (the plan year's end). */
  inferred: z.boolean(),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

export const SectionSchema = z.object({
  id: z.string().min(1),
  /** The heading text without its number, e.g. 锚定目标抓落实. */
  title: z.string(),
  /** The number as written: 一、 (一) （一） 1. （1） 第一， */
  number: z.string(),
  /** 1 for 一、, 2 for (一), 3 for 1. / （1） / 第一. */
  level: z.number().int().min(1).max(4),
  parentId: z.string().nullable(),
  source: SourceSpanSchema,
});
export type Section = z.infer<typeof SectionSchema>;

/**
 * Where a table row came from, for a task read from a table: the sheet (Excel), the page (PDF,
 * Word when known) and the row number as the user sees it (1-based, header rows counted).
 */
export const SourceLocationSchema = z.object({
  sheet: z.string().max(200).nullable(),
  page: z.number().int().positive().nullable(),
  row: z.number().int().positive().nullable(),
});
export type SourceLocation = z.infer<typeof SourceLocationSchema>;

export const TaskSchema = z.object({
  id: z.string().min(1),
  /** A short title an office would write in the task list. */
  title: z.string().min(1).max(500),
  /** The exact source text of the directive (for a manual task, whatever the office typed). */
  quote: z.string(),
  source: SourceSpanSchema,
  sectionId: z.string().nullable(),
  owners: z.array(OwnerRefSchema),
  deadline: DeadlineSchema,
  /** 挂牌督办: a key item, shown first everywhere. */
  flagged: z.boolean(),
  /** For a task read from a table: its sheet, page and row. Absent for prose and manual tasks. */
  location: SourceLocationSchema.nullable().optional(),
  /**
   * 交办日期: the day the plan (or this task, when added later) was handed to the units. 序时进度
   * runs from it to the due date. The parser cannot know it, so parsed output has none; the store
   * stamps the day a plan or task is taken up, and restore fills older data from the plan's
   * createdAt (src/domain/restore.ts).
   */
  assignedOn: IsoDateSchema.optional(),
});
export type Task = z.infer<typeof TaskSchema>;

/**
 * A directive the parser doubts (a weak verb, no modal, a sentence that might be a fact): kept
 * out of the tasks, shown unticked in the import preview with its reason, never dropped silently.
 */
export const CandidateSchema = TaskSchema.extend({
  /** Why it is only a candidate, in Chinese, for the office to judge. */
  reason: z.string().min(1).max(500),
});
export type Candidate = z.infer<typeof CandidateSchema>;

export const TierSchema = z.enum(['expected', 'working', 'striving']).nullable();
export type Tier = z.infer<typeof TierSchema>;

export const ComparatorSchema = z.enum(['about', 'atLeast', 'exceed', 'atMost']).nullable();
export type Comparator = z.infer<typeof ComparatorSchema>;

export const TargetSchema = z.object({
  id: z.string().min(1),
  /** What is measured, e.g. 经济增长, 晶硅光伏产业产值. Tiers of one indicator share a metric. */
  metric: z.string(),
  quote: z.string(),
  source: SourceSpanSchema,
  tier: TierSchema,
  /** null when masked or unknown; never a guess. */
  value: z.number().finite().nullable(),
  /** Upper end of a range (3至5个), else null. */
  valueMax: z.number().finite().nullable(),
  unit: z.string().nullable(),
  comparator: ComparatorSchema,
  /** The text hides the value with * / x / ×: a real value the office has not filled in yet. */
  masked: z.boolean(),
  recurrence: RecurrenceSchema,
  due: IsoDateSchema.nullable(),
});
export type Target = z.infer<typeof TargetSchema>;

export const WarningCodeSchema = z.enum([
  'empty-text',
  'masked-target',
  'no-owner',
  'no-deadline',
  'ambiguous-deadline',
  'year-guessed',
  'truncated',
  'other',
]);
export const ParseWarningSchema = z.object({
  code: WarningCodeSchema,
  message: z.string(),
  source: SourceSpanSchema.nullable(),
  /** The task or target the warning is about, if any. */
  itemId: z.string().nullable(),
});
export type ParseWarning = z.infer<typeof ParseWarningSchema>;

/** What `parseSpeech` returns and `npm run parse` prints: the public JSON contract. */
export const ParsedPlanSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  title: z.string(),
  year: z.number().int().min(1900).max(2200),
  sections: z.array(SectionSchema),
  tasks: z.array(TaskSchema),
  /** Doubtful directives for the office to tick in the import preview (absent in older output). */
  candidates: z.array(CandidateSchema).default([]),
  targets: z.array(TargetSchema),
  warnings: z.array(ParseWarningSchema),
});
export type ParsedPlan = z.infer<typeof ParsedPlanSchema>;

/**
 * Kinds of units. 'leader' (分管副市长, 各部门主要负责同志, 各区县长) is only the parser's vocabulary:
 * it lets a speech's 各位副市长 be read as a role. Leaders are not units of the app's registry: they
 * oversee units and tasks and live in their own list (src/domain/leaders/), and a stored registry
 * that still holds such entries is migrated there on restore.
 */
export const UnitKindSchema = z.enum(['office', 'department', 'district', 'leader', 'party', 'other']);
export type UnitKind = z.infer<typeof UnitKindSchema>;

/** An entry of the editable registry of responsible units (UNITS.md is the starting point). */
export const UnitSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1).max(200),
  kind: UnitKindSchema,
  /** Short names that also mean this unit in a speech (发展改革委, 发改委…). */
  aliases: z.array(z.string()),
  /** Words in a directive that suggest this unit as owner (marked inferred). */
  keywords: z.array(z.string()),
});
export type Unit = z.infer<typeof UnitSchema>;

/** Actual values of a target entered by quarter (index 0 = Q1). null = not yet entered. */
export const TargetActualsSchema = z.tuple([
  z.number().finite().nullable(),
  z.number().finite().nullable(),
  z.number().finite().nullable(),
  z.number().finite().nullable(),
]);
export type TargetActuals = z.infer<typeof TargetActualsSchema>;

/** The plan as the app holds it: the parsed plan plus identity and the office's additions. */
export const PlanSchema = ParsedPlanSchema.omit({ candidates: true }).extend({
  id: z.string().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The text the plan was parsed from, so every item's sentence can be shown in context. */
  sourceText: z.string(),
  /** The office's values for masked targets, by target id. */
  targetValues: z.record(z.string(), z.number().finite().nullable()).default({}),
  targetActuals: z.record(z.string(), TargetActualsSchema).default({}),
  /**
   * Tasks merged into another (old id -> id that carries them now). Events are never rewritten
   * (the log is append-only across offices), so a merge is recorded here and events about the old
   * id count for the new one. Optional: plans written before it existed simply have none.
   */
  mergedInto: z.record(z.string(), z.string()).optional(),
});
export type Plan = z.infer<typeof PlanSchema>;

// ---------------------------------------------------------------------------------------------
// Progress and supervision: an append-only log of events. A task's state is a pure function of
// the plan and its events, which is what makes merging two offices' files exact.
// ---------------------------------------------------------------------------------------------

/**
 * An event's signature (docs/DATA.md, Trust model): which key signed it (the first 16 hex digits of
 * the SHA-256 of the public key) and the ECDSA P-256 / SHA-256 signature (IEEE P1363 r‖s, 64 bytes,
 * base64url) over the event's canonical encoding (src/domain/signing/). Absent on records written
 * before signing existed (legacy).
 */
export const SignatureSchema = z.object({
  key: z.string().regex(/^[0-9a-f]{16}$/, { message: '签名密钥编号须为 16 位十六进制' }),
  value: z.string().regex(/^[A-Za-z0-9_-]{86}$/, { message: '签名须为 86 位 base64url' }),
});
export type Signature = z.infer<typeof SignatureSchema>;

const eventBase = {
  /** Globally unique (random UUID); two offices never mint the same id. */
  id: z.string().min(1).max(100),
  /** ISO date-time when it was written. */
  at: z.iso.datetime({ offset: true }),
  /** The unit (by name) that wrote it: a department, or the mayor's office. */
  unit: z.string().min(1).max(200),
  taskId: z.string().min(1).max(200),
  note: z.string().max(5000).default(''),
  sig: SignatureSchema.optional(),
};

export const GradeSchema = z.enum(['优秀', '良好', '合格', '不合格']);
export type Grade = z.infer<typeof GradeSchema>;

export const TaskStatusSchema = z.enum(['not-started', 'in-progress', 'blocked', 'done']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/**
 * A file offered as evidence (佐证材料) when a task is reported done. Only its name, size and
 * SHA-256 travel: the office can ask for the file and check that what it receives is the same one.
 * The file itself is never stored (localStorage holds 5 MB; a scan holds more).
 */
export const AttachmentSchema = z.object({
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { message: '须为 64 位十六进制 SHA-256' }),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** How the office urged (催办方式): by telephone, in writing, or on site. */
export const UrgeMethodSchema = z.enum(['phone', 'written', 'onsite']);
export type UrgeMethod = z.infer<typeof UrgeMethodSchema>;

/** A non-empty text (a reply, an evidence note): spaces alone do not count. */
const requiredNote = z.string().max(5000).refine((s) => s.trim().length > 0, { message: '不能为空' });

export const EventSchema = z.discriminatedUnion('type', [
  /**
   * A department ticks a task off (done: true) or unticks it. The note is the evidence (完成说明):
   * the app asks for it when a task is ticked; ticks written before that rule may have none.
   * `attachments` (absent in older ticks) lists the evidence files by name, size and hash.
   */
  z.object({ ...eventBase, type: z.literal('tick'), done: z.boolean(), attachments: z.array(AttachmentSchema).max(50).optional() }),
  z.object({ ...eventBase, type: z.literal('progress'), percent: z.number().min(0).max(100) }),
  z.object({ ...eventBase, type: z.literal('status'), status: TaskStatusSchema }),
  z.object({ ...eventBase, type: z.literal('extension-request'), requestedDue: IsoDateSchema }),
  /** The office's answer to an extension request; the original deadline still counts in 考核. */
  z.object({
    ...eventBase,
    type: z.literal('extension-decision'),
    requestId: z.string().min(1),
    approved: z.boolean(),
    newDue: IsoDateSchema.nullable(),
  }),
  /** Completion review: accept (with a grade) or return for more work. */
  z.object({
    ...eventBase,
    type: z.literal('review'),
    accepted: z.boolean(),
    grade: GradeSchema.nullable(),
  }),
  /** 催办: how, and by when the unit must reply (both absent in urges written before they existed). */
  z.object({
    ...eventBase,
    type: z.literal('urge'),
    replyBy: IsoDateSchema.nullable().optional(),
    method: UrgeMethodSchema.nullable().optional(),
  }),
  /** 四不两直 inspection: on which day, and whether what was found matches the unit's report. */
  z.object({
    ...eventBase,
    type: z.literal('inspection'),
    date: IsoDateSchema,
    finding: z.enum(['as-reported', 'behind', 'not-done']),
  }),
  /** 表扬 / 通报 */
  z.object({ ...eventBase, type: z.literal('notice'), kind: z.enum(['commend', 'criticize']) }),
  /** 挂牌 / 摘牌 */
  z.object({ ...eventBase, type: z.literal('flag'), flagged: z.boolean() }),
  /**
   * 交办: the office issues the task's 督办单 under a register number of the year
   * (督办〔2026〕第7号). The note is the 督办要求; `replyBy` the day a reply is due.
   */
  z.object({
    ...eventBase,
    type: z.literal('assign'),
    year: z.number().int().min(1900).max(2200),
    number: z.number().int().positive().max(1_000_000),
    replyBy: IsoDateSchema.nullable(),
  }),
  /** 签收: a unit acknowledges the task, naming who handles it (承办人) and a telephone number. */
  z.object({
    ...eventBase,
    type: z.literal('receipt'),
    handler: z.string().trim().min(1).max(50),
    phone: z.string().trim().regex(/^[0-9+\-()（）\s转]{5,30}$/, { message: '请填写有效的电话号码' }),
  }),
  /** 回复: a unit answers an urge (urgeId; null answers every urge still open). The note is the reply. */
  z.object({ ...eventBase, type: z.literal('reply'), urgeId: z.string().min(1).max(100).nullable(), note: requiredNote }),
]);
export type PlanEvent = z.infer<typeof EventSchema>;
export type EventType = PlanEvent['type'];

/** The mayor's office: the name used as `unit` for the office's own events. */
export const OFFICE_NAME = '市政府办公室';

/** Who is using this browser. There is no login in a static app: this is a choice, not a proof. */
export const IdentitySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('office') }),
  z.object({ kind: z.literal('unit'), name: z.string().min(1) }),
]);
export type Identity = z.infer<typeof IdentitySchema>;
