/**
 * Signatures in files (issue 13): the sender's public key and the office's signature over a plan
 * package's plan and registry when a file is built, and, when one is read, every record checked
 * against its author's pinned key. Private to src/domain/signing/: use signing.ts (files.ts loads
 * it when a file is built or read).
 */
import { FILE_KINDS, eventLabel, finish, refusedFile, type DataState, type FileSigning, type ImportPreview } from '@/domain/files';
import { OFFICE_NAME, type Plan, type Unit } from '@/domain/model';
import { signPlan, verifyPlan } from './signing-core';
import { keyInfo, type KeyInfo } from './keys';
import { decideKey, pinnedKeyOf, settledPin, TrustStoreSchema, type TrustStore } from './trust';
import { verifyRecords, type PresentedKey } from './verify';

/** What a file's payload gains: its sender's public key and, for a plan package, the plan signature. */
export async function fileSignature(signing: FileSigning, plan: Plan, units: Unit[], withPlan: boolean): Promise<Record<string, unknown>> {
  return {
    signer: { author: signing.author, publicKey: signing.key.publicKey },
    ...(withPlan ? { planSig: await signPlan(plan, units, plan.id, signing.signer) } : {}),
  };
}

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
export async function checkFileSignatures(preview: ImportPreview, payload: Record<string, unknown>, current: DataState, trust: TrustStore, subtle?: SubtleCrypto): Promise<ImportPreview> {
  const planId = preview.planId;
  const plan = preview.incoming.plan ?? current.plan;
  const signer = await presentedKey(payload.signer, subtle);
  if (signer === 'bad') return refusedFile('文件中的签名公钥无法读取，未导入。请让对方重新导出发送。', preview);
  if (signer && signer.author !== preview.sender) return refusedFile(`文件的签名公钥属于${quoted(signer.author)}，与发送单位${quoted(preview.sender)}不符，未导入。`, preview);

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

  const out: Omit<ImportPreview, 'summary'> = { ...preview, newItems: [...preview.newItems], conflicts: [...preview.conflicts], refused: [...preview.refused], incoming: { ...preview.incoming } };
  const drop = (ids: Set<string>) => {
    out.newItems = out.newItems.filter((i) => i.kind !== 'event' || !ids.has(i.id));
    out.conflicts = out.conflicts.filter((i) => i.kind !== 'event' || !ids.has(i.id));
    out.incoming.events = out.incoming.events.filter((e) => !ids.has(e.id));
  };

  // The plan and registry of a package: the office's signature, under the key it presents.
  let planProblem: string | null = null;
  if (preview.fileKind === FILE_KINDS.planPackage) {
    const sig = payload.planSig as { key?: unknown; value?: unknown } | undefined;
    const pin = settledPin(trust, OFFICE_NAME);
    if (!signer) planProblem = pin ? `计划包没有签名，而本机已登记${OFFICE_NAME}的密钥（指纹 ${pin.fingerprint}），未导入` : null;
    else if (!sig || typeof sig.key !== 'string' || typeof sig.value !== 'string' || !(await verifyPlan(payload.plan, payload.units, planId, { key: sig.key, value: sig.value }, signer.key, subtle))) {
      planProblem = '计划和单位名录的签名不符：计划包在签名后被改动过，未导入';
    } else if (decision === 'first-use') planProblem = `等待登记${OFFICE_NAME}的密钥（指纹 ${signer.key.fingerprint}）：核对指纹后登记，才能导入`;
    else if (decision === 'changed') planProblem = keyChangedReason(OFFICE_NAME, signer.key, pinnedKeyOf(trust, OFFICE_NAME)!);
  }

  const toCheck = out.incoming.events;
  const v = await verifyRecords(toCheck, verifyTrust, { planId, presented, known: current.events, allowLegacy: !signer, subtle });
  const refusedIds = new Set<string>();
  for (const r of v.refused) {
    refusedIds.add(r.record.id);
    out.refused.push({ kind: 'event', id: r.record.id, label: eventLabel(r.record, plan), reason: r.reason });
  }
  for (const req of v.needsPinning) {
    const reason = req.previous ? keyChangedReason(req.author, req.key, req.previous) : `等待登记${req.author}的密钥（指纹 ${req.key.fingerprint}）：核对指纹后登记，才能导入`;
    for (const e of req.records) {
      refusedIds.add(e.id);
      out.refused.push({ kind: 'event', id: e.id, label: eventLabel(e, plan), reason });
    }
  }
  if (planProblem !== null) {
    // Nothing of a package whose plan cannot be trusted is applied: its events were read against its plan.
    for (const e of out.incoming.events) {
      if (refusedIds.has(e.id)) continue;
      refusedIds.add(e.id);
      out.refused.push({ kind: 'event', id: e.id, label: eventLabel(e, plan), reason: planProblem });
    }
    out.refused.unshift({ kind: 'plan', id: planId, label: `计划“${plan.title || planId}”及单位名录`, reason: planProblem });
    out.newItems = out.newItems.filter((i) => i.kind !== 'plan' && i.kind !== 'task');
    out.conflicts = out.conflicts.filter((i) => i.kind !== 'plan' && i.kind !== 'task');
    out.planAction = 'none';
    out.repaired = [];
    out.incoming = { ...out.incoming, plan: null, units: null };
  }
  drop(refusedIds);
  const pinRequests = v.needsPinning.map(({ records, ...rest }) => ({ ...rest, count: records.length }));
  // A package waiting for the office key asks for it even when it carries no record.
  if (preview.fileKind === FILE_KINDS.planPackage && signer && decision !== 'pinned' && !pinRequests.some((r) => r.author === OFFICE_NAME) && !planProblem?.startsWith('计划和单位名录')) {
    pinRequests.unshift({ author: OFFICE_NAME, key: signer.key, previous: decision === 'changed' ? pinnedKeyOf(trust, OFFICE_NAME) : null, count: 0 });
  }
  out.signatures = { signer, decision, pinRequests, legacy: v.legacy.length };
  return finish(out);
}

function keyChangedReason(author: string, key: KeyInfo, pinned: { fingerprint: string }): string {
  return `${author}的密钥与本机登记的不同（文件中为 ${key.fingerprint}，已登记 ${pinned.fingerprint}），未导入。只有确认对方换了电脑或重装了浏览器，才应重新登记`;
}

function quoted(v: string): string {
  return `“${v}”`;
}
