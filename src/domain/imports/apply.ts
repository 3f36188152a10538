/**
 * The second step of an import: a preview (src/domain/imports/preview.ts) applied exactly as
 * shown. Apart from the file builders in files.ts so that the store can apply a preview while the
 * builders, the checksum and the CSV load only when a file is made.
 */
import { mergeArchives } from '@/domain/bulletin/archive';
import type { ApplyOptions, ApplyResult, DataState, ImportPreview } from '@/domain/files';
import { mergeEvents } from '@/domain/merge';

/** Whether applying this preview removes or replaces data here, and so needs { confirmed: true }. */
export function needsConfirmation(preview: ImportPreview): boolean {
  return preview.ok && (preview.planAction === 'replace' || preview.planAction === 'restore' || preview.removedTasks.length > 0);
}

/**
 * Applies a preview. A refused file or a file with nothing new returns the state unchanged; so
 * does a preview that replaces the plan, restores a backup or removes tasks without
 * { confirmed: true }: no file ever empties a plan on its own.
 */
export function applyImport(state: DataState, preview: ImportPreview, options: ApplyOptions = {}): ApplyResult {
  if (!preview.ok) return { state, changed: false };
  if (needsConfirmation(preview) && !options.confirmed) return { state, changed: false, needsConfirmation: true };
  const inc = preview.incoming;
  const issued = inc.issued?.length ? mergeArchives(state.issued ?? [], inc.issued) : state.issued;
  const leaders = inc.leaders ?? state.leaders;
  if (preview.planAction === 'restore' && inc.plan) {
    return {
      state: { ...state, plan: inc.plan, units: inc.units ?? state.units, leaders, events: inc.events, issued, identity: inc.identity ?? state.identity, dropped: [] },
      changed: true,
    };
  }
  if (preview.planAction === 'replace' && inc.plan) {
    return { state: { ...state, plan: inc.plan, units: inc.units ?? state.units, leaders, events: inc.events, issued }, changed: true };
  }
  let next = state;
  if (preview.planAction === 'update' && inc.plan) next = { ...next, plan: inc.plan, units: inc.units ?? next.units, leaders };
  if (issued && issued.length !== (next.issued ?? []).length) next = { ...next, issued };
  if (inc.events.length) {
    // The preview refused every record whose id is here with other content; a record that
    // arrived meanwhile (another tab) with such an id keeps what is here.
    const have = new Set(next.events.map((e) => e.id));
    const fresh = inc.events.filter((e) => !have.has(e.id));
    if (fresh.length) {
      const m = mergeEvents(next.events, fresh);
      // An import is an explicit wish for these events: an earlier undo of them no longer holds.
      const ids = new Set(fresh.map((e) => e.id));
      next = { ...next, events: m.events, dropped: (next.dropped ?? []).filter((id) => !ids.has(id)) };
    }
  }
  return { state: next, changed: next !== state };
}
