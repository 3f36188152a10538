/**
 * A private key sealed under a passphrase, to move the office (or a unit) to a new computer.
 * Private to src/domain/signing/: use signing.ts.
 *
 * PBKDF2-SHA-256 (600,000 rounds, OWASP's figure for it) turns the passphrase into an AES-GCM key
 * that encrypts the PKCS#8 bytes; the public key and its fingerprint stay readable so that the
 * receiving computer can show whose key it is before asking for the passphrase.
 */
import { z } from 'zod';
import { fromBase64Url, toBase64Url, utf8 } from './encoding';
import { ALGORITHM, keyInfo, type KeyInfo } from './keys';

export const KEY_FILE_KIND = 'luoshi/signing-key';
const ROUNDS = 600_000;
/** Shorter passphrases are refused: the file may travel by e-mail or USB stick. */
export const MIN_PASSPHRASE = 8;

export const KeyFileSchema = z.object({
  kind: z.literal(KEY_FILE_KIND),
  version: z.literal(1),
  /** OFFICE_NAME or the unit's name. */
  author: z.string().min(1).max(200),
  publicKey: z.string(),
  fingerprint: z.string(),
  createdAt: z.string(),
  kdf: z.object({ name: z.literal('PBKDF2'), hash: z.literal('SHA-256'), iterations: z.number().int().min(100_000).max(10_000_000), salt: z.string() }),
  iv: z.string(),
  data: z.string(),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

async function passphraseKey(passphrase: string, salt: Uint8Array, iterations: number, subtle: SubtleCrypto): Promise<CryptoKey> {
  const base = await subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations }, base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Seals PKCS#8 bytes of a signing key. */
export async function sealKeyFile(pkcs8: ArrayBuffer, author: string, info: KeyInfo, passphrase: string, now: Date, subtle: SubtleCrypto): Promise<KeyFile> {
  if (passphrase.length < MIN_PASSPHRASE) throw new Error(`口令至少 ${MIN_PASSPHRASE} 个字符`);
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
  const key = await passphraseKey(passphrase, salt, ROUNDS, subtle);
  const data = new Uint8Array(await subtle.encrypt({ name: 'AES-GCM', iv }, key, pkcs8));
  return {
    kind: KEY_FILE_KIND,
    version: 1,
    author,
    publicKey: info.publicKey,
    fingerprint: info.fingerprint,
    createdAt: now.toISOString(),
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: ROUNDS, salt: toBase64Url(salt) },
    iv: toBase64Url(iv),
    data: toBase64Url(data),
  };
}

export type OpenedKeyFile =
  | { ok: true; author: string; info: KeyInfo; privateKey: CryptoKey; publicKey: CryptoKey; /** For the receiving keyring's own escrow, so the office can move again. */ pkcs8: ArrayBuffer }
  | { ok: false; error: string };

/**
 * Opens a sealed key: the private key comes back non-extractable, and is checked to be the
 * private half of the public key the file names (a file with a swapped public key is refused).
 */
export async function openKeyFile(raw: unknown, passphrase: string, subtle: SubtleCrypto): Promise<OpenedKeyFile> {
  const parsed = KeyFileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: '不是落实导出的密钥文件，或文件已损坏。' };
  const f = parsed.data;
  const info = await keyInfo(f.publicKey, subtle);
  const salt = fromBase64Url(f.kdf.salt);
  const iv = fromBase64Url(f.iv);
  const data = fromBase64Url(f.data);
  if (!info || !salt || !iv || !data) return { ok: false, error: '密钥文件已损坏。' };
  let pkcs8: ArrayBuffer;
  try {
    pkcs8 = await subtle.decrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, await passphraseKey(passphrase, salt, f.kdf.iterations, subtle), data as Uint8Array<ArrayBuffer>);
  } catch {
    return { ok: false, error: '口令不对（或密钥文件已损坏），未导入。' };
  }
  let privateKey: CryptoKey;
  let publicKey: CryptoKey;
  try {
    privateKey = await subtle.importKey('pkcs8', pkcs8, ALGORITHM, false, ['sign']);
    publicKey = await subtle.importKey('raw', fromBase64Url(f.publicKey) as Uint8Array<ArrayBuffer>, ALGORITHM, true, ['verify']);
    const probe = utf8('luoshi/key-check');
    const sig = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, probe);
    if (!(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, probe))) return { ok: false, error: '密钥文件中的私钥与公钥不配对，未导入。' };
  } catch {
    return { ok: false, error: '密钥文件中的私钥无法读取，未导入。' };
  }
  return { ok: true, author: f.author, info, privateKey, publicKey, pkcs8 };
}
