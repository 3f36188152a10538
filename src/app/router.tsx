/**
 * Picks the page for the current hash and loads it lazily, with a 正在加载… fallback, a
 * placeholder for pages not written yet, and a notice for office-only pages seen as a unit.
 */
import { Component, lazy, Suspense, useEffect, useRef, type ComponentType, type ReactNode } from 'react';
import { matchPath, useRoute, navigate } from '@/lib/router';
import { shell as t } from '@/lib/strings-shell';
import { EmptyState } from '@/components/empty-state';
import { PAGE_MODULES, ROUTES, HOME_OFFICE, HOME_UNIT, type RouteDef } from '@/app/routes';
import type { Identity } from '@/domain/model';

/** One lazy component per route, created once: a new lazy() per render would reload the page. */
const lazyCache = new Map<string, ComponentType>();

function pageFor(route: RouteDef): ComponentType | null {
  const cached = lazyCache.get(route.file);
  if (cached) return cached;
  const load = PAGE_MODULES[route.file];
  if (!load) return null;
  const Page = lazy(async () => {
    const mod = await load();
    const C = mod[route.exportName];
    if (!C) throw new Error(`页面模块 ${route.file} 没有导出 ${route.exportName}`);
    return { default: C };
  });
  lazyCache.set(route.file, Page);
  return Page;
}

export function findRoute(path: string): RouteDef | null {
  for (const r of ROUTES) if (matchPath(r.pattern, path)) return r;
  return null;
}

export function routeTitle(route: RouteDef | null): string {
  if (!route) return t.app.notFound;
  return route.nav ? t.nav[route.nav] : (route.title ?? '');
}

export function Loading() {
  return (
    <p className="loading" role="status">
      {t.common.loading}
    </p>
  );
}

class PageErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidUpdate(prev: { resetKey: string }) {
    if (prev.resetKey !== this.props.resetKey && this.state.error) this.setState({ error: null });
  }
  override render() {
    if (this.state.error) {
      return (
        <div className="banner banner--error" role="alert">
          <p>
            {t.app.pageLoadFailed}（{this.state.error.message}）
          </p>
        </div>
      );
    }
    return this.props.children;
  }
}

export function RouteView({ identity, onSwitchToOffice }: { identity: Identity; onSwitchToOffice?: () => void }) {
  const { path } = useRoute();
  const route = path === '/' ? null : findRoute(path);
  const isHome = path === '/';

  // The bare address opens the identity's home: the office's dashboard, a unit's own tasks.
  useEffect(() => {
    if (isHome) navigate(identity.kind === 'office' ? HOME_OFFICE : HOME_UNIT, { replace: true });
  }, [isHome, identity.kind]);

  useEffect(() => {
    document.title = `${routeTitle(route)} · ${t.common.appName}`;
  }, [route]);

  if (isHome) return <Loading />;

  if (!route) {
    return (
      <EmptyState title={t.app.notFound} action={<a className="btn" href={`#${identity.kind === 'office' ? HOME_OFFICE : HOME_UNIT}`}>{t.app.goHome}</a>}>
        <p>{t.app.notFoundHint}</p>
      </EmptyState>
    );
  }

  if (route.officeOnly && identity.kind === 'unit') {
    return (
      <section aria-labelledby="office-only-title">
        <h1 id="office-only-title">{routeTitle(route)}</h1>
        <EmptyState
          title={t.app.officeOnlyTitle}
          action={
            <div className="btn-row" style={{ justifyContent: 'center' }}>
              {/* Synced: the login decides the identity, so there is nothing to switch to. */}
              {onSwitchToOffice ? (
                <button type="button" className="btn" onClick={onSwitchToOffice}>
                  {t.app.switchToOffice}
                </button>
              ) : null}
              <a className="btn btn--primary" href={`#${HOME_UNIT}`}>
                {t.nav.my}
              </a>
            </div>
          }
        >
          <p>{onSwitchToOffice ? t.app.officeOnlyHint(identity.name) : t.data.sync.officeOnly(identity.name)}</p>
        </EmptyState>
      </section>
    );
  }

  const Page = pageFor(route);
  if (!Page) {
    return (
      <section aria-labelledby="placeholder-title">
        <h1 id="placeholder-title">{routeTitle(route)}</h1>
        <EmptyState title={t.app.underConstruction}>
          <p>{t.app.underConstructionHint}</p>
        </EmptyState>
      </section>
    );
  }

  return (
    <PageErrorBoundary resetKey={route.pattern}>
      <Suspense fallback={<Loading />}>
        <Page />
      </Suspense>
    </PageErrorBoundary>
  );
}

/**
 * Moves focus to <main> after a route change (not on first load), so a screen reader starts
 * reading the new screen and Tab continues from its top.
 */
export function useFocusOnRouteChange(mainRef: React.RefObject<HTMLElement | null>) {
  const { path } = useRoute();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: false });
  }, [path, mainRef]);
}
