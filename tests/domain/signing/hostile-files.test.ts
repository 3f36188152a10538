/**
 * The signature check against hostile files: whatever a file puts where a signer, a file
 * signature or a record signature belongs, previewImport with a trust store never throws, never
 * applies a record it could not verify, and answers in Chinese.
 */
import { webcrypto } from 'node:crypto';
import fc from 'fast-check';
import { checksumOf } from '@/domain/files';
import { canonicalJson } from '@/domain/merge';
import { previewImport } from '@/domain/imports/preview';
import { OFFICE_NAME } from '@/domain/model';
import { emptyTrust, generateSigningKeyPair, pinKey, publicKeyInfo, signEvent, signFile, type KeyInfo, type Signer } from '@/domain/signing/signing';
import { department, dsj, engineText, messagesOf, now, office } from '../imports/file-builders';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
let unit: Signer & { info: KeyInfo };
beforeAll(async () => {
  const kp = await generateSigningKeyPair({ subtle });
  const info = await publicKeyInfo(kp.publicKey, subtle);
  unit = { keyId: info.keyId, privateKey: kp.privateKey, info };
});

/** ECDSA signatures are randomised: the record is signed once, and every file carries that one. */
let genuineRecord: Awaited<ReturnType<typeof signEvent>> | null = null;
async function signedRecord() {
  return (genuineRecord ??= await signEvent(dsj(), office.plan.id, unit, subtle));
}

/** A report from 市大数据局 with whatever signer, signature and record signature the test gives. */
async function report(signer: unknown, signature: unknown, sig: unknown): Promise<string> {
  const e = { ...(await signedRecord()), ...(sig === undefined ? {} : { sig }) };
  const head = { kind: 'luoshi/progress-report' as const, schemaVersion: 1, planId: office.plan.id, createdAt: now.toISOString(), sender: '市大数据局', payload: { events: [e], signer } };
  const checksum = await checksumOf(head);
  return JSON.stringify({ ...head, checksum, signature });
}

const junk = fc.oneof(
  fc.anything(),
  fc.record({ author: fc.oneof(fc.constant('市大数据局'), fc.string()), publicKey: fc.string() }),
  fc.record({ key: fc.stringMatching(/^[0-9a-f]{16}$/), value: fc.string({ minLength: 86, maxLength: 86 }) }),
);

describe('previewImport with signatures, hostile files', () => {
  it('never throws, applies nothing unverified, and speaks Chinese', async () => {
    const trust = pinKey(emptyTrust(), '市大数据局', unit.info, now);
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constant(undefined), junk), junk, fc.oneof(fc.constant(undefined), junk), async (signer, signature, sig) => {
        const p = await previewImport(office, await report(signer, signature, sig), { now, trust, subtle });
        for (const m of messagesOf(p)) expect(engineText(m), m).toBeNull();
        // Only the record exactly as the unit signed it may ever be taken (a file without a
        // signer is an older file, whose signed record still verifies on its own).
        const genuine = canonicalJson(await signedRecord());
        for (const e of p.incoming.events) expect(canonicalJson(e)).toBe(genuine);
        if (sig !== undefined && canonicalJson({ ...(await signedRecord()), sig }) !== genuine) expect(p.incoming.events).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('takes the record when everything is as the unit made it', async () => {
    const trust = pinKey(emptyTrust(), '市大数据局', unit.info, now);
    const head = { kind: 'luoshi/progress-report' as const, schemaVersion: 1, planId: office.plan.id, createdAt: now.toISOString(), sender: '市大数据局', payload: { events: [await signEvent(dsj(), office.plan.id, unit, subtle)], signer: { author: '市大数据局', publicKey: unit.info.publicKey } } };
    const checksum = await checksumOf(head);
    const text = JSON.stringify({ ...head, checksum, signature: await signFile(checksum, unit, subtle) });
    const p = await previewImport(office, text, { now, trust, subtle });
    expect(p.refused).toEqual([]);
    expect(p.incoming.events).toHaveLength(1);
    // The same file at a department that never pinned this unit: it waits for the key.
    const q = await previewImport(department, text, { now, trust: pinKey(emptyTrust(), OFFICE_NAME, unit.info, now), subtle });
    expect(q.incoming.events).toEqual([]);
  });
});
