/**
 * The keyring over memory (IndexedDB holds the same objects in the browser; the browser test
 * covers that path): one key per author, non-extractable, movable only sealed under a passphrase.
 */
import { OFFICE_NAME } from '@/domain/model';
import { emptyTrust, pinKey, signEvent, verifyRecords } from '@/domain/signing/signing';
import { memoryKeyring } from '@/lib/keyring';

const event = { id: 'e1', at: '2026-03-05T08:00:00.000Z', unit: OFFICE_NAME, taskId: 't1', note: '', type: 'urge' } as const;

describe('keyring', () => {
  it('makes one key per author, once, even when asked twice at the same moment', async () => {
    const ring = memoryKeyring();
    const [a, b] = await Promise.all([ring.ensure(OFFICE_NAME), ring.ensure(OFFICE_NAME)]);
    expect(a.info.keyId).toBe(b.info.keyId);
    expect((await ring.ensure('市大数据局')).info.keyId).not.toBe(a.info.keyId);
    expect((await ring.list()).map((k) => k.author).sort()).toEqual(['市大数据局', OFFICE_NAME].sort());
  });

  it('keeps the signing key non-extractable', async () => {
    const k = await memoryKeyring().ensure(OFFICE_NAME);
    await expect(globalThis.crypto.subtle.exportKey('pkcs8', k.signer.privateKey)).rejects.toThrow();
  });

  it('moves a key to another computer sealed under a passphrase; the moved key signs as the same author', async () => {
    const old = memoryKeyring();
    const k = await old.ensure(OFFICE_NAME);
    const file = JSON.parse(JSON.stringify(await old.exportKey(OFFICE_NAME, 'zhengfuban-2026')));
    expect(file.fingerprint).toBe(k.info.fingerprint);

    const fresh = memoryKeyring();
    expect(await fresh.importKey(file, '错误的口令12345')).toEqual({ ok: false, error: expect.stringContaining('口令不对') });
    const moved = await fresh.importKey(file, 'zhengfuban-2026');
    expect(moved.ok).toBe(true);
    if (!moved.ok) return;
    expect(moved.key.info).toEqual(k.info);
    const signed = await signEvent(event, 'p', moved.key.signer);
    const trust = pinKey(emptyTrust(), OFFICE_NAME, k.info, new Date());
    expect((await verifyRecords([signed], trust, { planId: 'p' })).accepted).toEqual([signed]);
    // …and can move again from there.
    expect((await fresh.exportKey(OFFICE_NAME, 'another-pass-1')).fingerprint).toBe(k.info.fingerprint);
  });

  it('refuses a short passphrase and a file whose public key was swapped', async () => {
    const ring = memoryKeyring();
    await ring.ensure(OFFICE_NAME);
    await expect(ring.exportKey(OFFICE_NAME, 'short')).rejects.toThrow(/至少/);
    const file = await ring.exportKey(OFFICE_NAME, 'long enough pass');
    const other = await memoryKeyring().ensure(OFFICE_NAME);
    const r = await memoryKeyring().importKey({ ...file, publicKey: other.info.publicKey }, 'long enough pass');
    expect(r).toEqual({ ok: false, error: expect.stringContaining('不配对') });
  });
});
