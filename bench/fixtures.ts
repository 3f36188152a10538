/**
 * City-scale data for benchmarks: a Plan with 1,000 tasks in sections, 100 units and 20,000
 * events of every type, generated from a seeded PRNG so that every run (Node and browser) measures
 * exactly the same data. Everything produced here validates against the zod schemas in
 * src/domain/model.ts (tests/bench/fixtures.test.ts checks it), so the app cannot reject it on
 * load and the benchmark measures the real paths, not error handling.
 *
 * Pure: no Date.now(), no Math.random(); the same options always give the same bytes.
 */
import {
  OFFICE_NAME,
  SCHEMA_VERSION,
  type Deadline,
  type Grade,
  type IsoDate,
  type OwnerRef,
  type Plan,
  type PlanEvent,
  type Section,
  type Target,
  type Task,
  type TaskStatus,
  type Unit,
} from '../src/domain/model';

export interface CityOptions {
  seed?: number;
  tasks?: number;
  units?: number;
  events?: number;
  year?: number;
  /** Events are spread from 01-10 of the plan year up to the day before this day. */
  today?: IsoDate;
}

export interface CityData {
  plan: Plan;
  units: Unit[];
  /** Ordered by (at, id), as the store keeps them. */
  events: PlanEvent[];
  /** The day the benchmark pretends it is (mid-year, so lights are mixed). */
  today: IsoDate;
}

export const CITY_DEFAULTS = {
  seed: 20260615,
  tasks: 1000,
  units: 100,
  events: 20000,
  year: 2026,
  today: '2026-06-15',
} as const;

/** mulberry32: tiny, fast, good enough for test data, and identical in Node and browsers. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** A UUID-shaped id from the PRNG, so ids look like the app's crypto.randomUUID() ones. */
function uuid(r: Rng): string {
  const hex = (n: number) =>
    Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(r, ['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

// ------------------------------------------------------------------------------------------
// Units: the office, real-sounding departments, districts and counties, vice mayors, party
// bodies, topped up with numbered special offices until the requested count is reached.
// ------------------------------------------------------------------------------------------

const DEPARTMENTS = [
  '市发展和改革委员会', '市经济和信息化局', '市科学技术局', '市教育局', '市公安局', '市民政局',
  '市司法局', '市财政局', '市人力资源和社会保障局', '市自然资源和规划局', '市生态环境局',
  '市住房和城乡建设局', '市交通运输局', '市农业农村局', '市商务局', '市文化广电旅游局',
  '市卫生健康委员会', '市应急管理局', '市审计局', '市人民政府国有资产监督管理委员会',
  '市市场监督管理局', '市统计局', '市信访局', '市金融工作局', '市政务服务和大数据管理局',
  '市投资促进局', '市水务局', '市林业局', '市退役军人事务局', '市医疗保障局', '市城市管理局',
  '市体育局', '市粮食和物资储备局', '市机关事务管理局', '市地方志办公室', '市供销合作社',
  '市住房公积金管理中心', '市税务局', '市消防救援支队', '市气象局',
];
const DISTRICTS = [
  '东城区人民政府', '西城区人民政府', '南山区人民政府', '北湖区人民政府', '高新区管委会',
  '经开区管委会', '临江县人民政府', '青山县人民政府', '白水县人民政府', '云台县人民政府',
  '石桥县人民政府', '龙泉市人民政府', '安平县人民政府', '新丰县人民政府', '长宁县人民政府',
];
const LEADERS = ['常务副市长', '分管工业副市长', '分管农业副市长', '分管城建副市长', '分管教育副市长', '分管政法副市长', '分管财贸副市长', '秘书长'];
const PARTY = ['市纪委监委', '市委组织部', '市委宣传部', '市直机关工委', '市委政法委'];

const KEYWORDS = [
  '经济增长', '重大项目', '工业', '光伏', '科技创新', '教育', '治安', '养老', '法治政府', '预算',
  '就业', '土地', '污染防治', '保交楼', '交通', '乡村振兴', '外贸', '旅游', '医疗', '安全生产',
  '审计', '国企改革', '食品安全', '统计', '信访', '金融', '营商环境', '招商引资', '防汛', '消费',
];

function makeUnits(r: Rng, count: number): Unit[] {
  const out: Unit[] = [];
  const add = (name: string, kind: Unit['kind']) => {
    if (out.length >= count) return;
    const short = name.replace(/^市/, '').replace(/人民政府$|管委会$/, '');
    out.push({
      id: `u-${pad(out.length + 1, 3)}`,
      name,
      kind,
      aliases: short !== name ? [short] : [],
      keywords: [pick(r, KEYWORDS), pick(r, KEYWORDS)],
    });
  };
  add(OFFICE_NAME, 'office');
  for (const d of DEPARTMENTS) add(d, 'department');
  for (const d of DISTRICTS) add(d, 'district');
  for (const l of LEADERS) add(l, 'leader');
  for (const p of PARTY) add(p, 'party');
  for (let i = 1; out.length < count; i++) add(`市第${i}专项工作领导小组办公室`, 'other');
  return out;
}

// ------------------------------------------------------------------------------------------
// Text: sections and directives in the speech's register; every quote is a real slice of
// sourceText at its span, as the parser guarantees.
// ------------------------------------------------------------------------------------------

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];
const SECTION_TITLES = [
  '锚定目标抓落实', '聚焦项目抓落实', '优化环境抓落实', '改善民生抓落实', '防范风险抓落实',
  '深化改革抓落实', '转变作风抓落实', '统筹城乡抓落实', '扩大开放抓落实', '绿色发展抓落实',
];
const SUBSECTION_TITLES = [
  '全力稳住经济大盘', '加快重大项目建设', '持续优化营商环境', '兜牢民生保障底线', '守牢安全发展底线',
  '推进国资国企改革', '提升政务服务效能', '推动乡村全面振兴', '壮大实体经济', '强化科技创新驱动',
  '深化招商引资', '加强生态环境保护', '化解历史遗留问题', '提升城市品质', '扩大有效投资',
];
const VERBS = ['加快推进', '全力抓好', '扎实推进', '统筹推进', '持续深化', '切实做好', '认真落实', '着力抓好', '全面完成', '积极推动'];
const OBJECTS = [
  '重大产业项目开工建设', '规上工业企业培育', '晶硅光伏产业链延链补链', '闲置土地清理处置', '问题楼盘化解',
  '高标准农田建设', '城镇老旧小区改造', '中小学学位扩容', '基层医疗机构提档升级', '安全生产专项整治',
  '一网通办事项扩面', '企业改制遗留问题处置', '外贸主体培育', '文旅融合项目招引', '信访积案化解',
  '地方政府债务风险防控', '标准地出让改革', '亩均效益评价', '污水管网补短板', '县域经济高质量发展',
];
const WHEN = ['一季度', '上半年', '6月底前', '三季度', '年底前', '全年', '年内', '每季度', '常态化', '即将出台'];

function deadlineFor(r: Rng, year: number): Deadline {
  const label = pick(r, WHEN);
  switch (label) {
    case '一季度':
      return { label, due: `${year}-03-31`, recurrence: null, kind: 'date', inferred: false };
    case '上半年':
    case '6月底前':
      return { label, due: `${year}-06-30`, recurrence: null, kind: 'date', inferred: false };
    case '三季度':
      return { label, due: `${year}-09-30`, recurrence: null, kind: 'date', inferred: false };
    case '每季度':
      return { label, due: `${year}-12-31`, recurrence: 'quarterly', kind: 'date', inferred: false };
    case '常态化':
      return { label, due: null, recurrence: 'yearly', kind: 'ongoing', inferred: false };
    case '即将出台':
      return { label, due: null, recurrence: null, kind: 'soon', inferred: false };
    default:
      // 年底前 / 全年 / 年内: the plan year's last day; a few tasks name no deadline at all.
      return r() < 0.1
        ? { label: '', due: `${year}-12-31`, recurrence: null, kind: 'date', inferred: true }
        : { label, due: `${year}-12-31`, recurrence: null, kind: 'date', inferred: false };
  }
}

// ------------------------------------------------------------------------------------------
// Events: each task gets its own believable history (requests before decisions, a done tick
// before a review, progress that rises), then all histories are merged in (at, id) order.
// ------------------------------------------------------------------------------------------

const GRADES: Grade[] = ['优秀', '良好', '合格', '不合格'];
const STATUSES: TaskStatus[] = ['not-started', 'in-progress', 'blocked', 'in-progress'];
const NOTES = ['', '', '已召开专题会议研究部署', '项目已完成前期手续', '正在组织现场核查', '资金已拨付到位', '进度符合序时要求', '受天气影响略有滞后'];

function isoAt(ms: number): string {
  // UTC with a Z, exactly as the store writes `at` (new Date().toISOString()): events.ts compares
  // such strings directly and only parses dates for other shapes, so the fixture takes the
  // same path as real data.
  return new Date(ms).toISOString();
}
/** The calendar day in Beijing time (UTC+8), where the inspection took place. */
const dayOf = (ms: number): IsoDate => new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);

function taskHistory(r: Rng, task: Task, n: number, from: number, to: number, year: number): PlanEvent[] {
  const lead = task.owners.find((o) => o.role === 'lead')?.name ?? OFFICE_NAME;
  const times = Array.from({ length: n }, () => from + Math.floor(r() * (to - from))).sort((a, b) => a - b);
  const out: PlanEvent[] = [];
  let percent = 0;
  let done = false;
  let openRequest: { id: string } | null = null;
  let flagged = task.flagged;
  for (const ms of times) {
    const base = { id: uuid(r), at: isoAt(ms), taskId: task.id, note: pick(r, NOTES) };
    const x = r();
    let e: PlanEvent;
    if (openRequest && x < 0.5) {
      const approved = r() < 0.7;
      e = {
        ...base, unit: OFFICE_NAME, type: 'extension-decision', requestId: openRequest.id, approved,
        newDue: approved ? `${year}-${pad(int(r, 7, 12))}-${pad(int(r, 1, 28))}` : null,
      };
      openRequest = null;
    } else if (done && x < 0.25) {
      const accepted = r() < 0.85;
      e = { ...base, unit: OFFICE_NAME, type: 'review', accepted, grade: accepted ? pick(r, GRADES) : null };
      if (!accepted) done = false;
    } else if (x < 0.34) {
      percent = Math.min(100, percent + int(r, 3, 20));
      e = { ...base, unit: lead, type: 'progress', percent };
    } else if (x < 0.42) {
      done = percent > 60 ? r() < 0.8 : r() < 0.15;
      e = { ...base, unit: lead, type: 'tick', done };
    } else if (x < 0.52) {
      e = { ...base, unit: lead, type: 'status', status: pick(r, STATUSES) };
    } else if (x < 0.64) {
      e = { ...base, unit: OFFICE_NAME, type: 'urge' };
    } else if (x < 0.73) {
      e = { ...base, unit: OFFICE_NAME, type: 'inspection', date: dayOf(ms), finding: pick(r, ['as-reported', 'as-reported', 'behind', 'not-done'] as const) };
    } else if (x < 0.81) {
      e = { ...base, unit: OFFICE_NAME, type: 'notice', kind: r() < 0.6 ? 'commend' : 'criticize' };
    } else if (x < 0.86) {
      flagged = !flagged;
      e = { ...base, unit: OFFICE_NAME, type: 'flag', flagged };
    } else if (x < 0.92 && !openRequest) {
      e = { ...base, unit: lead, type: 'extension-request', requestedDue: `${year}-${pad(int(r, 7, 12))}-${pad(int(r, 1, 28))}` };
      openRequest = { id: e.id };
    } else {
      percent = Math.min(100, percent + int(r, 1, 10));
      e = { ...base, unit: lead, type: 'progress', percent };
    }
    out.push(e);
  }
  return out;
}

/** Same order as the store's compareEvents: by `at`, then by `id`. */
function byAtThenId(a: PlanEvent, b: PlanEvent): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

// ------------------------------------------------------------------------------------------

export function generateCity(options: CityOptions = {}): CityData {
  const o = { ...CITY_DEFAULTS, ...options };
  const r = prng(o.seed);
  const units = makeUnits(r, o.units);
  const owners = units.filter((u) => u.kind !== 'office' && u.kind !== 'leader' && u.kind !== 'party');
  const leaders = units.filter((u) => u.kind === 'leader');

  const parts: string[] = [];
  let cursor = 0;
  const write = (s: string): { start: number; end: number } => {
    const start = cursor;
    parts.push(s);
    cursor += s.length;
    return { start, end: cursor };
  };

  const title = `市长在市政府全体会议上的讲话（${o.year}年，基准测试数据）`;
  write(`${title}\n\n同志们：\n今天召开会议，研究部署全年重点工作。\n`);

  const sections: Section[] = [];
  const tasks: Task[] = [];
  const targets: Target[] = [];
  const top = 8;
  const subsPerTop = 5;
  const subCount = top * subsPerTop;
  let taskNo = 0;
  for (let s = 0; s < top; s++) {
    const number = `${CN_NUM[s]}、`;
    const t1 = SECTION_TITLES[s % SECTION_TITLES.length]!;
    const topId = `s${s + 1}`;
    sections.push({ id: topId, title: t1, number, level: 1, parentId: null, source: write(`${number}${t1}`) });
    write('\n');
    for (let k = 0; k < subsPerTop; k++) {
      const subIndex = s * subsPerTop + k;
      const n2 = `（${CN_NUM[k]}）`;
      const t2 = SUBSECTION_TITLES[subIndex % SUBSECTION_TITLES.length]!;
      const subId = `${topId}-${k + 1}`;
      sections.push({ id: subId, title: t2, number: n2, level: 2, parentId: topId, source: write(`${n2}${t2}`) });
      write('\n');
      // Spread the tasks evenly over the sub-sections (the remainder goes to the first ones).
      const here = Math.floor(o.tasks / subCount) + (subIndex < o.tasks % subCount ? 1 : 0);
      for (let i = 0; i < here; i++) {
        taskNo++;
        const deadline = deadlineFor(r, o.year);
        const verb = pick(r, VERBS);
        const obj = pick(r, OBJECTS);
        const lead = pick(r, owners);
        const taskOwners: OwnerRef[] = [{ name: lead.name, role: 'lead', inferred: r() < 0.2 }];
        const coCount = int(r, 0, 2);
        for (let c = 0; c < coCount; c++) {
          const co = pick(r, owners);
          if (!taskOwners.some((x) => x.name === co.name)) taskOwners.push({ name: co.name, role: 'co', inferred: r() < 0.3 });
        }
        if (r() < 0.3) taskOwners.push({ name: pick(r, leaders).name, role: 'co', inferred: false });
        const quote = `${deadline.label}${verb}${obj}（第${taskNo}项），由${lead.name}牵头，确保按期见到实效。`;
        const source = write(quote);
        write('\n');
        tasks.push({
          id: `t-${pad(taskNo, 4)}`,
          title: `${verb}${obj}（第${taskNo}项）`,
          quote,
          source,
          sectionId: subId,
          owners: taskOwners,
          deadline,
          flagged: r() < 0.08,
        });
        // About one target for every twenty tasks, in the speech's three tiers.
        if (taskNo % 20 === 0) {
          const metric = `${obj}指标${taskNo / 20}`;
          const masked = r() < 0.3;
          const value = masked ? null : int(r, 3, 120);
          for (const tier of ['expected', 'working', 'striving'] as const) {
            const tq = `${metric}${tier === 'expected' ? '预期' : tier === 'working' ? '工作' : '奋斗'}目标${masked ? '*' : value}%左右`;
            targets.push({
              id: `g-${targets.length + 1}`,
              metric,
              quote: tq,
              source: write(tq),
              tier,
              value: value === null ? null : value + (tier === 'working' ? 1 : tier === 'striving' ? 2 : 0),
              valueMax: null,
              unit: '%',
              comparator: 'about',
              masked,
              recurrence: null,
              due: `${o.year}-12-31`,
            });
            write('。\n');
          }
        }
      }
    }
  }
  const sourceText = parts.join('');

  // Events: a skewed share per task (some tasks are supervised far more than others), summing
  // exactly to the requested total.
  const weights = tasks.map(() => 0.2 + r() * r() * 3);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / wsum) * o.events));
  for (let left = o.events - counts.reduce((a, b) => a + b, 0), i = 0; left > 0; left--, i++) counts[i % counts.length]!++;
  const from = Date.UTC(o.year, 0, 10) - 8 * 3600_000;
  const [ty, tm, td] = o.today.split('-').map(Number) as [number, number, number];
  const to = Date.UTC(ty, tm - 1, td) - 8 * 3600_000 - 60_000;
  const events = tasks.flatMap((t, i) => taskHistory(r, t, counts[i]!, from, to, o.year)).sort(byAtThenId);

  const createdAt = isoAt(from - 86_400_000);
  const plan: Plan = {
    schemaVersion: SCHEMA_VERSION,
    title,
    year: o.year,
    sections,
    tasks,
    targets,
    warnings: [],
    id: `plan-bench-${o.seed}`,
    createdAt,
    updatedAt: createdAt,
    sourceText,
    targetValues: {},
    targetActuals: {},
  };
  // Round-trip through JSON: the app only ever holds data parsed from storage or a file, and
  // V8 gives such objects compact, shared shapes and flat strings. Objects built here by spreads
  // and concatenations have neither and would make every benchmark on them several times slower
  // than the same code on real data.
  return JSON.parse(JSON.stringify({ plan, units, events, today: o.today })) as CityData;
}

/** The unit that owns the most tasks (lead or co): the heaviest checklist a unit can open. */
export function busiestUnit(city: CityData): string {
  const counts = new Map<string, number>();
  for (const t of city.plan.tasks) for (const o of t.owners) counts.set(o.name, (counts.get(o.name) ?? 0) + 1);
  let best = '';
  let n = -1;
  for (const u of city.units) {
    const c = counts.get(u.name) ?? 0;
    if (u.kind !== 'leader' && c > n) [best, n] = [u.name, c];
  }
  return best;
}
