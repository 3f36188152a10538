/**
 * This browser's own signing keys (one per author it writes as: the office, or a unit), kept in
 * IndexedDB, which can hold a CryptoKey object itself: the private key is stored non-extractable,
 * so no script can read its bytes through WebCrypto.
 *
 * To move the office to a new computer a key must be exportable all the same: when a key is made,
 * its PKCS#8 bytes are encrypted under a second non-extractable key (AES-GCM) and kept beside it
 * (the escrow). Only `exportKey`, behind a confirmation and a passphrase, opens it. docs/DATA.md
 * ("Trust model") says plainly what this does not protect against: whoever uses this browser
 * profile can sign, and export, as its owner.
 */
import {
  generateSigningKeyPair,
  openKeyFile,
  publicKeyInfo,
  sealKeyFile,
  type KeyFile,
  type KeyInfo,
  type Signer,
} from '@/domain/signing/signing';

export interface OwnKey {
  author: string;
  info: KeyInfo;
  signer: Signer;
  createdAt: string;
}

export interface Keyring {
  /** False when keys cannot outlive the page (no IndexedDB, or it is blocked). */
  readonly persistent: boolean;
  get(author: string): Promise<OwnKey | null>;
  /** The key for `author`, made on first call. */
  ensure(author: string): Promise<OwnKey>;
  list(): Promise<OwnKey[]>;
  /** The key sealed under a passphrase (for a new computer). */
  exportKey(author: string, passphrase: string): Promise<KeyFile>;
  /** Takes a sealed key in, replacing this browser's key for the same author. */
  importKey(file: unknown, passphrase: string): Promise<{ ok: true; key: OwnKey } | { ok: false; error: string }>;
  /** Forgets the key for an author (the department's browser took the office's key instead). */
  remove(author: string): Promise<void>;
}

interface StoredKey {
  author: string;
  info: KeyInfo;
  privateKey: CryptoKey;
  createdAt: string;
  escrow: { iv: Uint8Array; data: ArrayBuffer };
}

/** What both implementations share: making, sealing and opening keys; only where they live differs. */
function keyringOver(backend: {
  persistent: boolean;
  read: (author: string) => Promise<StoredKey | null>;
  readAll: () => Promise<StoredKey[]>;
  write: (k: StoredKey) => Promise<void>;
  erase: (author: string) => Promise<void>;
  wrappingKey: () => Promise<CryptoKey>;
}, now: () => Date): Keyring {
  const subtle = globalThis.crypto.subtle;
  const own = (k: StoredKey): OwnKey => ({ author: k.author, info: k.info, createdAt: k.createdAt, signer: { keyId: k.info.keyId, privateKey: k.privateKey } });
  const making = new Map<string, Promise<OwnKey>>();

  const make = async (author: string): Promise<OwnKey> => {
    const pair = await generateSigningKeyPair({ extractable: true });
    const pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const data = await subtle.encrypt({ name: 'AES-GCM', iv }, await backend.wrappingKey(), pkcs8);
    // The key that signs day to day is a non-extractable copy; the extractable one is dropped here.
    const privateKey = await subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']);
    const stored: StoredKey = { author, info: await publicKeyInfo(pair.publicKey), privateKey, createdAt: now().toISOString(), escrow: { iv, data } };
    await backend.write(stored);
    return own(stored);
  };

  return {
    persistent: backend.persistent,
    get: async (author) => {
      const k = await backend.read(author);
      return k ? own(k) : null;
    },
    ensure: (author) => {
      // Two calls at start (the store and a screen) must not make two keys.
      let p = making.get(author);
      if (!p) {
        p = backend.read(author).then((k) => (k ? own(k) : make(author)));
        making.set(author, p);
        p.catch(() => making.delete(author));
      }
      return p;
    },
    list: async () => (await backend.readAll()).map(own),
    exportKey: async (author, passphrase) => {
      const k = await backend.read(author);
      if (!k) throw new Error(`本浏览器没有${author}的密钥`);
      const pkcs8 = await subtle.decrypt({ name: 'AES-GCM', iv: k.escrow.iv as Uint8Array<ArrayBuffer> }, await backend.wrappingKey(), k.escrow.data);
      return sealKeyFile(pkcs8, author, k.info, passphrase, now(), subtle);
    },
    importKey: async (file, passphrase) => {
      const opened = await openKeyFile(file, passphrase, subtle);
      if (!opened.ok) return opened;
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
      const data = await subtle.encrypt({ name: 'AES-GCM', iv }, await backend.wrappingKey(), opened.pkcs8);
      const stored: StoredKey = { author: opened.author, info: opened.info, privateKey: opened.privateKey, createdAt: now().toISOString(), escrow: { iv, data } };
      await backend.write(stored);
      making.delete(opened.author);
      return { ok: true, key: own(stored) };
    },
    remove: async (author) => {
      making.delete(author);
      await backend.erase(author);
    },
  };
}

/** Keys for the life of the page: tests, Node, and browsers that refuse IndexedDB. */
export function memoryKeyring(now: () => Date = () => new Date()): Keyring {
  const keys = new Map<string, StoredKey>();
  let wrap: Promise<CryptoKey> | null = null;
  return keyringOver(
    {
      persistent: false,
      read: async (a) => keys.get(a) ?? null,
      readAll: async () => [...keys.values()],
      write: async (k) => void keys.set(k.author, k),
      erase: async (a) => void keys.delete(a),
      wrappingKey: () => (wrap ??= globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']) as Promise<CryptoKey>),
    },
    now,
  );
}

const DB_NAME = 'luoshi-keys';
const STORE = 'keys';
/** The escrow's wrapping key sits in the same store under a name no unit can have. */
const WRAP_ID = '\u0000wrap';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB 请求失败'));
  });
}

/** The browser's keyring; a memory one (with `persistent: false`) when IndexedDB cannot be opened. */
export async function openKeyring(now: () => Date = () => new Date()): Promise<Keyring> {
  if (typeof indexedDB === 'undefined') return memoryKeyring(now);
  let db: IDBDatabase;
  try {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'author' });
    db = await request(open);
  } catch {
    return memoryKeyring(now);
  }
  const tx = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  let wrap: Promise<CryptoKey> | null = null;
  return keyringOver(
    {
      persistent: true,
      read: async (a) => ((await request(tx('readonly').get(a))) as StoredKey | undefined) ?? null,
      readAll: async () => ((await request(tx('readonly').getAll())) as Array<StoredKey | { author: string }>).filter((k): k is StoredKey => k.author !== WRAP_ID),
      write: async (k) => void (await request(tx('readwrite').put(k))),
      erase: async (a) => void (await request(tx('readwrite').delete(a))),
      wrappingKey: () =>
        (wrap ??= (async () => {
          const have = (await request(tx('readonly').get(WRAP_ID))) as { key: CryptoKey } | undefined;
          if (have) return have.key;
          const key = (await globalThis.crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])) as CryptoKey;
          await request(tx('readwrite').put({ author: WRAP_ID, key }));
          return key;
        })()),
    },
    now,
  );
}
