/**
 * Signing and verifying one event or one plan package. Private to src/domain/signing/: use signing.ts.
 */
import type { PlanEvent, Signature } from '@/domain/model';
import { eventMessage, planMessage } from './encoding';
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

/** The office's signature over a plan package's plan and unit registry. */
export async function signPlan(plan: unknown, units: unknown, planId: string, signer: Signer, subtle: SubtleCrypto = defaultSubtle()): Promise<Signature> {
  return { key: signer.keyId, value: await signText(signer.privateKey, planMessage(plan, units, planId), subtle) };
}

/** Whether `sig` is the office key's signature over exactly this plan and registry. */
export async function verifyPlan(plan: unknown, units: unknown, planId: string, sig: Signature, office: KeyInfo, subtle: SubtleCrypto = defaultSubtle()): Promise<boolean> {
  if (sig.key !== office.keyId) return false;
  return verifyText(await importVerifyKey(office, subtle), sig.value, planMessage(plan, units, planId), subtle);
}
