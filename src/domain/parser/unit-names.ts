/**
 * Unit names by their grammar, not only by the registry: an optional level prefix (国家, 国务院,
 * 省, 市, 县, 区, 乡, 镇, 街道, or a place name ending in one of them: 云岭县, 江州市), a field
 * (发展改革, 住房和城乡建设, 文体广新), and a suffix (部, 厅, 局, 委, 办, 署, 总局, 院, 中心,
 * 人民政府, 管委会, 办事处, 领导小组办公室…). A State Council notice names ministries, a county's
 * table its own bureaus: a registry of one city's units knows neither.
 *
 * Two strengths. `strict` is for prose, where 格局, 干部, 部署 and 举办 end in the same
 * characters: the name needs a level prefix, a ministry's name, or a registry entry. `cell` is
 * for a table's owner column or a notation, where every name is a unit: a bare 发改局 counts.
 */
import type { Unit } from '../model';
import { PhraseMatcher } from './phrase-matcher';
import { CharSet } from './char-set';
import { registryOf } from './registry';

/** Suffixes that end a unit's name; at one position the longest is taken. */
const SUFFIXES = [
  '领导小组办公室', '人民政府办公室', '政府办公室', '指挥部办公室', '人民政府', '管理委员会', '委员会', '管委会', '办公室', '办公厅',
  '办事处', '指挥部', '总局', '总署', '总队', '支队', '大队', '中心', '集团', '公司', '银行', '支行', '分行', '法院', '检察院', '研究院', '总工会',
  '红十字会', '工商联', '妇联', '残联', '侨联', '文联', '科协', '团委', '部门', '委会', '局', '厅', '委', '办', '署', '部', '院', '所',
  '站', '馆', '段', '室', '司',
];
const suffixMatcher = new PhraseMatcher<true>(SUFFIXES.map((s) => [s, true] as const));
const CELL_ONLY: ReadonlySet<string> = new Set(['站', '所', '馆', '段']);

/** Level prefixes that may open a name on their own (市财政局, 县代建中心, 国家能源局). */
// 部 for a ministry's own departments (部公路局, 部安全与质量监督管理司) in its notices.
const LEVEL_PREFIXES = ['国务院', '国家', '中央', '全国', '中国', '自治区', '街道', '乡镇', '省', '市', '州', '盟', '县', '区', '旗', '乡', '镇', '部'];
const levelMatcher = new PhraseMatcher<true>(LEVEL_PREFIXES.map((p) => [p, true] as const));
/** Characters that end a place name before the field: 云岭县教育局, 江州市住建局, 城关镇人民政府. */
const PLACE_ENDS = new CharSet('省市县区州旗盟镇乡');
/** 全市, 本县, 我区, 该镇, 各区: not a place's name. */
const NOT_PLACE_FIRST = new CharSet('全本我该各此其每他两三一');

/**
 * Ministries and national bodies written without a prefix (财政部, 海关总署): the national
 * government's working departments and the bodies a State Council notice names most.
 */
const NATIONAL = [
  '外交部', '国防部', '教育部', '科技部', '工业和信息化部', '公安部', '国家安全部', '民政部', '司法部', '财政部',
  '人力资源社会保障部', '人力资源和社会保障部', '自然资源部', '生态环境部', '住房城乡建设部', '住房和城乡建设部',
  '交通运输部', '水利部', '农业农村部', '商务部', '文化和旅游部', '退役军人事务部', '应急管理部', '审计署', '海关总署',
  '税务总局', '市场监管总局', '金融监管总局', '广电总局', '体育总局', '人民银行', '证监会', '中央网信办', '中央宣传部',
  '中央组织部', '中央编办', '全国总工会', '共青团中央', '全国妇联', '中国残联', '中国科协', '国铁集团', '最高人民法院', '最高人民检察院',
];
const nationalMatcher = new PhraseMatcher<true>(NATIONAL.map((n) => [n, true] as const));

/**
 * Collective owners: who a notice addresses as a group (请各地区、各部门…, 有关部门按职责分工
 * 负责). They name who acts; the office splits them into units later.
 */
const COLLECTIVES = [
  '各省、自治区、直辖市人民政府', '各省（区、市）人民政府', '各省（区、市）', '各市（州）人民政府', '各市（州）', '各县（市、区）人民政府',
  '各县（市、区）', '各县（区）', '各区（县）', '各乡镇（街道）', '各乡镇人民政府', '各乡（镇）人民政府', '各街道办事处', '各镇（街道）',
  '各地区', '各地方', '各部门', '各地', '各有关部门', '各相关部门', '各有关单位', '各相关单位', '各成员单位', '各级政府', '各级人民政府',
  '各县区', '各区县', '各乡镇', '各街道', '各镇街', '各园区', '各开发区', '有关部门', '相关部门', '有关单位', '相关单位', '有关地方',
  '各区', '各县', '各市', '各镇', '各乡', '各牵头单位', '各责任单位', '各配合单位', '各级各部门', '各地各部门',
  '地方各级人民政府', '县级以上地方人民政府', '县级以上人民政府', '国务院各部门', '国务院有关部门',
  ...['省', '市', '县', '区'].flatMap((l) => ['政府各部门', '政府有关部门', '直有关部门', '直各部门', '直相关部门', '级有关部门', '级各部门', '级相关部门', '直各单位', '级各单位'].map((w) => l + w)),
];
const collectiveMatcher = new PhraseMatcher<true>(COLLECTIVES.map((c) => [c, true] as const));
const COLLECTIVE_FIRST = new CharSet(COLLECTIVES.map((c) => c.charCodeAt(0)));

/** Characters that cannot be inside a unit's name (a verb's object or a clause break starts). */
const NAME_STOP = new CharSet('，。、；：,.;:“”"《》！？ 　\t\n\r的在对把从向为以被就都也还要将由并与及或等牵配负按会请');

/** Words that end in a suffix but never end a unit's name: 格局, 干部, 部署, 举办, 社区… */
const NEVER_ENDINGS = [
  '格局', '大局', '开局', '布局', '全局', '结局', '变局', '当局', '干部', '全部', '内部', '外部', '局部', '东部', '西部', '中部',
  '南部', '北部', '部署', '举办', '承办', '督办', '主办', '创办', '兴办', '代办', '帮办', '领办', '包办', '交办', '转办', '首办',
  '场所', '住所', '厕所', '处所', '车站', '网站', '驿站', '服务站', '加油站', '充电站', '社区', '旅行社', '合作社', '城区中心', '市中心',
];
const neverEnd = new PhraseMatcher<true>(NEVER_ENDINGS.map((w) => [w, true] as const));

/** Characters after which a name may start inside a sentence: a conjunction or a lead-in. */
const JOINERS = new CharSet('和及与、请由');
/** Last characters of co-words (会同, 协同, 联合, 配合, 商请), checked in full only when seen. */
const CO_WORD_ENDS = new CharSet('同合请');

/**
 * A name starts at a word boundary in prose: 社区 is not 区…, 同意市财政局 is not 意市财政局; after a
 * conjunction, a lead-in (由, 请) or a co-word (会同) it may.
 */
function atBoundary(text: string, at: number): boolean {
  const prev = text.charCodeAt(at - 1);
  if (!isCjk(prev) || JOINERS.has(prev)) return true;
  return CO_WORD_ENDS.has(prev) && /会同|协同|联合|配合|商请/.test(text.slice(Math.max(0, at - 2), at));
}

/** The longest name a unit has (国家发展和改革委员会办公厅 …). */
const MAX_LEN = 22;

export interface UnitNameHit {
  /** As written. */
  name: string;
  start: number;
  end: number;
  /** The registry unit when the name is one of its names or aliases. */
  unit: Unit | null;
  /** 各地区, 有关部门: a group, not one unit. */
  collective: boolean;
}

function isCjk(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}

/**
 * The unit name that starts at `at`, or null. `cell` accepts a name without a level prefix
 * (发改局, 代建中心): in a table's owner column or a notation every name is a unit.
 */
/**
 * 各设区市人民政府, 各省级人民政府, 各地发展改革部门, 各设区市商务主管部门, 各县级教育行政部门:
 * 各 + a level or place + a field + 人民政府/部门/单位: every unit of a kind.
 */
const EACH_RE =
  // The kind's words hold no modal or preposition: 各县（市、区）要组织力量深入企业 is 各县（市、区） and its predicate.
  /^各(?:设区市|地级市|地级以上市|省级|市级|县级|区级|乡镇级|省|市|县|区|地)?(?:[（(][^）)]{1,6}[）)])?(?:(?![要将在对把由从向])[\u4e00-\u9fff]){0,10}?(?:人民政府|政府|主管部门|行政部门|部门|单位|机构|企业|学校|医院|乡镇|街道|社区)/;

export function unitNameAt(text: string, at: number, end: number, units: Unit[], mode: 'strict' | 'cell' = 'strict'): UnitNameHit | null {
  if (at >= end) return null;
  // Cheap first: in prose a name starts at a word boundary (社区 is not 区…, 同意市财政局 not
  // 意市财政局), after a conjunction or a lead-in; only a group (各部门 in 各级各部门) may follow a word.
  const first = text.charCodeAt(at);
  if (mode === 'strict' && at > 0 && !COLLECTIVE_FIRST.has(first) && !atBoundary(text, at)) return null;
  if (!isCjk(first)) return null;
  let collective = collectiveMatcher.matchAt(text, at, end);
  if (text[at] === '各') {
    const each = EACH_RE.exec(text.slice(at, Math.min(end, at + 20)));
    if (each && (!collective || each[0].length > collective.end - at)) collective = { phrase: each[0], value: true, start: at, end: at + each[0].length };
  }
  // A name starts at a word boundary: 社区 is not 区…, 园区管委会 not 区管委会.
  if (at > 0 && mode === 'strict' && !collective && !atBoundary(text, at)) return null;
  const reg = registryOf(units).names.matchAt(text, at, end);
  const shaped = shapedName(text, at, end, mode);
  // The longer reading wins: 市住房和城乡建设局综合执法支队 over 市住建局's alias, 各县（市、区）人民政府 over 各县.
  let best: UnitNameHit | null = null;
  if (collective) best = { name: collective.phrase, start: at, end: collective.end, unit: null, collective: true };
  if (reg && (!best || reg.end > best.end)) best = { name: text.slice(at, reg.end), start: at, end: reg.end, unit: reg.value, collective: false };
  if (shaped > at && (!best || shaped > best.end)) best = { name: text.slice(at, shaped), start: at, end: shaped, unit: null, collective: false };
  if (!best) {
    // Rule `town-subject`: 禾丰镇要…, 石门乡要会同…, 东城街道负责…: a town or a street office named
    // by its place alone, as a subject, is that town's government.
    const town = TOWN_SUBJECT_RE.exec(text.slice(at, Math.min(end, at + 10)));
    // 城镇, 乡镇, 小城镇, 村镇 are kinds of place, not one town. Rule `district-subject`: 平江区要…,
    // 云岭县负责… — a district or county named alone as a subject is its government; 老城区, 示范区,
    // 贫困县 (the lookbehind) are kinds of area, not one.
    if (town && (/(?:街道|区|县)$/.test(town[1]!) || !'城乡村集'.includes(town[1]!.slice(-2, -1)))) best = { name: town[1]!, start: at, end: at + town[1]!.length, unit: null, collective: false };
  }
  return best;
}

const TOWN_SUBJECT_RE =
  /^((?![全本我该各此其每他两三一])[\u4e00-\u9fff]{2,3}(?:镇|乡)|(?![全本我该各此其每他两三一])[\u4e00-\u9fff]{2,3}街道|(?![全本我该各此其每他两三一])[\u4e00-\u9fff]{2}(?<![城范发能验心聚景护行业点园校矿库灾牧山社辖片小街湾困粮强])(?:区|县))(?=要|将|负责|会同|牵头|必须|务必|于[0-9０-９一二三四五六七八九十])/;

/** Where a grammatical unit name starting at `at` ends, or -1. */
function shapedName(text: string, at: number, end: number, mode: 'strict' | 'cell'): number {
  const limit = Math.min(end, at + MAX_LEN);
  const national = nationalMatcher.matchAt(text, at, limit);
  const fieldFrom = prefixEnd(text, at, limit);
  const prefixed = fieldFrom > at;
  // In prose a name needs its level (or is a ministry's): no need to look for a suffix otherwise.
  if (!prefixed && mode === 'strict') return national ? national.end : -1;
  let best = -1;
  for (let i = fieldFrom; i < limit; i++) {
    const ch = text[i]!;
    if (ch === '（' || ch === '(') {
      // 各县（市、区）…, 市政府办公室（督查室）: a short bracket inside a name.
      const close = text.slice(i, Math.min(limit, i + 8)).search(/[）)]/);
      if (close < 0) break;
      i += close;
      continue;
    }
    // 会 stops a name before 会同 (市发改委会同…), not inside a field (人力资源社会保障厅, 社会保险事业管理局).
    if (!isCjk(text.charCodeAt(i)) || (NAME_STOP.at(text, i) && !(text[i] === '会' && text[i + 1] !== '同' && i > fieldFrom))) break;
    const suffix = suffixMatcher.matchAt(text, i, limit);
    if (!suffix) continue;
    // 站, 所, 馆, 段 end a unit's name in a table's owner cell (县农技站); in prose they end places (岚州东站).
    if (mode === 'strict' && CELL_ONLY.has(suffix.phrase)) continue;
    // 市委 and 县局 say nothing: a field must stand before a one- or two-character suffix.
    const fieldLen = i - fieldFrom;
    // 县委办, 市委办公室: the party committee's general office (fieldFrom is past 委).
    const partyOffice = text[fieldFrom - 1] === '委' && fieldFrom - 1 > at && suffix.phrase.startsWith('办');
    if (fieldLen === 0 && !(prefixed && suffix.end - i >= 3) && !partyOffice) continue;
    if (endsInNever(text, at, suffix.end)) continue;
    best = suffix.end;
    // 市安委会办公室, 县防指办公室: an office of the body just named.
    if (text.startsWith('办公室', best) && best + 3 <= limit) best += 3;
    best = subUnitEnd(text, best, Math.min(end, best + 10));
    break;
  }
  if (national && national.end >= best) return national.end;
  if (best < 0 || (!prefixed && mode === 'strict')) return -1;
  return best;
}

/**
 * Rule `sub-unit`: 市自然资源和规划局高新分局, 市公安局交警支队, 市生态环境局平江分局 — a branch named
 * after its parent (a place or field, then 分局/支队/大队/分中心/分院/管理处) is the unit that acts.
 */
const SUB_UNIT_SUFFIXES = ['分局', '支队', '大队', '分中心', '分院', '管理处', '管理所'];
function subUnitEnd(text: string, at: number, limit: number): number {
  for (let i = at; i < limit; i++) {
    if (!isCjk(text.charCodeAt(i)) || NAME_STOP.at(text, i)) return at;
    // At least one character of the branch's own name before its suffix.
    const hit = i > at ? SUB_UNIT_SUFFIXES.find((x) => text.startsWith(x, i)) : undefined;
    if (hit) return i + hit.length <= limit ? i + hit.length : at;
  }
  return at;
}

/** Where the level prefix or place name at `at` ends (the field starts), or `at` when none. */
function prefixEnd(text: string, at: number, limit: number): number {
  let p = at;
  const level = levelMatcher.matchAt(text, at, limit);
  if (level) p = level.end;
  else if (!NOT_PLACE_FIRST.at(text, at)) {
    // A place's name: two to four characters ending in 县/市/区/镇… (云岭县, 江州市, 城关镇).
    for (let k = at + 2; k <= Math.min(limit - 1, at + 4); k++) {
      if (PLACE_ENDS.at(text, k - 1) && allCjk(text, at, k) && !suffixMatcher.matchAt(text, k - 1, k + 1)) {
        p = k;
        break;
      }
    }
  }
  // 市委宣传部, 县委组织部, 区委政法委: a party committee's department.
  if (p > at && text[p] === '委' && '宣组统政编办网'.includes(text[p + 1] ?? '')) p++;
  // Longer places that head a 管委会 or a government: 临江经开区管委会, 枫溪经济开发区管理委员会.
  if (p === at && !NOT_PLACE_FIRST.at(text, at)) {
    for (let k = at + 5; k <= Math.min(limit - 3, at + 7); k++) {
      if (PLACE_ENDS.at(text, k - 1) && allCjk(text, at, k) && /^(?:管委会|管理委员会|人民政府|工委)/.test(text.slice(k, k + 5))) return k;
    }
  }
  return p;
}

function allCjk(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isCjk(text.charCodeAt(i)) || NAME_STOP.at(text, i)) return false;
  return true;
}

function endsInNever(text: string, start: number, end: number): boolean {
  for (let k = Math.max(start, end - 4); k < end - 1; k++) {
    const hit = neverEnd.matchAt(text, k, end);
    if (hit && hit.end === end) return true;
  }
  return false;
}

/**
 * Whether a unit's name may start at `at` without a place name before its level (市…, 县…, 各…,
 * 由/请…, a ministry, a registry name): a cheap test for the head of a later clause.
 */
export function mayStartUnitName(text: string, at: number, units: Unit[]): boolean {
  const c = text.charCodeAt(at);
  return c === 0x7531 /* 由 */ || c === 0x8bf7 /* 请 */ || levelMatcher.hasFirst(c) || COLLECTIVE_FIRST.has(c) || nationalMatcher.hasFirst(c) || registryOf(units).names.hasFirst(c);
}

/** Every unit name in `s` (a cell, a notation's value): split at 、，；/ and line breaks. */
export function isUnitName(s: string, units: Unit[], mode: 'strict' | 'cell' = 'cell'): boolean {
  const t = s.trim();
  if (t.length === 0) return false;
  // A branch named after its parent (人民银行云栖支行, 国网岚州供电公司城区分公司) reads as two names.
  for (let at = 0, parts = 0; parts < 3; parts++) {
    const hit = unitNameAt(t, at, t.length, units, parts === 0 ? mode : 'cell');
    if (!hit) return false;
    if (hit.end === t.length) return true;
    at = hit.end;
  }
  return false;
}

/** A leader as a table's 责任领导 cell names one: 分管副县长, 张**副市长, 王明, 县长. */
export function isLeaderName(s: string): boolean {
  const t = s.trim();
  if (/^[\u4e00-\u9fff*＊]{0,8}(?:副?(?:省长|市长|县长|区长|镇长|乡长|书记|主任|局长|秘书长|部长)|负责同志|主要负责人)$/.test(t)) return true;
  // A person's name: a common surname and one or two characters (or masks): 张**, 王明, 欧阳**.
  return /^(?:欧阳|司马|诸葛|上官)?[\u4e00-\u9fff][\u4e00-\u9fff*＊]{1,2}$/.test(t) && SURNAMES.has(t[0]!);
}

const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧司诸上',
]);
