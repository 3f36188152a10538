/**
 * Signed records with real WebCrypto (Node's crypto.webcrypto, as in a browser): each forgery the
 * issue lists is refused with its own reason, and merging signed logs keeps the union laws.
 */
import { webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, mergeEvents } from '@/domain/merge';
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import {
  canActAs,
  canonicalText,
  decideKey,
  emptyTrust,
  eventMessage,
  formatFingerprint,
  generateSigningKeyPair,
  keyInfo,
  markSent,
  pinKey,
  publicKeyInfo,
  repinKey,
  signEvent,
  signFile,
  verifyFile,
  verifyRecords,
  type KeyInfo,
  type Signer,
  type TrustStore,
} from '@/domain/signing/signing';
import { eventArb } from '../event-arbitraries';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
const PLAN = 'plan-2026';
const now = new Date('2026-03-10T00:00:00Z');
const DSJ = '市大数据局';
const CZJ = '市财政局';

interface Party extends Signer {
  info: KeyInfo;
}
async function party(): Promise<Party> {
  const kp = await generateSigningKeyPair({ subtle });
  const info = await publicKeyInfo(kp.publicKey, subtle);
  return { keyId: info.keyId, privateKey: kp.privateKey, info };
}

let office: Party;
let dsj: Party;
let czj: Party;
let trust: TrustStore;
beforeAll(async () => {
  [office, dsj, czj] = await Promise.all([party(), party(), party()]);
  trust = pinKey(pinKey(pinKey(emptyTrust(), OFFICE_NAME, office.info, now), DSJ, dsj.info, now), CZJ, czj.info, now);
});

const commend = (over: Partial<PlanEvent> = {}): PlanEvent =>
  ({ id: 'o1', at: '2026-03-05T08:00:00.000Z', unit: OFFICE_NAME, taskId: 't1', note: '进度快', type: 'notice', kind: 'commend', ...over }) as PlanEvent;
const progress = (over: Partial<PlanEvent> = {}): PlanEvent =>
  ({ id: 'u1', at: '2026-03-05T09:00:00.000Z', unit: DSJ, taskId: 't2', note: '平台已上线', type: 'progress', percent: 60, ...over }) as PlanEvent;
const verify = (records: PlanEvent[], over: Partial<Parameters<typeof verifyRecords>[2]> = {}) => verifyRecords(records, trust, { planId: PLAN, subtle, ...over });
const reasonOf = async (records: PlanEvent[], over: Partial<Parameters<typeof verifyRecords>[2]> = {}) => {
  const r = await verify(records, over);
  expect(r.accepted).toEqual([]);
  expect(r.refused).toHaveLength(1);
  return r.refused[0]!;
};

describe('canonical encoding', () => {
  it('sorts keys at every level, leaves out undefined members and has no whitespace', () => {
    expect(canonicalText({ b: 1, a: { d: [1, 'x'], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,"x"]},"b":1}');
  });

  it('does not depend on the order fields were written in', () => {
    const e = commend();
    const reordered = JSON.parse(JSON.stringify({ kind: 'commend', type: 'notice', note: e.note, taskId: e.taskId, unit: e.unit, at: e.at, id: e.id })) as PlanEvent;
    expect(eventMessage(reordered, PLAN)).toBe(eventMessage(e, PLAN));
  });

  it('covers every field but the signature, including fields of event types added later', () => {
    const later = { ...progress(), type: 'reply', deadline: '2026-04-01', method: '电话' } as unknown as PlanEvent;
    const text = eventMessage(later, PLAN);
    expect(text).toContain('"deadline":"2026-04-01"');
    expect(text).toContain('"method":"电话"');
    expect(eventMessage({ ...later, sig: { key: '0123456789abcdef', value: 'A'.repeat(86) } }, PLAN)).toBe(text);
  });

  it('binds the plan: the same event under another plan is another message', () => {
    expect(eventMessage(progress(), PLAN)).not.toBe(eventMessage(progress(), 'another-plan'));
  });

  it('refuses numbers JSON cannot hold instead of signing null', () => {
    expect(() => canonicalText({ percent: Number.NaN })).toThrow();
  });
});

describe('keys and fingerprints', () => {
  it('a fingerprint is five groups of four hex digits, and the key id is a prefix of the same hash', () => {
    expect(office.info.fingerprint).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(office.info.fingerprint.replace(/-/g, '').toLowerCase().startsWith(office.info.keyId)).toBe(true);
    expect(formatFingerprint('0123456789abcdef0123ffff')).toBe('0123-4567-89AB-CDEF-0123');
  });

  it('derives the same names from the public key text alone', async () => {
    expect(await keyInfo(office.info.publicKey, subtle)).toEqual(office.info);
  });

  it('refuses a public key that is not a P-256 point', async () => {
    expect(await keyInfo('A'.repeat(87), subtle)).toBeNull();
    expect(await keyInfo('not a key', subtle)).toBeNull();
    const bytes = Buffer.from(office.info.publicKey, 'base64url');
    bytes[40] = bytes[40]! ^ 1; // off the curve
    expect(await keyInfo(bytes.toString('base64url'), subtle)).toBeNull();
  });

  it('makes private keys that cannot be exported', async () => {
    await expect(subtle.exportKey('pkcs8', office.privateKey)).rejects.toThrow();
  });
});

describe('verifyRecords', () => {
  it('accepts records signed by their authors’ pinned keys', async () => {
    const a = await signEvent(commend(), PLAN, office, subtle);
    const b = await signEvent(progress(), PLAN, dsj, subtle);
    expect(a.sig).toEqual({ key: office.keyId, value: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) });
    const r = await verify([a, b]);
    expect(r.accepted).toEqual([a, b]);
    expect(r.refused).toEqual([]);
  });

  it('refuses a record without a signature', async () => {
    const r = await reasonOf([progress()]);
    expect(r.code).toBe('unsigned');
    expect(r.reason).toContain('缺少签名');
  });

  it('refuses a record with a flipped byte', async () => {
    const signed = await signEvent(progress(), PLAN, dsj, subtle);
    const r = await reasonOf([{ ...signed, percent: 61 } as PlanEvent]);
    expect(r.code).toBe('bad-signature');
    expect(r.reason).toContain('签名不符');
    const sig = Buffer.from(signed.sig!.value, 'base64url');
    sig[10] = sig[10]! ^ 0x01;
    expect((await reasonOf([{ ...signed, sig: { ...signed.sig!, value: sig.toString('base64url') } }])).code).toBe('bad-signature');
  });

  it('refuses a swapped author', async () => {
    const signed = await signEvent(progress(), PLAN, dsj, subtle);
    const r = await reasonOf([{ ...signed, unit: CZJ }]);
    expect(r.code).toBe('author-swapped');
    expect(r.reason).toBe(`署名被改动：这条记录由${DSJ}签名，署名却被改成了${CZJ}，未导入`);
  });

  it('refuses an event replayed under another task', async () => {
    const original = await signEvent(commend({ type: 'review', accepted: true, grade: '优秀' } as Partial<PlanEvent>), PLAN, office, subtle);
    const replayed = { ...original, id: 'o2', taskId: 't9' };
    const r = await reasonOf([replayed], { known: [original] });
    expect(r.code).toBe('replayed');
    expect(r.reason).toContain('重放');
    expect(r.reason).toContain('t9');
    // The original in the same file is still accepted.
    const both = await verify([original, replayed]);
    expect(both.accepted).toEqual([original]);
    expect(both.refused.map((x) => x.code)).toEqual(['replayed']);
    // Without the original at hand it is still refused, as a bad signature.
    expect((await reasonOf([replayed])).code).toBe('bad-signature');
  });

  it('refuses the same event replayed into another plan', async () => {
    const signed = await signEvent(progress(), 'another-plan', dsj, subtle);
    expect((await reasonOf([signed])).code).toBe('bad-signature');
  });

  it('refuses an office record signed by a unit key', async () => {
    const forged = await signEvent(commend(), PLAN, dsj, subtle);
    const r = await reasonOf([forged]);
    expect(r.code).toBe('office-signed-by-unit');
    expect(r.reason).toContain(`冒用${OFFICE_NAME}`);
    expect(r.reason).toContain(`由${DSJ}的密钥签名`);
  });

  it('refuses a unit record signed by another unit’s key', async () => {
    const forged = await signEvent(progress(), PLAN, czj, subtle);
    const r = await reasonOf([forged]);
    expect(r.code).toBe('unit-signed-by-other');
    expect(r.reason).toBe(`署名为${DSJ}，却由${CZJ}的密钥签名。单位只能签署自己的记录，未导入`);
  });

  it('refuses a record signed by an unknown key', async () => {
    const stranger = await party();
    const r = await reasonOf([await signEvent(progress(), PLAN, stranger, subtle)]);
    expect(r.code).toBe('unknown-key');
    expect(r.reason).toContain(dsj.info.fingerprint);
  });

  it('gives every case its own reason', async () => {
    const signedP = await signEvent(progress(), PLAN, dsj, subtle);
    const original = await signEvent(commend(), PLAN, office, subtle);
    const stranger = await party();
    const r = await verify(
      [
        progress({ id: 'a' }),
        { ...signedP, percent: 99 } as PlanEvent,
        { ...signedP, unit: CZJ },
        { ...original, id: 'o9', taskId: 't5' },
        await signEvent(commend({ id: 'b' }), PLAN, dsj, subtle),
        await signEvent(progress({ id: 'c' }), PLAN, czj, subtle),
        await signEvent(progress({ id: 'd' }), PLAN, stranger, subtle),
      ],
      { known: [original] },
    );
    const codes = r.refused.map((x) => x.code);
    expect(codes).toEqual(['unsigned', 'bad-signature', 'author-swapped', 'replayed', 'office-signed-by-unit', 'unit-signed-by-other', 'unknown-key']);
    expect(new Set(r.refused.map((x) => x.reason.split('：')[0]!.split('（')[0])).size).toBe(codes.length);
  });

  describe('first use, re-pinning and legacy', () => {
    it('holds records signed by a presented, unpinned key until it is pinned', async () => {
      const newcomer = await party();
      const rec = await signEvent(progress({ unit: '市教育局' }), PLAN, newcomer, subtle);
      const presented = [{ author: '市教育局', key: newcomer.info }];
      const held = await verify([rec], { presented });
      expect(held.accepted).toEqual([]);
      expect(held.refused).toEqual([]);
      expect(held.needsPinning).toEqual([{ author: '市教育局', key: newcomer.info, previous: null, records: [rec] }]);
      const pinned = pinKey(trust, '市教育局', newcomer.info, now);
      expect((await verifyRecords([rec], pinned, { planId: PLAN, subtle, presented })).accepted).toEqual([rec]);
    });

    it('refuses a presented key that does not sign its records', async () => {
      const newcomer = await party();
      const rec = await signEvent(progress({ unit: '市教育局' }), PLAN, newcomer, subtle);
      const r = await verify([{ ...rec, percent: 1 } as PlanEvent], { presented: [{ author: '市教育局', key: newcomer.info }] });
      expect(r.needsPinning).toEqual([]);
      expect(r.refused[0]!.code).toBe('bad-signature');
    });

    it('a file cannot present an office key over a pinned unit’s name, nor claim a pinned key for itself', async () => {
      const rec = await signEvent(commend(), PLAN, dsj, subtle);
      const r = await verify([rec], { presented: [{ author: OFFICE_NAME, key: dsj.info }] });
      expect(r.refused[0]!.code).toBe('office-signed-by-unit');
    });

    it('another key for a pinned unit waits for a deliberate re-pin; the old key’s earlier records still count', async () => {
      const moved = await party();
      const later = await signEvent(progress({ id: 'u7', at: '2026-04-02T00:00:00.000Z' }), PLAN, moved, subtle);
      const presented = [{ author: DSJ, key: moved.info }];
      const r = await verify([later], { presented });
      expect(decideKey(trust, DSJ, moved.info)).toBe('changed');
      expect(r.needsPinning[0]!.previous?.keyId).toBe(dsj.keyId);
      expect(() => pinKey(trust, DSJ, moved.info, now)).toThrow(/重新登记/);

      const repinned = repinKey(trust, DSJ, moved.info, new Date('2026-04-01T00:00:00Z'));
      const before = await signEvent(progress({ id: 'u5', at: '2026-03-20T00:00:00.000Z' }), PLAN, dsj, subtle);
      const after = await signEvent(progress({ id: 'u6', at: '2026-04-05T00:00:00.000Z' }), PLAN, dsj, subtle);
      const v = await verifyRecords([later, before, after], repinned, { planId: PLAN, subtle, presented });
      expect(v.accepted).toEqual([later, before]);
      expect(v.refused.map((x) => x.code)).toEqual(['retired-key']);
    });

    it('accepts unsigned records of an older file once, only for authors without a pinned key', async () => {
      const old = progress({ unit: '市教育局' });
      const r = await verify([old, progress()], { allowLegacy: true });
      expect(r.legacy).toEqual([old]);
      expect(r.refused.map((x) => x.code)).toEqual(['unsigned']);
      expect(r.refused[0]!.reason).toContain('已登记');
    });
  });
});

describe('trust decisions', () => {
  it('a browser acts as an author only with the private half of the pinned key, or before any is pinned', () => {
    expect(canActAs(emptyTrust(), OFFICE_NAME, new Set())).toBe(true);
    expect(canActAs(trust, OFFICE_NAME, new Set([office.keyId]))).toBe(true);
    expect(canActAs(trust, OFFICE_NAME, new Set([dsj.keyId]))).toBe(false);
  });

  it('an own office key that never left the browser gives way to the office’s key on first use; one that was sent does not', async () => {
    const mine = await party();
    const own = pinKey(emptyTrust(), OFFICE_NAME, mine.info, now, 'own');
    expect(decideKey(own, OFFICE_NAME, office.info)).toBe('first-use');
    expect(pinKey(own, OFFICE_NAME, office.info, now).office?.keyId).toBe(office.keyId);
    const sent = markSent(own, OFFICE_NAME);
    expect(decideKey(sent, OFFICE_NAME, office.info)).toBe('changed');
  });
});

describe('file signature', () => {
  const checksum = `sha256:${'ab'.repeat(32)}`;

  it('verifies the sender’s signature over exactly this checksum, under its key only', async () => {
    const sig = await signFile(checksum, office, subtle);
    expect(await verifyFile(checksum, sig, office.info, subtle)).toBe(true);
    expect(await verifyFile(`sha256:${'ac'.repeat(32)}`, sig, office.info, subtle)).toBe(false);
    expect(await verifyFile(checksum, sig, dsj.info, subtle)).toBe(false);
    expect(await verifyFile(checksum, await signFile(checksum, dsj, subtle), office.info, subtle)).toBe(false);
  });

  it('a signature over an event never verifies as one over a file', async () => {
    const e = await signEvent(progress(), PLAN, office, subtle);
    expect(await verifyFile(eventMessage(progress(), PLAN), e.sig!, office.info, subtle)).toBe(false);
  });

  it('vouches for the sender’s own records only: others are still checked one by one', async () => {
    const mine = { ...(await signEvent(progress(), PLAN, dsj, subtle)), percent: 99 } as PlanEvent;
    const forged = await signEvent(commend(), PLAN, dsj, subtle);
    // (In a file, changing a record breaks the file's checksum and signature, which are checked first.)
    const r = await verify([mine, forged], { vouched: { author: DSJ, keyId: dsj.keyId } });
    expect(r.accepted).toEqual([mine]);
    expect(r.refused.map((x) => x.code)).toEqual(['office-signed-by-unit']);
  });
});

describe('merging signed logs', () => {
  // A pool of signed events, some ids signed twice with different content (conflicts).
  let pool: PlanEvent[] = [];
  beforeAll(async () => {
    const raw = fc.sample(eventArb(10), { numRuns: 40, seed: 13 });
    pool = await Promise.all(raw.map((e) => signEvent(e, PLAN, e.unit === OFFICE_NAME ? office : e.unit === DSJ ? dsj : czj, subtle)));
  });
  const logArb = () => fc.subarray(pool).chain((xs) => fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }));
  const m = (a: PlanEvent[], b: PlanEvent[]) => mergeEvents(a, b).events;
  const same = (a: PlanEvent[], b: PlanEvent[]): void => {
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  };

  it('is idempotent', () => fc.assert(fc.property(logArb(), (a) => same(m(m(a, []), a), m(a, [])))));
  it('is commutative', () => fc.assert(fc.property(logArb(), logArb(), (a, b) => same(m(a, b), m(b, a)))));
  it('is associative', () => fc.assert(fc.property(logArb(), logArb(), logArb(), (a, b, c) => same(m(m(a, b), c), m(a, m(b, c))))));

  it('keeps every signature valid: the merge never changes a record', async () => {
    const merged = m(pool.slice(0, 20), pool.slice(15));
    const r = await verify(merged);
    expect(r.refused).toEqual([]);
    expect(r.accepted).toHaveLength(merged.length);
  });
});
