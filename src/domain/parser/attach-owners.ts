/**
 * Pass 5, attach owners: who does each directive. In the order an office trusts them:
 * 1. a table row's 牵头单位 / 配合单位 / 责任单位 / 责任领导 cells;
 * 2. the notation that closes a prose directive (（牵头单位：…，配合单位：…）);
 * 3. the sentence's subject (各部门要…, 市发展改革委要会同…);
 * 4. suggestions from the registry's keywords, marked inferred.
 */
import type { OwnerRef, SourceSpan, Unit } from '../model';
import type { DocumentFacts, GovernmentLevel } from './classify';
import type { Directive } from './directives';
import { inferOwners, MAX_INFERRED_CO, ownersOf, type NotationPart } from './owners';
import { registryOf } from './registry';
import type { RowView } from './table-model';

/** The level character a county's or district's own units start with. */
const LOCAL_PREFIX: Partial<Record<GovernmentLevel, string>> = { county: '县', district: '区' };

/**
 * The name to file an owner under. The registry is one city's: in a city's document an alias
 * becomes its unit's name (市发改委 → 市发展和改革委员会); in a county's a bare alias is the
 * county's own unit (财政局 → 县财政局); in a province's or the State Council's the name stays as
 * written. A group the registry knows (各区县) stays as written: the text chose the word.
 */
export function canonicalOwner(raw: string, units: Unit[], level: GovernmentLevel | null): string {
  const hit = registryOf(units).names.matchAt(raw, 0);
  if (!hit || hit.end !== raw.length) return raw;
  if (hit.value.kind === 'district') return raw;
  if (level === null || level === 'city' || raw.startsWith('市')) return hit.value.name;
  const local = LOCAL_PREFIX[level];
  if (local && !/^[省市县区乡镇]/.test(raw) && /(?:局|委|办|中心|室)$/.test(raw)) return local + raw;
  return raw;
}

/** A row's owner cells read as notation parts: the same rules for a table and a notice's brackets. */
function rowParts(view: RowView): NotationPart[] {
  const parts: NotationPart[] = [];
  const push = (role: 'lead' | 'co' | 'owners' | 'leader', label: string, as: NotationPart['role']) => {
    for (const c of view.cells[role] ?? []) parts.push({ label, role: as, value: c.text });
  };
  push('lead', '牵头单位', 'lead');
  push('owners', '责任单位', 'resp');
  push('co', '配合单位', 'co');
  push('leader', '责任领导', 'lead');
  return parts;
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

/** Explicit owners under the names the office files them by; one entry per name. */
function canonical(owners: readonly OwnerRef[], units: Unit[], level: GovernmentLevel | null): OwnerRef[] {
  const out: OwnerRef[] = [];
  const seen = new Set<string>();
  for (const o of owners) {
    const name = canonicalOwner(o.name, units, level);
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ ...o, name });
  }
  return out;
}

export function attachOwners(text: string, directives: Directive[], units: Unit[], facts: DocumentFacts): void {
  // A State Council or provincial text names its own ministries and departments: a city's
  // registry has nothing to suggest there (rule `no-city-suggestions`).
  const suggest = facts.level !== 'national' && facts.level !== 'provincial';
  for (const d of directives) {
    const parts = d.row ? rowParts(d.row) : d.notations.flatMap((n) => n.parts);
    const named = parts.length > 0 ? ownersOf(parts) : [];
    const explicit = canonical(named.length > 0 ? named : d.subjects, units, facts.level);
    d.owners = suggest && named.length === 0 ? suggestOwners(text, d.span, explicit, units) : explicit;
  }
  const local = facts.level === null ? localLevel(directives) : LOCAL_PREFIX[facts.level];
  if (local === '县' || local === '区') for (const d of directives) d.owners = localizeSuggestions(d.owners, local);
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
