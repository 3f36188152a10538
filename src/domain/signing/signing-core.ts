/**
 * Signing and verifying one event or one file. Private to src/domain/signing/: use signing.ts.
 */
import type { PlanEvent, Signature } from '@/domain/model';
import { eventMessage, fileMessage } from './encoding';
import { defaultSubtle, importVerifyKey, signText, verifyText, type KeyInfo } from './keys';

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

/** The sender's signature over a file (its checksum): one signature vouches for everything in it. */
export async function signFile(checksum: string, signer: Signer, subtle: SubtleCrypto = defaultSubtle()): Promise<Signature> {
  return { key: signer.keyId, value: await signText(signer.privateKey, fileMessage(checksum), subtle) };
}

/** Whether `sig` is `key`'s signature over a file with this checksum. */
export async function verifyFile(checksum: string, sig: Signature, key: KeyInfo, subtle: SubtleCrypto = defaultSubtle()): Promise<boolean> {
  if (sig.key !== key.keyId) return false;
  return verifyText(await importVerifyKey(key, subtle), sig.value, fileMessage(checksum), subtle);
}
