/**
 * Keys a file presents that are not pinned here: the fingerprint to compare over the phone, and
 * the deliberate act of pinning it (first use) or replacing a pinned key (behind a confirmation).
 * Until then the records the key signed are listed as refused and nothing of them is applied.
 */
import { useState } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import type { PreviewSignatures } from '@/domain/files';
import { OFFICE_NAME } from '@/domain/model';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.signing;
type Request = PreviewSignatures['pinRequests'][number];

export function PinRequests({ requests, onPinned }: { requests: Request[]; onPinned: () => Promise<void> }) {
  return (
    <>
      {requests.map((r) => (
        <PinRequestCard key={`${r.author}:${r.key.keyId}`} request={r} onPinned={onPinned} />
      ))}
    </>
  );
}

function PinRequestCard({ request: r, onPinned }: { request: Request; onPinned: () => Promise<void> }) {
  const pinKey = useLuoshi((st) => st.pinKey);
  const repinKey = useLuoshi((st) => st.repinKey);
  const notify = useLuoshi((st) => st.notify);
  const ownOffice = useLuoshi((st) => r.author === OFFICE_NAME && Boolean(st.signing.own[OFFICE_NAME]));
  const [confirming, setConfirming] = useState(false);
  const done = async () => {
    notify('success', s.pinned(r.author));
    setConfirming(false);
    await onPinned();
  };
  return (
    <section className={`pin-request ${r.previous ? 'pin-request--changed' : ''}`} aria-label={s.pinTitle(r.author)}>
      <h4>{s.pinTitle(r.author)}</h4>
      <p>{r.previous ? s.pinChanged(r.author, r.previous.fingerprint) : s.pinFirst(r.author, r.count)}</p>
      <p className="fingerprint">{r.key.fingerprint}</p>
      {!r.previous && ownOffice ? <p className="muted small">{s.pinOwnOffice}</p> : null}
      {r.previous ? (
        <button type="button" className="btn btn--danger" onClick={() => setConfirming(true)}>
          {s.repin}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void pinKey(r.author, r.key).then(done)}
        >
          {s.pinConfirm}
        </button>
      )}
      <ConfirmDialog
        open={confirming}
        title={s.repinTitle(r.author)}
        confirmLabel={s.repinConfirm}
        danger
        onConfirm={() => void repinKey(r.author, r.key).then(done)}
        onCancel={() => setConfirming(false)}
      >
        <p>{s.repinBody(r.author)}</p>
      </ConfirmDialog>
    </section>
  );
}
