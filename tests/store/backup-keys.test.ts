/**
 * A full backup with keys (issue 13): private keys leave a browser only when asked for, sealed
 * under a passphrase; a plain backup never carries them; a new computer takes the data from the
 * backup and the keys only with the passphrase; a hostile key list is refused with a reason.
 */
import { checksumOf, type FileEnvelope } from '@/domain/files';
import { previewImport } from '@/domain/imports/preview';
import { OFFICE_NAME } from '@/domain/model';
import { memoryKeyring } from '@/lib/keyring';
import type { LuoshiStore } from '@/store/store';
import { FakeStorage } from './fake-storage';
import { Clock, makeStore } from './helpers';

const PASS = '新电脑口令2026';

async function browser(clock: Clock, idPrefix: number): Promise<LuoshiStore> {
  const store = makeStore(new FakeStorage(), { clock, idPrefix, keyring: memoryKeyring(clock.now) });
  await store.getState().whenSigned();
  return store;
}

const payloadOf = (text: string) => (JSON.parse(text) as FileEnvelope<Record<string, unknown>>).payload;

describe('a full backup with keys', () => {
  let clock: Clock;
  let office: LuoshiStore;
  beforeEach(async () => {
    clock = new Clock();
    office = await browser(clock, 1);
    office.getState().record({ type: 'urge', taskId: 't2', note: '请加快' });
    await office.getState().whenSigned();
  });

  it('a plain backup carries public keys only', async () => {
    const file = await office.getState().exportBackup();
    expect(payloadOf(file.text).sealedKeys).toBeUndefined();
    expect(file.fileName).not.toContain('密钥');
    const p = await office.getState().previewImport(file.text);
    expect(p.sealedKeys).toBeUndefined();
  });

  it('carries the office key sealed under the passphrase, and a new computer takes it only with that passphrase', async () => {
    const fp = office.getState().signing.own[OFFICE_NAME]!.fingerprint;
    const file = await office.getState().exportBackup({ keysPassphrase: PASS });
    expect(file.fileName).toContain('含签名密钥');
    const sealed = payloadOf(file.text).sealedKeys as Array<Record<string, unknown>>;
    expect(sealed).toHaveLength(1);
    expect(sealed[0]).toMatchObject({ kind: 'luoshi/signing-key', author: OFFICE_NAME, fingerprint: fp });
    // Sealed: nothing of the file opens without the passphrase (AES-GCM data, a PBKDF2 salt).
    expect(Object.keys(sealed[0]!).sort()).toEqual(['author', 'createdAt', 'data', 'fingerprint', 'iv', 'kdf', 'kind', 'publicKey', 'version']);

    const fresh = await browser(clock, 2);
    expect(fresh.getState().signing.own[OFFICE_NAME]!.fingerprint).not.toBe(fp);
    const p = await fresh.getState().previewImport(file.text);
    expect(p.ok).toBe(true);
    expect(p.sealedKeys).toEqual([expect.objectContaining({ author: OFFICE_NAME, fingerprint: fp })]);

    const wrong = await fresh.getState().importSigningKey(JSON.stringify(p.sealedKeys![0]!.file), '不是这个口令啊');
    expect(wrong.ok).toBe(false);
    expect(fresh.getState().signing.own[OFFICE_NAME]!.fingerprint).not.toBe(fp);
    const right = await fresh.getState().importSigningKey(JSON.stringify(p.sealedKeys![0]!.file), PASS);
    expect(right).toEqual({ ok: true, author: OFFICE_NAME, fingerprint: fp });
    expect(fresh.getState().signing.own[OFFICE_NAME]!.fingerprint).toBe(fp);
  });

  it('refuses a short passphrase before anything is written', async () => {
    await expect(office.getState().exportBackup({ keysPassphrase: '短' })).rejects.toThrow(/口令至少 8 个字符/);
  });

  it.each([
    ['not a list', { a: 1 }, /应是一个列表/],
    ['too many', Array.from({ length: 51 }, () => ({})), /超过 50 个/],
    ['an entry without author', [{ kind: 'luoshi/signing-key', fingerprint: 'AAAA' }], /不是落实导出的密钥/],
    ['an entry of another kind', [{ kind: 'x', author: OFFICE_NAME, fingerprint: 'AAAA' }], /不是落实导出的密钥/],
  ])('a hostile key list (%s) is refused with its reason, and names no key', async (_name, sealedKeys, reason) => {
    const file = await office.getState().exportBackup();
    const env = JSON.parse(file.text) as FileEnvelope<Record<string, unknown>>;
    const { checksum: _c, signature: _s, ...rest } = env as FileEnvelope<Record<string, unknown>> & { signature?: unknown };
    const forged = { ...rest, payload: { ...rest.payload, sealedKeys } };
    const text = JSON.stringify({ ...forged, checksum: await checksumOf(forged) });
    const p = await previewImport({ plan: office.getState().plan, units: office.getState().units, events: [], identity: { kind: 'office' }, dropped: [] }, text, { now: clock.now() });
    expect(p.ok).toBe(true);
    expect(p.sealedKeys).toBeUndefined();
    expect(p.refused.map((r) => r.reason)).toEqual(expect.arrayContaining([expect.stringMatching(reason)]));
  });
});
