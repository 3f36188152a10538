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
import {
  canActAs,
  emptyTrust,
  markSent,
  pinKey,
  pinnedKeyOf,
  repinKey,
  signEvent,
  TrustStoreSchema,
  type KeyInfo,
  type TrustStore,
} from '@/domain/signing/signing';
import type { Keyring } from '@/lib/keyring';
import type { LuoshiState, SigningSlice, SigningStatus } from '@/store/api';
import { TRUST_KEY } from '@/store/keys';
import type { StorageBackend } from '@/store/persistence';
import type { GetState, SetState, StoreContext } from '@/store/slices/context';
import { writerName } from '@/store/slices/progress';

export function readTrust(backend: StorageBackend): TrustStore {
  try {
    const text = backend.getItem(TRUST_KEY);
    if (text === null) return emptyTrust();
    const r = TrustStoreSchema.safeParse(JSON.parse(text));
    return r.success ? r.data : emptyTrust();
  } catch {
    return emptyTrust();
  }
}

/** May the current identity write here? Always, when signing is off (tests without a keyring). */
export function selectCanWrite(s: Pick<LuoshiState, 'identity' | 'trust' | 'signing'>): boolean {
  if (!s.signing.enabled) return true;
  const author = writerName(s.identity);
  // Before the keyring is read only a browser with nothing pinned for the author may write.
  if (!s.signing.ready) return !pinnedKeyOf(s.trust, author);
  return canActAs(s.trust, author, new Set(Object.values(s.signing.own).map((k) => k.keyId)));
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

  const ensureOwn = async (author: string): Promise<KeyInfo | null> => {
    if (!keyring) return null;
    // Never make a key for an author whose pinned key this browser does not hold: it could sign nothing that counts.
    const s = get();
    if (s.signing.ready && !selectCanWrite({ ...s, identity: author === OFFICE_NAME ? { kind: 'office' } : { kind: 'unit', name: author } })) return null;
    const ring = await keyring;
    const k = await ring.ensure(author);
    setStatus({ own: { ...get().signing.own, [author]: k.info } });
    if (author === OFFICE_NAME && !get().trust.office) saveTrust(pinKey(get().trust, OFFICE_NAME, k.info, ctx.now(), 'own'));
    return k.info;
  };

  const ready: Promise<void> = keyring
    ? keyring
        .then(async (ring) => {
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
          const signed = await signEvent(e, planId, k.signer);
          set((s) => {
            const i = s.events.indexOf(e);
            if (i < 0) return {};
            const events = s.events.slice();
            events[i] = signed;
            return { events };
          });
          const pin = pinnedKeyOf(get().trust, e.unit);
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
    trust: readTrust(backend),
    signing: { enabled, ready: !enabled, persistent: false, own: {}, error: null },
    whenSigned: () => ready.then(() => queue),
    reloadTrust: () => set({ trust: readTrust(backend) }),
    pinKey: (author, key) => {
      const before = pinnedKeyOf(get().trust, author);
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
    repinKey: (author, key) => saveTrust(repinKey(get().trust, author, key, ctx.now())),
    signingFor: async (author) => {
      if (!keyring) return null;
      await ready;
      await queue;
      const info = await ensureOwn(author);
      const k = info ? await (await keyring).get(author) : null;
      return k ? { author, key: k.info, signer: k.signer } : null;
    },
    markKeySent: (author) => saveTrust(markSent(get().trust, author)),
    exportSigningKey: async (author, passphrase) => {
      if (!keyring) throw new Error('本浏览器不能签名');
      const file = await (await keyring).exportKey(author, passphrase);
      const d = ctx.now().toISOString().slice(0, 10);
      return { fileName: `落实-签名密钥-${author}-${d}.json`, mime: 'application/json', text: JSON.stringify(file, null, 1) };
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
      const trust = get().trust;
      const pin = pinnedKeyOf(trust, author);
      // The office moved here: its key is the office's key on this computer too.
      if (!pin || (pin.how === 'own' && !pin.sent)) saveTrust(pinKey(trust, author, r.key.info, ctx.now(), 'own'));
      else if (pin.keyId !== r.key.info.keyId) saveTrust(repinKey(trust, author, r.key.info, ctx.now()));
      return { ok: true, author, fingerprint: r.key.info.fingerprint };
    },
  };
}
