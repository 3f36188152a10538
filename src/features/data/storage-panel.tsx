/**
 * 存储空间: both stores of this browser, each against its own limit, with a warning from 80 %:
 * the working area (localStorage: plan, registry, identity, snapshots, backups; 5,242,880
 * characters per site) and the history store (IndexedDB: every event; what the browser grants).
 * Also whether the browser promised not to evict the data (navigator.storage.persist()).
 */
import { useEffect } from 'react';
import { useStorageMeter } from '@/store/selectors';
import { useLuoshi } from '@/store/store';
import { WARN_RATIO } from '@/store/keys';
import { t } from '@/lib/strings';
import { formatBytes } from '@/lib/format';

const s = t.data;


export function StoragePanel() {
  const { ratio, warn, usedBytes, quotaBytes } = useStorageMeter();
  const saveFailed = useLuoshi((st) => st.storage.saveFailed);
  const log = useLuoshi((st) => st.storage.log);
  const persisted = useLuoshi((st) => st.storage.persisted);
  const events = useLuoshi((st) => st.events.length);
  const refresh = useLuoshi((st) => st.refreshStorage);
  useEffect(() => {
    void refresh();
  }, [refresh, events]);
  const pct = Math.min(100, Math.round(ratio * 100));
  const logRatio = log.usedBytes !== null && log.quotaBytes ? log.usedBytes / log.quotaBytes : null;
  const logPct = logRatio === null ? 0 : Math.min(100, Math.round(logRatio * 100));
  const logWarn = logRatio !== null && logRatio >= WARN_RATIO;
  return (
    <section className="card data-card" aria-labelledby="data-storage-h">
      <h2 id="data-storage-h">{s.storageHeading}</h2>
      <h3 className="data-subhead">{s.storageLocal}</h3>
      <meter
        className={warn ? 'data-meter data-meter--warn' : 'data-meter'}
        min={0}
        max={quotaBytes}
        low={quotaBytes * 0.6}
        high={quotaBytes * WARN_RATIO}
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
      {log.kind === 'indexeddb' ? (
        <>
          <h3 className="data-subhead">{s.storageLog(log.kind)}</h3>
          {logRatio !== null ? (
            <>
              <meter
                className={logWarn ? 'data-meter data-meter--warn' : 'data-meter'}
                min={0}
                max={log.quotaBytes!}
                high={log.quotaBytes! * WARN_RATIO}
                optimum={0}
                value={log.usedBytes!}
                aria-label={s.storageLog(log.kind)}
                aria-valuetext={s.storageLogUsed(formatBytes(log.usedBytes!), formatBytes(log.quotaBytes!), logPct, events)}
              />
              <p className="data-meter__text">{s.storageLogUsed(formatBytes(log.usedBytes!), formatBytes(log.quotaBytes!), logPct, events)}</p>
              {logWarn ? (
                <p className="banner banner--warning" role="alert">
                  {s.storageLogWarn(logPct)}
                </p>
              ) : null}
            </>
          ) : (
            <p className="data-meter__text">{s.storageLogUnknown(events)}</p>
          )}
        </>
      ) : (
        <p className="muted small">{s.storageLog(log.kind)}</p>
      )}
      {persisted !== null ? <p className="muted small">{persisted ? s.storagePersisted : s.storageNotPersisted}</p> : null}
    </section>
  );
}
