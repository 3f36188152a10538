/**
 * 三张清单 for printing (#/print/lists, optionally ?unit=…): the task list by section, the
 * responsibility list by unit and the time list by due date, on landscape A4 pages laid out as an
 * attachment (附件) of an official document.
 */
import { Fragment, useMemo } from 'react';
import { buildThreeLists, chineseDate, chineseMonthDay, type ListTask } from '@/domain/report';
import { SelectField } from '@/components/field';
import { href, navigate, useRoute } from '@/lib/router';
import { t } from '@/lib/strings';
import { useLuoshi } from '@/store/store';
import { useToday } from '@/store/selectors';
import { DocEmpty, DocTable, PrintButton } from './doc-parts';
import '@/styles/print.css';

const s = t.listsPrint;

function statusText(x: ListTask): string {
  const name = t.events.statusNames[x.status];
  return x.status === 'done' || x.percent === 0 ? name : `${name} ${x.percent}%`;
}

function dueText(x: ListTask): string {
  return x.due ? chineseDate(x.due) : s.ongoing;
}

function TaskRefs({ tasks }: { tasks: ListTask[] }) {
  if (tasks.length === 0) return <>{t.common.none}</>;
  return (
    <ol className="doc-refs">
      {tasks.map((x) => (
        <li key={x.taskId}>
          <span className="doc-ref-no">{x.no}.</span> {x.title}
        </li>
      ))}
    </ol>
  );
}

export function ListsPrintPage() {
  const plan = useLuoshi((st) => st.plan);
  const events = useLuoshi((st) => st.events).toArray();
  const units = useLuoshi((st) => st.units);
  const today = useToday();
  const { query } = useRoute();
  const unit = query.unit || null;
  const lists = useMemo(() => buildThreeLists(plan, events, { unit, units }), [plan, events, unit, units]);

  const unitNames = useMemo(() => {
    const named = new Set(plan.tasks.flatMap((x) => x.owners.map((o) => o.name)));
    return [...named].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }, [plan.tasks]);

  return (
    <div className="report-page">
      <div className="doc-toolbar no-print" role="group" aria-label={t.report.toolbarLabel}>
        <SelectField
          label={s.unitLabel}
          value={unit ?? ''}
          options={[{ value: '', label: s.allUnits }, ...unitNames.map((n) => ({ value: n, label: n }))]}
          onChange={(e) => navigate(href('/print/lists', { unit: e.target.value || undefined }))}
        />
        <PrintButton />
        <p className="doc-toolbar-hint">{t.report.printHint.replace('纵向', '横向')}</p>
      </div>
      <article className="doc-sheet doc-landscape" aria-labelledby="lists-title">
        <p className="doc-attachment">附件</p>
        <h1 id="lists-title" className="doc-title">
          {s.titleLines(plan.title).map((line) => (
            <span key={line} className="doc-title-line">
              {line}
            </span>
          ))}
        </h1>
        <p className="doc-subtitle">{s.subtitle(unit, chineseDate(today))}</p>
        {lists.total === 0 ? (
          <DocEmpty>{s.empty}</DocEmpty>
        ) : (
          <>
            <h2>{s.taskList}</h2>
            <div className="doc-table-wrap">
              <table className="doc-table">
                <caption>{s.taskCaption}</caption>
                <colgroup>
                  <col style={{ width: '3em' }} />
                  <col style={{ width: '28%' }} />
                  <col />
                </colgroup>
                <thead>
                  <tr>
                    <th scope="col">{s.colNo}</th>
                    <th scope="col">{s.colTask}</th>
                    <th scope="col">{s.colQuote}</th>
                  </tr>
                </thead>
                {lists.bySection.map((g) => (
                  <tbody key={g.section || 'none'}>
                    <tr className="doc-group-row">
                      <th scope="rowgroup" colSpan={3}>
                        {g.section || s.noSection}
                      </th>
                    </tr>
                    {g.tasks.map((x) => (
                      <tr key={x.taskId}>
                        <td className="center">{x.no}</td>
                        <td>
                          {x.title}
                          {x.flagged ? <span className="doc-cell-note">{t.notice.flaggedMark}</span> : null}
                        </td>
                        <td className="doc-quote">{x.quote}</td>
                      </tr>
                    ))}
                  </tbody>
                ))}
              </table>
            </div>

            <h2>{s.responsibilityList}</h2>
            <DocTable
              caption={s.responsibilityCaption}
              rows={lists.unowned.length ? [...lists.byUnit, { unit: s.noOwner, lead: lists.unowned, co: [] }] : lists.byUnit}
              rowKey={(r) => r.unit}
              columns={[
                { key: 'unit', header: s.colUnit, cell: (r) => r.unit, rowHeader: true, width: '20%' },
                { key: 'lead', header: s.colLeadTasks, cell: (r) => <TaskRefs tasks={r.lead} /> },
                { key: 'co', header: s.colCoTasks, cell: (r) => <TaskRefs tasks={r.co} /> },
              ]}
            />

            <h2>{s.timeList}</h2>
            <DocTable
              caption={s.timeCaption}
              rows={lists.byDue}
              rowKey={(r) => r.taskId}
              columns={[
                { key: 'due', header: s.colDue, cell: (r) => <DueCell x={r} />, align: 'center', width: '9em' },
                { key: 'label', header: s.colLabel, cell: (r) => r.deadlineLabel || '—', width: '10em' },
                { key: 'no', header: s.colNo, cell: (r) => r.no, align: 'center', width: '3em' },
                { key: 'task', header: s.colTask, cell: (r) => r.title },
                { key: 'lead', header: s.colLead, cell: (r) => r.lead || t.report.noLead, width: '16%' },
                { key: 'co', header: s.colCo, cell: (r) => r.co || t.common.none, width: '16%' },
                { key: 'status', header: s.colStatus, cell: (r) => statusText(r), align: 'center', width: '6.5em' },
              ]}
            />
          </>
        )}
      </article>
    </div>
  );
}

function DueCell({ x }: { x: ListTask }) {
  return <Fragment>{x.due ? `${x.due.slice(0, 4)}年${chineseMonthDay(x.due)}` : dueText(x)}</Fragment>;
}
