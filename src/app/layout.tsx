/**
 * The frame around every screen: skip link, header (brand, identity switch, the no-login note),
 * navigation for the current identity, storage and recovery banners, toasts.
 */
import { memo, useRef, type ReactNode } from 'react';
import type { Identity } from '@/domain/model';
import type { StorageStatus } from '@/store/api';
import { Link } from '@/lib/router';
import { shell as t } from '@/lib/strings-shell';
import { OFFICE_NAV, UNIT_NAV, routeForNav } from '@/app/routes';
import { useFocusOnRouteChange } from '@/app/router';

export const NEAR_FULL_RATIO = 0.8;

export const AppNav = memo(function AppNav({ identity }: { identity: Identity }) {
  const keys = identity.kind === 'office' ? OFFICE_NAV : UNIT_NAV;
  return (
    <nav className="app-nav" aria-label={t.app.navLabel}>
      <ul>
        {keys.map((k) => (
          <li key={k}>
            <Link to={routeForNav(k).pattern}>{t.nav[k]}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
});

export function StorageBanners({ storage }: { storage: StorageStatus }) {
  const ratio = storage.quotaBytes > 0 ? storage.usedBytes / storage.quotaBytes : 0;
  return (
    <>
      {storage.recovery ? (
        <div className="banner banner--warning" role="alert">
          <p>
            <strong>{t.app.recoveryBanner}</strong> {storage.recovery.message}
          </p>
          <a href="#/data">{t.app.recoveryLink}</a>
        </div>
      ) : null}
      {storage.saveFailed ? (
        <div className="banner banner--error" role="alert">
          <p>{t.app.storageSaveFailed}</p>
          <a href="#/data">{t.app.storageLink}</a>
        </div>
      ) : ratio >= NEAR_FULL_RATIO ? (
        <div className="banner banner--warning" role="status">
          <p>{t.app.storageNearFull(Math.floor(ratio * 100))}</p>
          <a href="#/data">{t.app.storageLink}</a>
        </div>
      ) : null}
    </>
  );
}

export function Layout({
  identity,
  identitySwitch,
  storage,
  toasts,
  footerNote = t.app.noLogin,
  children,
}: {
  identity: Identity;
  identitySwitch: ReactNode;
  /** The line under every page: no login (alone), or the account the server checks (synced). */
  footerNote?: string;
  storage: StorageStatus;
  toasts: ReactNode;
  children: ReactNode;
}) {
  const mainRef = useRef<HTMLElement>(null);
  useFocusOnRouteChange(mainRef);
  return (
    <>
      {/* A button-like link that focuses <main> itself: href="#main" would change the route. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        {t.app.skipLink}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <a className="brand" href={identity.kind === 'office' ? '#/dashboard' : '#/my'}>
            <span className="brand__mark">{t.common.appName}</span>
            <span className="brand__sub">{t.common.appTagline}</span>
          </a>
          {identitySwitch}
          <AppNav identity={identity} />
        </div>
      </header>
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        <StorageBanners storage={storage} />
        {children}
      </main>
      <footer className="app-footer">
        <p>{footerNote}</p>
      </footer>
      {toasts}
    </>
  );
}
