/**
 * Reading a signed file (issue 13): the sender's signature over the file's checksum, then every
 * record against its author's pinned key. Private to src/domain/signing/: use signing.ts (files.ts
 * loads it when a file is read).
 */
import { FILE_KINDS, type DataState, type ImportPreview, type PreviewItem, type SignedParts } from '@/domain/files';
import { eventItem, finish, refusedFile } from '@/domain/imports/preview';
import { OFFICE_NAME, SignatureSchema, type PlanEvent } from '@/domain/model';
import { verifyFile } from './signing-core';
import { keyInfo, type KeyInfo } from './keys';
import { decideKey, pinnedKeyOf, settledPin, TrustStoreSchema, type TrustStore } from './trust';
import { verifyRecords, type PresentedKey } from './verify';

async function presentedKey(raw: unknown, subtle: SubtleCrypto | undefined): Promise<PresentedKey | null | 'bad'> {
  if (raw === undefined) return null;
  if (!raw || typeof raw !== 'object') return 'bad';
  const { author, publicKey } = raw as { author?: unknown; publicKey?: unknown };
  if (typeof author !== 'string' || typeof publicKey !== 'string') return 'bad';
  const key = await keyInfo(publicKey, subtle);
  return key ? { author, key } : 'bad';
}

/**
 * Takes out of a preview every record whose signature does not hold, listing it as refused with
 * its reason, so that applyImport applies only what verified (or was accepted once as legacy).
 */
export async function checkFileSignatures(
  preview: ImportPreview,
  file: SignedParts,
  current: DataState,
  trust: TrustStore,
  options: { subtle?: SubtleCrypto; ownKeyIds?: readonly string[] },
): Promise<ImportPreview> {
  const { payload } = file;
  const subtle = options.subtle;
  const planId = preview.planId;
  const plan = preview.incoming.plan ?? current.plan;
  const signer = await presentedKey(payload.signer, subtle);
  if (signer === 'bad') return refusedFile('文件中的签名公钥无法读取，未导入。请让对方重新导出发送。', headOf(preview));
  if (signer && signer.author !== preview.sender) return refusedFile(`文件的签名公钥属于${quoted(signer.author)}，与发送单位${quoted(preview.sender)}不符，未导入。`, headOf(preview));
  if (signer) {
    // One signature over the checksum covers the whole file: checked once, before any record.
    const sig = SignatureSchema.safeParse(file.signature);
    if (!sig.success || typeof file.checksum !== 'string' || !(await verifyFile(file.checksum, sig.data, signer.key, subtle))) {
      return refusedFile(`文件签名不符：这份文件不是由它所附的${signer.author}密钥签发的，或签发后被改动过，未导入。`, headOf(preview));
    }
    // A backup this browser signed itself is its own data: nothing in it needs checking again.
    if (preview.fileKind === FILE_KINDS.backup && options.ownKeyIds?.includes(signer.key.keyId)) {
      return finish({ ...preview, signatures: { signer, decision: 'pinned', pinRequests: [], legacy: 0 } });
    }
  }

  let verifyTrust = trust;
  let presented: PresentedKey[] = signer ? [signer] : [];
  if (preview.fileKind === FILE_KINDS.backup) {
    // A backup is one's own data restored on purpose: the keys it names count for authors that
    // have none pinned here; a pin here always outranks the backup's.
    const inBackup = TrustStoreSchema.safeParse(payload.trust);
    if (inBackup.success) {
      for (const [author, pin] of [[OFFICE_NAME, inBackup.data.office] as const, ...Object.entries(inBackup.data.units)]) {
        if (pin && !pinnedKeyOf(verifyTrust, author) && (await keyInfo(pin.publicKey, subtle))?.keyId === pin.keyId) {
          verifyTrust = author === OFFICE_NAME ? { ...verifyTrust, office: pin } : { ...verifyTrust, units: { ...verifyTrust.units, [author]: pin } };
        }
      }
    }
    const own = Array.isArray(payload.ownKeys) ? payload.ownKeys : [];
    for (const k of own) {
      const p = await presentedKey(k, subtle);
      if (p && p !== 'bad' && !pinnedKeyOf(verifyTrust, p.author)) verifyTrust = { ...verifyTrust, units: { ...verifyTrust.units, [p.author]: { ...p.key, pinnedAt: '', how: 'confirmed', sent: false, retired: [] } } };
    }
    presented = [];
  }
  const decision = signer ? decideKey(verifyTrust, signer.author, signer.key) : null;

  const out: Omit<ImportPreview, 'summary'> = {
    ...preview,
    newItems: [...preview.newItems],
    present: [...preview.present],
    toConfirm: [...preview.toConfirm],
    refused: [...preview.refused],
    incoming: { ...preview.incoming },
  };
  const drop = (ids: Set<string>) => {
    out.newItems = out.newItems.filter((i) => i.kind !== 'event' || !ids.has(i.id));
    out.toConfirm = out.toConfirm.filter((i) => i.kind !== 'event' || !ids.has(i.id));
    out.incoming.events = out.incoming.events.filter((e) => !ids.has(e.id));
  };
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const refuseRecord = (e: PlanEvent, reason: string): PreviewItem => ({ ...eventItem(e, tasks, plan.mergedInto ?? {}), reason });

  // A package's plan and registry come with the office's key: taken only under the pinned key.
  let planProblem: string | null = null;
  if (preview.fileKind === FILE_KINDS.planPackage) {
    const pin = settledPin(trust, OFFICE_NAME);
    if (!signer) planProblem = pin ? `计划包没有签名，而本机已登记${OFFICE_NAME}的密钥（指纹 ${pin.fingerprint}），未导入` : null;
    else if (decision === 'first-use') planProblem = `等待登记${OFFICE_NAME}的密钥（指纹 ${signer.key.fingerprint}）：核对指纹后登记，才能导入`;
    else if (decision === 'changed') planProblem = keyChangedReason(OFFICE_NAME, signer.key, pinnedKeyOf(trust, OFFICE_NAME)!);
  }

  const toCheck = out.incoming.events;
  const vouched = signer ? { author: signer.author, keyId: signer.key.keyId } : null;
  const v = await verifyRecords(toCheck, verifyTrust, { planId, presented, known: current.events, allowLegacy: !signer, vouched, subtle });
  const refusedIds = new Set<string>();
  for (const r of v.refused) {
    refusedIds.add(r.record.id);
    out.refused.push(refuseRecord(r.record, r.reason));
  }
  for (const req of v.needsPinning) {
    const reason = req.previous ? keyChangedReason(req.author, req.key, req.previous) : `等待登记${req.author}的密钥（指纹 ${req.key.fingerprint}）：核对指纹后登记，才能导入`;
    for (const e of req.records) {
      refusedIds.add(e.id);
      out.refused.push(refuseRecord(e, reason));
    }
  }
  if (planProblem !== null) {
    // Nothing of a package whose plan cannot be trusted is applied: its events were read against its plan.
    for (const e of out.incoming.events) {
      if (refusedIds.has(e.id)) continue;
      refusedIds.add(e.id);
      out.refused.push(refuseRecord(e, planProblem));
    }
    // The key decides before anything else about the plan: one reason for it, not two.
    out.refused = out.refused.filter((i) => i.kind !== 'plan');
    out.present = out.present.filter((i) => i.kind !== 'plan' && i.kind !== 'task');
    out.refused.unshift({ kind: 'plan', id: planId, label: `计划“${plan.title || planId}”及单位名录`, reason: planProblem });
    out.newItems = out.newItems.filter((i) => i.kind !== 'plan' && i.kind !== 'task');
    out.toConfirm = out.toConfirm.filter((i) => i.kind !== 'plan' && i.kind !== 'task');
    out.planAction = 'none';
    out.removedTasks = [];
    out.repaired = [];
    // Leaders and issued 通报 are the office's too: none of them without its key.
    out.incoming = { ...out.incoming, plan: null, units: null, leaders: null, issued: [] };
  }
  drop(refusedIds);
  const pinRequests = v.needsPinning.map(({ records, ...rest }) => ({ ...rest, count: records.length }));
  // A package waiting for the office key asks for it even when it carries no record.
  if (preview.fileKind === FILE_KINDS.planPackage && signer && decision !== 'pinned' && !pinRequests.some((r) => r.author === OFFICE_NAME)) {
    pinRequests.unshift({ author: OFFICE_NAME, key: signer.key, previous: decision === 'changed' ? pinnedKeyOf(trust, OFFICE_NAME) : null, count: 0 });
  }
  out.signatures = { signer, decision, pinRequests, legacy: v.legacy.length };
  return finish(out);
}

/** Only the file's header: a refusal must not carry the preview's own ok, lists or incoming data. */
function headOf(p: ImportPreview): Pick<ImportPreview, 'fileKind' | 'sender' | 'createdAt' | 'planId'> {
  return { fileKind: p.fileKind, sender: p.sender, createdAt: p.createdAt, planId: p.planId };
}

function keyChangedReason(author: string, key: KeyInfo, pinned: { fingerprint: string }): string {
  return `${author}的密钥与本机登记的不同（文件中为 ${key.fingerprint}，已登记 ${pinned.fingerprint}），未导入。只有确认对方换了电脑或重装了浏览器，才应重新登记`;
}

function quoted(v: string): string {
  return `“${v}”`;
}
