/**
 * Issue 16, points 4, 7, 8 and 9, one file each: a malformed or hostile file is refused (or, for
 * a plan that loses tasks, held until confirmed) with a Chinese reason, and nothing is applied.
 */
import { applyImport, buildPlanPackage, type DataState, type ImportPreview } from '@/domain/files';
import { previewImport } from '@/domain/imports/preview';
import { OFFICE_NAME, type Plan } from '@/domain/model';
import { sampleEvents, samplePlan } from '../../fixtures/storage/build-sample';
import { backupOf, department, dsj, engineText, messagesOf, newerPlan, now, office, packageOf, reportOf, sealed } from './file-builders';

/** Refused as a whole: the reason matches, every message is Chinese, applying changes nothing. */
async function refusedWhole(state: DataState, text: string, reason: RegExp): Promise<ImportPreview> {
  const p = await previewImport(state, text, { now });
  expect(p.ok).toBe(false);
  expect(p.error).toMatch(reason);
  expect(messagesOf(p).map(engineText).filter(Boolean)).toEqual([]);
  const r = applyImport(state, p, { confirmed: true });
  expect(r.changed).toBe(false);
  expect(r.state).toBe(state);
  return p;
}

/** One record refused: the reason matches, and applying leaves the state as it was. */
async function refusedRecord(state: DataState, text: string, reason: RegExp): Promise<ImportPreview> {
  const p = await previewImport(state, text, { now });
  expect(p.ok).toBe(true);
  expect(p.refused.map((i) => i.reason)).toEqual([expect.stringMatching(reason)]);
  expect(p.newItems).toEqual([]);
  expect(messagesOf(p).map(engineText).filter(Boolean)).toEqual([]);
  expect(applyImport(state, p, { confirmed: true }).state).toBe(state);
  return p;
}

describe('point 4: a package that would empty or shrink the plan', () => {
  it('tasks missing: refused, nothing applied', async () => {
    const { tasks: _gone, ...noTasks } = newerPlan();
    await refusedWhole(department, await packageOf(noTasks), /缺少任务列表（tasks）.*清空全部任务，未导入/);
  });

  it('tasks {} or a string: refused, quoting what is there', async () => {
    await refusedWhole(department, await packageOf(newerPlan({ tasks: {} })), /任务列表（tasks）应是一个列表，文件中是 “\{\}”/);
    await refusedWhole(department, await packageOf(newerPlan({ tasks: 'x' })), /文件中是 “x”/);
    await refusedWhole(department, await packageOf(newerPlan({ tasks: null })), /缺少任务列表/);
  });

  it('no plan at all, or a plan that is not an object: refused', async () => {
    await refusedWhole(department, await sealed({ kind: 'luoshi/plan-package', payload: { units: [], events: [] } }), /计划包中没有计划/);
    await refusedWhole(department, await packageOf([1, 2]), /计划应是一个对象/);
  });

  it('tasks []: held for a confirmation that names every task, never applied without it', async () => {
    const p = await previewImport(department, await packageOf(newerPlan({ tasks: [] })), { now });
    expect(p.ok).toBe(true);
    expect(p.planAction).toBe('update');
    expect(p.removedTasks.map((t) => t.title)).toEqual(samplePlan.tasks.map((t) => t.title));
    expect(p.toConfirm.map((i) => i.label)).toEqual(samplePlan.tasks.map((t) => `任务：${t.title}`));
    expect(p.summary).toMatch(/3 项任务将不再保留，须先确认/);
    const held = applyImport(department, p);
    expect(held).toEqual({ state: department, changed: false, needsConfirmation: true });
    const confirmed = applyImport(department, p, { confirmed: true });
    expect(confirmed.state.plan.tasks).toEqual([]);
    // The department's own records stay in the log.
    expect(confirmed.state.events).toEqual(department.events);
  });

  it('one task fewer: names that one task', async () => {
    const p = await previewImport(department, await packageOf(newerPlan({ tasks: samplePlan.tasks.slice(0, 2) })), { now });
    expect(p.removedTasks).toEqual([{ id: 't3', title: '办公室手工添加的任务' }]);
    expect(applyImport(department, p).changed).toBe(false);
  });

  it('a task that cannot be read (no id) is refused, and the task it would drop is named', async () => {
    const [a, b, c] = samplePlan.tasks;
    const { id: _noId, ...broken } = c!;
    const p = await previewImport(department, await packageOf(newerPlan({ tasks: [a, b, broken] })), { now });
    expect(p.refused.map((i) => i.reason)).toEqual(['任务缺少编号 (id)']);
    expect(p.removedTasks.map((t) => t.id)).toEqual(['t3']);
  });

  it('another plan with fewer tasks, or a backup with fewer: also held for confirmation', async () => {
    const other: Plan = { ...newerPlan(), id: 'plan-other', tasks: [samplePlan.tasks[0]!] };
    const replace = await previewImport(department, await sealed({ kind: 'luoshi/plan-package', planId: 'plan-other', payload: { plan: other, units: [], events: [] } }), { now });
    expect(replace.planAction).toBe('replace');
    expect(replace.removedTasks.map((t) => t.id)).toEqual(['t2', 't3']);
    expect(applyImport(department, replace).changed).toBe(false);
    const restore = await previewImport(office, await backupOf({ ...samplePlan, tasks: [] }), { now });
    expect(restore.planAction).toBe('restore');
    expect(restore.removedTasks).toHaveLength(3);
    expect(applyImport(office, restore).changed).toBe(false);
  });

  it('a package with the same tasks or more needs no confirmation', async () => {
    const more = newerPlan({ tasks: [...samplePlan.tasks, { ...samplePlan.tasks[0]!, id: 't4', title: '新增的任务' }] });
    const p = await previewImport(department, await packageOf(more), { now });
    expect(p.removedTasks).toEqual([]);
    expect(p.newItems.map((i) => i.label)).toEqual(['任务：新增的任务']);
    expect(applyImport(department, p).state.plan.tasks).toHaveLength(4);
  });
});

describe('point 7: a plan package is the office’s', () => {
  it('declared by another unit: refused, naming the sender', () =>
    packageOf(newerPlan({ title: '市教育局改过的计划' }), { sender: '市教育局' }).then((text) =>
      refusedWhole(department, text, /^计划包只能由市政府办公室下发，这份计划包的发送单位是“市教育局”，未导入/),
    ));

  it('a package that edits another unit’s task, made in a department’s browser, says so and is refused', async () => {
    const edited = newerPlan({ tasks: samplePlan.tasks.map((t) => (t.id === 't1' ? { ...t, title: '市大数据局改的标题' } : t)) });
    const built = await buildPlanPackage({ ...department, plan: edited }, now);
    expect(JSON.parse(built.text).sender).toBe('市大数据局');
    await refusedWhole(office, built.text, /计划包只能由市政府办公室下发/);
  });

  it('declared by the office but carrying a unit’s records: refused as a whole', () =>
    packageOf(newerPlan(), { events: [dsj({ id: 'x1' })] }).then((text) => refusedWhole(department, text, /计划包中有 1 条不是市政府办公室填写的记录（如 “市大数据局” 的）/)));

  it('a progress report that says it comes from the office: refused', () =>
    reportOf([dsj({ unit: OFFICE_NAME })], OFFICE_NAME).then((text) => refusedWhole(office, text, /进度报告由各单位报送/)));

  it('the office’s own package is accepted (the check is not a wall)', async () => {
    const p = await previewImport(department, (await buildPlanPackage({ ...office, plan: newerPlan({ title: '修订版' }) }, now)).text, { now });
    expect(p.ok).toBe(true);
    expect(applyImport(department, p).state.plan.title).toBe('修订版');
  });
});

describe('point 8: a record is immutable', () => {
  const officeUrge = sampleEvents.find((e) => e.unit === OFFICE_NAME)!;

  it('a report that reuses the office’s record id with other content: refused, the office’s record stays', async () => {
    const forged = { ...officeUrge, unit: '市大数据局', taskId: 't2', type: 'progress', percent: 100 };
    const p = await refusedRecord(office, await reportOf([forged]), /^记录编号重复但内容不同，已拒收：本机已有编号 .* 的另一条记录（市政府办公室/);
    expect(p.summary).toMatch(/拒收 1 条/);
  });

  it('another unit’s id reused: refused', async () => {
    const mine = dsj();
    const state = { ...office, events: [...office.events, mine] };
    await refusedRecord(state, await reportOf([{ ...mine, percent: 5 }]), /^记录编号重复但内容不同，已拒收/);
  });

  it('an identical copy is 已有, also the office’s own record coming back in a unit’s report', async () => {
    const mine = dsj();
    const state = { ...office, events: [...office.events, mine] };
    const p = await previewImport(state, await reportOf([mine, officeUrge]), { now });
    expect(p.present.map((i) => i.id)).toEqual([mine.id, officeUrge.id]);
    expect(p.refused).toEqual([]);
    expect(applyImport(state, p).changed).toBe(false);
  });

  it('a plan package whose office record differs from the one here: refused, not replaced', async () => {
    const p = await refusedRecord(department, await packageOf(samplePlan, { events: [{ ...officeUrge, note: '改过的催办' }] }), /^记录编号重复但内容不同/);
    expect(p.present.map((i) => i.label)).toEqual(['计划“样例计划”']);
  });
});

describe('point 9: times outside 2000-01-01 … one day after now', () => {
  it.each([
    ['9999-12-31T00:00:00.000Z', /比本机当前日期（2026年3月10日）晚一天以上/],
    ['0000-01-01T00:00:00.000Z', /早于 2000年1月1日/],
    ['1999-12-31T23:59:59.999Z', /早于 2000年1月1日/],
    ['2026-03-11T00:00:00.001Z', /晚一天以上/],
  ])('a record dated %s is refused', async (at, reason) => {
    const p = await refusedRecord(office, await reportOf([dsj({ at })]), reason);
    expect(p.refused[0]!.reason).toContain(`“${at}”`);
  });

  it('the edges of the window are accepted (2000-01-01 itself, and tomorrow this time)', async () => {
    const p = await previewImport(office, await reportOf([dsj({ id: 'a', at: '2000-01-01T00:00:00.000Z' }), dsj({ id: 'b', at: '2026-03-11T00:00:00.000Z' })]), { now });
    expect(p.newItems.map((i) => i.id)).toEqual(['a', 'b']);
  });

  it.each(['zzz', '+275760-09-13T00:00:00.000Z', '9999-12-31T00:00:00.000Z', '2026-02-30T00:00:00.000Z', ''])('a package with updatedAt %j is refused', async (updatedAt) => {
    await refusedWhole(department, await packageOf(newerPlan({ updatedAt })), /^计划的修改时间（updatedAt）.*无法判断它与本机的计划哪个较新，未导入/);
  });

  it.each(['yesterday', '2023-02-30', '2023-02-30T00:00:00.000Z', '1970-01-01T00:00:00.000Z'])('a file made at %j is refused, never shown as written', async (createdAt) => {
    const p = await refusedWhole(office, await sealed({ kind: 'luoshi/progress-report', sender: '市大数据局', createdAt, payload: { events: [dsj()] } }), /^文件的生成时间“.+”(不是有效的时间|早于 2000年1月1日)，未导入/);
    expect(p.createdAt).toBe('');
    const plan = await refusedWhole(department, await packageOf(newerPlan({ createdAt })), /^计划的创建时间（createdAt）/);
    expect(plan.error).toContain(`“${createdAt}”`);
  });

  it('a plan left here with a garbage updatedAt never makes the office’s genuine newer package look older', async () => {
    for (const bad of ['zzz', '+275760-09-13T00:00:00.000Z', '9999-12-31T00:00:00.000Z']) {
      const here: DataState = { ...department, plan: { ...samplePlan, updatedAt: bad } };
      const p = await previewImport(here, await packageOf(newerPlan({ title: '真正的新版' })), { now });
      expect(p.planAction).toBe('update');
      expect(applyImport(here, p).state.plan.title).toBe('真正的新版');
    }
  });

  it('a backup’s records out of the window are refused one by one; its plan times are corrected and said so', async () => {
    const p = await previewImport(department, await backupOf({ ...samplePlan, updatedAt: 'zzz' }, [...sampleEvents, dsj({ at: '9999-12-31T00:00:00.000Z' })]), { now });
    expect(p.refused.map((i) => i.reason)).toEqual([expect.stringMatching(/^记录时间“9999-12-31T00:00:00.000Z”比本机当前日期.*，已拒收/)]);
    expect(p.repaired).toEqual([expect.stringMatching(/^计划的修改时间（updatedAt）“zzz”不是有效的时间，已改为备份文件的生成时间/)]);
    const r = applyImport(department, p, { confirmed: true });
    expect(r.state.events).toEqual(sampleEvents);
    expect(r.state.plan.updatedAt).toBe(now.toISOString());
  });
});

describe('messages a person can act on', () => {
  it('the same updatedAt with other content is said to be that, not "older"', async () => {
    const p = await previewImport(department, await packageOf({ ...samplePlan, title: '别处改过的' }), { now });
    expect(p.ok).toBe(true);
    expect(p.planAction).toBe('none');
    expect(p.refused.map((i) => i.reason)).toEqual([expect.stringMatching(/^文件中的计划与本机的计划修改时间相同（.*），内容却不同/)]);
    expect(messagesOf(p).join('\n')).not.toMatch(/旧/);
  });

  it('an older plan coming back is 已有 with the two times, never a conflict', async () => {
    const here: DataState = { ...office, plan: newerPlan({ title: '本机后来改过' }) };
    const p = await previewImport(here, await packageOf(samplePlan), { now });
    expect(p.toConfirm).toEqual([]);
    expect(p.present[0]!.reason).toMatch(/^本机的计划较新（.*修改），文件中的是 .* 的版本，保留本机的计划$/);
    expect(applyImport(here, p).changed).toBe(false);
  });

  it('a newer plan’s edits are listed under 需确认 in words', async () => {
    const edited = newerPlan({ tasks: samplePlan.tasks.map((t) => (t.id === 't2' ? { ...t, title: '建成城市大脑', flagged: true, owners: [{ name: '市财政局', role: 'lead' as const, inferred: false }] } : t)) });
    const p = await previewImport(department, await packageOf(edited), { now });
    expect(p.toConfirm.map((i) => i.reason)).toEqual(['按文件中较新的计划修改：标题改为“建成城市大脑”；牵头单位 市大数据局 → 市财政局；配合单位 市财政局 → 无；挂牌督办']);
  });

  it.each([
    ['missing', undefined, /^文件缺少文件版本（schemaVersion）/],
    ['text', 'one', /^文件版本 “one” 无效/],
    ['zero', 0, /^文件版本 “0” 无效/],
  ])('schemaVersion %s: says what is wrong, never "undefined"', async (_name, schemaVersion, reason) => {
    const p = await refusedWhole(office, await sealed({ kind: 'luoshi/progress-report', sender: '市大数据局', schemaVersion, payload: { events: [] } }), reason);
    expect(p.error).not.toMatch(/undefined/);
  });

  it.each([
    ['cut off', '{"kind": "luoshi/progress-report", "payload": {"events": [', /^文件不是有效的 JSON：文件在结尾处中断/],
    ['a stray character', '{"kind": "luoshi/backup" x}', /^文件不是有效的 JSON：第 1 行第 26 个字符附近有无法识别的内容 “.*x}”/],
    ['on a later line', '{\n "kind": "luoshi/backup",\n "x" 1\n}', /第 3 行第 6 个字符附近/],
    ['empty', '   ', /^文件是空的/],
  ])('JSON that is %s: Chinese, where, never the engine’s English', async (_name, text, reason) => {
    await refusedWhole(office, text, reason);
  });

  it('a bad record names the field in words and quotes the value', async () => {
    const p = await previewImport(office, await reportOf([dsj({ percent: 'abc' }), dsj({ id: 'r2', type: 'tock' }), dsj({ id: 'r3', note: 'x'.repeat(6000) }), 42]), { now });
    expect(p.refused.map((i) => i.reason)).toEqual([
      '记录格式不符：进度（percent）应为数字，文件中是 “abc”',
      '记录格式不符：无法识别的记录类型 “tock”',
      '记录格式不符：说明（note）过长（6000 个字符，上限 5000）',
      '记录格式不符：不是一条记录，文件中是 “42”',
    ]);
  });

  it('nesting deeper than any real file is refused before it can exhaust the stack', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    await refusedWhole(office, JSON.stringify({ kind: 'luoshi/backup', x: 1 }).replace('1', deep), /嵌套超过 40 层/);
  });
});
