/**
 * A full backup with keys (issue 13): only on purpose, behind a confirmation that says what the
 * file lets its holder do, and a passphrase that seals each private key. Restoring it takes the
 * data as any backup; the keys are taken in separately, with the passphrase, from its preview.
 */
import { useId, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { downloadText } from '@/components/download';
import type { SealedKeyItem } from '@/domain/files';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { PassFields, usePassphrase } from './pass-fields';

const s = t.signing;

const listOf = (authors: string[]) => authors.join('、');

export function BackupWithKeysButton({ disabled }: { disabled: boolean }) {
  const signing = useLuoshi((st) => st.signing);
  const exportBackup = useLuoshi((st) => st.exportBackup);
  const notify = useLuoshi((st) => st.notify);
  const id = useId();
  const [open, setOpen] = useState(false);
  const pp = usePassphrase();
  const authors = Object.keys(signing.own).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (!signing.enabled || !authors.length) return null;

  const close = () => {
    setOpen(false);
    pp.clear();
  };
  const run = () =>
    pp.run(async () => {
      if (pp.pass !== pp.again) return s.passphraseMismatch;
      const file = await exportBackup({ keysPassphrase: pp.pass });
      downloadText(file.fileName, file.text, file.mime);
      notify('success', t.data.exported(file.fileName));
      close();
      return null;
    });

  // An item of the export panel's list of actions.
  return (
    <li>
      <button type="button" className="btn" disabled={disabled} onClick={() => setOpen(true)}>
        {s.backupWithKeys}
      </button>
      <span className="muted small">{s.backupWithKeysHint}</span>
      <ConfirmDialog open={open} title={s.backupWithKeysTitle} confirmLabel={pp.busy ? t.data.working : s.backupWithKeysConfirm} danger onConfirm={() => void run()} onCancel={close}>
        <p>{s.backupWithKeysBody(listOf(authors))}</p>
        <PassFields id={id} state={pp} twice />
      </ConfirmDialog>
    </li>
  );
}

/** In a backup's preview: which sealed keys it carries, and taking them in with the passphrase. */
export function SealedKeysImport({ keys }: { keys: SealedKeyItem[] }) {
  const importSigningKey = useLuoshi((st) => st.importSigningKey);
  const notify = useLuoshi((st) => st.notify);
  const id = useId();
  const [open, setOpen] = useState(false);
  const pp = usePassphrase();
  const named = keys.map((k) => `${k.author}（指纹 ${k.fingerprint}）`);

  const close = () => {
    setOpen(false);
    pp.clear();
  };
  const run = () =>
    pp.run(async () => {
      const done: string[] = [];
      for (const k of keys) {
        const r = await importSigningKey(JSON.stringify(k.file), pp.pass);
        // The passphrase is one for all: the first refusal (a wrong passphrase) stops the rest.
        if (!r.ok) return done.length ? `${s.sealedImported(listOf(done))}${k.author}：${r.error}` : r.error;
        done.push(r.author);
      }
      notify('success', s.sealedImported(listOf(done)));
      close();
      return null;
    });

  return (
    <div className="banner banner--warning">
      <p>{s.sealedInBackup(listOf(named))}</p>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {s.importSealed}
      </button>
      <ConfirmDialog open={open} title={s.importSealedTitle} confirmLabel={pp.busy ? t.data.working : s.importKeyConfirm} onConfirm={() => void run()} onCancel={close}>
        <p>{s.importSealedHint}</p>
        <PassFields id={id} state={pp} />
      </ConfirmDialog>
    </div>
  );
}
