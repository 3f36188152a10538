/**
 * Files between offices: build, preview, apply. Every kind of bad input is refused with a Chinese
 * reason and leaves the data untouched; the same file twice changes nothing.
 */
import fc from 'fast-check';
import {
  applyImport,
  buildBackup,
  buildCsv,
  buildPlanPackage,
  buildProgressReport,
  checksumOf,
  csvCell,
  MAX_IMPORT_BYTES,
  parseCsv,
  type DataState,
} from '@/domain/files';
import { previewImport } from '@/domain/imports/preview';
import { canonicalJson } from '@/domain/merge';
import { deriveAllStates } from '@/domain/events';
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import { sampleEvents, samplePlan, sampleUnits } from '../fixtures/storage/build-sample';
import { eventsArb } from './event-arbitraries';

const now = new Date('2026-03-10T00:00:00Z');
const office: DataState = { plan: samplePlan, units: sampleUnits, events: sampleEvents };
const dsjEvent = (over: Partial<PlanEvent> = {}): PlanEvent =>
  ({ id: 'r1', at: '2026-03-05T00:00:00.000Z', unit: '市大数据局', taskId: 't2', note: '平台已上线', type: 'progress', percent: 60, ...over }) as PlanEvent;

/** A sealed report with exactly these events (the builder would filter out what a test needs to send). */
async function reportFrom(events: unknown[], sender = '市大数据局', planId = samplePlan.id) {
  const head = { kind: 'luoshi/progress-report' as const, schemaVersion: 1, planId, createdAt: now.toISOString(), sender, payload: { events } };
  return JSON.stringify({ ...head, checksum: await checksumOf(head) }, null, 1);
}

describe('progress report (department → office)', () => {
  it('carries only the events the unit wrote, with a valid checksum', async () => {
    const text = (await buildProgressReport({ ...office, events: [...sampleEvents, dsjEvent()] }, '市大数据局', now)).text;
    const file = JSON.parse(text) as { kind: string; sender: string; payload: { events: PlanEvent[] }; checksum: string };
    expect(file.kind).toBe('luoshi/progress-report');
    expect(file.payload.events.every((e) => e.unit === '市大数据局')).toBe(true);
    expect(file.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('preview lists new, present and refused items with reasons; applying twice changes nothing', async () => {
    const mine = dsjEvent();
    const notOwner = dsjEvent({ id: 'r2', taskId: 't1' });
    const unknown = dsjEvent({ id: 'r3', taskId: 'gone' });
    const supervision = { ...dsjEvent({ id: 'r4' }), type: 'urge' } as PlanEvent;
    const text = await reportFrom([sampleEvents[1]!, mine, notOwner, unknown, supervision]);
    const p = await previewImport(office, text, { now });
    expect(p.ok).toBe(true);
    expect(p.newItems.map((i) => i.id)).toEqual(['r1']);
    expect(p.present.map((i) => i.id)).toEqual([sampleEvents[1]!.id]);
    const reasons = Object.fromEntries(p.refused.map((i) => [i.id, i.reason]));
    expect(reasons.r2).toContain('不是任务');
    expect(reasons.r3).toContain('未知任务');
    expect(reasons.r4).toContain('只能由');
    const once = applyImport(office, p);
    expect(once.changed).toBe(true);
    expect(once.state.events).toHaveLength(sampleEvents.length + 1);
    const again = applyImport(once.state, await previewImport(once.state, text, { now }));
    expect(again.changed).toBe(false);
    expect(again.state).toBe(once.state);
  });

  it('refuses an event written by another unit than the sender', async () => {
    const text = await reportFrom([dsjEvent({ unit: '市财政局' })]);
    const p = await previewImport(office, text, { now });
    expect(p.refused[0]!.reason).toContain('不是发送单位');
  });

  // Changed (issue 16 point 8): a record is immutable, so the same id with other content is
  // refused and what is here stays; it used to be a "conflict" that could replace the local one.
  it('refuses a record whose id is here with other content, and keeps the local one', async () => {
    const local = dsjEvent();
    const state = { ...office, events: [...sampleEvents, local] };
    const text = await reportFrom([dsjEvent({ note: '另一种说法' } as Partial<PlanEvent>)]);
    const p = await previewImport(state, text, { now });
    expect(p.refused.map((i) => i.reason)).toEqual([expect.stringMatching(/^记录编号重复但内容不同，已拒收/)]);
    expect(p.newItems).toEqual([]);
    expect(applyImport(state, p).changed).toBe(false);
  });
});

describe('plan package (office → departments)', () => {
  it('a department with another plan gets it as a replacement, office events included', async () => {
    const pkg = (await buildPlanPackage(office, now)).text;
    const dept: DataState = { plan: { ...samplePlan, id: 'seed', tasks: [] }, units: [], events: [] };
    const p = await previewImport(dept, pkg, { now });
    expect(p.planAction).toBe('replace');
    // Changed (issue 16 point 4): a replacement applies only once confirmed.
    expect(applyImport(dept, p).changed).toBe(false);
    const r = applyImport(dept, p, { confirmed: true });
    expect(r.state.plan.id).toBe(samplePlan.id);
    expect(r.state.events.every((e) => e.unit === OFFICE_NAME)).toBe(true);
    expect(r.state.events.length).toBe(sampleEvents.filter((e) => e.unit === OFFICE_NAME).length);
  });

  it('a newer package of the same plan updates it and keeps the department’s own events', async () => {
    const newer = { ...office, plan: { ...samplePlan, title: '修订版', updatedAt: '2026-03-09T00:00:00.000Z' } };
    const pkg = (await buildPlanPackage(newer, now)).text;
    const dept: DataState = { plan: samplePlan, units: sampleUnits, events: [dsjEvent()] };
    const p = await previewImport(dept, pkg, { now });
    expect(p.planAction).toBe('update');
    const r = applyImport(dept, p);
    expect(r.state.plan.title).toBe('修订版');
    expect(r.state.events.some((e) => e.id === 'r1')).toBe(true);
    expect(applyImport(r.state, await previewImport(r.state, pkg, { now })).changed).toBe(false);
  });
  it('a task whose date does not exist is taken in with the year end, and the preview says so (never silently)', async () => {
    const [first, ...rest] = samplePlan.tasks;
    const bad = { ...first!, deadline: { ...first!.deadline, kind: 'date' as const, due: '2026-02-30' } };
    const pkg = (await buildPlanPackage({ ...office, plan: { ...samplePlan, tasks: [bad, ...rest] } }, now)).text;
    const dept: DataState = { plan: { ...samplePlan, id: 'seed', tasks: [] }, units: [], events: [] };
    const p = await previewImport(dept, pkg, { now });
    expect(p.ok).toBe(true);
    expect(p.repaired).toHaveLength(1);
    expect(p.repaired[0]).toContain('2026-02-30');
    expect(p.repaired[0]).toMatch(/暂定为 \d{4}-12-31（年底），请核对/);
    expect(p.summary).toContain('自动修正 1 处');
    const task = applyImport(dept, p, { confirmed: true }).state.plan.tasks.find((t) => t.id === first!.id)!;
    expect(task.deadline.due).toMatch(/-12-31$/);
    // The same package for the office that already holds this plan: nothing taken, nothing to report.
    const same = await previewImport({ ...office, plan: { ...samplePlan, tasks: [bad, ...rest] } as typeof samplePlan }, pkg, { now });
    expect(same.repaired).toEqual([]);
  });
});

describe('bad input: refused with a Chinese reason, data untouched', () => {
  const refuses = async (text: string, pattern: RegExp) => {
    const p = await previewImport(office, text, { now });
    expect(p.ok).toBe(false);
    expect(p.error).toMatch(pattern);
    const r = applyImport(office, p);
    expect(r.changed).toBe(false);
    expect(r.state).toBe(office);
  };

  it('malformed JSON', () => refuses('{"kind": "luoshi/progress-report", ', /不是有效的 JSON/));
  it('an HTML page', () => refuses('<html><script>alert(1)</script></html>', /网页/));
  it('a file of the wrong kind', () => refuses(JSON.stringify({ kind: 'excel', payload: {} }), /无法识别的文件类型/));
  it('another program\'s JSON, without any kind: says it is not a Luoshi file (never "undefined")', async () => {
    const p = await previewImport(office, JSON.stringify({ name: 'package', version: '1.0.0' }), { now });
    expect(p.error).toMatch(/不是落实导出的文件/);
    expect(p.error).not.toMatch(/undefined|null/);
    await refuses(JSON.stringify({ kind: null }), /不是落实导出的文件/);
  });
  it('a 50 MB file, before parsing', () => refuses(`{"kind":"luoshi/backup","x":"${'a'.repeat(50 * 1024 * 1024)}"}`, /过大/));
  it('exactly at the limit is still read', async () => {
    const p = await previewImport(office, ' '.repeat(MAX_IMPORT_BYTES), { now });
    expect(p.error).not.toMatch(/过大/);
  });
  it('a future schemaVersion', async () => {
    const f = JSON.parse(await reportFrom([dsjEvent()])) as Record<string, unknown>;
    f.schemaVersion = 7;
    await refuses(JSON.stringify(f), /更新版本/);
  });
  it('a record with a time that does not exist: refused with a reason in Chinese (zod speaks Chinese too)', async () => {
    const text = await reportFrom([dsjEvent({ at: '2026-02-30T10:00:00.000Z' })]);
    const p = await previewImport(office, text, { now });
    expect(p.refused).toHaveLength(1);
    // The field is named in words and the bad value quoted (it used to be zod's "at 无效ISO日期时间").
    expect(p.refused[0]!.reason).toMatch(/^记录格式不符：时间（at）格式不对，文件中是 “2026-02-30T10:00:00.000Z”/);
    expect(p.refused[0]!.reason).not.toMatch(/Invalid|expected|received/);
  });

  it('a report without a payload (checksum and all): refused, not read as "nothing new"', async () => {
    const f = JSON.parse(await reportFrom([dsjEvent()])) as Record<string, unknown>;
    delete f.payload;
    const { checksum: _old, ...rest } = f;
    await refuses(JSON.stringify({ ...rest, checksum: await checksumOf(rest as Parameters<typeof checksumOf>[0]) }), /缺少内容/);
  });
  it('a bad checksum (file edited after export)', async () => {
    const text = (await reportFrom([dsjEvent()])).replace('"percent": 60', '"percent": 99');
    await refuses(text, /校验码不符/);
  });
  it('a missing checksum', async () => {
    const f = JSON.parse(await reportFrom([dsjEvent()])) as Record<string, unknown>;
    delete f.checksum;
    await refuses(JSON.stringify(f), /缺少校验码/);
  });
  it('another plan’s report', async () => refuses(await reportFrom([dsjEvent()], '市大数据局', 'other-plan'), /另一个计划/));

  it('an impossible date and duplicated ids inside a sealed file: per record', async () => {
    const bad = dsjEvent({ id: 'd1', type: 'extension-request', requestedDue: '2026-02-30' } as Partial<PlanEvent>);
    const dup = dsjEvent({ id: 'd2' });
    const text = await reportFrom([bad, dup, dup, { ...dup, note: '不同内容' }]);
    const p = await previewImport(office, text, { now });
    expect(p.refused.some((i) => i.id === 'd1' && /requestedDue/.test(i.reason ?? ''))).toBe(true);
    // Changed (issue 16 point 8): identical copies count once, but a file that gives one id two
    // contents has neither taken (it used to keep one by a fixed rule).
    expect(p.newItems.filter((i) => i.id === 'd2')).toHaveLength(0);
    expect(p.refused.filter((i) => i.id === 'd2').map((i) => i.reason)).toEqual([expect.stringMatching(/编号相同.*内容不同/), expect.stringMatching(/编号相同.*内容不同/)]);
  });

  it('HTML in notes stays plain text', async () => {
    const p = await previewImport(office, await reportFrom([dsjEvent({ note: '<img src=x onerror=alert(1)>' })]), { now });
    const r = applyImport(office, p);
    expect(r.state.events.find((e) => e.id === 'r1')!.note).toBe('<img src=x onerror=alert(1)>');
  });
});

describe('full backup', () => {
  it('export then import gives back the same state (property)', async () => {
    // The generated records are dated all through 2026: the backup is made and read after them
    // (records dated after the reader's tomorrow are refused).
    const now = new Date('2027-01-01T00:00:00Z');
    await fc.assert(
      fc.asyncProperty(eventsArb(30), async (events) => {
        const sorted = applyImport({ ...office, events: [] }, { ok: true, planAction: 'none', removedTasks: [], incoming: { plan: null, units: null, events, identity: null } } as never).state.events;
        const state: DataState = { plan: samplePlan, units: sampleUnits, events: sorted, identity: { kind: 'unit', name: '市财政局' }, dropped: [] };
        const text = (await buildBackup(state, '市财政局', now)).text;
        const empty: DataState = { plan: { ...samplePlan, id: 'other', tasks: [] }, units: [], events: [] };
        const r = applyImport(empty, await previewImport(empty, text, { now }), { confirmed: true });
        expect(canonicalJson(r.state.plan)).toBe(canonicalJson(state.plan));
        expect(canonicalJson(r.state.events)).toBe(canonicalJson(state.events));
        expect(r.state.units).toEqual(state.units);
        expect(r.state.identity).toEqual(state.identity);
      }),
      { numRuns: 25 },
    );
  });
});

describe('CSV of the three lists', () => {
  it('has a BOM, the seven columns, and one row per task', () => {
    const csv = buildCsv(samplePlan, deriveAllStates(samplePlan, sampleEvents));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['任务', '牵头单位', '配合单位', '时限', '状态', '进度', '挂牌督办']);
    expect(rows).toHaveLength(1 + samplePlan.tasks.length);
    expect(rows[1]).toEqual(['完成项目审批改革', '市发展和改革委员会', '', '一季度 2026-03-31', '已完成', '100%', '是']);
    expect(rows[2]![3]).toContain('已延期');
  });

  it('quotes commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('他说"好"')).toBe('"他说""好"""');
    expect(csvCell('一\n二')).toBe('"一\n二"');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    for (const c of ['+1', '-1', '@SUM(A1)']) expect(csvCell(c).startsWith("'")).toBe(true);
  });

  it('round-trips any title through quoting', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (title) => {
        const plan = { ...samplePlan, tasks: [{ ...samplePlan.tasks[0]!, title }] };
        const cell = parseCsv(buildCsv(plan))[1]![0]!;
        expect(cell === title || cell === `'${title}`).toBe(true);
      }),
    );
  });
});
