/** The passphrase dialogs (moving a key, a full backup with keys): their state and their fields. */
import { useState } from 'react';
import { t } from '@/lib/strings';

const s = t.signing;

export type Passphrase = ReturnType<typeof usePassphrase>;

/** A passphrase dialog's fields, its error, and the work it runs with 处理中 shown. */
export function usePassphrase() {
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    pass,
    setPass,
    again,
    setAgain,
    error,
    busy,
    /** Empties the fields and the error (the dialog closes). */
    clear: () => {
      setPass('');
      setAgain('');
      setError(null);
    },
    /** Runs `work`; the message it returns, or the error it throws, is shown in the dialog. */
    run: async (work: () => Promise<string | null>) => {
      setBusy(true);
      try {
        setError(await work());
      } catch (err) {
        setError(err instanceof Error ? err.message : String(err));
      } finally {
        setBusy(false);
      }
    },
  };
}

/** The passphrase (twice when it is being chosen) and what went wrong. */
export function PassFields({ id, state, twice = false }: { id: string; state: Passphrase; twice?: boolean }) {
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-p1`}>
          {s.passphrase}
        </label>
        <input id={`${id}-p1`} className="input" type="password" autoComplete="new-password" value={state.pass} onChange={(e) => state.setPass(e.target.value)} />
      </div>
      {twice ? (
        <div className="field">
          <label className="field__label" htmlFor={`${id}-p2`}>
            {s.passphraseAgain}
          </label>
          <input id={`${id}-p2`} className="input" type="password" autoComplete="new-password" value={state.again} onChange={(e) => state.setAgain(e.target.value)} />
        </div>
      ) : null}
      {state.error ? (
        <p className="field__error" role="alert">
          {state.error}
        </p>
      ) : null}
    </>
  );
}
