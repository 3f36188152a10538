/**
 * 单位名录: the editable registry of responsible units (departments, districts and counties, vice
 * mayors' portfolios, party bodies). The parser uses aliases to name owners consistently and
 * keywords to suggest owners; the lists and the identity switch offer these names.
 */
import { memo, useId, useMemo, useState } from 'react';
import { prefixedId } from '@/lib/ids';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState } from '@/components/empty-state';
import { PageHeader } from '@/components/page-header';
import { unitKindLabel } from '@/components/unit-select';
import { UnitKindSchema, type Unit, type UnitKind } from '@/domain/model';
import { taskCountByUnit, unitsInPlan } from '@/domain/task-filter';
import { LeadersPanel } from './leaders-panel';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { selectCanWriteAsOffice } from '@/store/slices/signing';
import './lists.css';

const s = t.units;
// Leaders are not units (they have their own list below): the registry never offers the kind.
const KINDS = UnitKindSchema.options.filter((k) => k !== 'leader');

/** 发改委，发展改革委、市发改委 → ['发改委', '发展改革委', '市发改委'] (any Chinese or ASCII separator). */
export function splitList(text: string): string[] {
  const out: string[] = [];
  for (const part of text.split(/[,，、;；\n]+/u)) {
    const v = part.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

const newUnitId = () => prefixedId('unit');

interface Draft {
  name: string;
  kind: UnitKind;
  aliases: string;
  keywords: string;
}
const EMPTY_DRAFT: Draft = { name: '', kind: 'department', aliases: '', keywords: '' };

/** Checks a draft against the registry; returns a Chinese message or null. */
function validate(draft: Draft, units: readonly Unit[], selfId: string | null): string | null {
  const name = draft.name.trim();
  if (!name) return s.errName;
  if (name.length > 200) return s.errNameLong;
  const clash = units.find((u) => u.id !== selfId && (u.name === name || u.aliases.includes(name)));
  if (clash) return s.errDuplicate(name, clash.name);
  return null;
}

export function UnitsPage() {
  const units = useLuoshi((st) => st.units);
  const plan = useLuoshi((st) => st.plan);
  const upsertUnit = useLuoshi((st) => st.upsertUnit);
  const removeUnit = useLuoshi((st) => st.removeUnit);
  const notify = useLuoshi((st) => st.notify);
  // The registry and the leaders are the office's: read-only where this browser may not write as it.
  const editable = useLuoshi(selectCanWriteAsOffice);
  const [query, setQuery] = useState('');
  const [kindFilter, setKindFilter] = useState<UnitKind | ''>('');
  const [editingId, setEditingId] = useState<string | null>(null);
  const [pendingRemove, setPendingRemove] = useState<Unit | null>(null);
  const planUnits = useMemo(() => unitsInPlan(plan), [plan]);

  const counts = useMemo(() => {
    const byName = taskCountByUnit(plan);
    const out = new Map<string, { lead: number; co: number }>();
    for (const u of units) {
      // A task may name the unit by an alias (发改委): those count for the unit too.
      const c = { lead: 0, co: 0 };
      for (const n of new Set([u.name, ...u.aliases])) {
        const x = byName.get(n);
        if (x) {
          c.lead += x.lead;
          c.co += x.co;
        }
      }
      out.set(u.id, c);
    }
    return out;
  }, [plan, units]);

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return units.filter(
      (u) =>
        (!kindFilter || u.kind === kindFilter) &&
        (!q || [u.name, ...u.aliases, ...u.keywords].some((x) => x.toLowerCase().includes(q))),
    );
  }, [units, query, kindFilter]);

  const kindCounts = useMemo(() => {
    const m = new Map<UnitKind, number>();
    for (const u of units) m.set(u.kind, (m.get(u.kind) ?? 0) + 1);
    return m;
  }, [units]);

  const removeCount = pendingRemove ? counts.get(pendingRemove.id) : undefined;
  const removeTasks = removeCount ? removeCount.lead + removeCount.co : 0;

  return (
    <div className="units-page">
      <PageHeader title={s.title} description={s.description} />

      {editable ? (
        <AddUnitForm
          units={units}
          onAdd={(unit) => {
            upsertUnit(unit);
            notify('success', s.added(unit.name));
          }}
        />
      ) : null}

      <section className="card" aria-labelledby="units-list-h">
        <h2 id="units-list-h">{s.listHeading(units.length)}</h2>
        <p className="units-kind-summary">
          {KINDS.filter((k) => kindCounts.get(k)).map((k) => (
            <span key={k} className="tag">
              {unitKindLabel(k)} {kindCounts.get(k)}
            </span>
          ))}
        </p>
        <div className="lists-filters__row">
          <div className="field">
            <label className="field__label" htmlFor="units-q">
              {s.search}
            </label>
            <input id="units-q" className="input" type="search" value={query} placeholder={s.searchPlaceholder} onChange={(e) => setQuery(e.target.value)} />
          </div>
          <div className="field">
            <label className="field__label" htmlFor="units-kind">
              {s.kind}
            </label>
            <select id="units-kind" className="input select" value={kindFilter} onChange={(e) => setKindFilter(e.target.value as UnitKind | '')}>
              <option value="">{s.allKinds}</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {unitKindLabel(k)}
                </option>
              ))}
            </select>
          </div>
        </div>

        {units.length === 0 ? (
          <EmptyState title={s.empty} compact>
            <p>{s.emptyHint}</p>
          </EmptyState>
        ) : visible.length === 0 ? (
          <EmptyState title={s.noMatch} compact />
        ) : (
          <div className="table-wrap">
            <table className="table units-table">
              <caption className="visually-hidden">{s.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{s.colName}</th>
                  <th scope="col">{s.kind}</th>
                  <th scope="col">{s.colAliases}</th>
                  <th scope="col">{s.colKeywords}</th>
                  <th scope="col" className="num">
                    {s.colTasks}
                  </th>
                  {editable ? <th scope="col">{s.colActions}</th> : null}
                </tr>
              </thead>
              <tbody>
                {visible.map((u) =>
                  editingId === u.id ? (
                    <UnitEditRow
                      key={u.id}
                      unit={u}
                      units={units}
                      onCancel={() => setEditingId(null)}
                      onSave={(next) => {
                        upsertUnit(next);
                        setEditingId(null);
                        notify('success', s.saved(next.name));
                      }}
                    />
                  ) : (
                    <UnitRow key={u.id} unit={u} count={counts.get(u.id)} editable={editable} onEdit={setEditingId} onRemove={setPendingRemove} />
                  ),
                )}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <LeadersPanel plan={plan} units={units} planUnits={planUnits} editable={editable} />

      <ConfirmDialog
        open={pendingRemove !== null}
        title={s.removeTitle(pendingRemove?.name ?? '')}
        confirmLabel={t.common.delete}
        danger
        onConfirm={() => {
          // The store says so in a toast with 撤销.
          if (pendingRemove) removeUnit(pendingRemove.id);
          setPendingRemove(null);
        }}
        onCancel={() => setPendingRemove(null)}
      >
        {removeTasks > 0 ? <p className="field__error">{s.removeStillUsed(removeTasks)}</p> : <p>{s.removeUnused}</p>}
      </ConfirmDialog>
    </div>
  );
}

const UnitRow = memo(function UnitRow({
  unit,
  count,
  editable,
  onEdit,
  onRemove,
}: {
  unit: Unit;
  count: { lead: number; co: number } | undefined;
  editable: boolean;
  onEdit: (id: string) => void;
  onRemove: (u: Unit) => void;
}) {
  return (
    <tr>
      <th scope="row">{unit.name}</th>
      <td className="nowrap">{unitKindLabel(unit.kind)}</td>
      <td>{unit.aliases.join('、') || '—'}</td>
      <td className="small">{unit.keywords.join('、') || '—'}</td>
      <td className="num nowrap">{count ? s.taskCount(count.lead, count.co) : s.taskCount(0, 0)}</td>
      {editable ? (
        <td className="lists-table__actions">
          <button type="button" className="btn btn--small" onClick={() => onEdit(unit.id)}>
            {t.common.edit}
            <span className="visually-hidden">：{unit.name}</span>
          </button>
          <button type="button" className="btn btn--small btn--link lists-delete" onClick={() => onRemove(unit)}>
            {t.common.delete}
            <span className="visually-hidden">：{unit.name}</span>
          </button>
        </td>
      ) : null}
    </tr>
  );
});

function UnitEditRow({ unit, units, onSave, onCancel }: { unit: Unit; units: readonly Unit[]; onSave: (u: Unit) => void; onCancel: () => void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>({ name: unit.name, kind: unit.kind, aliases: unit.aliases.join('、'), keywords: unit.keywords.join('、') });
  const [error, setError] = useState<string | null>(null);
  const save = () => {
    const err = validate(draft, units, unit.id);
    if (err) return setError(err);
    onSave({ ...unit, name: draft.name.trim(), kind: draft.kind, aliases: splitList(draft.aliases), keywords: splitList(draft.keywords) });
  };
  return (
    <tr
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          save();
        }
      }}
    >
      <th scope="row">
        <label className="visually-hidden" htmlFor={`${id}-name`}>
          {s.colName}
        </label>
        <input id={`${id}-name`} className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />
        {error ? (
          <p className="field__error" role="alert">
            {error}
          </p>
        ) : null}
      </th>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-kind`}>
          {s.kind}
        </label>
        <select id={`${id}-kind`} className="input select" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as UnitKind })}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {unitKindLabel(k)}
            </option>
          ))}
        </select>
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-aliases`}>
          {s.colAliases}
        </label>
        <input id={`${id}-aliases`} className="input" value={draft.aliases} onChange={(e) => setDraft({ ...draft, aliases: e.target.value })} />
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`${id}-keywords`}>
          {s.colKeywords}
        </label>
        <input id={`${id}-keywords`} className="input" value={draft.keywords} onChange={(e) => setDraft({ ...draft, keywords: e.target.value })} />
      </td>
      <td />
      <td className="lists-table__actions">
        <button type="button" className="btn btn--small btn--primary" onClick={save}>
          {t.common.save}
        </button>
        <button type="button" className="btn btn--small" onClick={onCancel}>
          {t.common.cancel}
        </button>
      </td>
    </tr>
  );
}

function AddUnitForm({ units, onAdd }: { units: readonly Unit[]; onAdd: (u: Unit) => void }) {
  const id = useId();
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="card"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        const err = validate(draft, units, null);
        if (err) return setError(err);
        setError(null);
        onAdd({ id: newUnitId(), name: draft.name.trim(), kind: draft.kind, aliases: splitList(draft.aliases), keywords: splitList(draft.keywords) });
        setDraft(EMPTY_DRAFT);
      }}
    >
      <h2 id={`${id}-h`}>{s.addHeading}</h2>
      <div className="add-task__grid">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-name`}>
            {s.colName}
            <span className="field__required">{t.components.requiredMark}</span>
          </label>
          <input
            id={`${id}-name`}
            className="input"
            value={draft.name}
            maxLength={200}
            required
            placeholder={s.namePlaceholder}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-err` : undefined}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {s.kind}
          </label>
          <select id={`${id}-kind`} className="input select" value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as UnitKind })}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {unitKindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-aliases`}>
            {s.colAliases}
          </label>
          <input id={`${id}-aliases`} className="input" value={draft.aliases} aria-describedby={`${id}-sep`} placeholder={s.aliasesPlaceholder} onChange={(e) => setDraft({ ...draft, aliases: e.target.value })} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-keywords`}>
            {s.colKeywords}
          </label>
          <input id={`${id}-keywords`} className="input" value={draft.keywords} aria-describedby={`${id}-sep`} placeholder={s.keywordsPlaceholder} onChange={(e) => setDraft({ ...draft, keywords: e.target.value })} />
        </div>
      </div>
      <p className="field__hint" id={`${id}-sep`}>
        {s.separatorHint}
      </p>
      {error ? (
        <p className="field__error" id={`${id}-err`} role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="btn btn--primary">
        {s.add}
      </button>
    </form>
  );
}
