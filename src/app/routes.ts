/**
 * The one list of screens. Adding a page is one line here. Page modules are found with a lazy
 * import.meta.glob, so each page is its own chunk (small initial bundle) and a page whose file
 * does not exist yet shows the "此页面尚在建设" placeholder instead of breaking the build.
 */
import type { ComponentType } from 'react';
import { shell as t } from '@/lib/strings-shell';

export type NavKey = keyof typeof t.nav;

export interface RouteDef {
  /** '/dashboard', '/notice/:taskId' */
  pattern: string;
  /** Module path relative to this folder, as import.meta.glob lists it. */
  file: string;
  /** The page's named export. */
  exportName: string;
  /** Shown in the main navigation under this label. */
  nav?: NavKey;
  /** Only for the mayor's office: hidden from a unit's navigation, and explained if opened. */
  officeOnly?: boolean;
  /** Page title when the route has no nav label. */
  title?: string;
}

export const ROUTES: readonly RouteDef[] = [
  { pattern: '/dashboard', file: '../features/dashboard/dashboard-page.tsx', exportName: 'DashboardPage', nav: 'dashboard' },
  { pattern: '/lists', file: '../features/lists/lists-page.tsx', exportName: 'ListsPage', nav: 'lists' },
  { pattern: '/my', file: '../features/checklist/checklist-page.tsx', exportName: 'ChecklistPage', nav: 'my' },
  { pattern: '/supervision', file: '../features/supervision/supervision-page.tsx', exportName: 'SupervisionPage', nav: 'supervision', officeOnly: true },
  { pattern: '/targets', file: '../features/targets/targets-page.tsx', exportName: 'TargetsPage', nav: 'targets' },
  { pattern: '/import', file: '../features/import/import-page.tsx', exportName: 'ImportPage', nav: 'import', officeOnly: true },
  { pattern: '/units', file: '../features/lists/units-page.tsx', exportName: 'UnitsPage', nav: 'units', officeOnly: true },
  { pattern: '/report', file: '../features/report/report-page.tsx', exportName: 'ReportPage', nav: 'report' },
  { pattern: '/data', file: '../features/data/data-page.tsx', exportName: 'DataPage', nav: 'data' },
  { pattern: '/notice/:taskId', file: '../features/report/notice-page.tsx', exportName: 'NoticePage', title: '督办单', officeOnly: true },
  { pattern: '/print/lists', file: '../features/report/lists-print-page.tsx', exportName: 'ListsPrintPage', title: '三张清单（打印）' },
];

/** Navigation order for the office: the order of the work, from overview to housekeeping. */
export const OFFICE_NAV: readonly NavKey[] = ['dashboard', 'lists', 'my', 'supervision', 'targets', 'import', 'units', 'report', 'data'];
/** A unit's navigation: its own tasks first, nothing that edits the plan. */
export const UNIT_NAV: readonly NavKey[] = ['my', 'dashboard', 'lists', 'targets', 'report', 'data'];

export const HOME_OFFICE = '/dashboard';
export const HOME_UNIT = '/my';

/** Page loaders by file, for the files that exist. */
export const PAGE_MODULES = import.meta.glob<Record<string, ComponentType>>('../features/*/*-page.tsx');

export function routeForNav(key: NavKey): RouteDef {
  return ROUTES.find((r) => r.nav === key)!;
}
