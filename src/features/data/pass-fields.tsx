/** The passphrase fields of the key dialogs (moving a key, a full backup with keys). */
import { t } from '@/lib/strings';

const s = t.signing;

/** The passphrase (twice when it is being chosen) and what went wrong. */
export function PassFields(props: { id: string; pass: string; setPass: (v: string) => void; again?: string; setAgain?: (v: string) => void; error: string | null }) {
  return (
    <>
      <div className="field">
        <label className="field__label" htmlFor={`${props.id}-p1`}>
          {s.passphrase}
        </label>
        <input id={`${props.id}-p1`} className="input" type="password" autoComplete="new-password" value={props.pass} onChange={(e) => props.setPass(e.target.value)} />
      </div>
      {props.setAgain ? (
        <div className="field">
          <label className="field__label" htmlFor={`${props.id}-p2`}>
            {s.passphraseAgain}
          </label>
          <input id={`${props.id}-p2`} className="input" type="password" autoComplete="new-password" value={props.again} onChange={(e) => props.setAgain!(e.target.value)} />
        </div>
      ) : null}
      {props.error ? (
        <p className="field__error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}
