/** 存储空间: how full the browser's storage is, with a warning from 80 % (the store's threshold). */
import { useStorageMeter } from '@/store/selectors';
import { useLuoshi } from '@/store/store';
import { t } from '@/lib/strings';
import { formatBytes } from '@/lib/format';

const s = t.data;


export function StoragePanel() {
  const { ratio, warn, usedBytes, quotaBytes } = useStorageMeter();
  const saveFailed = useLuoshi((st) => st.storage.saveFailed);
  const pct = Math.min(100, Math.round(ratio * 100));
  return (
    <section className="card data-card" aria-labelledby="data-storage-h">
      <h2 id="data-storage-h">{s.storageHeading}</h2>
      <meter
        className={warn ? 'data-meter data-meter--warn' : 'data-meter'}
        min={0}
        max={quotaBytes}
        low={quotaBytes * 0.6}
        high={quotaBytes * 0.8}
        optimum={0}
        value={usedBytes}
        aria-label={s.storageMeterLabel}
        aria-valuetext={s.storageUsed(formatBytes(usedBytes), formatBytes(quotaBytes), pct)}
      />
      <p className="data-meter__text">{s.storageUsed(formatBytes(usedBytes), formatBytes(quotaBytes), pct)}</p>
      {saveFailed ? (
        <p className="banner banner--error" role="alert">
          {s.storageSaveFailed}
        </p>
      ) : warn ? (
        <p className="banner banner--warning" role="alert">
          {s.storageWarn(pct)}
        </p>
      ) : (
        <p className="muted small">{s.storageHint}</p>
      )}
    </section>
  );
}
