/**
 * The bytes that are signed. Private to src/domain/signing/: use signing.ts.
 *
 * The encoding is frozen here rather than shared with merge.ts's canonicalJson so that a change
 * to how merges break ties can never invalidate a signature made last year.
 */
import type { PlanEvent } from '@/domain/model';

/** Prefixes that keep a signature over an event from ever verifying as one over a file, and back. */
export const EVENT_CONTEXT = 'luoshi/event/1';
export const FILE_CONTEXT = 'luoshi/file/1';

/** Fields that carry the signature itself and are never signed. */
const SIGNATURE_FIELDS: ReadonlySet<string> = new Set(['sig']);

/**
 * JSON with the keys of every object sorted (by UTF-16 code units, as Array.prototype.sort does),
 * no whitespace, members whose value is undefined left out, strings and numbers as JSON.stringify
 * writes them. A number that JSON cannot hold (NaN, Infinity) is an error, not a silent null: the
 * schemas never let one through, and signing one would sign something other than what is shown.
 */
export function canonicalText(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`不能签名非有限数值 ${String(value)}`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalText(v))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const parts: string[] = [];
      for (const k of Object.keys(obj).sort()) {
        const v = obj[k];
        if (v === undefined) continue;
        parts.push(`${JSON.stringify(k)}:${canonicalText(v)}`);
      }
      return `{${parts.join(',')}}`;
    }
    default:
      throw new Error(`不能签名的值类型 ${typeof value}`);
  }
}

/**
 * What an event's signature covers: a context line, the plan it belongs to, then every field of
 * the event except the signature, keys sorted. Every field counts, including ones that event
 * types added later will carry, so nothing about a record can change without breaking its
 * signature: not the task (a replay under another task), not the author (`unit`), not the time.
 */
export function eventMessage(event: PlanEvent, planId: string): string {
  const unsigned: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(event)) if (!SIGNATURE_FIELDS.has(k)) unsigned[k] = v;
  return `${EVENT_CONTEXT}\n${planId}\n${canonicalText(unsigned)}`;
}

/**
 * What a file's signature covers: its checksum, the SHA-256 of the canonical JSON of everything in
 * the file but the checksum and this signature (kind, plan id, time, sender, the whole payload: a
 * plan package's plan and unit registry, every record, the sender's public key).
 */
export function fileMessage(checksum: string): string {
  return `${FILE_CONTEXT}\n${checksum}`;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_INDEX = new Map([...B64URL].map((c, i) => [c, i]));

/** base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]! + B64URL[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]!;
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64URL[n >> 18]! + B64URL[(n >> 12) & 63]! + B64URL[(n >> 6) & 63]!;
  }
  return out;
}

/** Inverse of toBase64Url; null for anything that is not canonical unpadded base64url. */
export function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (const c of text) {
    const v = B64URL_INDEX.get(c);
    if (v === undefined) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  // Leftover bits must be zero, or two texts would decode to the same bytes.
  if (acc & ((1 << bits) - 1)) return null;
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export const utf8 = (text: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;
