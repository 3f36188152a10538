/**
 * Hash routing shared by every screen: works offline and from a file share (no server rewrites),
 * and every screen has its own bookmarkable, printable address (#/dashboard, #/report?q=1…).
 * Features import these helpers from here, never from src/app.
 */
import { createElement, useSyncExternalStore, type AnchorHTMLAttributes, type ReactNode } from 'react';

export interface Route {
  /** Path without the leading '#', always starting with '/': '/notice/t-12'. */
  path: string;
  /** Named segments of the matched pattern (filled by matchPath). */
  params: Record<string, string>;
  /** Query string after '?', decoded. */
  query: Record<string, string>;
}

/** '#/report?q=1' → { path: '/report', query: { q: '1' } } */
export function parseHash(hash: string): Omit<Route, 'params'> {
  const raw = hash.replace(/^#/, '');
  const qi = raw.indexOf('?');
  const pathPart = qi >= 0 ? raw.slice(0, qi) : raw;
  const queryPart = qi >= 0 ? raw.slice(qi + 1) : '';
  let path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(queryPart)) query[k] = v;
  return { path, query };
}

/**
 * Matches '/notice/:taskId' against '/notice/t-12' → { taskId: 't-12' }; null when it does not
 * match. Segments are URI-decoded so ids with Chinese characters survive.
 */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const ps = pattern.split('/').filter(Boolean);
  const xs = path.split('/').filter(Boolean);
  if (ps.length !== xs.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const x = xs[i]!;
    if (p.startsWith(':')) {
      try {
        params[p.slice(1)] = decodeURIComponent(x);
      } catch {
        params[p.slice(1)] = x;
      }
    } else if (p !== x) return null;
  }
  return params;
}

/** Builds '#/path?k=v' from a path and optional query. */
export function href(path: string, query?: Record<string, string | number | undefined>): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  const qs = new URLSearchParams();
  if (query) for (const [k, v] of Object.entries(query)) if (v !== undefined) qs.set(k, String(v));
  const s = qs.toString();
  return `#${p}${s ? `?${s}` : ''}`;
}

/** Go to a path ('/dashboard' or '/report?q=2'). Adds a history entry, so Back works. */
export function navigate(path: string, options?: { replace?: boolean }): void {
  const target = path.startsWith('#') ? path : `#${path.startsWith('/') ? path : `/${path}`}`;
  if (options?.replace) {
    const url = `${window.location.pathname}${window.location.search}${target}`;
    window.history.replaceState(window.history.state, '', url);
    // replaceState does not fire hashchange; tell the subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    return;
  }
  if (window.location.hash === target) return;
  window.location.hash = target;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  window.addEventListener('popstate', onChange);
  return () => {
    window.removeEventListener('hashchange', onChange);
    window.removeEventListener('popstate', onChange);
  };
}

function getHash(): string {
  return window.location.hash;
}

/** The current hash, re-rendering on change (a primitive, so no tearing and no new objects). */
export function useHash(): string {
  return useSyncExternalStore(subscribe, getHash, () => '');
}

const routeCache = new Map<string, Omit<Route, 'params'>>();
function parsedHash(hash: string): Omit<Route, 'params'> {
  let r = routeCache.get(hash);
  if (!r) {
    r = parseHash(hash);
    if (routeCache.size > 200) routeCache.clear();
    routeCache.set(hash, r);
  }
  return r;
}

/**
 * { path, params, query } of the current address. Pass a pattern ('/notice/:taskId') to fill
 * params; without one, params is empty.
 */
export function useRoute(pattern?: string): Route {
  const hash = useHash();
  const { path, query } = parsedHash(hash);
  const params = pattern ? (matchPath(pattern, path) ?? {}) : {};
  return { path, params, query };
}

export interface LinkProps extends Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> {
  /** '/dashboard', '/report?q=1' */
  to: string;
  children?: ReactNode;
}

/**
 * A real <a href="#/…"> (so open-in-new-tab, copy link and middle click work), marked with
 * aria-current="page" when it points at the current path.
 */
export function Link({ to, children, ...rest }: LinkProps) {
  const hash = useHash();
  const target = to.startsWith('#') ? to : `#${to.startsWith('/') ? to : `/${to}`}`;
  const current = parsedHash(hash).path === parseHash(target).path;
  return createElement(
    'a',
    {
      ...rest,
      href: target,
      'aria-current': current ? 'page' : undefined,
    },
    children,
  );
}
