/**
 * Signed records: the entry to src/domain/signing/. Pure apart from WebCrypto, which is passed in
 * (tests give Node's crypto.webcrypto) or taken from globalThis.crypto.subtle. No storage, no UI:
 * the browser keeps the keys (src/lib/keyring.ts), the file format carries the signatures
 * (src/domain/files.ts), and docs/DATA.md ("Trust model") says what this protects and what not.
 *
 * - Every event is signed by its author's key (ECDSA P-256 / SHA-256) over a canonical encoding:
 *   a context line, the plan id, then every field but the signature with keys sorted and no
 *   whitespace. Event types added later are covered without a change here.
 * - A plan package's plan and unit registry are signed by the office.
 * - Keys are pinned on first use after a person compared fingerprints; verifyRecords says, for
 *   each record of a file, whether to apply it, refuse it (and why, in Chinese), take it as legacy,
 *   or wait for a key to be pinned.
 */
import type { PlanEvent, Signature } from '@/domain/model';
import { eventMessage, planMessage } from './encoding';
import { defaultSubtle, importVerifyKey, signText, verifyText, type KeyInfo } from './keys';

export { canonicalText, eventMessage, planMessage } from './encoding';
export { KEY_FILE_KIND, KeyFileSchema, MIN_PASSPHRASE, openKeyFile, sealKeyFile, type KeyFile, type OpenedKeyFile } from './keyfile';
export { formatFingerprint, generateSigningKeyPair, keyInfo, publicKeyInfo, type KeyInfo } from './keys';
export {
  canActAs,
  decideKey,
  emptyTrust,
  markSent,
  pinKey,
  pinnedKeyOf,
  repinKey,
  settledPin,
  TrustStoreSchema,
  type KeyDecision,
  type PinnedKey,
  type TrustStore,
} from './trust';
export { verifyRecords, type PinRequest, type PresentedKey, type RefusalCode, type RefusedRecord, type VerifyOptions, type VerifyResult } from './verify';

/** A private key with the id of its public half: what signs this browser's records. */
export interface Signer {
  keyId: string;
  privateKey: CryptoKey;
}

/** The event with its signature (any previous one replaced). The event is not changed. */
export async function signEvent<E extends PlanEvent>(event: E, planId: string, signer: Signer, subtle: SubtleCrypto = defaultSubtle()): Promise<E> {
  const value = await signText(signer.privateKey, eventMessage(event, planId), subtle);
  return { ...event, sig: { key: signer.keyId, value } };
}

/** The office's signature over a plan package's plan and unit registry. */
export async function signPlan(plan: unknown, units: unknown, planId: string, signer: Signer, subtle: SubtleCrypto = defaultSubtle()): Promise<Signature> {
  return { key: signer.keyId, value: await signText(signer.privateKey, planMessage(plan, units, planId), subtle) };
}

/** Whether `sig` is the office key's signature over exactly this plan and registry. */
export async function verifyPlan(plan: unknown, units: unknown, planId: string, sig: Signature, office: KeyInfo, subtle: SubtleCrypto = defaultSubtle()): Promise<boolean> {
  if (sig.key !== office.keyId) return false;
  return verifyText(await importVerifyKey(office, subtle), sig.value, planMessage(plan, units, planId), subtle);
}
