/** The three lists' filter bar: search, unit, section, status, light, flag, sort. All labelled. */
import { memo, useEffect, useState } from 'react';
import { UnitSelect } from '@/components/unit-select';
import { LIGHTS } from '@/domain/lights';
import type { Section, TaskStatus, Unit } from '@/domain/model';
import { EMPTY_FILTER, type FlagFilter, type TaskFilter, type TaskSort, type TaskSortKey } from '@/domain/task-filter';
import { t } from '@/lib/strings';

const s = t.lists;
const STATUSES: readonly TaskStatus[] = ['not-started', 'in-progress', 'blocked', 'done'];
const SORT_KEYS: readonly TaskSortKey[] = ['section', 'deadline', 'light', 'unit'];

export function sectionLabel(sec: Section): string {
  // Full-width spaces indent subsections inside a native <select>, which cannot be styled.
  return `${'\u3000'.repeat(Math.max(0, sec.level - 1))}${sec.number}${sec.title}`;
}

export interface ListsFiltersProps {
  filter: TaskFilter;
  onFilter: (f: TaskFilter) => void;
  sort: TaskSort;
  onSort: (s: TaskSort) => void;
  sections: readonly Section[];
  units: readonly Unit[];
  planUnits: readonly string[];
}

export const ListsFilters = memo(function ListsFilters({ filter, onFilter, sort, onSort, sections, units, planUnits }: ListsFiltersProps) {
  // The search box filters as one types, after a short pause, so 1,000 rows are not refiltered
  // on every keystroke.
  const [query, setQuery] = useState(filter.query);
  useEffect(() => setQuery(filter.query), [filter.query]);
  useEffect(() => {
    if (query === filter.query) return;
    const timer = window.setTimeout(() => onFilter({ ...filter, query }), 200);
    return () => window.clearTimeout(timer);
  }, [query, filter, onFilter]);

  const set = <K extends keyof TaskFilter>(k: K, v: TaskFilter[K]) => onFilter({ ...filter, [k]: v });
  const active = JSON.stringify({ ...filter, query }) !== JSON.stringify(EMPTY_FILTER);

  return (
    <form className="lists-filters card" role="search" aria-label={s.filtersLabel} onSubmit={(e) => e.preventDefault()}>
      <div className="lists-filters__row">
        <div className="field lists-filters__search">
          <label className="field__label" htmlFor="lists-q">
            {s.search}
          </label>
          <input
            id="lists-q"
            className="input"
            type="search"
            value={query}
            placeholder={s.searchPlaceholder}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onFilter({ ...filter, query });
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="lists-unit">
            {s.unit}
          </label>
          <UnitSelect id="lists-unit" value={filter.unit} onChange={(v) => set('unit', v)} units={units} extraNames={planUnits} emptyLabel={s.allUnits} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor="lists-section">
            {s.section}
          </label>
          <select id="lists-section" className="input select" value={filter.sectionId} onChange={(e) => set('sectionId', e.target.value)}>
            <option value="">{s.allSections}</option>
            {sections.map((sec) => (
              <option key={sec.id} value={sec.id}>
                {sectionLabel(sec)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="lists-status">
            {s.status}
          </label>
          <select id="lists-status" className="input select" value={filter.status} onChange={(e) => set('status', e.target.value as TaskStatus | '')}>
            <option value="">{s.allStatuses}</option>
            {STATUSES.map((st) => (
              <option key={st} value={st}>
                {s.statusLabel[st]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="lists-light">
            {s.light}
          </label>
          <select id="lists-light" className="input select" value={filter.light} onChange={(e) => set('light', e.target.value as TaskFilter['light'])}>
            <option value="">{s.allLights}</option>
            {LIGHTS.map((l) => (
              <option key={l} value={l}>
                {t.lights[l]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="lists-flag">
            {s.flag}
          </label>
          <select id="lists-flag" className="input select" value={filter.flagged} onChange={(e) => set('flagged', e.target.value as FlagFilter)}>
            <option value="all">{s.flagAll}</option>
            <option value="flagged">{s.flagOnly}</option>
            <option value="unflagged">{s.flagNone}</option>
          </select>
        </div>
      </div>
      <div className="lists-filters__row lists-filters__row--sort">
        <div className="field field--inline">
          <label className="field__label" htmlFor="lists-sort">
            {s.sortBy}
          </label>
          <select id="lists-sort" className="input select" value={sort.key} onChange={(e) => onSort({ ...sort, key: e.target.value as TaskSortKey })}>
            {SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {s.sortLabel[k]}
              </option>
            ))}
          </select>
        </div>
        <label className="lists-filters__check">
          <input type="checkbox" checked={sort.flaggedFirst} onChange={(e) => onSort({ ...sort, flaggedFirst: e.target.checked })} />
          {s.flaggedFirst}
        </label>
        {active ? (
          <button
            type="button"
            className="btn btn--link"
            onClick={() => {
              setQuery('');
              onFilter({ ...EMPTY_FILTER });
            }}
          >
            {s.resetFilters}
          </button>
        ) : null}
      </div>
    </form>
  );
});
