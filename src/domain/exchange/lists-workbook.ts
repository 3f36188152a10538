/**
 * The three lists (任务、责任、时限) and the targets as spreadsheet content for the .xlsx export:
 * one row per task with real columns (a due date is a date, progress a number), the traffic
 * light as the cell's fill colour and its word, and a second sheet of targets. Pure: states and
 * today come from the caller, so the file says what the dashboard says on that day.
 */
import type { TaskState } from '../events';
import { DEFAULT_LIGHT_RULE, lightDetail, type Light, type LightRule } from '../lights';
import type { Plan, TaskStatus, Tier } from '../model';
import { t } from '@/lib/strings';
import type { XlsxCell, XlsxSheet } from './xlsx-writer';

const STATUS: Record<TaskStatus, string> = { 'not-started': '未开始', 'in-progress': '推进中', blocked: '受阻', done: '已完成' };
const LIGHT: Record<Light, { word: string; fill: string }> = {
  red: { word: '红灯', fill: 'F4B6B0' },
  yellow: { word: '黄灯', fill: 'FFE08A' },
  green: { word: '绿灯', fill: 'B9E3C4' },
  done: { word: '已完成', fill: 'D9DDE3' },
};
const TIER: Record<NonNullable<Tier>, string> = { expected: '预期目标', working: '工作目标', striving: '奋斗目标' };
const COMPARATOR = { about: '左右', atLeast: '以上', exceed: '突破', atMost: '以内' } as const;

export function listsWorkbook(plan: Plan, states: ReadonlyMap<string, TaskState>, today: string, rule: LightRule = DEFAULT_LIGHT_RULE): XlsxSheet[] {
  const sections = new Map(plan.sections.map((s) => [s.id, `${s.number}${s.title}`]));
  const tasks = plan.tasks.map((task, i) => {
    const st = states.get(task.id);
    const light = st ? lightDetail(st, task, today, plan.year, rule).light : null;
    const lead = task.owners.filter((o) => o.role === 'lead').map((o) => o.name);
    const co = task.owners.filter((o) => o.role === 'co').map((o) => o.name);
    const due = st?.due ?? task.deadline.due;
    const lightCell: XlsxCell = light ? { value: LIGHT[light].word, fill: LIGHT[light].fill } : { value: null };
    const d = task.deadline;
    // As the lists page says it: the speech's own words, or that the deadline was filled in.
    const label = d.inferred ? t.lists.inferredDeadline : d.label && d.label !== d.due ? d.label : '';
    const a = st?.assignment ?? null;
    // 交办日期 as 督查督办 shows it: the day the pace of the lights runs from.
    const assignedOn = st?.assignedOn ?? task.assignedOn ?? null;
    const receipt = st?.receipts.find((r) => lead.includes(r.unit)) ?? st?.receipts[0] ?? null;
    return [
      i + 1,
      task.title,
      task.sectionId ? (sections.get(task.sectionId) ?? '') : '',
      lead.join('、'),
      co.join('、'),
      due ? { date: due } : null,
      label,
      st?.originalDue && due && st.originalDue !== due ? { date: st.originalDue } : null,
      STATUS[st?.status ?? 'not-started'],
      Math.round(st?.percent ?? 0),
      lightCell,
      (st?.flagged ?? task.flagged) ? '是' : '',
      // Reported done, contradicted on site: not counted done until re-inspected or re-reported.
      st?.mismatch ? '是' : '',
      assignedOn ? { date: assignedOn } : null,
      a ? t.events.register(a.year, a.number) : '',
      receipt ? `${receipt.handler} ${receipt.phone}` : '',
      task.quote,
    ];
  });
  const targets = plan.targets.map((g, i) => {
    const value = g.masked ? (plan.targetValues[g.id] ?? null) : g.value;
    return [i + 1, g.metric, g.tier ? TIER[g.tier] : '', value ?? (g.masked ? '待填写' : null), g.valueMax, g.unit ?? '', g.comparator ? COMPARATOR[g.comparator] : '', g.due ? { date: g.due } : null, g.quote];
  });
  return [
    {
      name: '三张清单',
      columns: [
        { header: '序号', width: 6 },
        { header: '任务', width: 36 },
        { header: '所属部分', width: 18 },
        { header: '牵头单位', width: 18 },
        { header: '配合单位', width: 22 },
        { header: '完成时限', width: 12 },
        { header: '时限说明', width: 12 },
        { header: '原定时限', width: 12 },
        { header: '状态', width: 8 },
        { header: '进度（%）', width: 9 },
        { header: '灯号', width: 8 },
        { header: '挂牌督办', width: 9 },
        { header: '核查不符', width: 9 },
        { header: '交办日期', width: 12 },
        { header: '督办单号', width: 18 },
        { header: '签收（承办人 电话）', width: 22 },
        { header: '原文', width: 50 },
      ],
      rows: tasks,
    },
    {
      name: '目标指标',
      columns: [
        { header: '序号', width: 6 },
        { header: '指标', width: 24 },
        { header: '层级', width: 10 },
        { header: '目标值', width: 10 },
        { header: '上限', width: 8 },
        { header: '单位', width: 10 },
        { header: '比较', width: 8 },
        { header: '时限', width: 12 },
        { header: '原文', width: 50 },
      ],
      rows: targets,
    },
  ];
}
