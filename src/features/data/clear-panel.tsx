/**
 * 清除数据: empties the plan and its progress log (the unit registry stays). It goes through
 * replacePlan, so the store takes an automatic backup first and the step can be undone.
 */
import { useState } from 'react';
import { prefixedId } from '@/lib/ids';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { SCHEMA_VERSION, type Plan } from '@/domain/model';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { useToday } from '@/store/selectors';

const s = t.data;

export function emptyPlan(id: string, now: string, year: number): Plan {
  return {
    schemaVersion: SCHEMA_VERSION,
    id,
    title: '',
    year,
    createdAt: now,
    updatedAt: now,
    sourceText: '',
    sections: [],
    tasks: [],
    targets: [],
    warnings: [],
    targetValues: {},
    targetActuals: {},
  };
}

export function ClearPanel() {
  const replacePlan = useLuoshi((st) => st.replacePlan);
  const notify = useLuoshi((st) => st.notify);
  const taskCount = useLuoshi((st) => st.plan.tasks.length);
  const eventCount = useLuoshi((st) => st.events.length);
  const today = useToday();
  const [open, setOpen] = useState(false);
  return (
    <section className="card data-card data-card--danger" aria-labelledby="data-clear-h">
      <h2 id="data-clear-h">{s.clearHeading}</h2>
      <p>{s.clearHint}</p>
      <button type="button" className="btn btn--danger" onClick={() => setOpen(true)}>
        {s.clearAction}
      </button>
      <ConfirmDialog
        open={open}
        title={s.clearTitle}
        confirmLabel={s.clearConfirm}
        danger
        onConfirm={() => {
          // A new plan id: replacePlan starts a new, empty log for a different plan.
          const id = prefixedId('plan');
          replacePlan(emptyPlan(id, new Date().toISOString(), Number(today.slice(0, 4))));
          setOpen(false);
          notify('success', s.cleared);
        }}
        onCancel={() => setOpen(false)}
      >
        <p>{s.clearBody(taskCount, eventCount)}</p>
      </ConfirmDialog>
    </section>
  );
}
