/**
 * verifyRecords: which records of a file may be applied. Private to src/domain/signing/: use
 * signing.ts.
 *
 * Each record is checked against the key pinned for its author (event.unit). When that fails the
 * record is refused with the reason that explains it best, so that the office reads "冒用市政府办公室"
 * rather than a bare "签名无效" when a department signed an office record with its own key.
 */
import { OFFICE_NAME, type PlanEvent } from '@/domain/model';
import { eventMessage } from './encoding';
import { defaultSubtle, importVerifyKey, verifyText, type KeyInfo } from './keys';
import { decideKey, pinnedKeyOf, settledPin, type PinnedKey, type TrustStore } from './trust';

export type RefusalCode =
  | 'unsigned'
  | 'malformed'
  | 'bad-signature'
  | 'author-swapped'
  | 'replayed'
  | 'office-signed-by-unit'
  | 'unit-signed-by-other'
  | 'unknown-key'
  | 'retired-key';

export interface RefusedRecord {
  record: PlanEvent;
  code: RefusalCode;
  /** Chinese, for the import preview. */
  reason: string;
}

/** A key a file presents for its author (a report carries its unit's, a plan package the office's). */
export interface PresentedKey {
  author: string;
  key: KeyInfo;
}

export interface PinRequest {
  author: string;
  key: KeyInfo;
  /** The key pinned now, when this one would replace it (a re-pin on purpose). */
  previous: PinnedKey | null;
  /** Records that verify under `key` and wait for it to be pinned. */
  records: PlanEvent[];
}

export interface VerifyOptions {
  planId: string;
  presented?: readonly PresentedKey[];
  /** Records this browser already holds: a signature found on one of them but moved onto another record is a replay. */
  known?: readonly PlanEvent[];
  /**
   * The file is from before signing existed: its unsigned records are accepted once, as legacy,
   * for authors whose key is not pinned yet. Once a key is pinned, its author's records must be signed.
   */
  allowLegacy?: boolean;
  /**
   * A file's sender whose signature over the whole file was verified: its own records signed with
   * that key are vouched for by it, and their signatures need not be checked one by one (the
   * import of a city's plan package then costs one signature check, not thousands).
   */
  vouched?: { author: string; keyId: string } | null;
  subtle?: SubtleCrypto;
  /** Signatures checked at once: WebCrypto works off the main thread, a small pool keeps it busy without flooding it. */
  concurrency?: number;
}

export interface VerifyResult {
  /** Signed by the pinned key of their author: apply. */
  accepted: PlanEvent[];
  refused: RefusedRecord[];
  /** Unsigned records from an older file, accepted once: apply and show as 未签名（旧版）. */
  legacy: PlanEvent[];
  /** Valid under a key the file presents but that is not pinned: apply only after the user pins it. */
  needsPinning: PinRequest[];
}

interface KeyEntry {
  owner: string;
  key: KeyInfo;
  /** Set for a retired key: what it signs counts only when dated before this. */
  retiredAt?: string;
  presented?: boolean;
}

export async function verifyRecords(records: readonly PlanEvent[], trust: TrustStore, options: VerifyOptions): Promise<VerifyResult> {
  const subtle = options.subtle ?? defaultSubtle();
  const byKeyId = new Map<string, KeyEntry>();
  const add = (e: KeyEntry) => {
    // A pinned owner outranks a presented claim on the same key: the file cannot rename a key.
    if (!byKeyId.has(e.key.keyId)) byKeyId.set(e.key.keyId, e);
  };
  const pins: Array<[string, PinnedKey]> = [];
  if (trust.office) pins.push([OFFICE_NAME, trust.office]);
  for (const [name, pin] of Object.entries(trust.units)) pins.push([name, pin]);
  for (const [owner, pin] of pins) add({ owner, key: pin });
  for (const [owner, pin] of pins) for (const r of pin.retired) add({ owner, key: r, retiredAt: r.retiredAt });
  for (const p of options.presented ?? []) add({ owner: p.author, key: p.key, presented: true });

  const cryptoKeys = new Map<string, Promise<CryptoKey>>();
  const cryptoKey = (k: KeyInfo) => {
    let ck = cryptoKeys.get(k.keyId);
    if (!ck) cryptoKeys.set(k.keyId, (ck = importVerifyKey(k, subtle)));
    return ck;
  };
  const check = async (record: PlanEvent, k: KeyInfo) => verifyText(await cryptoKey(k), record.sig!.value, eventMessage(record, options.planId), subtle);
  const vouched = options.vouched;
  const holds = (record: PlanEvent, k: KeyInfo) =>
    vouched && record.unit === vouched.author && k.keyId === vouched.keyId ? Promise.resolve(true) : check(record, k);

  // Where each signature was first seen, to recognise one moved onto another record.
  const bySignature = new Map<string, PlanEvent>();
  for (const e of options.known ?? []) if (e.sig) bySignature.set(e.sig.value, e);
  for (const e of records) if (e.sig && !bySignature.has(e.sig.value)) bySignature.set(e.sig.value, e);

  const result: VerifyResult = { accepted: [], refused: [], legacy: [], needsPinning: [] };
  const outcomes: Array<Outcome | undefined> = new Array(records.length);
  const refuse = (code: RefusalCode, reason: string): Outcome => ({ kind: 'refused', code, reason });

  const failed = (record: PlanEvent): Outcome => {
    const original = bySignature.get(record.sig!.value);
    if (original && original !== record && eventMessage(original, options.planId) !== eventMessage(record, options.planId)) {
      const where = original.taskId !== record.taskId ? `任务 ${original.taskId} 上的` : '';
      return refuse('replayed', `重放：这条记录的签名取自${where}另一条记录（${original.id}），被挪用到这里${original.taskId !== record.taskId ? `（任务 ${record.taskId}）` : ''}，未导入`);
    }
    return refuse('bad-signature', '签名不符：记录在签名后被改动过，或文件已损坏，未导入');
  };

  const one = async (record: PlanEvent): Promise<Outcome> => {
    const author = record.unit;
    const pin = settledPin(trust, author);
    if (!record.sig) {
      if (options.allowLegacy && !pin) return { kind: 'legacy' };
      return refuse(
        'unsigned',
        pin ? `缺少签名：${author}的密钥已登记（指纹 ${pin.fingerprint}），它的记录必须带签名，未导入` : '缺少签名：新版落实导出的每条记录都带签名，这条没有，未导入',
      );
    }
    const entry = byKeyId.get(record.sig.key);
    if (!entry) {
      return refuse(
        'unknown-key',
        pin
          ? `签名密钥未登记（编号 ${record.sig.key}）：不是${author}已登记的密钥（指纹 ${pin.fingerprint}），未导入`
          : `签名密钥未登记（编号 ${record.sig.key}）：本机没有登记${author}的密钥，文件中也没有提供，未导入`,
      );
    }
    if (entry.owner !== author) {
      if (await check(record, entry.key)) {
        return author === OFFICE_NAME
          ? refuse('office-signed-by-unit', `冒用${OFFICE_NAME}：署名为${OFFICE_NAME}，却由${entry.owner}的密钥签名。只有${OFFICE_NAME}的密钥能签署它的记录，未导入`)
          : refuse('unit-signed-by-other', `署名为${author}，却由${entry.owner}的密钥签名。单位只能签署自己的记录，未导入`);
      }
      // Signed by the key's owner under its own name, then renamed.
      if (await check({ ...record, unit: entry.owner }, entry.key)) {
        return refuse('author-swapped', `署名被改动：这条记录由${entry.owner}签名，署名却被改成了${author}，未导入`);
      }
      return failed(record);
    }
    if (!(await holds(record, entry.key))) return failed(record);
    if (entry.retiredAt !== undefined) {
      return record.at < entry.retiredAt
        ? { kind: 'accepted' }
        : refuse('retired-key', `由${author}已停用的密钥（指纹 ${entry.key.fingerprint}）签名，记录时间晚于停用时间（${entry.retiredAt.slice(0, 10)}），未导入`);
    }
    if (!entry.presented) return { kind: 'accepted' };
    return decideKey(trust, author, entry.key) === 'pinned' ? { kind: 'accepted' } : { kind: 'pin', key: entry.key };
  };

  const concurrency = Math.max(1, options.concurrency ?? 8);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, records.length) }, async () => {
      while (next < records.length) {
        const i = next++;
        outcomes[i] = await one(records[i]!);
      }
    }),
  );

  const requests = new Map<string, PinRequest>();
  records.forEach((record, i) => {
    const o = outcomes[i]!;
    if (o.kind === 'accepted') result.accepted.push(record);
    else if (o.kind === 'legacy') result.legacy.push(record);
    else if (o.kind === 'refused') result.refused.push({ record, code: o.code, reason: o.reason });
    else {
      const id = `${record.unit}\u0000${o.key.keyId}`;
      let req = requests.get(id);
      if (!req) {
        const previous = pinnedKeyOf(trust, record.unit);
        requests.set(id, (req = { author: record.unit, key: o.key, previous: previous && decideKey(trust, record.unit, o.key) === 'changed' ? previous : null, records: [] }));
      }
      req.records.push(record);
    }
  });
  result.needsPinning = [...requests.values()];
  return result;
}

type Outcome = { kind: 'accepted' } | { kind: 'legacy' } | { kind: 'refused'; code: RefusalCode; reason: string } | { kind: 'pin'; key: KeyInfo };
