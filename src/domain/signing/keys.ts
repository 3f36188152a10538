/**
 * ECDSA P-256 / SHA-256 keys through WebCrypto, which every browser and Node 20 has. Private to
 * src/domain/signing/: use signing.ts. WebCrypto is passed in (tests give Node's crypto.webcrypto)
 * or taken from globalThis.crypto.subtle.
 */
import { fromBase64Url, toBase64Url, toHex, utf8 } from './encoding';

export const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_PARAMS = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** An uncompressed P-256 point: 0x04 ‖ x ‖ y. */
const RAW_PUBLIC_KEY_BYTES = 65;
/** IEEE P1363 r ‖ s, as WebCrypto writes ECDSA signatures. */
export const SIGNATURE_BYTES = 64;

export function defaultSubtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('此浏览器不支持 WebCrypto（crypto.subtle），无法签名或验证记录。请使用较新的浏览器，并通过 https 或本机地址打开。');
  return subtle;
}

/**
 * A public key as it travels in files and sits in the trust store, with the two names derived
 * from it: `keyId` (16 lowercase hex digits, written on every signed record) and `fingerprint`
 * (20 uppercase hex digits in groups of four, read aloud over the phone or printed on 督办单).
 * Both are prefixes of the SHA-256 of the raw key, so they never disagree.
 */
export interface KeyInfo {
  /** base64url of the raw uncompressed point (87 characters). */
  publicKey: string;
  keyId: string;
  fingerprint: string;
}

/** 80 bits: finding another key with the same fingerprint is far beyond anyone's means. */
const FINGERPRINT_HEX = 20;

export function formatFingerprint(hex: string): string {
  return (hex.slice(0, FINGERPRINT_HEX).toUpperCase().match(/.{1,4}/g) ?? []).join('-');
}

/** Derives keyId and fingerprint from a base64url public key; null when it is not a P-256 point. */
export async function keyInfo(publicKey: string, subtle: SubtleCrypto = defaultSubtle()): Promise<KeyInfo | null> {
  const raw = fromBase64Url(publicKey);
  if (!raw || raw.length !== RAW_PUBLIC_KEY_BYTES || raw[0] !== 4) return null;
  // Importing checks that the point lies on the curve: a file cannot present garbage as a key.
  try {
    await subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, ALGORITHM, true, ['verify']);
  } catch {
    return null;
  }
  const hex = toHex(new Uint8Array(await subtle.digest('SHA-256', raw as Uint8Array<ArrayBuffer>)));
  return { publicKey, keyId: hex.slice(0, 16), fingerprint: formatFingerprint(hex) };
}

/** KeyInfo of a CryptoKey public key. */
export async function publicKeyInfo(key: CryptoKey, subtle: SubtleCrypto = defaultSubtle()): Promise<KeyInfo> {
  const raw = new Uint8Array(await subtle.exportKey('raw', key));
  const info = await keyInfo(toBase64Url(raw), subtle);
  if (!info) throw new Error('公钥不是 P-256 公钥');
  return info;
}

/**
 * A new signing key pair. The private key is not extractable unless asked: no script (nor a
 * copy of the browser profile opened elsewhere with a script) can read its bytes.
 */
export function generateSigningKeyPair(options: { extractable?: boolean; subtle?: SubtleCrypto } = {}): Promise<CryptoKeyPair> {
  const subtle = options.subtle ?? defaultSubtle();
  return subtle.generateKey(ALGORITHM, options.extractable ?? false, ['sign', 'verify']) as Promise<CryptoKeyPair>;
}

export function importVerifyKey(info: KeyInfo, subtle: SubtleCrypto): Promise<CryptoKey> {
  const raw = fromBase64Url(info.publicKey);
  if (!raw) throw new Error(`公钥 ${info.fingerprint} 无法读取`);
  return subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, ALGORITHM, false, ['verify']);
}

export async function signText(privateKey: CryptoKey, text: string, subtle: SubtleCrypto): Promise<string> {
  return toBase64Url(new Uint8Array(await subtle.sign(SIGN_PARAMS, privateKey, utf8(text))));
}

export async function verifyText(publicKey: CryptoKey, signature: string, text: string, subtle: SubtleCrypto): Promise<boolean> {
  const bytes = fromBase64Url(signature);
  if (!bytes || bytes.length !== SIGNATURE_BYTES) return false;
  try {
    return await subtle.verify(SIGN_PARAMS, publicKey, bytes as Uint8Array<ArrayBuffer>, utf8(text));
  } catch {
    return false;
  }
}
