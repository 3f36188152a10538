import { describe, expect, it } from 'vitest';
import { createLuoshiStore, PENDING_PLAN_ID } from '@/store/store';
import { MAIN_KEY, SNAPSHOT_PREFIX } from '@/store/keys';
import { decodeText } from '@/store/codec';
import { SEED_PLAN_ID } from '@/domain/seed';
import { FakeStorage } from './fake-storage';
import { Clock } from './helpers';

describe('first start', () => {
  it('shows a placeholder at once, then the parsed seed speech, and stores it', async () => {
    // The parser and the speech are loaded in the background, out of the initial bundle.
    const storage = new FakeStorage();
    const clock = new Clock('2026-03-02T09:00:00.000Z');
    const store = createLuoshiStore({ storage, subscribe: undefined, now: clock.now });
    expect(store.getState().plan.id).toBe(PENDING_PLAN_ID);
    await store.seedReady;
    const plan = store.getState().plan;
    expect(plan.id).toBe(SEED_PLAN_ID);
    expect(plan.year).toBe(2026);
    expect(plan.tasks.length).toBeGreaterThanOrEqual(25);
    expect(storage.getItem(MAIN_KEY)).not.toBeNull();
  });

  it('does not take the loading placeholder as today\'s snapshot (restoring it would show 正在载入 for good)', async () => {
    const storage = new FakeStorage();
    const clock = new Clock('2026-03-02T09:00:00.000Z');
    const store = createLuoshiStore({ storage, subscribe: undefined, now: clock.now });
    await store.seedReady;
    store.getState().record({ type: 'tick', taskId: store.getState().plan.tasks[0]!.id, done: true, note: '已完成' });
    const snaps = [...storage.map.keys()].filter((k) => k.startsWith(SNAPSHOT_PREFIX));
    // The day's snapshot is still taken, of the seed as it was before the first change.
    expect(snaps).toHaveLength(1);
    expect(decodeText(storage.getItem(snaps[0]!)!, clock.now()).plan?.id).toBe(SEED_PLAN_ID);
  });

  it('does not load the seed when a plan is stored', async () => {
    const storage = new FakeStorage();
    const clock = new Clock();
    const first = createLuoshiStore({ storage, subscribe: undefined, now: clock.now });
    await first.seedReady;
    first.getState().updateTask(first.getState().plan.tasks[0]!.id, { title: '改过的标题' });
    const again = createLuoshiStore({ storage, subscribe: undefined, now: clock.now });
    expect(again.getState().plan.tasks[0]!.title).toBe('改过的标题');
    await again.seedReady;
    expect(again.getState().plan.tasks[0]!.title).toBe('改过的标题');
  });

  it('keeps a plan that arrived while the seed was loading', async () => {
    const storage = new FakeStorage();
    const store = createLuoshiStore({ storage, subscribe: undefined, now: new Clock().now });
    const imported = { ...store.getState().plan, id: 'imported', title: '导入的计划' };
    store.getState().replacePlan(imported);
    await store.seedReady;
    expect(store.getState().plan.id).toBe('imported');
  });
});
