/**
 * Signatures at city scale (bench/fixtures.ts: 1,000 tasks, 100 units, 20,000 events), with the
 * WebCrypto that Node shares with browsers (OpenSSL underneath, off the main thread):
 * - sign 20,000 events, each by its author's key (the office's or its unit's), as a log that was
 *   written in one sitting would be; in the app an event is signed once, when it is written;
 * - verifyRecords over the 20,000 (every record checked against its author's pinned key), which is
 *   what importing a city-scale file costs on top of reading it;
 * - previewImport of city-scale files with the signatures checked (what the import preview costs
 *   end to end: read, checksum, validate, verify): a full backup of all 20,000 events restored on
 *   a new computer (every record verified), and the office's plan package at a department;
 * - baselines, measured in the same run: the SHA-256 checksum of the same events' canonical JSON,
 *   which every import already pays, and the same previews without signature checks.
 */
import { generateCity } from './fixtures';
import { median, timeAsync, type BenchRow } from './lib';
import { canonicalJson } from '../src/domain/merge';
import type { PlanEvent } from '../src/domain/model';
import { emptyTrust, generateSigningKeyPair, pinKey, publicKeyInfo, signEvent, verifyRecords, type KeyInfo, type Signer } from '../src/domain/signing/signing';
import { buildBackup, buildPlanPackage, sha256Hex, type DataState } from '../src/domain/files';
import { previewImport } from '../src/domain/imports/preview';
import { OFFICE_NAME } from '../src/domain/model';

/** The file import budget at city scale (issue 13): reading, verifying and previewing under 2 s. */
const IMPORT_BUDGET_MS = 2000;

export default async function signingBench(): Promise<BenchRow[]> {
  const city = generateCity();
  const events = city.events;
  const planId = city.plan.id;
  const now = new Date('2026-06-15T08:00:00Z');
  const authors = [...new Set(events.map((e) => e.unit))];
  const keys = new Map<string, Signer & { info: KeyInfo }>();
  let trust = emptyTrust();
  for (const a of authors) {
    const kp = await generateSigningKeyPair();
    const info = await publicKeyInfo(kp.publicKey);
    keys.set(a, { keyId: info.keyId, privateKey: kp.privateKey, info });
    trust = pinKey(trust, a, info, now);
  }

  const signAll = async (): Promise<PlanEvent[]> => {
    // The same small pool verifyRecords uses: WebCrypto is asynchronous, not free to flood.
    const out = new Array<PlanEvent>(events.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < events.length) {
          const i = next++;
          out[i] = await signEvent(events[i]!, planId, keys.get(events[i]!.unit)!);
        }
      }),
    );
    return out;
  };
  let signed: PlanEvent[] = [];
  const signMs = await timeAsync(async () => {
    signed = await signAll();
  }, 5);

  let accepted = 0;
  let refused = -1;
  const verifyMs = await timeAsync(async () => {
    const r = await verifyRecords(signed, trust, { planId });
    accepted = r.accepted.length;
    refused = r.refused.length;
  }, 5);

  const checksumMs = await timeAsync(() => sha256Hex(canonicalJson(signed)), 5);

  // Whole files. The office's own state, signed; a new computer (nothing but the seed-like empty
  // plan of another id) restores the backup; a department that holds the plan imports the package.
  const office: DataState = { plan: city.plan, units: city.units, events: signed, identity: { kind: 'office' } };
  const officeKey = keys.get(OFFICE_NAME)!;
  const officeSigning = { author: OFFICE_NAME, key: officeKey.info, signer: officeKey };
  // Signed by the office's key, restored on a computer that has not got it: every record is checked.
  const backup = (await buildBackup(office, OFFICE_NAME, now, { trust, own: [{ author: OFFICE_NAME, key: officeKey.info }], signing: officeSigning })).text;
  const pkg = (await buildPlanPackage(office, now, officeSigning)).text;
  const officeEvents = signed.filter((e) => e.unit === OFFICE_NAME).length;
  const fresh: DataState = { plan: { ...city.plan, id: 'fresh-computer', tasks: [] }, units: city.units, events: [] };
  const department: DataState = { plan: city.plan, units: city.units, events: signed.filter((e) => e.unit !== OFFICE_NAME) };
  const opts = { now, trust };
  let refusedInBackup = -1;
  const backupMs = await timeAsync(async () => {
    const p = await previewImport(fresh, backup, opts);
    refusedInBackup = p.refused.length;
  }, 5);
  const backupPlainMs = await timeAsync(() => previewImport(fresh, backup, { now }), 5);
  let newInPkg = -1;
  const pkgMs = await timeAsync(async () => {
    const p = await previewImport(department, pkg, opts);
    newInPkg = p.newItems.length;
  }, 5);
  const pkgPlainMs = await timeAsync(() => previewImport(department, pkg, { now }), 5);

  const n = events.length;
  const rows: BenchRow[] = [
    {
      group: 'signing',
      name: `sign ${n} events (ECDSA P-256, ${authors.length} authors)`,
      median: median(signMs),
      unit: 'ms',
      runs: signMs.length,
      extra: { perEventUs: Math.round((median(signMs) * 1000) / n) },
    },
    {
      group: 'signing',
      name: `verifyRecords ${n} events against pinned keys`,
      median: median(verifyMs),
      unit: 'ms',
      runs: verifyMs.length,
      extra: {
        perEventUs: Math.round((median(verifyMs) * 1000) / n),
        accepted,
        refused,
        ratioToChecksum: (median(verifyMs) / median(checksumMs)).toFixed(1),
        allAccepted: refused === 0 ? 'yes' : 'NO',
      },
    },
    { group: 'signing', name: 'baseline: SHA-256 checksum of the same events', median: median(checksumMs), unit: 'ms', runs: checksumMs.length },
    {
      group: 'signing',
      name: `previewImport full backup, ${n} signed events, new computer`,
      median: median(backupMs),
      unit: 'ms',
      runs: backupMs.length,
      extra: {
        MB: (backup.length / 1e6).toFixed(1),
        refused: refusedInBackup,
        ratioToUnchecked: (median(backupMs) / median(backupPlainMs)).toFixed(2),
        budget: median(backupMs) < IMPORT_BUDGET_MS && refusedInBackup === 0 ? 'ok' : 'FAIL',
      },
    },
    { group: 'signing', name: 'baseline: the same preview without signature checks', median: median(backupPlainMs), unit: 'ms', runs: backupPlainMs.length },
    {
      group: 'signing',
      name: `previewImport plan package (${officeEvents} office events) at a department`,
      median: median(pkgMs),
      unit: 'ms',
      runs: pkgMs.length,
      extra: {
        MB: (pkg.length / 1e6).toFixed(1),
        newItems: newInPkg,
        ratioToUnchecked: (median(pkgMs) / median(pkgPlainMs)).toFixed(2),
        budget: median(pkgMs) < IMPORT_BUDGET_MS && newInPkg === officeEvents ? 'ok' : 'FAIL',
      },
    },
    { group: 'signing', name: 'baseline: the same preview without signature checks', median: median(pkgPlainMs), unit: 'ms', runs: pkgPlainMs.length },
  ];
  return rows;
}
