/**
 * 领导分工: who oversees what. A leader (分管副市长, a named vice mayor, 各部门主要负责同志) is not a
 * unit: it has a portfolio, the units it oversees and the tasks assigned to it by name. The
 * dashboard filters by leader; leaders are never ranked and never an identity.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { UnitSelect } from '@/components/unit-select';
import { LeaderRoleSchema, tasksOverseenBy, type Leader, type LeaderRole } from '@/domain/leaders/leaders';
import type { Plan, Unit } from '@/domain/model';
import { prefixedId } from '@/lib/ids';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';

const s = t.units;
const ROLES = LeaderRoleSchema.options;

export function LeadersPanel({ plan, units, planUnits, editable }: { plan: Plan; units: readonly Unit[]; planUnits: readonly string[]; editable: boolean }) {
  const leaders = useLuoshi((st) => st.leaders);
  const upsertLeader = useLuoshi((st) => st.upsertLeader);
  const removeLeader = useLuoshi((st) => st.removeLeader);
  const notify = useLuoshi((st) => st.notify);
  const [pendingRemove, setPendingRemove] = useState<Leader | null>(null);
  const counts = useMemo(() => new Map(leaders.map((l) => [l.id, tasksOverseenBy(plan, l).length])), [leaders, plan]);

  return (
    <section className="card leaders-panel" aria-labelledby="leaders-h">
      <h2 id="leaders-h">{s.leadersHeading(leaders.length)}</h2>
      <p className="small muted">{s.leadersHint}</p>
      {editable ? (
        <AddLeaderForm
          leaders={leaders}
          onAdd={(l) => {
            upsertLeader(l);
            notify('success', s.leaderAdded(l.name));
          }}
        />
      ) : null}
      {leaders.length === 0 ? (
        <p className="muted">{s.noLeaders}</p>
      ) : (
        <ul className="leaders-list">
          {leaders.map((l) => (
            <LeaderItem
              key={l.id}
              leader={l}
              tasks={counts.get(l.id) ?? 0}
              units={units}
              planUnits={planUnits}
              onChange={editable ? upsertLeader : null}
              onRemove={() => setPendingRemove(l)}
            />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={pendingRemove !== null}
        title={s.removeLeaderTitle(pendingRemove?.name ?? '')}
        confirmLabel={t.common.delete}
        danger
        onConfirm={() => {
          if (pendingRemove) removeLeader(pendingRemove.id);
          setPendingRemove(null);
        }}
        onCancel={() => setPendingRemove(null)}
      >
        <p>{s.removeLeaderBody}</p>
      </ConfirmDialog>
    </section>
  );
}

function AddLeaderForm({ leaders, onAdd }: { leaders: readonly Leader[]; onAdd: (l: Leader) => void }) {
  const id = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<LeaderRole>('vice-mayor');
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return setError(s.errLeaderName);
    if (leaders.some((l) => l.name === n || l.aliases.includes(n))) return setError(s.errLeaderDuplicate(n));
    setError(null);
    onAdd({ id: prefixedId('leader'), name: n, role, aliases: [], units: [], tasks: [] });
    setName('');
  };
  return (
    <form className="leaders-add" aria-label={s.addLeader} onSubmit={submit} noValidate>
      <div className="cycle-form__row">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-n`}>
            {s.leaderName}
          </label>
          <input id={`${id}-n`} className="input" maxLength={200} placeholder={s.leaderNamePlaceholder} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-r`}>
            {s.leaderRole}
          </label>
          <select id={`${id}-r`} className="input select" value={role} onChange={(e) => setRole(e.target.value as LeaderRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {s.leaderRoles[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn btn--primary">
          {s.addLeader}
        </button>
      </div>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function LeaderItem({
  leader,
  tasks,
  units,
  planUnits,
  onChange,
  onRemove,
}: {
  leader: Leader;
  tasks: number;
  units: readonly Unit[];
  planUnits: readonly string[];
  /** Null: shown read-only. */
  onChange: ((l: Leader) => void) | null;
  onRemove: () => void;
}) {
  const id = useId();
  const taken = useMemo(() => new Set(leader.units), [leader.units]);
  return (
    <li className="leaders-item">
      <p className="leaders-item__head">
        <strong>{leader.name}</strong> <span className="tag">{s.leaderRoles[leader.role]}</span> <span className="small muted">{s.leaderTasks(tasks)}</span>
        {onChange ? (
          <button type="button" className="btn btn--small btn--link lists-delete" onClick={onRemove}>
            {t.common.delete}
            <span className="visually-hidden">：{leader.name}</span>
          </button>
        ) : null}
      </p>
      <p className="small muted leaders-item__label" id={`${id}-units`}>
        {s.leaderUnits}
      </p>
      <ul className="task-editor__chips" aria-labelledby={`${id}-units`}>
        {leader.units.length === 0 ? <li className="small muted">{s.leaderNoUnits}</li> : null}
        {leader.units.map((u) => (
          <li key={u} className="task-editor__chip">
            {u}
            {onChange ? (
              <button type="button" className="btn btn--small btn--link" onClick={() => onChange({ ...leader, units: leader.units.filter((x) => x !== u) })}>
                {s.leaderRemoveUnit}
                <span className="visually-hidden">：{u}</span>
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {onChange ? (
        <>
          <label className="visually-hidden" htmlFor={`${id}-add`}>
            {s.leaderAddUnit(leader.name)}
          </label>
          <UnitSelect
            id={`${id}-add`}
            value=""
            units={units}
            extraNames={planUnits}
            exclude={taken}
            emptyLabel={s.leaderAddUnitPlaceholder}
            onChange={(name) => {
              if (name) onChange({ ...leader, units: [...leader.units, name] });
            }}
          />
        </>
      ) : null}
    </li>
  );
}
