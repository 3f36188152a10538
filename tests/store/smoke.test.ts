import { createLuoshiStore } from '@/store/store';
import { FakeStorage } from './fake-storage';
it('smoke', () => {
  const st = new FakeStorage();
  const s1 = createLuoshiStore({ storage: st });
  const id = s1.getState().addTask({ title: '测试任务', quote: '', source: { start: 0, end: 0 }, sectionId: null, owners: [], deadline: { label: '', due: null, recurrence: null, kind: 'ongoing', inferred: false }, flagged: false });
  s1.getState().record({ type: 'tick', taskId: id, done: true });
  console.log([...st.map.keys()], st.getItem('luoshi:data')!.length, s1.getState().storage);
  const s2 = createLuoshiStore({ storage: st });
  expect(s2.getState().events.length).toBe(1);
  expect(s2.getState().plan.tasks.some((t) => t.id === id)).toBe(true);
  s2.getState().undo();
  expect(s2.getState().events.length).toBe(1);
  s1.getState().undo();
  expect(s1.getState().events.length).toBe(2);
});
