/** A horizontal progress bar with its number printed beside it, so it never relies on colour. */
import { memo } from 'react';
import { formatRatio } from '@/lib/format';

export const ProgressBar = memo(function ProgressBar({ ratio, label, marker }: { ratio: number; label: string; marker?: { ratio: number; label: string } }) {
  const pct = Math.max(0, Math.min(1, ratio)) * 100;
  return (
    <div className="pbar" role="img" aria-label={label}>
      <div className="pbar__track">
        <div className="pbar__fill" style={{ width: `${pct}%` }} />
        {marker ? <div className="pbar__marker" style={{ left: `${Math.max(0, Math.min(1, marker.ratio)) * 100}%` }} title={marker.label} /> : null}
      </div>
      <span className="pbar__value num" aria-hidden="true">
        {formatRatio(ratio, 0)}
      </span>
    </div>
  );
});
