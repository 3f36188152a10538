/**
 * The trust store: which public key speaks for the office and for each unit, as plain data with
 * pure decisions. Private to src/domain/signing/: use signing.ts.
 *
 * Keys are pinned on first use (after a person compared the fingerprint over the phone or with
 * the printed 督办单), never silently replaced: a file with another key for a pinned author is
 * refused until someone re-pins on purpose, and the replaced key is kept as retired so that
 * records it signed before the change still verify.
 */
import { z } from 'zod';
import { OFFICE_NAME } from '@/domain/model';
import type { KeyInfo } from './keys';

const PublicKeyTextSchema = z.string().regex(/^[A-Za-z0-9_-]{87}$/, { message: '公钥须为 87 位 base64url' });

export const RetiredKeySchema = z.object({
  publicKey: PublicKeyTextSchema,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  fingerprint: z.string().min(1).max(40),
  /** Records this key signed count only when dated before this (ISO). */
  retiredAt: z.string(),
});
export type RetiredKey = z.infer<typeof RetiredKeySchema>;

export const PinnedKeySchema = z.object({
  publicKey: PublicKeyTextSchema,
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  fingerprint: z.string().min(1).max(40),
  pinnedAt: z.string(),
  /**
   * own: this browser made the key; confirmed: pinned on first use after comparing the
   * fingerprint; repinned: replaced an earlier key on purpose.
   */
  how: z.enum(['own', 'confirmed', 'repinned']),
  /** For an own key: it has signed something that left this browser (a file). */
  sent: z.boolean().default(false),
  retired: z.array(RetiredKeySchema).default([]),
});
export type PinnedKey = z.infer<typeof PinnedKeySchema>;

export const TrustStoreSchema = z.object({
  version: z.literal(1),
  office: PinnedKeySchema.nullable(),
  /** By unit name, as events carry it. */
  units: z.record(z.string(), PinnedKeySchema),
});
export type TrustStore = z.infer<typeof TrustStoreSchema>;

export function emptyTrust(): TrustStore {
  return { version: 1, office: null, units: {} };
}

export function pinnedKeyOf(trust: TrustStore, author: string): PinnedKey | null {
  if (author === OFFICE_NAME) return trust.office;
  return Object.hasOwn(trust.units, author) ? trust.units[author]! : null;
}

/**
 * The author's pin, unless it is only a key of this browser's own that has never signed anything
 * that left it: such a key commits nobody (a department's browser makes an office key on its
 * first start, before its first plan package tells it the office's real one).
 */
export function settledPin(trust: TrustStore, author: string): PinnedKey | null {
  const pin = pinnedKeyOf(trust, author);
  return pin && !(pin.how === 'own' && !pin.sent) ? pin : null;
}

function withPin(trust: TrustStore, author: string, pin: PinnedKey | null): TrustStore {
  if (author === OFFICE_NAME) return { ...trust, office: pin };
  const units = { ...trust.units };
  if (pin) units[author] = pin;
  else delete units[author];
  return { ...trust, units };
}

/**
 * What a key presented for an author means here:
 * - `pinned`: it is the author's pinned key;
 * - `first-use`: nothing is pinned for the author (or only a key of this browser's own that never
 *   left it, as on a department's computer that started as the office before its first package);
 * - `changed`: another key is pinned, so taking this one needs a deliberate re-pin.
 */
export type KeyDecision = 'pinned' | 'first-use' | 'changed';

export function decideKey(trust: TrustStore, author: string, key: Pick<KeyInfo, 'keyId'>): KeyDecision {
  const pin = pinnedKeyOf(trust, author);
  if (!pin) return 'first-use';
  if (pin.keyId === key.keyId) return 'pinned';
  return pin.how === 'own' && !pin.sent ? 'first-use' : 'changed';
}

/**
 * Pins a key on first use (after the fingerprint was confirmed) or as this browser's own. Refuses
 * to replace another key: that is `repinKey`, on purpose.
 */
export function pinKey(trust: TrustStore, author: string, key: KeyInfo, now: Date, how: 'own' | 'confirmed' = 'confirmed'): TrustStore {
  const decision = decideKey(trust, author, key);
  if (decision === 'pinned') return trust;
  if (decision === 'changed') throw new Error(`${author}已登记另一把密钥（指纹 ${pinnedKeyOf(trust, author)!.fingerprint}），更换须重新登记`);
  return withPin(trust, author, { ...pick(key), pinnedAt: now.toISOString(), how, sent: false, retired: [] });
}

/**
 * Replaces an author's pinned key on purpose (a new computer, a lost key). The old key is
 * retired: what it signed before now still counts, anything it signs dated later does not.
 */
export function repinKey(trust: TrustStore, author: string, key: KeyInfo, now: Date): TrustStore {
  const old = pinnedKeyOf(trust, author);
  if (old?.keyId === key.keyId) return trust;
  const retired = old ? [...old.retired, { ...pick(old), retiredAt: now.toISOString() }] : [];
  return withPin(trust, author, { ...pick(key), pinnedAt: now.toISOString(), how: 'repinned', sent: false, retired });
}

/** Marks this browser's own key for an author as having left in a file. */
export function markSent(trust: TrustStore, author: string): TrustStore {
  const pin = pinnedKeyOf(trust, author);
  if (!pin || pin.how !== 'own' || pin.sent) return trust;
  return withPin(trust, author, { ...pin, sent: true });
}

/**
 * May this browser act as the office? Only when it holds the private half of the pinned office
 * key (or no office key is pinned yet, as on a fresh start). A department's browser has pinned
 * the office's key from its plan package: switching the picker to 市政府办公室 there gives a
 * read-only view, since no record it wrote could verify anyway.
 */
export function canActAs(trust: TrustStore, author: string, ownKeyIds: ReadonlySet<string>): boolean {
  const pin = pinnedKeyOf(trust, author);
  return !pin || ownKeyIds.has(pin.keyId);
}

function pick(k: KeyInfo): KeyInfo {
  return { publicKey: k.publicKey, keyId: k.keyId, fingerprint: k.fingerprint };
}
