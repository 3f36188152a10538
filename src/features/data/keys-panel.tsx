/**
 * 签名密钥: this browser's fingerprint for the identity in use (read aloud over the phone when the
 * other side pins it), the keys pinned here, and moving the office's key to a new computer
 * (behind a confirmation that says what it means, and a passphrase).
 */
import { useId, useRef, useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { downloadText } from '@/components/download';
import { OFFICE_NAME } from '@/domain/model';
import type { PinnedKey } from '@/domain/signing/signing';
import { formatDateTime } from '@/lib/format';
import { t } from '@/lib/strings';
import { writerName } from '@/store/slices/progress';
import { useLuoshi } from '@/store/store';
import { PassFields, usePassphrase } from './pass-fields';

const s = t.signing;

export function KeysPanel() {
  const signing = useLuoshi((st) => st.signing);
  const author = useLuoshi((st) => writerName(st.identity));
  const trust = useLuoshi((st) => st.trust);
  if (!signing.enabled) return null;
  const own = signing.own[author];
  const pins: Array<[string, PinnedKey]> = [
    ...(trust.office ? [[OFFICE_NAME, trust.office] as [string, PinnedKey]] : []),
    ...Object.entries(trust.units).sort(([a], [b]) => a.localeCompare(b, 'zh-CN')),
  ].filter(([, pin]) => pin.how !== 'own' || pin.sent);

  return (
    <section className="card data-card" aria-labelledby="data-keys-h">
      <h2 id="data-keys-h">{s.heading}</h2>
      <p className="muted small">{s.hint}</p>
      {signing.error ? (
        <p className="banner banner--error" role="alert">
          {s.failed(signing.error)}
        </p>
      ) : null}
      {signing.ready && !signing.persistent ? <p className="banner banner--warning">{s.notPersistent}</p> : null}
      <p className="data-keys__label">{s.ownFor(author)}</p>
      {own ? (
        <p className="fingerprint" aria-label={s.ownFor(author)}>
          {own.fingerprint}
        </p>
      ) : (
        <p className="muted">{signing.ready ? '—' : s.noKeyYet}</p>
      )}

      <h3 className="data-subhead">{s.pinnedHeading}</h3>
      {pins.length ? (
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{s.colAuthor}</th>
                <th scope="col">{s.colFingerprint}</th>
                <th scope="col">{s.colPinned}</th>
                <th scope="col">{s.colHow}</th>
              </tr>
            </thead>
            <tbody>
              {pins.map(([name, pin]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td className="fingerprint fingerprint--small">{pin.fingerprint}</td>
                  <td>{formatDateTime(pin.pinnedAt)}</td>
                  <td>
                    {s.how[pin.how]}
                    {pin.retired.length ? s.retired(pin.retired.length) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="muted small">{s.pinnedNone}</p>
      )}
      <KeyMove author={author} canExport={Boolean(own)} />
    </section>
  );
}

function KeyMove({ author, canExport }: { author: string; canExport: boolean }) {
  const exportSigningKey = useLuoshi((st) => st.exportSigningKey);
  const importSigningKey = useLuoshi((st) => st.importSigningKey);
  const notify = useLuoshi((st) => st.notify);
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);
  const pp = usePassphrase();

  const close = () => {
    setExporting(false);
    setImporting(false);
    pp.clear();
  };
  const doExport = () =>
    pp.run(async () => {
      if (pp.pass !== pp.again) return s.passphraseMismatch;
      const file = await exportSigningKey(author, pp.pass);
      downloadText(file.fileName, file.text, file.mime);
      notify('success', t.data.exported(file.fileName));
      close();
      return null;
    });
  const doImport = () =>
    pp.run(async () => {
      const file = fileRef.current?.files?.[0];
      if (!file) return s.importKeyFile;
      const r = await importSigningKey(await file.text(), pp.pass);
      if (!r.ok) return r.error;
      notify('success', s.keyImported(r.author, r.fingerprint));
      close();
      return null;
    });

  return (
    <div className="btn-row">
      {author === OFFICE_NAME && canExport ? (
        <button type="button" className="btn" onClick={() => setExporting(true)}>
          {s.exportKey}
        </button>
      ) : null}
      <button type="button" className="btn" onClick={() => setImporting(true)}>
        {s.importKey}
      </button>
      <ConfirmDialog open={exporting} title={s.exportKeyTitle} confirmLabel={pp.busy ? t.data.working : s.exportKeyConfirm} danger onConfirm={() => void doExport()} onCancel={close}>
        <p>{s.exportKeyBody}</p>
        <PassFields id={id} state={pp} twice />
      </ConfirmDialog>
      <ConfirmDialog open={importing} title={s.importKey} confirmLabel={pp.busy ? t.data.working : s.importKeyConfirm} onConfirm={() => void doImport()} onCancel={close}>
        <p>{s.importKeyHint}</p>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kf`}>
            {s.importKeyFile}
          </label>
          <input id={`${id}-kf`} ref={fileRef} className="input" type="file" accept=".json,application/json" />
        </div>
        <PassFields id={id} state={pp} />
      </ConfirmDialog>
    </div>
  );
}
