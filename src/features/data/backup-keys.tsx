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
import { PassFields } from './pass-fields';

const s = t.signing;

const listOf = (authors: string[]) => authors.join('、');

export function BackupWithKeysButton({ disabled }: { disabled: boolean }) {
  const signing = useLuoshi((st) => st.signing);
  const exportBackup = useLuoshi((st) => st.exportBackup);
  const notify = useLuoshi((st) => st.notify);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const authors = Object.keys(signing.own).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  if (!signing.enabled || !authors.length) return null;

  const close = () => {
    setOpen(false);
    setPass('');
    setAgain('');
    setError(null);
  };
  const run = async () => {
    if (pass !== again) return setError(s.passphraseMismatch);
    setBusy(true);
    try {
      const file = await exportBackup({ keysPassphrase: pass });
      downloadText(file.fileName, file.text, file.mime);
      notify('success', t.data.exported(file.fileName));
      close();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  // An item of the export panel's list of actions.
  return (
    <li>
      <button type="button" className="btn" disabled={disabled} onClick={() => setOpen(true)}>
        {s.backupWithKeys}
      </button>
      <span className="muted small">{s.backupWithKeysHint}</span>
      <ConfirmDialog open={open} title={s.backupWithKeysTitle} confirmLabel={busy ? t.data.working : s.backupWithKeysConfirm} danger onConfirm={() => void run()} onCancel={close}>
        <p>{s.backupWithKeysBody(listOf(authors))}</p>
        <PassFields id={id} pass={pass} setPass={setPass} again={again} setAgain={setAgain} error={error} />
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
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const named = keys.map((k) => `${k.author}（指纹 ${k.fingerprint}）`);

  const close = () => {
    setOpen(false);
    setPass('');
    setError(null);
  };
  const run = async () => {
    setBusy(true);
    try {
      const done: string[] = [];
      for (const k of keys) {
        const r = await importSigningKey(JSON.stringify(k.file), pass);
        // The passphrase is one for all: the first refusal (a wrong passphrase) stops the rest.
        if (!r.ok) return setError(done.length ? `${s.sealedImported(listOf(done))}${k.author}：${r.error}` : r.error);
        done.push(r.author);
      }
      notify('success', s.sealedImported(listOf(done)));
      close();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="banner banner--warning">
      <p>{s.sealedInBackup(listOf(named))}</p>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {s.importSealed}
      </button>
      <ConfirmDialog open={open} title={s.importSealedTitle} confirmLabel={busy ? t.data.working : s.importKeyConfirm} onConfirm={() => void run()} onCancel={close}>
        <p>{s.importSealedHint}</p>
        <PassFields id={id} pass={pass} setPass={setPass} error={error} />
      </ConfirmDialog>
    </div>
  );
}
