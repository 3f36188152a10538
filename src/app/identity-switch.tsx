/**
 * Who is using this browser: the mayor's office, or one unit from the registry. This is a
 * choice of view, not a login, and the note beside it says so.
 */
import { memo, useMemo } from 'react';
import type { Identity, Unit, UnitKind } from '@/domain/model';
import { OFFICE_NAME } from '@/domain/model';
import { SelectField, type SelectGroup, type SelectOption } from '@/components/field';
import { shell as t } from '@/lib/strings-shell';
import { useLuoshi } from '@/store/store';

const OFFICE_VALUE = '__office__';
const GROUP_ORDER: readonly Exclude<UnitKind, 'office'>[] = ['department', 'district', 'leader', 'party', 'other'];

export function identityOptions(units: readonly Unit[]): Array<SelectOption | SelectGroup> {
  const groups = new Map<UnitKind, SelectOption[]>();
  for (const u of units) {
    if (u.kind === 'office' || u.name === OFFICE_NAME) continue;
    const list = groups.get(u.kind) ?? [];
    list.push({ value: u.name, label: u.name });
    groups.set(u.kind, list);
  }
  const out: Array<SelectOption | SelectGroup> = [{ value: OFFICE_VALUE, label: t.app.identityOffice }];
  for (const kind of GROUP_ORDER) {
    const options = groups.get(kind);
    if (options?.length) out.push({ group: t.app.identityGroups[kind], options });
  }
  return out;
}

export const IdentitySwitch = memo(function IdentitySwitch({
  identity,
  units,
  onChange,
}: {
  identity: Identity;
  units: readonly Unit[];
  onChange: (identity: Identity) => void;
}) {
  // A unit the plan names but the registry lacks (a speech's own 牵头单位, an entry deleted from
  // 单位名录) still has tasks to tick: it must be able to choose itself, as 我的任务's picker allows.
  // (A loop here rather than task-filter's unitsInPlan: that module would join the initial bundle.)
  const tasks = useLuoshi((s) => s.plan.tasks);
  const planNames = useMemo(() => {
    const names = new Set<string>();
    for (const task of tasks) for (const o of task.owners) names.add(o.name);
    return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }, [tasks]);
  const options = useMemo(() => {
    const opts = identityOptions(units);
    const known = new Set(units.map((u) => u.name));
    const outside = planNames.filter((n) => !known.has(n) && n !== OFFICE_NAME);
    // A unit chosen earlier and since removed from the registry stays selectable, so the select
    // never silently shows a different identity from the one in use.
    if (identity.kind === 'unit' && !known.has(identity.name) && !outside.includes(identity.name)) outside.push(identity.name);
    if (outside.length) opts.push({ group: t.unitSelect.notInRegistry, options: outside.map((n) => ({ value: n, label: n })) });
    return opts;
  }, [units, identity, planNames]);
  return (
    <div className="identity">
      <SelectField
        label={t.app.identityLabel}
        inline
        hint={t.app.noLogin}
        className="identity__field"
        value={identity.kind === 'office' ? OFFICE_VALUE : identity.name}
        options={options}
        onChange={(e) => {
          const v = e.target.value;
          onChange(v === OFFICE_VALUE ? { kind: 'office' } : { kind: 'unit', name: v });
        }}
      />
    </div>
  );
});
