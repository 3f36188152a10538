/**
 * Pass 8, assemble: the plan as the JSON contract has it. Ids in text order, titles, the 挂牌督办
 * flag, table locations, and the warnings an office must read (a guessed year, a task with no
 * owner, a masked target).
 */
import { SCHEMA_VERSION, type Candidate, type ParsedPlan, type ParseWarning, type Section, type Target, type Task } from '../model';
import type { DocumentFacts } from './classify';
import { defaultDeadline } from './deadlines';
import type { Directive } from './directives';
import { taskTitle } from './title';

export const UNTITLED = '未命名讲话';

function titleOf(text: string, d: Directive): string {
  if (d.row) {
    // Two task columns (项目名称, 建设内容): the first names the item, as the office's list does.
    const task = (d.row.cells.task ?? []).map((c) => c.text.trim()).join('\n');
    return taskTitle(task) || '未命名任务';
  }
  const quote = text.slice(d.span.start, d.span.end);
  return taskTitle(quote, d.titleFrom - d.span.start) || quote.slice(0, 30) || '未命名任务';
}

export function assemble(
  text: string,
  title: string,
  facts: DocumentFacts,
  sections: Section[],
  directives: readonly Directive[],
  targets: Target[],
): ParsedPlan {
  const warnings: ParseWarning[] = [];
  if (facts.yearFrom === 'today') {
    warnings.push({ code: 'year-guessed', message: `文中未写明年份，按 ${facts.year} 年计算时限，请核对`, source: null, itemId: null });
  }
  const toTask = (d: Directive, id: string): Task => {
    const quote = text.slice(d.span.start, d.span.end);
    const task: Task = {
      id,
      title: titleOf(text, d),
      quote,
      source: { ...d.span },
      sectionId: d.sectionId,
      owners: d.owners.map((o) => ({ ...o })),
      deadline: d.deadline ?? defaultDeadline(facts.year),
      // 挂牌督办: the office lists the item as a key one; it is shown first everywhere.
      flagged: quote.includes('挂牌督办'),
    };
    if (d.row) task.location = { sheet: d.row.table.table.sheet, page: d.row.row.page, row: d.row.row.rowNumber };
    else if (d.itemRow !== null) task.location = { sheet: null, page: null, row: d.itemRow };
    return task;
  };
  const sure = directives.filter((d) => d.doubt === null);
  const doubtful = directives.filter((d) => d.doubt !== null);
  const tasks: Task[] = sure.map((d, i) => toTask(d, `t${i + 1}`));
  // What the parser doubts is shown unticked in the import preview with its reason, never dropped.
  const candidates: Candidate[] = doubtful.map((d, i) => ({ ...toTask(d, `c${i + 1}`), reason: d.doubt! }));
  for (const t of tasks) {
    if (t.owners.length === 0) warnings.push({ code: 'no-owner', message: `未找到责任单位：${t.title}`, source: { ...t.source }, itemId: t.id });
    // 自印发之日起30日内 with no date under the signature: the office must set the day.
    if (t.deadline.due === null && t.deadline.kind === 'date' && /之日起/.test(t.deadline.label)) {
      warnings.push({ code: 'ambiguous-deadline', message: `时限“${t.deadline.label}”从文件印发之日算起，文中没有成文日期，请填写：${t.title}`, source: { ...t.source }, itemId: t.id });
    }
  }
  for (const g of targets) {
    if (g.masked) warnings.push({ code: 'masked-target', message: `目标值被遮盖，请填写：${g.metric || g.quote}`, source: { ...g.source }, itemId: g.id });
  }
  return { schemaVersion: SCHEMA_VERSION, title, year: facts.year, sections, tasks, candidates, targets, warnings };
}
