/**
 * Pass 5, attach owners: who does each directive. In the order an office trusts them:
 * 1. a table row's 牵头单位 / 配合单位 / 责任单位 / 责任领导 cells;
 * 2. the notation that closes a prose directive (（牵头单位：…，配合单位：…）);
 * 3. the sentence's subject (各部门要…, 市发展改革委要会同…);
 * 4. suggestions from the registry's keywords, marked inferred.
 */
import type { OwnerRef, OwnerRole, SourceSpan, Unit } from '../model';
import type { Directive } from './directives';
import { canonicalName, inferOwners, MAX_INFERRED_CO, splitNames } from './owners';
import type { RowView } from './table-model';

/** Owners from a row's cells: the lead column, else the first of 责任单位; then co-units; leaders last. */
function rowOwners(view: RowView, units: Unit[]): OwnerRef[] {
  const owners: OwnerRef[] = [];
  const seen = new Set<string>();
  const add = (raw: string, role: OwnerRole) => {
    const name = canonicalName(raw, units);
    if (seen.has(name)) return;
    seen.add(name);
    owners.push({ name, role, inferred: false });
  };
  const names = (role: 'lead' | 'co' | 'owners' | 'leader') => (view.cells[role] ?? []).flatMap((c) => splitNames(c.text));
  const lead = names('lead');
  const resp = names('owners');
  for (const n of lead) add(n, 'lead');
  // 责任单位 alone: the first named unit leads, the rest co-operate; beside a 牵头单位 all co-operate.
  resp.forEach((n, i) => add(n, lead.length === 0 && i === 0 ? 'lead' : 'co'));
  for (const n of names('co')) add(n, 'co');
  // A 责任领导 is a leader, not a unit: listed after the units so the first lead is the unit.
  for (const n of names('leader')) add(n, owners.length === 0 ? 'lead' : 'lead');
  return owners;
}

/**
 * Explicit subject owners first; then registry suggestions (inferred). With no explicit owner the
 * best suggestion leads and the next ones co-operate; next to an explicit owner suggestions are
 * only co-units. At most MAX_INFERRED_CO co-units, so the office reviews a short list.
 */
function suggestOwners(text: string, span: SourceSpan, subjects: OwnerRef[], units: Unit[]): OwnerRef[] {
  const owners: OwnerRef[] = subjects.map((o) => ({ ...o }));
  const taken = new Set(owners.map((o) => o.name));
  const suggested = inferOwners(text, span, units, taken);
  let co = 0;
  for (const u of suggested) {
    if (owners.length === 0) owners.push({ name: u.name, role: 'lead', inferred: true });
    else if (co < MAX_INFERRED_CO) {
      owners.push({ name: u.name, role: 'co', inferred: true });
      co++;
    } else break;
  }
  return owners;
}

export function attachOwners(text: string, directives: Directive[], units: Unit[]): void {
  for (const d of directives) {
    if (d.row) d.owners = rowOwners(d.row, units);
    else if (d.notation && d.notation.owners.length > 0) d.owners = d.notation.owners.map((o) => ({ ...o }));
    else d.owners = suggestOwners(text, d.span, d.subjects, units);
    if (d.row && d.owners.length === 0) d.owners = suggestOwners(text, d.span, [], units);
  }
  const local = localLevel(directives);
  if (local) for (const d of directives) d.owners = localizeSuggestions(d.owners, local);
}

/**
 * Rule `local-level`: a district's or county's speech names its own units (区应急管理局, 县水务局);
 * the registry is a city's. When explicit owners starting with 区 (or 县) outnumber those starting
 * with 市, the document is that level's, and a 市 suggestion is read as its local counterpart.
 */
function localLevel(directives: readonly Directive[]): '区' | '县' | null {
  const n = { 市: 0, 区: 0, 县: 0 };
  for (const d of directives) {
    for (const o of d.owners) {
      // Departments only: a city's notice also names 区政府 or 县区人民政府 as owners.
      const first = o.name[0];
      if (!o.inferred && (first === '市' || first === '区' || first === '县') && LOCAL_DEPARTMENT_RE.test(o.name)) n[first]++;
    }
  }
  const level = n.区 >= n.县 ? '区' : '县';
  return n[level] >= 2 && n[level] > n.市 ? level : null;
}

/** 区应急管理局, 县水务局, 区消防救援大队: one level's department, not its government. */
const LOCAL_DEPARTMENT_RE = /^[市区县](?![区县市])[^政]{1,14}(?:局|委员会|委|办公室|办|中心|大队|支队)$/;

/** 市应急管理局 → 区应急管理局 for inferred owners only, dropping one that repeats a name. */
function localizeSuggestions(owners: OwnerRef[], level: '区' | '县'): OwnerRef[] {
  const out: OwnerRef[] = [];
  const seen = new Set<string>();
  for (const o of owners) {
    const name = o.inferred && o.name.startsWith('市') ? level + o.name.slice(1) : o.name;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name === o.name ? o : { ...o, name });
  }
  return out;
}
