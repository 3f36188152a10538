/**
 * Signed records between two browsers (an office and a department), each a store with its own
 * storage and keyring: keys made on first start, records signed when written, keys pinned on
 * first use after the fingerprint is confirmed, and the issue's forgery refused with its reason.
 */
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import { emptyTrust, verifyRecords } from '@/domain/signing/signing';
import { memoryKeyring, type Keyring } from '@/lib/keyring';
import { selectCanWrite } from '@/store/slices/signing';
import type { LuoshiStore } from '@/store/store';
import { FakeStorage } from './fake-storage';
import { buildBulletinContent } from '@/domain/bulletin/quarterly';
import { buildQuarterlyReport } from '@/domain/report';
import { Clock, makeStore } from './helpers';

const DSJ = '市大数据局';

async function browser(clock: Clock, idPrefix: number, keyring: Keyring = memoryKeyring(clock.now), storage = new FakeStorage()): Promise<LuoshiStore> {
  const store = makeStore(storage, { clock, idPrefix, keyring });
  await store.getState().whenSigned();
  return store;
}

const draftOf = (s: LuoshiStore) => buildBulletinContent(buildQuarterlyReport(s.getState().plan, s.getState().events, 1, '2026-04-02'));

async function importFile(store: LuoshiStore, text: string) {
  return store.getState().previewImport(text);
}

/** Pins whatever the preview asks for (the user confirmed the fingerprints), then previews again. */
async function pinAndPreview(store: LuoshiStore, text: string) {
  const first = await importFile(store, text);
  for (const r of first.signatures?.pinRequests ?? []) await store.getState().pinKey(r.author, r.key);
  return importFile(store, text);
}

describe('signing between an office and a department', () => {
  let clock: Clock;
  let office: LuoshiStore;
  let dept: LuoshiStore;
  beforeEach(async () => {
    clock = new Clock();
    office = await browser(clock, 1);
    dept = await browser(clock, 2);
  });

  it('the office makes its key on first start and pins it as its own', () => {
    const s = office.getState();
    expect(s.signing.ready).toBe(true);
    expect(s.signing.own[OFFICE_NAME]?.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(s.trust.office).toMatchObject({ keyId: s.signing.own[OFFICE_NAME]!.keyId, how: 'own' });
  });

  it('signs every record a moment after it is written, by its author’s key', async () => {
    const e = office.getState().record({ type: 'urge', taskId: 't2', note: '请加快' });
    expect(e.sig).toBeUndefined();
    await office.getState().whenSigned();
    const stored = office.getState().events.find((x) => x.id === e.id)!;
    expect(stored.sig?.key).toBe(office.getState().signing.own[OFFICE_NAME]!.keyId);
    const v = await verifyRecords([stored], office.getState().trust, { planId: office.getState().plan.id });
    expect(v.accepted).toEqual([stored]);
  });

  it('a department pins the office’s key from its first package after confirming, then sees the office read-only', async () => {
    office.getState().record({ type: 'notice', taskId: 't2', kind: 'commend', note: '进度快' });
    const pkg = (await office.getState().exportPlanPackage()).text;

    const held = await importFile(dept, pkg);
    expect(held.ok).toBe(true);
    expect(held.signatures?.pinRequests).toEqual([expect.objectContaining({ author: OFFICE_NAME, previous: null, count: 1 })]);
    expect(held.signatures?.pinRequests[0]!.key.fingerprint).toBe(office.getState().signing.own[OFFICE_NAME]!.fingerprint);
    expect(held.newItems).toEqual([]);
    expect(held.refused.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringContaining('等待登记市政府办公室的密钥')]));
    expect(dept.getState().applyImport(held)).toBe(false);

    await dept.getState().pinKey(OFFICE_NAME, held.signatures!.pinRequests[0]!.key);
    const ok = await importFile(dept, pkg);
    expect(ok.refused).toEqual([]);
    expect(ok.newItems.map((i) => i.kind)).toEqual(['event']);
    expect(dept.getState().applyImport(ok)).toBe(true);
    expect(dept.getState().events.filter((e) => e.unit === OFFICE_NAME)).toHaveLength(1);

    // The department's own office key, never used, is given up: the office's screens are read-only here.
    await vi.waitFor(() => expect(dept.getState().signing.own[OFFICE_NAME]).toBeUndefined());
    expect(selectCanWrite(dept.getState())).toBe(false);
    expect(() => dept.getState().record({ type: 'notice', taskId: 't2', kind: 'commend' })).toThrow(/只能查看/);
    dept.getState().setIdentity({ kind: 'unit', name: DSJ });
    expect(selectCanWrite(dept.getState())).toBe(true);
  });

  it('the 督办 cycle: where the office is read-only its acts are refused by the store; 签收 and 回复 are the unit’s own, signed by its key', async () => {
    office.getState().upsertLeader({ id: 'l-1', name: '张副市长', role: 'vice-mayor', aliases: [], units: [DSJ], tasks: [] });
    // Leaders travel with a newer plan (a package whose plan is unchanged leaves them as they are).
    office.getState().updateTask('t2', { title: '政务数据平台二期' });
    office.getState().issueBulletin(draftOf(office));
    const urge = office.getState().record({ type: 'urge', taskId: 't2', method: 'phone', replyBy: '2026-03-20', note: '请回复' });
    dept.getState().applyImport(await pinAndPreview(dept, (await office.getState().exportPlanPackage()).text));
    // The package's leaders and issued 通报 came with the office's verified signature.
    expect(dept.getState().leaders.map((l) => l.name)).toContain('张副市长');
    expect(dept.getState().issued).toHaveLength(1);
    await vi.waitFor(() => expect(dept.getState().signing.own[OFFICE_NAME]).toBeUndefined());

    const d = dept.getState();
    const before = { events: d.events, leaders: d.leaders, issued: d.issued };
    expect(() => d.assignTask('t2', null, '按期办结')).toThrow(/只能查看/);
    expect(() => d.record({ type: 'urge', taskId: 't2', method: 'written', replyBy: '2026-03-25' })).toThrow(/只能查看/);
    expect(() => d.issueBulletin(draftOf(dept))).toThrow(/只能查看/);
    expect(() => d.upsertLeader({ ...before.leaders[0]!, units: [] })).toThrow(/只能查看/);
    expect(() => d.removeLeader(before.leaders[0]!.id)).toThrow(/只能查看/);
    expect(() => d.setTaskLeaders('t2', [])).toThrow(/只能查看/);
    expect(dept.getState()).toMatchObject(before);

    dept.getState().setIdentity({ kind: 'unit', name: DSJ });
    expect(() => dept.getState().issueBulletin(draftOf(dept))).toThrow('只有市政府办公室可以这样做。');
    const receipt = dept.getState().record({ type: 'receipt', taskId: 't2', handler: '王敏', phone: '0571-87001234' });
    const reply = dept.getState().record({ type: 'reply', taskId: 't2', urgeId: urge.id, note: '本周报送' });
    const report = (await dept.getState().exportProgressReport()).text;
    const p = await pinAndPreview(office, report);
    expect(p.refused).toEqual([]);
    expect(office.getState().applyImport(p)).toBe(true);
    const got = office.getState().events.filter((e) => e.id === receipt.id || e.id === reply.id);
    expect(got).toHaveLength(2);
    for (const e of got) expect(e.sig?.key).toBe(office.getState().trust.units[DSJ]!.keyId);
  });

  it('the office pins a unit’s key from its first report after confirming, and takes its records', async () => {
    const pkg = (await office.getState().exportPlanPackage()).text;
    dept.getState().applyImport(await pinAndPreview(dept, pkg));
    dept.getState().setIdentity({ kind: 'unit', name: DSJ });
    dept.getState().record({ type: 'progress', taskId: 't2', percent: 40, note: '平台上线' });
    const report = (await dept.getState().exportProgressReport()).text;
    const fp = dept.getState().signing.own[DSJ]!.fingerprint;

    const held = await importFile(office, report);
    expect(held.signatures?.pinRequests).toEqual([expect.objectContaining({ author: DSJ, count: 1, previous: null })]);
    expect(held.signatures?.pinRequests[0]!.key.fingerprint).toBe(fp);
    expect(held.refused[0]!.reason).toContain(`等待登记${DSJ}的密钥（指纹 ${fp}）`);

    const ok = await pinAndPreview(office, report);
    expect(ok.newItems.map((i) => i.kind)).toEqual(['event']);
    expect(office.getState().applyImport(ok)).toBe(true);
    expect(office.getState().trust.units[DSJ]?.fingerprint).toBe(fp);
  });

  it('refuses the issue’s forgery: a department that makes itself an office key and sends a package with 表扬 and 通过验收', async () => {
    const pkg = (await office.getState().exportPlanPackage()).text;
    dept.getState().applyImport(await pinAndPreview(dept, pkg));
    // A report from the department first, so the office knows it (and its tasks' state is settled).
    dept.getState().setIdentity({ kind: 'unit', name: DSJ });
    dept.getState().record({ type: 'progress', taskId: 't2', percent: 40 });
    office.getState().applyImport(await pinAndPreview(office, (await dept.getState().exportProgressReport()).text));
    const before = office.getState().events;

    // The department wipes its pins (devtools, or a fresh browser profile), so its browser lets it
    // act as the office again with an office key of its own, and records a 表扬 and an 通过验收.
    const rogue = await browser(clock, 3);
    expect(selectCanWrite(rogue.getState())).toBe(true);
    rogue.getState().record({ type: 'notice', taskId: 't2', kind: 'commend', note: '表扬' });
    // 验收 needs a reported completion first (issue 12): the forger writes that too, in the office's name.
    rogue.getState().record({ type: 'tick', taskId: 't2', done: true, note: '已完成' });
    rogue.getState().record({ type: 'review', taskId: 't2', accepted: true, grade: '优秀', note: '通过验收' });
    // …and an issued 通报 and a leader of its own, which are the office's data too.
    rogue.getState().issueBulletin(draftOf(rogue));
    rogue.getState().upsertLeader({ id: 'l-rogue', name: '假副市长', role: 'vice-mayor', aliases: [], units: [DSJ], tasks: ['t2'] });
    const issuedBefore = office.getState().issued;
    const leadersBefore = office.getState().leaders;
    const forged = (await rogue.getState().exportPlanPackage()).text;

    const p = await importFile(office, forged);
    expect(p.ok).toBe(true);
    expect(p.newItems).toEqual([]);
    const reasons = p.refused.filter((r) => r.kind === 'event').map((r) => r.reason);
    expect(reasons).toHaveLength(3);
    for (const r of reasons) expect(r).toMatch(/市政府办公室的密钥与本机登记的不同/);
    expect(p.refused[0]).toMatchObject({ kind: 'plan' });
    expect(p.incoming.issued).toEqual([]);
    expect(p.incoming.leaders).toBeNull();
    expect(office.getState().applyImport(p)).toBe(false);
    expect(office.getState().events).toBe(before);
    expect(office.getState().issued).toBe(issuedBefore);
    expect(office.getState().leaders).toBe(leadersBefore);
  });

  it('refuses an office record a department signed with its unit key, and a unit record under another unit’s name', async () => {
    const pkg = (await office.getState().exportPlanPackage()).text;
    dept.getState().applyImport(await pinAndPreview(dept, pkg));
    dept.getState().setIdentity({ kind: 'unit', name: DSJ });
    dept.getState().record({ type: 'progress', taskId: 't2', percent: 40 });
    const report = JSON.parse((await dept.getState().exportProgressReport()).text) as { payload: { events: PlanEvent[] } };
    await office.getState().pinKey(DSJ, dept.getState().signing.own[DSJ]!);
    const mine = report.payload.events[0]!;
    const v = await verifyRecords(
      [
        { ...mine, id: 'x1', unit: OFFICE_NAME, type: 'notice', kind: 'commend' } as PlanEvent,
        { ...mine, unit: '市财政局' },
      ],
      office.getState().trust,
      { planId: office.getState().plan.id },
    );
    expect(v.refused.map((r) => r.code)).toEqual(['bad-signature', 'author-swapped']);
  });

  it('a report with another key for a pinned unit is refused until the office re-pins on purpose', async () => {
    const pkg = (await office.getState().exportPlanPackage()).text;
    dept.getState().applyImport(await pinAndPreview(dept, pkg));
    dept.getState().setIdentity({ kind: 'unit', name: DSJ });
    dept.getState().record({ type: 'progress', taskId: 't2', percent: 40 });
    office.getState().applyImport(await pinAndPreview(office, (await dept.getState().exportProgressReport()).text));

    // The department moves to a new computer without its key.
    const moved = await browser(clock, 4);
    moved.getState().applyImport(await pinAndPreview(moved, pkg));
    moved.getState().setIdentity({ kind: 'unit', name: DSJ });
    clock.tick(60_000);
    moved.getState().record({ type: 'progress', taskId: 't2', percent: 70 });
    const report = (await moved.getState().exportProgressReport()).text;
    const p = await importFile(office, report);
    expect(p.signatures?.pinRequests[0]!.previous?.fingerprint).toBe(office.getState().trust.units[DSJ]!.fingerprint);
    expect(p.refused[0]!.reason).toMatch(/市大数据局的密钥与本机登记的不同/);
    await expect(office.getState().pinKey(DSJ, p.signatures!.pinRequests[0]!.key)).rejects.toThrow(/重新登记/);
    await office.getState().repinKey(DSJ, p.signatures!.pinRequests[0]!.key);
    const again = await importFile(office, report);
    expect(again.refused).toEqual([]);
    expect(again.newItems).toHaveLength(1);
  });

  it('accepts an old unsigned report once as legacy, and not once the unit’s key is pinned', async () => {
    const text = await (async () => {
      const plain = makeStore(new FakeStorage(), { clock, idPrefix: 5, keyring: null });
      plain.getState().setIdentity({ kind: 'unit', name: DSJ });
      plain.getState().record({ type: 'progress', taskId: 't2', percent: 10 });
      return (await plain.getState().exportProgressReport()).text;
    })();
    const p = await importFile(office, text);
    expect(p.signatures?.legacy).toBe(1);
    expect(p.newItems).toHaveLength(1);
    await office.getState().pinKey(DSJ, (await memoryKeyring().ensure(DSJ)).info);
    const after = await importFile(office, text);
    expect(after.newItems).toEqual([]);
    expect(after.refused[0]!.reason).toMatch(/缺少签名/);
  });

  it('keeps the trust store across a reload', async () => {
    const storage = new FakeStorage();
    const ring = memoryKeyring(clock.now);
    const a = await browser(clock, 6, ring, storage);
    const fp = a.getState().trust.office!.fingerprint;
    a.destroy();
    const b = await browser(clock, 7, ring, storage);
    expect(b.getState().trust.office?.fingerprint).toBe(fp);
    expect(b.getState().trust).not.toEqual(emptyTrust());
  });
});

describe('a signed file changed after it was signed', () => {
  it('is refused whole, even with its checksum made to match again', async () => {
    const clock = new Clock();
    const office = await browser(clock, 8);
    office.getState().record({ type: 'urge', taskId: 't2', note: '请加快' });
    const text = (await office.getState().exportPlanPackage()).text;
    const dept = await browser(clock, 9);
    await pinAndPreview(dept, text);
    const file = JSON.parse(text) as { checksum: string; payload: { events: PlanEvent[] } } & Record<string, unknown>;
    file.payload.events[0]!.note = '改过的催办';
    const { checksumOf } = await import('@/domain/files');
    const { checksum: _old, signature: _sig, ...head } = file as Record<string, unknown>;
    file.checksum = await checksumOf(head as Parameters<typeof checksumOf>[0]);
    const p = await importFile(dept, JSON.stringify(file));
    expect(p.ok).toBe(false);
    expect(p.error).toMatch(/文件签名不符/);
    expect(p.incoming.events).toEqual([]);
  });

  it('restoring a backup this browser signed checks nothing again', async () => {
    const clock = new Clock();
    const storage = new FakeStorage();
    const office = await browser(clock, 10, memoryKeyring(clock.now), storage);
    office.getState().record({ type: 'urge', taskId: 't2' });
    const text = (await office.getState().exportBackup()).text;
    expect(JSON.parse(text)).toMatchObject({ signature: { key: office.getState().signing.own[OFFICE_NAME]!.keyId } });
    const p = await importFile(office, text);
    expect(p.ok).toBe(true);
    expect(p.signatures?.decision).toBe('pinned');
    expect(p.refused).toEqual([]);
  });
});
