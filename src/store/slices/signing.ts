/**
 * The signing slice (issue 13; docs/DATA.md, Trust model): this browser's own keys (the keyring,
 * src/lib/keyring.ts), the trust store of pinned keys (localStorage `luoshi:trust`), and the
 * signing of every event this browser writes, a moment after it is written.
 *
 * - The office's browser makes its key pair on first start and pins it as its own; a department's
 *   browser makes one when it first takes a unit identity.
 * - A browser writes as an author only while it holds the private half of that author's pinned
 *   key (`selectCanWrite`): a department's browser, which pinned the office's key from its plan
 *   package, sees the office's screens read-only.
 */
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import type { KeyInfo, PinnedKey, TrustStore } from '@/domain/signing/signing';
import type { Keyring } from '@/lib/keyring';
import type { LuoshiState, SigningSlice, SigningStatus } from '@/store/api';
import { TRUST_KEY } from '@/store/keys';
import type { StorageBackend } from '@/store/persistence';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';
import { replaceEvent, writerName } from '@/store/slices/progress';
import { shell as t } from '@/lib/strings-shell';

/**
 * The signing room (WebCrypto, zod schemas of keys and key files, verification) is loaded with the
 * keyring, after the first paint: it is not part of the initial JavaScript. What the first render
 * needs (who may write) reads the trust store's plain data.
 */
const loadSigning = () => import('@/domain/signing/signing');

const EMPTY_TRUST: TrustStore = { version: 1, office: null, units: {} };

/** The stored trust store as it is; validated (and dropped when invalid) once the signing room is loaded. */
function readTrustText(backend: StorageBackend): unknown {
  try {
    const text = backend.getItem(TRUST_KEY);
    return text === null ? null : JSON.parse(text);
  } catch {
    return null;
  }
}

function looksLikeTrust(v: unknown): v is TrustStore {
  return !!v && typeof v === 'object' && (v as TrustStore).version === 1 && typeof (v as TrustStore).units === 'object' && (v as TrustStore).units !== null;
}

function pinOf(trust: TrustStore, author: string): PinnedKey | null {
  if (author === OFFICE_NAME) return trust.office;
  return Object.hasOwn(trust.units, author) ? trust.units[author]! : null;
}

/**
 * May the current identity write here? Always when signing is off (tests without a keyring);
 * otherwise only with the private half of the author's pinned key, or when none is pinned (the
 * rule of canActAs in src/domain/signing/, on the plain data, so the first render needs no crypto).
 */
export function selectCanWrite(s: Pick<LuoshiState, 'identity' | 'trust' | 'signing'>): boolean {
  if (!s.signing.enabled) return true;
  const pin = pinOf(s.trust, writerName(s.identity));
  if (!pin) return true;
  // Before the keyring is read (a moment at start), a key pinned as this browser's own is taken
  // at its word, so the office's own screens do not flash read-only on every start.
  if (!s.signing.ready) return pin.how === 'own';
  return Object.values(s.signing.own).some((k) => k.keyId === pin.keyId);
}

/** May this browser act as the office now (its own data: leaders, issued 通报)? */
export function selectCanWriteAsOffice(s: Pick<LuoshiState, 'identity' | 'trust' | 'signing'>): boolean {
  return s.identity.kind === 'office' && selectCanWrite(s);
}

/** The store's own refusal of an office action the screens do not offer here. */
export function refuseUnlessOffice(s: Pick<LuoshiState, 'identity' | 'trust' | 'signing'>): void {
  if (s.identity.kind !== 'office') throw new Error(t.signing.officeOnly);
  if (!selectCanWrite(s)) throw new Error(t.signing.officeReadOnly);
}

export interface SigningHooks {
  /** Signs an event written a moment ago and puts the signed copy in its place. */
  signLater: (e: PlanEvent) => void;
  /** Makes the key of an identity just taken. */
  identityTaken: () => void;
}

export function createSigningSlice(
  set: SetState,
  get: GetState,
  ctx: StoreContext,
  options: { keyring: Promise<Keyring> | null; backend: StorageBackend },
): SigningSlice & { hooks: SigningHooks } {
  const { keyring, backend } = options;
  const enabled = keyring !== null;
  let queue: Promise<void> = Promise.resolve();

  const setStatus = (patch: Partial<SigningStatus>) => set((s) => ({ signing: { ...s.signing, ...patch } }));
  const saveTrust = (trust: TrustStore) => {
    set({ trust });
    try {
      backend.setItem(TRUST_KEY, JSON.stringify(trust));
    } catch {
      get().notify('error', '浏览器存储已满，密钥登记只保存在本页面中。请先清理旧快照或备份。');
    }
  };
  const fail = (err: unknown) => setStatus({ error: err instanceof Error ? err.message : String(err) });
  const storedTrust = readTrustText(backend);

  const ensureOwn = async (author: string): Promise<KeyInfo | null> => {
    if (!keyring) return null;
    // Never make a key for an author whose pinned key this browser does not hold: it could sign nothing that counts.
    const s = get();
    if (s.signing.ready && !selectCanWrite({ ...s, identity: author === OFFICE_NAME ? { kind: 'office' } : { kind: 'unit', name: author } })) return null;
    const ring = await keyring;
    const k = await ring.ensure(author);
    setStatus({ own: { ...get().signing.own, [author]: k.info } });
    if (author === OFFICE_NAME && !get().trust.office) saveTrust((await loadSigning()).pinKey(get().trust, OFFICE_NAME, k.info, ctx.now(), 'own'));
    return k.info;
  };

  const ready: Promise<void> = keyring
    ? keyring
        .then(async (ring) => {
          const { TrustStoreSchema } = await loadSigning();
          // A damaged trust store is dropped: keys are then pinned on first use again (Trust model).
          if (storedTrust !== null) {
            const r = TrustStoreSchema.safeParse(storedTrust);
            set({ trust: r.success ? r.data : EMPTY_TRUST });
          }
          const own: Record<string, KeyInfo> = {};
          for (const k of await ring.list()) own[k.author] = k.info;
          setStatus({ own, persistent: ring.persistent });
          setStatus({ ready: true });
          // The office's browser makes its key pair on first start; a unit's when it takes the identity.
          await ensureOwn(writerName(get().identity));
        })
        .catch(fail)
    : Promise.resolve();

  const hooks: SigningHooks = {
    signLater: (e) => {
      if (!keyring) return;
      const planId = get().plan.id;
      queue = queue
        .then(async () => {
          await ready;
          const info = await ensureOwn(e.unit);
          if (!info) return;
          const k = await (await keyring).get(e.unit);
          if (!k) return;
          const { markSent, signEvent } = await loadSigning();
          const signed = await signEvent(e, planId, k.signer);
          const before = get().events;
          const events = replaceEvent(before, signed);
          if (events && events !== before) {
            // The signed copy replaces the record in the log too.
            ctx.recorded(events, signed);
            set({ events: events as PlanEvent[] });
          }
          const pin = pinOf(get().trust, e.unit);
          if (pin?.how === 'own' && pin.keyId === info.keyId && !pin.sent) saveTrust(markSent(get().trust, e.unit));
        })
        .catch(fail);
    },
    identityTaken: () => {
      if (keyring) void ready.then(() => ensureOwn(writerName(get().identity))).catch(fail);
    },
  };

  return {
    hooks,
    trust: looksLikeTrust(storedTrust) ? storedTrust : EMPTY_TRUST,
    signing: { enabled, ready: !enabled, persistent: false, own: {}, error: null },
    whenSigned: () => ready.then(() => queue),
    reloadTrust: () => {
      const stored = readTrustText(backend);
      void loadSigning().then(({ TrustStoreSchema }) => {
        const r = TrustStoreSchema.safeParse(stored);
        set({ trust: r.success ? r.data : EMPTY_TRUST });
      });
    },
    pinKey: async (author, key) => {
      const { pinKey } = await loadSigning();
      const before = pinOf(get().trust, author);
      saveTrust(pinKey(get().trust, author, key, ctx.now()));
      // A department's browser that started as the office gives its unused office key up.
      if (before?.how === 'own' && before.keyId !== key.keyId && keyring) {
        void keyring.then((ring) => ring.remove(author)).then(() => {
          const own = { ...get().signing.own };
          delete own[author];
          setStatus({ own });
        });
      }
    },
    repinKey: async (author, key) => {
      const { repinKey } = await loadSigning();
      saveTrust(repinKey(get().trust, author, key, ctx.now()));
    },
    signingFor: async (author) => {
      if (!keyring) return null;
      await ready;
      await queue;
      const info = await ensureOwn(author);
      const k = info ? await (await keyring).get(author) : null;
      return k ? { author, key: k.info, signer: k.signer } : null;
    },
    markKeySent: async (author) => {
      const { markSent } = await loadSigning();
      saveTrust(markSent(get().trust, author));
    },
    exportSigningKey: async (author, passphrase) => {
      if (!keyring) throw new Error('本浏览器不能签名');
      const file = await (await keyring).exportKey(author, passphrase);
      const d = ctx.now().toISOString().slice(0, 10);
      return { fileName: `落实-签名密钥-${author}-${d}.json`, mime: 'application/json', text: JSON.stringify(file, null, 1) };
    },
    sealOwnKeys: async (passphrase) => {
      if (!keyring) throw new Error('本浏览器不能签名');
      const ring = await keyring;
      const authors = Object.keys(get().signing.own).sort((a, b) => a.localeCompare(b, 'zh-CN'));
      if (!authors.length) throw new Error('本浏览器还没有签名密钥');
      const files = [];
      // One after another: each is 600,000 rounds of PBKDF2, and two at once only share the core.
      for (const author of authors) files.push(await ring.exportKey(author, passphrase));
      return files;
    },
    importSigningKey: async (text, passphrase) => {
      if (!keyring) return { ok: false, error: '本浏览器不能签名' };
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return { ok: false, error: '不是落实导出的密钥文件。' };
      }
      const r = await (await keyring).importKey(raw, passphrase);
      if (!r.ok) return r;
      const author = r.key.author;
      setStatus({ own: { ...get().signing.own, [author]: r.key.info } });
      const { markSent, pinKey, repinKey } = await loadSigning();
      const trust = get().trust;
      const pin = pinOf(trust, author);
      // The office moved here: its key is the office's key on this computer too.
      if (!pin || (pin.how === 'own' && !pin.sent)) saveTrust(markSent(pinKey(trust, author, r.key.info, ctx.now(), 'own'), author));
      else if (pin.keyId !== r.key.info.keyId) saveTrust(repinKey(trust, author, r.key.info, ctx.now()));
      return { ok: true, author, fingerprint: r.key.info.fingerprint };
    },
  };
}
