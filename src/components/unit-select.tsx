/**
 * A native <select> of units from the registry, grouped by kind (市直部门, 区县, 分管副市长…),
 * plus names that appear in the plan but not in the registry, so an existing owner never
 * silently disappears from the list. Native select: keyboard and screen readers just work.
 */
import { memo, useMemo } from 'react';
import type { Unit, UnitKind } from '@/domain/model';
import { t } from '@/lib/strings';

const KIND_ORDER: readonly UnitKind[] = ['office', 'department', 'district', 'leader', 'party', 'other'];

export function unitKindLabel(kind: UnitKind): string {
  return kind === 'office' ? t.common.office : t.app.identityGroups[kind];
}

export interface UnitSelectProps {
  id?: string;
  value: string;
  onChange: (name: string) => void;
  units: readonly Unit[];
  /** Names to offer even if the registry lacks them (owners already in the plan). */
  extraNames?: readonly string[];
  /** Label of the '' option (e.g. 全部单位, 请选择); omit for no empty option. */
  emptyLabel?: string;
  /** Names not to offer (e.g. the lead unit in the co-unit picker). */
  exclude?: ReadonlySet<string>;
  className?: string;
  disabled?: boolean;
  'aria-label'?: string;
  'aria-describedby'?: string;
}

export const UnitSelect = memo(function UnitSelect({
  id,
  value,
  onChange,
  units,
  extraNames,
  emptyLabel,
  exclude,
  className = 'input select',
  disabled,
  ...aria
}: UnitSelectProps) {
  const groups = useMemo(() => {
    const known = new Set(units.map((u) => u.name));
    const out: { label: string; names: string[] }[] = [];
    for (const kind of KIND_ORDER) {
      const names = units.filter((u) => u.kind === kind && !exclude?.has(u.name)).map((u) => u.name);
      if (names.length) out.push({ label: unitKindLabel(kind), names });
    }
    const extra = (extraNames ?? []).filter((n) => !known.has(n) && !exclude?.has(n));
    // The current value must be selectable even if it is neither registered nor in the plan.
    if (value && !known.has(value) && !extra.includes(value)) extra.push(value);
    if (extra.length) out.push({ label: t.unitSelect.notInRegistry, names: extra });
    return out;
  }, [units, extraNames, exclude, value]);

  return (
    <select id={id} className={className} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)} {...aria}>
      {emptyLabel !== undefined ? <option value="">{emptyLabel}</option> : null}
      {groups.map((g) => (
        <optgroup key={g.label} label={g.label}>
          {g.names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
});
