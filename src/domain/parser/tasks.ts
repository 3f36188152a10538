/**
 * Which parts of a sentence are tasks: actionable directives, each with its exact span.
 *
 * Three layers of named rules, each with the reason it exists:
 * 1. SENTENCE_RULES throw out whole sentences that are not directives whatever verbs they hold:
 *    thanks, approval, reported speech, analysis of the situation, forecasts, definitions, past.
 * 2. Clause heads: after stripping the subject (各部门要), modals (要, 必须, 确保) and adverbs
 *    (强力, 深入, 锲而不舍), a clause is a directive when a directive verb comes first. A strong
 *    verb (实施, 推进, 解决…) opens a new task, which is how "实施…改革，…，强力推进…处置，滚动实施
 *    土地收储" becomes three tasks; other clauses (purposes, elaborations, goals) join the open task.
 * 3. SCORE: each candidate task gets points for its verb, a modal, concrete content and an
 *    explicit owner, and loses points for a generic object (抓好落实, 开展工作); below
 *    MIN_SCORE it is dropped. Precision matters as much as recall: an office that must delete
 *    junk tasks stops using the tool, so doubtful directives lose.
 */
import type { SourceSpan, Unit } from '../model';
import { PhraseMatcher, type PhraseHit } from './phrase-matcher';
import { CharSet } from './char-set';
import { CO_WORDS, hasKeyword, isNonModalYao, namesRun, readSubject } from './owners';
import { mayStartUnitName, unitNameAt } from './unit-names';
import { findDeadline } from './deadlines';
import { splitClauses } from './sentences';
import { documentIssue } from './title';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Verbs that start a task on their own and split a sentence into several tasks. */
const STRONG_VERBS = [
  '实施', '推进', '解决', '落实', '贯彻落实', '严格落实', '开展', '整治', '出台', '争创', '加强', '推动', '建设',
  '完成', '抓好', '梳理', '排查', '摸排', '处置', '收储', '督办', '制定', '研究制定', '印发', '建立', '健全',
  '完善', '加快', '防范', '化解', '防范化解', '治理', '整改', '清理', '启动', '加大', '组织', '举办', '引进',
  '培育', '打好', '做好', '突出做好', '抓紧', '压实', '压紧', '履行', '遵守', '纠治', '规范', '深化', '优化',
  '扩大', '新建', '改造', '编制', '修订', '推行', '开工', '构建', '核查', '清查', '兑现', '招引',
  '创建', '申报', '承办', '筹办', '实行', '执行', '打击', '查处', '认定', '支持',
  // Verbs of notices and reports (issue 10): 报送 is a directive, and so is each of these.
  '报送', '上报', '细化', '确定', '办好', '招商', '搭建', '配齐', '配备', '设立', '拨付', '下达', '修改完善', '审核', '验收',
  '约谈', '移交', '划定', '补建', '增补', '筹集', '新改建', '改扩建', '开通', '建成', '发展壮大', '给予',
];
/**
 * Verbs that make a directive only with help (a modal, concrete content, an owner): alone they are
 * as often attitude (坚持…总基调, 保持…定力) as action.
 */
const MEDIUM_VERBS = ['打造', '明确', '坚持', '强化', '增强', '提升', '提高', '保持', '学习借鉴', '借鉴', '守住', '维护', '拼出', '扛牢', '扛起', '确保', '实现', '鼓励', '引导', '促进'];
/**
 * What a notice also asks beside a bigger task (每月调度项目进展, 每季度公布抽检结果, 按时足额发放):
 * a directive with help when it stands alone, never a split of the task before it.
 */
const SUPPORT_VERBS = ['调度', '通报', '公开', '公布', '评估', '监测', '保障', '提供', '推广', '发放', '安排'];
const VERB_WEIGHT = new Map<string, number>([
  ...STRONG_VERBS.map((v) => [v, 2] as const),
  ...MEDIUM_VERBS.map((v) => [v, 0] as const),
  ...SUPPORT_VERBS.map((v) => [v, 1] as const),
]);
const verbMatcher = new PhraseMatcher<number>(VERB_WEIGHT);

/**
 * Words that may stand before the verb of a directive: modals, adverbs of manner and intensity,
 * connectives and time words. Stripped repeatedly, longest first. `true` marks a modal.
 */
const PREFIXES = new PhraseMatcher<boolean>([
  ...['要', '必须', '务必', '应当', '需要', '都要', '还要', '也要', '更要', '就要', '一定要', '确保', '力争', '争取', '着力', '坚决', '切实'].map((w) => [w, true] as const),
  ...[
    '认真', '全面', '全力', '全力以赴', '深入', '强力', '大力', '积极', '扎实', '持续', '不断', '进一步', '继续', '努力',
    '主动', '及时', '常态化', '滚动', '锲而不舍', '下大力气', '动真碰硬', '千方百计', '不折不扣', '坚定', '坚定不移',
    '统筹', '协同', '逐一', '逐项', '集中', '有效', '稳步', '有序', '率先', '尽快', '重点', '同时', '并', '并且', '而且',
    '此外', '另外', '首先', '其次', '最后', '围绕', '突出', '严格', '大胆', '精心', '用心', '奋力', '用力', '总之',
    '全年', '今年', '年内', '年底前', '上半年', '下半年', '一季度', '二季度', '三季度', '四季度', '明年', '每年',
    '每季度', '每月', '每半年', '稳妥', '稳妥有序', '着眼', '聚焦',
    '我们', '大家', '各级', '全市上下', '一是', '二是', '三是', '四是', '五是', '六是', '七是', '八是', '九是', '十是',
    '特别是', '尤其是', '尤其要', '重点是', '更好', '高质量', '加快推进', '严厉', '依法',
    '带头', '优先', '汛期', '届时', '逐一', '分别', '按时', '按期', '如期', '书面',
    '按程序', '按规定', '按要求', '依法依规', '按照程序',
  ].map((w) => [w, false] as const),
]);
/** 加快推进 is stripped as a unit, so the verb 推进 is found; 加快 alone is a verb (加快建设). */

const PLACE_END = new CharSet('地处区县镇乡村点位中内上下线园市省间旁边侧口段');

/** A directive verb at `at` that is not a noun (整改情况, 落实的, 推进了). */
function verbNotNoun(text: string, at: number, end: number): boolean {
  const v = verbMatcher.matchAt(text, at, end);
  return v !== null && !NOUN_MARK.at(text, v.end) && !startsWithAny(text, v.end, NOUN_AFTER_VERB);
}

/** A verb at `at`, or after a run of adverbs there (按期完成, 全面深入推进). */
function verbAfterAdverbs(text: string, at: number, end: number): boolean {
  let p = at;
  for (let n = 0; n < 4; n++) {
    if (verbMatcher.matchAt(text, p, end)) return true;
    const pre = PREFIXES.matchAt(text, p, end);
    if (!pre) return false;
    p = pre.end;
  }
  return false;
}

/** Modals that are the verb themselves when what follows is a figure (争取资金80亿元以上). */
const FIGURE_GOALS: ReadonlySet<string> = new Set(['争取', '确保', '力争']);

/** Clause openers that continue the open task rather than start one. */
const ELABORATION = ['特别是', '尤其是', '尤其要', '重点是', '其中'];
const GOAL = ['争取', '力争', '努力', '确保'];
/** Clauses that comment on what was said (这是…的具体举措): they close the open task. */
const COMMENTARY = ['这是', '这既是', '这也是', '这些', '这背后', '这就', '这样'];
/** Prohibitions (不当甩手掌柜, 防止负面舆情炒作) qualify a task; they are not one. */
const NEGATION = ['不', '防止', '避免', '严禁', '杜绝'];
/** How a clause opens, in one lookup: its class among the lists above. */
type Opener = 'commentary' | 'negation' | 'elaboration' | 'goal';
const OPENERS = new PhraseMatcher<Opener>([
  ...COMMENTARY.map((w) => [w, 'commentary'] as const),
  ...NEGATION.map((w) => [w, 'negation'] as const),
  ...ELABORATION.map((w) => [w, 'elaboration'] as const),
  ...GOAL.map((w) => [w, 'goal'] as const),
]);

/** After these verbs the object is a state of mind, not a deliverable: 强化责任意识, 保持定力. */
const ATTITUDE_VERBS = ['树牢', '树立', '强化', '增强', '提升', '提高', '保持', '坚定', '牢记', '弘扬', '发扬', '坚守', '锤炼', '涵养', '坚持', '扛牢', '扛起', '担起', '肩负'];
const ATTITUDE_NOUNS = [
  '意识', '理念', '精神', '作风', '定力', '能力', '本领', '站位', '思维', '观念', '状态', '干劲', '担当', '胆色', '导向',
  '使命感', '责任感', '紧迫感', '危机感', '敏感度', '判断力', '领悟力', '执行力', '总基调', '基调', '高标准',
  '严要求', '党性', '专注', '执着', '首位',
  // 扛牢…政治重任, 担起…使命: a charge restated, not a piece of work the office can check.
  '重任', '使命', '政治责任', '责任',
  // 保持清正廉洁的政治本色, 树立良好形象: a character to keep, not a task.
  '本色', '底色', '形象', '初心', '品格', '操守',
];

/**
 * Rule `slogan-object`: a directive whose object is only a direction of travel (推动…质的有效提升和量
 * 的合理增长, 推动高质量发展, 开创…新局面) names nothing the office can check. It is dropped when
 * the clause has no concrete content (no number, document, date or registry field).
 */
const SLOGAN_ENDS = [
  '发展', '增长', '提升', '跨越', '新台阶', '新局面', '新篇章', '新突破', '新成效', '新高度', '新水平', '新气象', '新征程',
  // 守住…底线 / 推动各项工作争先进位: a standing line or a rank to aim at, nothing to check.
  '底线', '红线', '防线', '争先进位', '进位', '见实效', '出实效',
];
/** 确保民生实事办得好、群众得实惠: how well it should turn out (V得好), a wish rather than work. */
const DEGREE_COMPLEMENT_RE = /[\u4e00-\u9fff]得(?:好|实|快|稳|准|牢|住|实惠|满意|放心|开心)(?:[、，,]|$)/;

/**
 * Rule `verb-as-noun`: a verb followed by these is a noun in a statement, not a directive:
 * 防范胜于救灾 (an aphorism comparing two things), 整治完成率达到100% (a rate: the figure goes with
 * the task before it).
 */
const NOUN_AFTER_VERB = ['胜于', '重于', '优于', '大于', '高于', '先于', '率', '完成率', '覆盖率', '达标率', '情况', '进展', '结果', '成效'];
/** Verbs that need no object: 外出招商, 按期竣工, 组织验收. */
const INTRANSITIVE: ReadonlySet<string> = new Set(['招商', '开工', '动工', '竣工', '完工', '验收', '督办', '通车', '投产', '开街', '建成', '整改', '销号']);
/** Objects that name no deliverable: 抓好落实, 开展工作, 落实各项决策部署, 抓好每一事. */
const GENERIC_OBJECTS = new Set(['', '工作', '落实', '事', '事情', '各项工作', '决策部署', '部署', '要求', '任务', '好', '好工作', '到位', '实施', '执行', '落地', '见效', '贯彻落实', '贯彻执行', '落实落细', '落细落实', '学习领会']);
/** 把这个要求落实到每一个项目上: an object that only points back at what was said names nothing new. */
const ANAPHOR_OBJECT_RE = /(?:^|把|将)(?:这|这个|这些|这一|此|上述|以上|前述)(?:项|条|些|个)?(?:要求|部署|精神|任务|措施|意见|决定|目标|工作|理念|原则)/;
/**
 * Rule `principle`: 坚持以经济建设为中心 / 把高质量发展作为首要任务 / 把落实《报告》作为重中之重 — a
 * principle or a priority states how to weigh work, not a piece of work: a candidate at most.
 */
const PRINCIPLE_RE =
  /坚持以[^，。；]{1,16}为(?:中心|引领|导向|根本|核心|主线|统领|抓手|遵循|指导)|(?:把|将)[^，。；]{1,30}作为[^，。；]{0,14}(?:重中之重|首要任务|头等大事|第一要务|政治任务|根本任务|中心任务|重要抓手|首要前提|根本保证|生命线|第一责任)/;
const GENERIC_OBJECT_PREFIXES = ['市委', '省委', '党中央', '上级', '各项', '好', '各'];

/** 把X纳入Y / 将X列入Y: verbs that sit in the middle of a 把-clause (rule `ba-middle-verb`). */
const BA_MID_VERBS = ['纳入', '列入', '落实到', '分解到', '覆盖到', '报送', '上报', '报请', '提交', '报告', '报'];
/** 对X实行挂牌督办 / 对X开展排查: the action verb after a 对-object (rule `dui-object`). */
const DUI_VERBS = ['进行', '实行', '实施', '开展'];
/** 把X梳理出来 / 把X与Y挂钩: a 把-clause is a directive when it ends in one of these verbs. */
const BA_END_VERBS = ['梳理', '排查', '整改', '清理', '解决', '处置', '落实', '建立', '出台', '完成', '挂钩', '收储'];
const BA_COMPLEMENTS = ['出来', '起来', '下去', '到位', '清楚', '好', '完'];

/** Characters that show a skipped stretch is not an adverb (了, 的, 是, a preposition…). */
const SKIP_STOP = new CharSet('的是了在对把从向为以被和与及就都也还不没让使将作提由按抓有');

// ---------------------------------------------------------------------------------------------
// Sentence rules
// ---------------------------------------------------------------------------------------------

export interface SentenceRule {
  name: string;
  /**
   * 'opener': the rule describes how the sentence starts (从全球看…, 当今世界…); a later clause
   * that turns to what we must do (…，我们必须…) still counts. 'whole': the sentence is out.
   */
  scope: 'opener' | 'whole';
  /** Why the rule exists: shown by `explainSentence` and docs/PARSER.md. */
  why: string;
  test: (s: string) => boolean;
}

export const SENTENCE_RULES: SentenceRule[] = [
  {
    name: 'thanks',
    scope: 'whole',
    why: '致谢、问候、祝愿是礼节，不是任务（表示衷心感谢和诚挚敬意）',
    test: (s) => /感谢|谢意|敬意|问候|致以|祝愿|祝大家|同志们[：:，,]/.test(s),
  },
  {
    name: 'approval',
    scope: 'whole',
    why: '对别人讲话的表态（思路清晰、目标明确…我都赞同）',
    test: (s) => /赞同|讲得很好|很好的意见|讲了很好/.test(s),
  },
  {
    name: 'reported-speech',
    scope: 'whole',
    why: '引述领导讲话原文（习近平总书记指出：“…”）是依据，不是本次部署',
    test: (s) => /(指出|强调|说|讲)[：:，,]\s*[“"]/.test(s),
  },
  {
    name: 'analysis',
    scope: 'opener',
    why: '形势分析：从全球看、从国内看、就**而言、当今世界、当前…正处在、同时也要看到、如果、由于',
    test: (s) =>
      /^(从[^，。,]{0,14}看|就[^，。,]{0,12}(而言|来说|来讲)|对[^，。,]{0,12}(来讲|来说|而言)|当今世界|当前[，,]|如果|由于|可以说|总的(来)?看|同时也?要看到|要看到|应该看到|但[^要必]|虽然|尽管)/.test(s),
  },
  {
    name: 'shortcoming',
    scope: 'whole',
    why: '问题与短板的陈述（我们还存在…短板弱项）是分析，不是部署',
    test: (s) => /(还|仍|依然)存在/.test(s),
  },
  {
    name: 'forecast',
    scope: 'whole',
    why: '他人预测与展望（联合国…预计）不是我们的任务',
    // 完成预测报… / 做好预测: the noun after a verb is work asked for, not an outlook.
    test: (s) => /(?<![的成好展出])(?:预计|预测)|预期将|估计|可以预见|展望/.test(s),
  },
  {
    name: 'definition',
    scope: 'whole',
    why: '定义与论断（“抓落实”就是要…、关键是…、今年是…开局之年）说明意义，不分派工作',
    // 是…期: any "…之年 / 关键期 / 窗口期 / 攻坚期" (not 期间 / 期限), not only the ones the seed names.
    // X是…的具体体现 / 招商引资是项目建设的源头活水: a sentence that says what something is.
    test: (s) =>
      /就是要|关键是|关键就是|关键在于|关键看|既是[^。]{0,30}也是|是[^。，,]{0,24}(之年|一年|[^。，,、]期(?![间限]))|不如|不是[^。，,]{0,12}[，,][^。]{0,16}才是|才是(?:根本|关键|目的|硬道理|根本目的)/.test(s) ||
      /^[^，。；（(]{2,16}是[^，。；（(]{2,30}的[^，。；的（(]{1,8}(?:[，,。；]|$)/.test(s),
  },
  {
    name: 'preamble',
    scope: 'whole',
    why: '文件的开头语（为…，结合实际，制定本方案；现予公布；通知如下）说明为何发文，不是一项工作',
    // 提出如下实施意见 / 制定以下措施 / 现将…印发给你们: what follows is the document, not a task in it.
    test: (s) =>
      /(?:制定|制订|印发|出台)本(?:实施方案|工作方案|行动方案|方案|办法|意见|细则|规定|计划|规划|措施|通知|决定)|现予(?:公布|公告|印发|发布)|(?:通知|意见|规定)如下|特此通知/.test(s) ||
      // 各街道要于3月底前制定如下措施 is asked of someone: a modal keeps it.
      (/(?:提出|制定|制订|出台)(?:如下|以下)[^。，；]{0,8}(?:意见|措施|方案|要求|举措|政策)|现将[^。]{0,40}印发给你们/.test(s) && !hasFutureModal(s)),
  },
  {
    name: 'evaluation',
    scope: 'whole',
    why: '对已做工作的评价（…等工作成效明显、格局初步形成）是成绩，不是部署',
    // 到2030年，基本形成…格局 is a goal: a time ahead or a modal keeps the sentence.
    test: (s) => /成效(?:明显|显著|初显|突出)|取得(?:了)?(?:明显|积极|显著|阶段性|良好)?成效|进展(?:顺利|明显|良好)|初步(?:形成|建立|建成)|基本形成/.test(s) && !hasFutureModal(s) && !AHEAD_RE.test(s),
  },
  {
    name: 'progress-report',
    scope: 'whole',
    why: '进度报告（原定9月底前完成，目前仅完成初稿；计划50条，实际完成31条；提前一个月完成）陈述现状，不是部署',
    test: (s) => /原定|原计划[^。]{0,24}[，,][^。]{0,12}(?:目前|实际|仅)|目前(?:仅|只|尚|还)|实际完成|仅完成|尚未完成|至今(?:仍|尚)?未|(?:进度|工作)(?:明显|严重|相对)?滞后(?!的)|提前[^，。；]{0,8}完成/.test(s) && !hasFutureModal(s),
  },
  {
    name: 'exhortation',
    scope: 'whole',
    why: '号召与期望（希望大家…、让我们…）是鼓劲，具体部署在别处',
    test: (s) => /^(?:希望|期望|期待|恳请|让我们|号召)/.test(s),
  },
  {
    name: 'transmittal',
    scope: 'whole',
    why: '通知的转发套话（现将《…》印发给你们，请认真抓好落实）不是一项工作',
    test: (s) => /印发给你们|转发给你们|请认真(抓好|贯彻)?落实|请结合实际|请予审议|向大会报告/.test(s),
  },
  {
    name: 'sanction',
    scope: 'whole',
    why: '对推进不力者的惩戒警示（对…滞后的，将约谈/问责）是督办口径，不是一项工作',
    test: (s) => /(?:对|凡)[^。]{2,30}的[，,][^。]{0,12}(?:约谈|通报批评|问责|追责|追究|扣分|严肃处理|一票否决)/.test(s),
  },
  {
    name: 'meta',
    scope: 'whole',
    why: '讲话自身的安排（我就…谈一谈）',
    test: (s) => /谈一谈|谈几点|讲几点|讲三点|下面[，,]我|这里[，,]我/.test(s),
  },
  {
    name: 'past',
    scope: 'whole',
    why: '回顾过去（去年、过去一年、一年来、已经…、…了）是成绩，不是任务',
    // “十四五”以来，… / 2023年以来，…: a sentence that opens with a period up to now reports it.
    test: (s) => /^(去年|过去一年|过去的一年|过去五年|一年来|五年来|近年来|今年以来|回顾|[^，。；,]{1,10}以来[，,])/.test(s) || ((hasAspectLe(s) || /已经|已成为|累计|截至|同比/.test(s)) && !hasFutureModal(s)),
  },
];

/** 了 as a past-tense aspect marker: not in 为了/除了/不了/了解/得了, not inside a quote. */
function hasAspectLe(s: string): boolean {
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '“') inQuote = true;
    else if (ch === '”') inQuote = false;
    else if (ch === '了' && !inQuote) {
      const prev = s[i - 1];
      const next = s[i + 1];
      if (prev !== undefined && '为除不得罢好'.includes(prev)) continue;
      if (next === '解') continue;
      return true;
    }
  }
  return false;
}

/** A modal that points forward: then a 了 belongs to a clause like 做到了…才算 and the rest is a plan. */
function hasFutureModal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '要' && !isNonModalYao(s, i)) return true;
  }
  return /必须|务必|确保|力争|争取|计划|拟于|将于|应当/.test(s);
}

/** A time ahead: 到2030年, 2027年前, 今年, 年内, 明年, 年底. */
const AHEAD_RE = /到[0-9０-９]{4}年|[0-9０-９]{4}年(?:底|末)?前|今年|年内|明年|年底|年末/;

/** A clause that only gives the basis of what follows: 各责任单位要按照…的要求, 为…, 结合实际. */
const BASIS_RE = /^[^，。；]{0,16}?(?:要|必须|应当)?(?:按照|根据|依据|围绕|结合|对照|立足|本着|为了?)[^，。；]*(?:要求|部署|规定|精神|实际|原则|目标|需要|标准)?$/;

/** 强化责任意识, 提高政治站位: an attitude, whoever is asked to hold it. */
function isAttitude(clause: string): boolean {
  return ATTITUDE_VERBS.some((v) => clause.includes(v)) && (containsAny(clause, ATTITUDE_NOUNS) || endsInQuality(clause));
}

/** A sentence that reports what happened: 了, 已, 已经, 截至, 同比 (not a plan with 要/将). */
export function isPastFact(s: string): boolean {
  return ((hasAspectLe(s) || /(?<![不而])已(?!于?[要将])|截至|同比|累计完成/.test(s)) && !hasFutureModal(s)) || /^(去年|过去一年|过去的一年|一年来|近年来|今年以来)/.test(s);
}

/** The first sentence rule that rejects text[span], or null. */
export function rejectSentence(s: string): SentenceRule | null {
  for (const r of SENTENCE_RULES) if (r.test(s)) return r;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Clause heads
// ---------------------------------------------------------------------------------------------

export interface ClauseHead {
  /** Where the clause starts once the subject and modals are gone: titles start here. */
  from: number;
  /** Where the verb starts. */
  verbAt: number;
  verb: string;
  weight: number;
  /** A modal (要, 必须, 确保…) came before the verb in this clause. */
  modal: boolean;
  /** An item of a repeated-modal series (确保A、确保B): a directive of its own. */
  series?: boolean;
  /** Rule topic-first: what the verb acts on stands before it (安全防护设施要…完善到位). */
  topic?: boolean;
}

function startsWithAny(text: string, at: number, words: readonly string[]): boolean {
  for (const w of words) if (text.startsWith(w, at)) return true;
  return false;
}

/** Skips a subject that ends in a modal within the clause's first 24 characters (各部门“一把手”要). */
function skipSubject(text: string, span: SourceSpan): { at: number; modal: boolean } {
  const limit = Math.min(span.end, span.start + 24);
  // 市政府将开展…, 我们将加快…: 将 before a verb or an adverb is "will" and ends a short subject
  // (within 12 characters, no function word before it).
  let will = -1;
  let stopped = false;
  for (let i = span.start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x8981 /* 要 */ && !isNonModalYao(text, i)) return { at: i + 1, modal: true };
    if ((c === 0x5fc5 && text.charCodeAt(i + 1) === 0x987b) || (c === 0x52a1 && text.charCodeAt(i + 1) === 0x5fc5) || (c === 0x5e94 && text.charCodeAt(i + 1) === 0x5f53)) return { at: i + 2, modal: true }; // 必须 务必 应当
    if (c === 0x5c06 /* 将 */ && will < 0 && !stopped && i >= span.start + 2 && i < span.start + 12) will = i;
    else if (i > span.start && i < span.start + 11 && SKIP_STOP.has(c)) stopped = true;
  }
  if (will >= 0) {
    // A verb must follow (maybe after an adverb): 5月20日前将名单报… / 将整改情况报… is 把, not "will".
    const adverb = PREFIXES.matchAt(text, will + 1, span.end);
    if (verbNotNoun(text, adverb ? adverb.end : will + 1, span.end)) return { at: will + 1, modal: true };
  }
  return { at: span.start, modal: false };
}

/** The directive verb heading a clause, or null when the clause is not a directive. */
export function clauseHead(text: string, span: SourceSpan, units: Unit[] = [], modalBefore = false, predicateAt = -1): ClauseHead | null {
  // A subject the owner pass read (市财政局将…, 由县发改委负责…, 教育部会同…) ends where it said.
  const subj = predicateAt > span.start && predicateAt < span.end ? { at: predicateAt, modal: true } : skipSubject(text, span);
  const lead = skipLeadIn(text, subj.at, span, units);
  const from = lead.at;
  const stripped = stripAdverbs(text, lead.at, span);
  const p = stripped.at;
  const modal = subj.modal || modalBefore || lead.modal || stripped.modal;
  if (documentIssue(text.slice(p, span.end))) return { from: p, verbAt: p, verb: '出台', weight: 2, modal };
  let hit = verbMatcher.matchAt(text, p, span.end);
  if (!hit) {
    const prep = prepositionHead(text, p, span, units, modal, from);
    if (prep !== undefined && (prep === null || 'verb' in prep)) return prep;
    if (prep) hit = prep.hit;
  }
  const lastPrefix = stripped.lastPrefix;
  if (!hit && lastPrefix && FIGURE_GOALS.has(lastPrefix.word) && /[0-9０-９*＊]/.test(text.slice(p, span.end))) {
    // Rule `strive-figure`: 争取…资金80亿元以上, 确保每所学校…不少于2小时: the modal is the verb
    // when a figure is what it strives for.
    return { from: lastPrefix.at, verbAt: lastPrefix.at, verb: lastPrefix.word, weight: 2, modal: true };
  }
  if (!hit) {
    // Rule `causative`: 督促各地加快剩余工程修复进度 / 指导有关单位开展… — the unit supervises
    // others' work: that work's verb is the head, the title keeps 督促各地.
    const via = /^(?:督促|指导|帮助|协助)/.exec(text.slice(p, p + 2));
    const who = via ? unitNameAt(text, p + 2, span.end, units, 'cell') : null;
    const done = who ? verbMatcher.matchAt(text, stripAdverbs(text, who.end, span).at, span.end) : null;
    if (done) return verbHead(text, span, units, done, subj.at, from, modal);
  }
  if (!hit) {
    // A two-character adverb the list lacks (滚动实施): skip it if it holds no function word.
    // Longer skips reach into objects (坦然接受组织监督 is not 组织…).
    for (let k = 1; k <= 2 && p + k < span.end; k++) {
      if (SKIP_STOP.at(text, p + k - 1) || !isCjkAt(text, p + k - 1)) break;
      hit = verbMatcher.matchAt(text, p + k, span.end);
      if (hit) break;
    }
  }
  if (!hit) return deliveredHead(text, p, span, modal, from) ?? objectFirstHead(text, p, span, modal, from);
  return verbHead(text, span, units, hit, subj.at, from, modal);
}

/** The head a found verb gives, or null when it is a noun, a past tense or an attitude. */
function verbHead(text: string, span: SourceSpan, units: Unit[], hit: PhraseHit<number>, subjectEnd: number, from: number, modal: boolean): ClauseHead | null {
  // 确保每所学校每个工作日提供不少于2小时…: the modal is the verb when a figure follows it (rule strive-figure).
  if (FIGURE_GOALS.has(hit.phrase) && /[0-9０-９*＊]/.test(text.slice(hit.end, span.end))) return { from, verbAt: hit.start, verb: hit.phrase, weight: 2, modal: true };
  // 落实最重要 / 建设的… / 推进了: the verb is used as a noun or in the past.
  if (NOUN_MARK.at(text, hit.end)) return null;
  if (startsWithAny(text, hit.end, NOUN_AFTER_VERB)) return null;
  const rest = text.slice(hit.end, span.end);
  const attitude = ATTITUDE_VERBS.includes(hit.phrase) && (containsAny(rest, ATTITUDE_NOUNS) || endsInQuality(rest));
  if (attitude) return null;
  // Rule `topic-first`: 燃气管网更新改造工作要加快推进 — the verb ends the clause, so what it acts
  // on is the topic before the modal, and the title is the whole clause. Not when the words before
  // the modal are a unit (市住建局要加快推进): that is the owner, not the topic.
  const restVerb = verbMatcher.matchAt(text, hit.end, span.end);
  // A complement (完善到位, 落实好) still ends the clause.
  const bare = /^(?:到位|完毕|完成|落实|好|起来|下去|出来)?[。！？；，、!?;,\s]*$/.test(restVerb ? text.slice(restVerb.end, span.end) : rest);
  const topic = text.slice(span.start, subjectEnd);
  if (subjectEnd > span.start && bare && !UNIT_SUBJECT_RE.test(topic) && namesRun(text, span.start, subjectEnd, units).names.length === 0) {
    return { from: span.start, verbAt: hit.start, verb: hit.phrase, weight: hit.value, modal, topic: true };
  }
  return { from, verbAt: hit.start, verb: hit.phrase, weight: hit.value, modal };
}

/**
 * What may stand between the subject and the adverbs: 会同 and its units (会同市财政局、市教育局
 * 制定…), 由 and the units it names (由市住建局按程序印发实施), a basis (根据会议意见修改完善后印发).
 */
function skipLeadIn(text: string, at: number, span: SourceSpan, units: Unit[]): { at: number; modal: boolean } {
  let p = at;
  let modal = false;
  const co = CO_FIRST.has(text.charCodeAt(p)) ? CO_WORDS.find((w) => w.length > 1 && text.startsWith(w, p)) : undefined;
  if (co) {
    const run = namesRun(text, p + co.length, span.end, units);
    if (run.names.length > 0) p = run.end;
    else {
      // Rule `co-unnamed`: 会同公安分局交警大队严厉打击…: units the registry and the name shapes
      // do not know still stand between 会同 and the verb; look for a strong verb a few
      // characters on (bounded, so the scan stays linear).
      for (let k = p + co.length + 2; k < Math.min(span.end, p + co.length + 16); k++) {
        const v = verbMatcher.matchAt(text, k, span.end);
        const adv = PREFIXES.matchAt(text, k, span.end);
        if ((v && v.value >= 2) || (adv && !adv.value && verbMatcher.matchAt(text, adv.end, span.end))) {
          p = k;
          break;
        }
      }
    }
  }
  if (text[p] === '由') {
    const run = namesRun(text, p + 1, span.end, units);
    if (run.names.length > 0) {
      p = run.end;
      modal = true;
      const role = /^(?:负责|牵头|统筹)/.exec(text.slice(p, p + 2));
      if (role) p += role[0].length;
    }
  }
  if (BASIS_FIRST.has(text.charCodeAt(p)) && /^(?:根据|按照|依据|参照|对照|结合)/.test(text.slice(p, p + 2))) {
    for (let k = p + 3; k < Math.min(span.end, p + 16); k++) {
      if (CLAUSE_STOP.at(text, k - 1)) break;
      if (verbNotNoun(text, k, span.end) && verbMatcher.matchAt(text, k, span.end)!.value >= 2) {
        p = k;
        break;
      }
    }
  }
  return { at: p, modal };
}

const BASIS_FIRST = new CharSet('根按依参对结');
const CO_FIRST = new CharSet(CO_WORDS.map((w) => w.charCodeAt(0)));

/**
 * Strips modals, adverbs and time words before the verb, longest first, as long as something is
 * stripped. Remembers the last modal (争取, 确保, 力争): the verb itself when only a figure follows.
 */
function stripAdverbs(text: string, at: number, span: SourceSpan): { at: number; modal: boolean; lastPrefix: { word: string; at: number } | null } {
  let p = at;
  let modal = false;
  let lastPrefix: { word: string; at: number } | null = null;
  for (;;) {
    const verbHere = verbMatcher.matchAt(text, p, span.end);
    const pre = PREFIXES.matchAt(text, p, span.end);
    // 加快 and 确保 are both a prefix and a verb: prefer the prefix only if a verb follows it,
    // maybe after more adverbs (确保按期完成).
    if (pre && (!verbHere || verbHere.end <= pre.end) && verbAfterAdverbs(text, pre.end, span.end)) {
      if (pre.value) modal = true;
      p = pre.end;
      continue;
    }
    if (pre && !verbHere) {
      if (pre.value) {
        modal = true;
        lastPrefix = { word: pre.phrase, at: pre.start };
      }
      p = pre.end;
      continue;
    }
    const next = Math.max(skipMonth(text, p, span.end), skipByPhrase(text, p, span.end));
    if (next > p) {
      p = next;
      continue;
    }
    return { at: p, modal, lastPrefix };
  }
}

/**
 * A clause that opens with a preposition instead of a verb: 将 (will, or 把), 把, 向 (an
 * addressee), 对 (an object), 在 (a place). Returns a head, null when the clause is not a
 * directive, { hit } when a verb after a place should be read as usual, undefined when the clause
 * does not open with one of these.
 */
function prepositionHead(text: string, p: number, span: SourceSpan, units: Unit[], modal: boolean, from: number): ClauseHead | null | { hit: PhraseHit<number> } | undefined {
  const ch = text[p];
  // 将 is "will" before a verb or adverb (我们将加快建设…) and 把 before an object (将X纳入…).
  if (ch === '将' && (verbNotNoun(text, p + 1, span.end) || PREFIXES.matchAt(text, p + 1, span.end))) {
    // Unless no verb follows after all: 将各级防汛责任人名单报… is 把, not "will".
    const will = clauseHead(text, { start: p + 1, end: span.end }, units, true);
    if (will) return will;
  }
  if (ch === '把' || ch === '将') return baHead(text, p, span, modal, from);
  if (ch === '向') {
    // 向县政府报送工程进度: the addressee, then the verb.
    for (let at = p + 2; at < Math.min(span.end, p + 14); at++) {
      if (PHRASE_STOP.at(text, at - 1)) break;
      const v = verbMatcher.matchAt(text, at, span.end);
      if (v && v.value >= 1) return { from, verbAt: v.start, verb: v.phrase, weight: v.value, modal };
    }
    return undefined;
  }
  if (ch === '为' && !verbMatcher.matchAt(text, p + 1, span.end) && !PREFIXES.matchAt(text, p + 1, span.end) && text[p + 1] !== '了') {
    // Rule `for-whom`: 为全县60周岁以上老年人免费开展眼健康筛查 — who benefits, then the verb. Not a
    // purpose (为推动…发展，制定…: a verb right after 为).
    for (let at = p + 3; at < Math.min(span.end, p + 24); at++) {
      if (CLAUSE_STOP.at(text, at - 1)) break;
      const v = verbMatcher.matchAt(text, at, span.end);
      if (v && v.value >= 2) return { from, verbAt: v.start, verb: v.phrase, weight: v.value, modal };
    }
    return undefined;
  }
  if (ch === '对') return duiHead(text, p, span, modal, from);
  if (ch === '在') {
    // Rule `locative`: 在产地建设一批…, 在12个易涝点位安装…: a place before the verb. The place
    // ends in a place word (产地, 点位, 社区内, 沿线): 在这里召开… is not one.
    for (let at = p + 2; at < Math.min(span.end, p + 12); at++) {
      if (PHRASE_STOP.at(text, at - 1)) break;
      const v = PLACE_END.at(text, at - 1) ? verbMatcher.matchAt(text, at, span.end) : null;
      if (v && v.value >= 2) return { hit: v };
    }
  }
  return undefined;
}

/**
 * 对X进行督查通报 / 对X实行挂牌督办: the action is what follows the verb; it counts only with help
 * (medium). 对X逐项建立台账: a strong verb after the object is the action itself. The object ends
 * at its last 的 (对任务推进快、成效好的X予以通报). Searched inside the clause only (an unbounded
 * indexOf would be quadratic).
 */
function duiHead(text: string, p: number, span: SourceSpan, modal: boolean, from: number): ClauseHead | null {
  const object = text.slice(p, Math.min(span.end, p + 40));
  const afterObject = p + object.lastIndexOf('的') + 1;
  for (let at = p + 2; at + 2 <= span.end && at < p + 40; at++) {
    const v = DUI_VERBS.find((w) => text.startsWith(w, at));
    if (v) return { from, verbAt: at, verb: v, weight: 0, modal };
    const strong = at > afterObject ? verbMatcher.matchAt(text, at, span.end) : null;
    if (strong && strong.value >= 2 && !NOUN_MARK.at(text, strong.end)) return { from, verbAt: at, verb: strong.phrase, weight: 2, modal };
  }
  return null;
}

/** The words before a modal name a unit (市住建局要, 各街道要, 各部门要): an owner, not a topic. */
const UNIT_SUBJECT_RE = /(?:局|委|办|厅|部|院|中心|政府|街道|乡镇|大队|支队|公司|集团|部门|单位|各区|各县|同志|大家|我们)(?:都|也|还|更)?(?:要|必须|务必|应当)$/;

/**
 * Rule `delivered-series`: 合理的当即解决到位、不合理的细心解释到位 — each kind of case (X的) and
 * what must be done with it, to the end (…到位): a directive whose verb follows its topic.
 */
const DELIVERED_RE = /^[\u4e00-\u9fff]{1,10}的[\u4e00-\u9fff]{0,6}?(解决|解释|帮扶|处置|落实|整改|化解|办理|答复|反馈|兑现|保障|救助|安置)到位/;
function deliveredHead(text: string, p: number, span: SourceSpan, modal: boolean, from: number): ClauseHead | null {
  const to = Math.min(span.end, p + 30);
  let dao = p;
  while (dao < to - 1 && !(text[dao] === '到' && text[dao + 1] === '位')) dao++;
  if (dao >= to - 1) return null;
  const m = DELIVERED_RE.exec(text.slice(p, to));
  if (!m) return null;
  return { from, verbAt: p + m.index + m[0].length - m[1]!.length - 2, verb: m[1]!, weight: 2, modal };
}

/** Verbs that deliver a counted thing: the ones a 政府工作报告 puts after their object. */
const OBJECT_FIRST_VERBS = new PhraseMatcher<number>(
  ['新建', '改造', '改扩建', '新改建', '建成', '开工', '整治', '清理', '收储', '处置', '化解', '培育', '引进', '招引', '创建'].map((v) => [v, 2] as const),
);

/** Something still to be done: a time ahead (今年, 年内, 6月底前) or a level to reach (以上, 力争). */
const OBJECT_FIRST_AHEAD = /今年|全年|年内|明年|年底前|月底前|季度末?前|以上|不少于|左右|力争|确保|争取|达到/;
/** Something done already: a result, not a directive. */
const OBJECT_FIRST_DONE = /已|累计|共计|截至|同比|较上年/;

/**
 * Rule `object-first`: 充电设施今年新建500处以上 / 农村公路年内改造120公里 — a short topic, maybe a
 * time word, then a delivery verb, a figure, and a sign that it is still to be done. Only these
 * verbs and only with a number after them: 城镇新增就业… and 地区生产总值增长… are targets, and a
 * topic before 推进 is prose. 截至6月底，老旧小区已改造120个 and 上半年…开工85个 report results.
 */
function objectFirstHead(text: string, p: number, span: SourceSpan, modal: boolean, from: number): ClauseHead | null {
  const limit = Math.min(span.end, p + 16);
  // Both readings need a figure or a date in the clause: most clauses have neither.
  if (!hasFigureOrDate(text, p, Math.min(span.end, p + 40))) return null;
  for (let k = p + 2; k < limit; k++) {
    if (!isCjkAt(text, k - 1) || SKIP_STOP.at(text, k - 1)) return null;
    const dated = datedMilestoneAt(text, k, span.end);
    if (dated && !OBJECT_FIRST_DONE.test(text.slice(span.start, span.end))) return { from, verbAt: dated.start, verb: dated.phrase, weight: 2, modal, topic: true };
    if (k > p + 12) continue;
    let at = k;
    for (let pre = PREFIXES.matchAt(text, at, span.end); pre && !pre.value; pre = PREFIXES.matchAt(text, at, span.end)) at = pre.end;
    const v = OBJECT_FIRST_VERBS.matchAt(text, at, span.end);
    if (!v) continue;
    const after = text.slice(v.end, Math.min(span.end, v.end + 12));
    if (!/[0-9０-９*＊]/.test(after)) continue;
    const clause = text.slice(span.start, Math.min(span.end, v.end + 24));
    if (OBJECT_FIRST_DONE.test(clause)) return null;
    if (!(modal || OBJECT_FIRST_AHEAD.test(clause))) continue;
    return { from, verbAt: v.start, verb: v.phrase, weight: 2, modal };
  }
  return null;
}

/** A digit, a mask, 月, 季, 汛 or 年底/年内/年末/半年 in text[from, to): a figure or a date may be there. */
function hasFigureOrDate(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) || c === 0x2a || c === 0xff0a || c === 0x6708 || c === 0x5b63 || c === 0x6c5b) return true; // 月 季 汛
    if (c === 0x5e74 /* 年 */ && ('底内末'.includes(text[i + 1] ?? '') || text[i - 1] === '半')) return true;
  }
  return false;
}

/** Verbs that start or finish a project: 4月开工, 11月完工, 五一前开街. */
const MILESTONE_VERBS = new PhraseMatcher<number>(
  ['开工', '动工', '施工', '完工', '竣工', '建成', '投用', '投产', '交付', '开街', '通车', '开业', '运营', '上线', '启动', '开建'].map((v) => [v, 2] as const),
);

/**
 * Rule `object-first-dated`: 青川大道西延工程计划4月开工建设，11月完工 / 县城至大坪乡二级公路改造
 * 6月中旬施工，9月末完工 — a project's name, maybe 计划/拟/力争, a date and a start or finish
 * verb: the project's schedule, a directive with no verb before its object.
 */
function datedMilestoneAt(text: string, k: number, end: number): PhraseHit<number> | null {
  // Cheap first: a date, a plan word or a season starts here, or nothing does.
  if (!TIME_FIRST.has(text.charCodeAt(k)) && !PLAN_FIRST.at(text, k)) return null;
  let at = k;
  const plan = /^(?:计划|拟|预计|力争|确保|将|要|于|在)/.exec(text.slice(at, at + 2));
  if (plan) at += plan[0].length;
  const time = skipMonth(text, at, end);
  const season = /^(?:上半年|下半年|年底前?|年内|汛前|汛期前)/.exec(text.slice(time, time + 4));
  const afterTime = season ? time + season[0].length : time;
  if (afterTime === at) return null;
  let v = afterTime;
  if (/^(?:全面|正式|全部|主体|主线|集中)/.test(text.slice(v, v + 2))) v += 2;
  return MILESTONE_VERBS.matchAt(text, v, end);
}

/**
 * Rule `by-phrase`: 在7月15日前 / 于2025年6月底前 / 在主汛期前 before the verb is a time word. At most
 * 12 characters between 在/于 and 前, with no clause break: longer is an object, not a date.
 */
function skipByPhrase(text: string, p: number, end: number): number {
  if (text[p] !== '在' && text[p] !== '于') return p;
  for (let i = p + 2; i < end && i - p <= 13; i++) {
    if (BREAK_CHARS.at(text, i)) return p;
    if (text.charCodeAt(i) === 0x524d /* 前 */) return i + 1;
  }
  return p;
}

/**
 * 6月底前 / 十二月底 / 9月 / 2027年12月底前 / 每季度末月20日前 / 5日前 / 二季度: a time word
 * before the verb is not the verb's object.
 */
const TIME_WORD_RE =
  /^(?:[0-9０-９]{4}年)?(?:(?:[0-9０-９一二三四五六七八九十]{1,3})月(?:份)?(?:底|末|初|[上中下]旬)?|第?[一二三四]季度(?:末)?|末月?|首月|年底|年末)?(?:[0-9０-９一二三四五六七八九十]{1,3}[日号])?(?:前|之前|以前|起)?/;
/** 自本意见印发之日起60日内: a limit counted from the document, before the verb. */
const RELATIVE_LIMIT_RE = /^(?:自|从)?(?:(?:本(?:通知|意见|方案|办法|文件|决定|规定)|文件)?(?:印发|发布|下发|公布|实施|施行)|本次会议(?:召开)?|会议召开)之日起[0-9０-９一二三四五六七八九十两]{1,3}(?:个工作日|个月|日|天|周)(?:内|以内|之内)?/;
/** Characters a time word can start with: digits, Chinese numerals, 第/末/首/年/自/从/本/于/在/上/下/汛/文/会 (会议召开之日起). */
const TIME_FIRST = new CharSet('0123456789０１２３４５６７８９一二三四五六七八九十第末首年自从本于在上下汛文会');

function skipMonth(text: string, p: number, end: number): number {
  if (!TIME_FIRST.has(text.charCodeAt(p))) return p;
  const head = text.slice(p, Math.min(end, p + 24));
  const rel = RELATIVE_LIMIT_RE.exec(head);
  if (rel) return p + rel[0].length;
  // 于7月中旬, 在10月底前: the preposition goes with its time word.
  const at = /^[于在](?=[0-9０-９一二三四五六七八九十])/.test(head) ? 1 : 0;
  const m = TIME_WORD_RE.exec(head.slice(at, at + 16));
  return m && m[0].length > 0 && !/^[0-9０-９一二三四五六七八九十]+$/.test(m[0]) ? p + at + m[0].length : p;
}

function baHead(text: string, p: number, span: SourceSpan, modal: boolean, from: number): ClauseHead | null {
  let end = span.end;
  for (const c of BA_COMPLEMENTS) {
    if (end - c.length > p && text.startsWith(c, end - c.length)) {
      end -= c.length;
      break;
    }
  }
  for (const v of BA_END_VERBS) {
    if (end - v.length > p + 1 && text.startsWith(v, end - v.length)) {
      return { from, verbAt: p, verb: v, weight: 2, modal };
    }
  }
  // 将营商环境工作纳入年度绩效考核: the verb is in the middle, its second object after it.
  for (let at = p + 2; at + 3 < end; at++) {
    const v = BA_MID_VERBS.find((w) => text.startsWith(w, at));
    if (v) return { from, verbAt: p, verb: v, weight: 2, modal };
  }
  return null;
}

/**
 * 增强…的穿透性和创造性 / 提高工作的针对性、实效性: a quality (…性) as the object of an attitude verb
 * is a manner of working, not a deliverable. Rule `quality-object`, general instead of listing the
 * qualities one speech happens to use. (可行性研究 is a noun phrase: 性 must end the clause or
 * be followed by 和 / 、.)
 */
function endsInQuality(object: string): boolean {
  for (let i = object.indexOf('性'); i >= 0; i = object.indexOf('性', i + 1)) {
    const next = object[i + 1];
    if (next === undefined || next === '和' || next === '、') return true;
  }
  return false;
}

function isCjkAt(text: string, at: number): boolean {
  const c = text.charCodeAt(at);
  return c >= 0x4e00 && c <= 0x9fff;
}

/** Stops for the short searches after a preposition or a basis word. */
const CLAUSE_STOP = new CharSet('，。；');
const PHRASE_STOP = new CharSet('，。、；的');
const BREAK_CHARS = new CharSet('，。；、：,;:');
/** After a verb, these make it a noun, an attribute or a past: 落实最重要, 建设的, 推进了. */
const NOUN_MARK = new CharSet('最是的了不');
const PLAN_FIRST = new CharSet('计拟预力确将要于在');

function containsAny(s: string, words: readonly string[]): boolean {
  for (const w of words) if (s.includes(w)) return true;
  return false;
}

/** The object after the verb names nothing to deliver (抓好落实, 开展工作, 落实各项决策部署). */
export function isGenericObject(object: string): boolean {
  let o = object;
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of GENERIC_OBJECT_PREFIXES) {
      if (o.startsWith(p)) {
        o = o.slice(p.length);
        changed = true;
      }
    }
  }
  // 抓好以下几个方面的工作 announces a list; the list items are the tasks.
  return GENERIC_OBJECTS.has(o) || o.startsWith('每一') || o.startsWith('以下') || o.length <= 1;
}

// ---------------------------------------------------------------------------------------------
// Tasks in one sentence
// ---------------------------------------------------------------------------------------------

export interface SentenceInfo {
  span: SourceSpan;
  /** The sentence is the text of a numbered point (1. 推进…): a task-breakdown item. */
  isPoint: boolean;
  /** A later sentence follows in the same paragraph. */
  hasNextInParagraph: boolean;
  /** The sentence names its owners explicitly (subject or notation). */
  explicitOwner: boolean;
  /** A 牵头单位 notation closes this sentence's block: a notice item, whatever its verb. */
  notationAhead?: boolean;
  /** The point is a breakdown notice's numbered item (（七）新增托位2000个，…。): a task, whatever its verb. */
  isItem?: boolean;
  /** Where the predicate starts after a subject the owner pass read (市财政局将…), else -1. */
  predicateAt?: number;
  /** The subject names a unit (not only 各地区 or a role). */
  namedUnit?: boolean;
  /** The sentence states a date by which it is due (2027年12月底前，…; …于9月30日前…). */
  explicitDeadline?: boolean;
  /** The plan year, to tell a due date from a past reference (2020年以来). */
  year?: number;
}

export interface TaskDraft {
  span: SourceSpan;
  /** Where the title starts (after subject and modals). */
  titleFrom: number;
  verb: string;
  score: number;
  /** The scoring rules that fired, for tests and for the docs' "why". */
  reasons: string[];
  /** Set when the parser doubts it: why, in Chinese; the draft is a candidate, not a task. */
  doubt?: string;
}

/** Keep a task at this score or above. A strong verb alone reaches it; a generic one does not. */
export const MIN_SCORE = 2;

/**
 * A short "要…。" sentence followed by more text in the paragraph is a theme line (要抓创新促改革。
 * 要督查督办。): the concrete directives come in the sentences after it, and listing both doubles
 * the work. 14 characters hold every theme line of the seed and almost no real directive.
 */
const THEME_MAX = 14;

interface Group {
  head: ClauseHead;
  start: number;
  end: number;
  headEnd: number;
  /** The only date it holds is when its work starts (4月开工): a completion date may still join. */
  startOnly?: boolean;
}

/** The group states a date of its own (not 2020年以来, a past reference). */
function groupDated(text: string, g: Group, year: number): boolean {
  if (g.startOnly) return false;
  const d = findDeadline(text.slice(g.start, g.end), year);
  // 自本意见印发之日起60日内 is a date too, only counted from a day this pass does not know.
  return d !== null && d.kind === 'date' && (d.due !== null || d.label.includes('之日起'));
}

/** Groups clauses into candidate tasks: a directive clause and the clauses that continue it. */
function groupClauses(text: string, clauses: readonly SourceSpan[], series: ReadonlySet<number>, units: Unit[], predicateAt = -1, year = Number.NaN): Group[] {
  const groups: Group[] = [];
  let open: Group | null = null;
  let modalSeen = false;
  const firstStart = clauses[0]?.start ?? 0;
  for (const c of clauses) {
    const opener = OPENERS.matchAt(text, c.start, c.end)?.value;
    if (opener === 'commentary') {
      open = null;
      continue;
    }
    const negated = opener === 'negation';
    const continues = open !== null && opener !== undefined;
    // A later clause with its own subject (…，区营商办每季度汇总通报一次) starts its predicate after
    // it, and is a directive of its own.
    const ownNamed = c.start > firstStart && mayStartUnitName(text, c.start, units) && readsOwnSubject(text, c, units);
    const own = ownNamed ? readSubject(text, c, units) : null;
    let head = negated ? null : clauseHead(text, c, units, false, own ? own.predicateAt : predicateAt);
    if (series.has(c.start)) {
      // Each item of 确保A、确保B、确保C is a directive, even one with no verb of its own (确保主要经济指标走在全省前列).
      const word = SERIES_WORDS.find((w) => text.startsWith(w, c.start)) ?? '';
      head = head ? { ...head, weight: Math.max(head.weight, 2), series: true } : { from: c.start + word.length, verbAt: c.start, verb: word, weight: 2, modal: true, series: true };
    }
    if (head?.modal) modalSeen = true;
    else if (!head && hasModalIn(text, c)) modalSeen = true;
    // A strong verb opens its own task; a medium verb (坚持, 维护…) only when nothing is open or
    // its clause names a deliverable of its own: a number, a date, a document, 挂牌督办.
    // A verb with nothing to deliver (3月底前出台实施, 年底前全面完成) finishes the open task.
    const bare = head !== null && open !== null && isGenericObject(text.slice(head.verbAt + head.verb.length, c.end));
    const { milestone, startsWork } = head !== null && open !== null && !head.series && !ownNamed ? milestoneOf(text, c, head, open, year, predicateAt >= 0) : { milestone: false, startsWork: false };
    const ownSubject = head !== null && open !== null && ownNamed;
    const opens =
      head !== null && (!continues || head.series === true) && !bare && !milestone && (head.weight >= 2 || open === null || ownSubject || (head.weight === 0 && namesDeliverable(text, c)));
    if (opens && head) {
      // 4月开工 starts a project; 一季度集中开工重大项目50个 is a count delivered by its date.
      const startOnly = START_VERBS.has(head.verb) && !/[0-9０-９*＊]/.test(text.slice(head.verbAt, c.end));
      // head is this clause's own (clauseHead makes a new one per call): safe to complete in place.
      head.modal = head.modal || modalSeen;
      const group: Group = { head, start: c.start, end: c.end, headEnd: c.end, startOnly };
      open = group;
      groups.push(group);
    } else if (open && head === null && !negated && datedCountAfterDated(text, c, open, year)) {
      // Rule `dated-steps`: 二季度组织专题招商不少于3次，上半年签约亿元以上项目8个以上 — after a dated
      // deliverable, a clause opening with its own date and counting its own deliverable is another
      // task, whatever its verb.
      const at = c.start;
      const group: Group = { head: { from: at, verbAt: at, verb: '', weight: 0, modal: modalSeen }, start: c.start, end: c.end, headEnd: c.end };
      open = group;
      groups.push(group);
    } else if (open) {
      const wasDated = milestone && groupDated(text, open, year);
      open.end = c.end;
      if (milestone) open.startOnly = startsWork && !wasDated;
    }
  }
  return groups;
}

function datedCountAfterDated(text: string, c: SourceSpan, open: Group, year: number): boolean {
  if (!opensWithDueDate(text, c) || !groupDated(text, open, year)) return false;
  const clause = text.slice(c.start, c.end);
  return /[0-9０-９]+(?:\.[0-9]+)?(?:万|亿)?(?:个|家|项|场|次|条|所|座|处|户|人|套|公里|亩|元|亿元|万元)/.test(clause);
}

/** 要, 必须 or 务必 as a modal somewhere in the clause. */
function hasModalIn(text: string, c: SourceSpan): boolean {
  for (let i = c.start; i < c.end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x8981 /* 要 */ || (ch === 0x5fc5 && text.charCodeAt(i + 1) === 0x987b) || (ch === 0x52a1 && text.charCodeAt(i + 1) === 0x5fc5)) return true;
  }
  return false;
}

/**
 * Rule `milestone-clause`: 加快推进A建设，年底前完成主体工程 — a clause that opens with a time
 * limit states the open task's milestone and due date, whatever its verb (制定改厕实施方案，4月底前
 * 将改厕任务分解到村到户 is one task in two steps). Not when the open task has a date of its own
 * (一季度集中开工50个，6月底前完成投资计划的55% are two), nor when the clause counts a deliverable
 * of its own (年内认定…20家) unless it completes (新建口袋公园20个，国庆节前全部建成开放), nor a
 * report of something else (5月20日前将名单报…); a routine report (每月底前报送…) or one on this
 * task's results (并于…将验收情况报…) belongs to it.
 */
function milestoneOf(text: string, c: SourceSpan, head: ClauseHead, open: Group, year: number, subjectNamed = false): { milestone: boolean; startsWork: boolean } {
  const routineReport = REPORT_VERBS.has(head.verb) && /^每个?(?:月|季度?|年|周)/.test(text.slice(c.start, c.start + 3));
  const dueLed = opensWithDueDate(text, c) || routineReport;
  if (!dueLed && !(head.topic === true && open.head.verb !== '')) return { milestone: false, startsWork: false };
  const clause = text.slice(c.start, c.end);
  // Rule `measured-by-count`: a unit's assignment (市科技局要加快科学城建设，年底前引进新型研发机构5家) is
  // measured and dated by the count after it: one task. Without a named subject (a report's list:
  // 支持龙头企业组建创新联合体，年内认定技术中心20家), or after a task with a figure, it is a deliverable of its own.
  const ownCount =
    /[0-9０-９*＊]/.test(text.slice(head.verbAt, c.end)) &&
    !COMPLETION_VERBS.has(head.verb) &&
    !START_VERBS.has(head.verb) &&
    (!subjectNamed || /[0-9０-９*＊]/.test(text.slice(open.start, open.end)));
  const report = REPORT_VERBS.has(head.verb) && !/^(?:并|每)/.test(clause) && !/情况|进展|进度|结果|总结|成效/.test(clause);
  // After a dated step, a bare completion (…，9月底前建成通车 / 年底前全部完工) is the same work's last step.
  const object = text.slice(head.verbAt + head.verb.length, c.end).replace(/[。；，、\s]+$/, '');
  const lastStep = dueLed && COMPLETION_VERBS.has(head.verb) && object.length <= 4 && !/[0-9０-９*＊]/.test(object);
  const milestone = !ownCount && !report && (lastStep || !groupDated(text, open, year));
  return { milestone, startsWork: milestone && dueLed && START_VERBS.has(head.verb) };
}

/** Verbs that complete a piece of work: after a time limit they close the open task. */
export const COMPLETION_VERBS: ReadonlySet<string> = new Set(['完成', '建成', '竣工', '完工', '投用', '投产', '交付', '通车', '封顶', '开放', '运营', '上线', '到位', '见效', '兑现', '办结', '销号', '实现', '达到', '通水', '印发', '出台', '全部完成', '全面完成']);
/** A clause that opens with a time limit: 年底前…, 6月底前…, 于2026年6月底前…, 上半年…, 力争二季度… */
const DUE_LEAD_RE =
  /^(?:力争|确保|争取|计划|预计|并|并于|要|全部|同步)?(?:于|在)?(?:[0-9０-９]{4}年)?(?:[0-9０-９一二三四五六七八九十]{1,2}月(?:底|末|[上中下]旬|[0-9０-９]{1,2}日)?|年底|年内|第?[一二三四]季度末?|上半年|下半年|年中|[“"]?(?:国庆|五一|元旦|春节|汛期|汛前|开学)[”"]?节?前)(?:前|之前|以前)?/;
const REPORT_VERBS: ReadonlySet<string> = new Set(['报送', '上报', '报请', '提交', '报告', '报']);
/** Verbs that start the work: a date before them is a start, a completion date may follow. */
const START_VERBS: ReadonlySet<string> = new Set(['开工', '动工', '施工', '启动', '开建', '进场']);

/** A clause that opens with a unit of its own (由市住建局…, 市财政局要…): a directive of its own. */
function readsOwnSubject(text: string, c: SourceSpan, units: Unit[]): boolean {
  const at = text[c.start] === '由' || text[c.start] === '请' ? c.start + 1 : c.start;
  return namesRun(text, at, c.end, units).names.length > 0;
}
const DUE_ANYWHERE_RE = /[0-9０-９一二三四五六七八九十]{1,2}月|年底|年内|季度|上半年|下半年|年中|[0-9０-９]{4}年/;
export function opensWithDueDate(text: string, c: SourceSpan): boolean {
  return DUE_LEAD_RE.test(text.slice(c.start, Math.min(c.end, c.start + 24)));
}

/**
 * Rule `repeated-modal-series`: 确保实现一季度“开门红”、确保圆满完成全年各项目标任务、确保主要经济
 * 指标走在全省前列 — items joined by 、 that each repeat the clause's opening modal are separate
 * directives, each with its own date. Cuts clauses at 、 before a repeat of 确保/要/必须/力争.
 */
const SERIES_WORDS = ['确保', '力争'];
const SERIES_OPENERS = new CharSet('确力要必务还更');
function splitSeries(text: string, clauses: SourceSpan[]): { clauses: SourceSpan[]; series: Set<number> } {
  const series = new Set<number>();
  // Most sentences hold no series: their clauses are kept as they are.
  if (!clauses.some((c) => SERIES_OPENERS.at(text, c.start))) return { clauses, series };
  const out: SourceSpan[] = [];
  for (const c of clauses) {
    // 要确保A、确保B: the first item may carry the modal before the repeated word.
    const lead = SERIES_OPENERS.at(text, c.start) ? (/^(?:要|必须|务必|还要|更要)/.exec(text.slice(c.start, c.start + 2))?.[0].length ?? 0) : 0;
    const word = SERIES_OPENERS.at(text, c.start) ? SERIES_WORDS.find((w) => text.startsWith(w, c.start + lead)) : undefined;
    if (!word) {
      out.push(c);
      continue;
    }
    // Cut at each 、 followed by the word, looking inside the clause only (bounded: linear).
    const cut: SourceSpan[] = [];
    let from = c.start;
    for (let at = c.start; at < c.end; at++) {
      if (text[at] === '、' && text.startsWith(word, at + 1)) {
        cut.push({ start: from, end: at });
        from = at + 1;
      }
    }
    cut.push({ start: from, end: c.end });
    for (const span of cut) {
      out.push(span);
      if (cut.length > 1) series.add(span.start);
    }
  }
  return { clauses: out, series };
}

export function findTasks(text: string, info: SentenceInfo, units: Unit[]): TaskDraft[] {
  const sentence = text.slice(info.span.start, info.span.end);
  if (isThemeLine(sentence, info)) return [];
  const split = splitSeries(text, splitClauses(text, info.span));
  const clauses = split.clauses;
  let groups = groupClauses(text, clauses, split.series, units, info.predicateAt ?? -1, info.year ?? Number.NaN);
  let byOwnerOrDate = false;
  if (groups.length === 0) {
    groups = fallbackGroups(text, sentence, clauses, info);
    byOwnerOrDate = groups.length > 0 && groups[0]!.head.modal;
  }
  // Sentence rules only matter when there is a candidate (and most sentences have none).
  if (groups.length === 0) return [];
  const rejected = info.isPoint ? null : rejectSentence(sentence);
  if (rejected?.scope === 'whole') return [];
  if (rejected) {
    // An analysis opener ends where the speaker turns to us: 当今世界…，我们必须正确处理…
    const turn = clauses.findIndex((c) => /^(我们|大家)?(必须|要(?!看到))/.test(text.slice(c.start, Math.min(c.end, c.start + 8))));
    if (turn < 0) return [];
    groups = groupClauses(text, clauses.slice(turn), split.series, units, -1, info.year ?? Number.NaN);
  }

  groups = shapeGroups(text, clauses, groups, info);
  return groups.flatMap((g) => scoreGroup(text, g, info, units, byOwnerOrDate));
}

/** Lines that head the work after them rather than being work: theme lines and short points. */
function isThemeLine(sentence: string, info: SentenceInfo): boolean {
  // Without its final marks (a loop, not /[。！？]+$/: that regex is quadratic on ！！！…”).
  let bodyEnd = sentence.length;
  while (bodyEnd > 0 && '。！？；!?;'.includes(sentence[bodyEnd - 1]!)) bodyEnd--;
  const body = sentence.slice(0, bodyEnd);
  if (!info.isPoint && info.hasNextInParagraph && body.length <= THEME_MAX && /^(要|必须|务必)/.test(body)) return true;
  // 一是扩大有效投资。全年实施… — a short enumerated theme line before the work it heads.
  if (info.hasNextInParagraph && body.length <= THEME_MAX && /^(?:[一二三四五六七八九十]是|第[一二三四五六七八九十]|首先|其次|再次|最后)/.test(body) && !/[0-9０-９，,]/.test(body)) return true;
  // Rule `theme-point`: 第一，抓好城镇燃气安全。区住建局要… — a numbered point of a speech whose
  // first sentence is one short clause followed by more sentences is the point's heading; the
  // directives come after it. A notice item (a 牵头单位 notation closes it) is never a heading.
  return info.isPoint && info.hasNextInParagraph && !info.notationAhead && !info.isItem && body.length <= THEME_MAX + 2 && !/[，,：:]/.test(body);
}

/**
 * The one group a sentence with no directive verb may still make: rule `owner-or-deadline` (a
 * named lead unit or a due date; its head is marked modal) or rule `notice-item` (a numbered item
 * that a 牵头单位 notation closes, or a bracket item). [] otherwise.
 */
function fallbackGroups(text: string, sentence: string, clauses: readonly SourceSpan[], info: SentenceInfo): Group[] {
  if (clauses.length === 0) return [];
  const first = clauses[0]!;
  const last = clauses[clauses.length - 1]!;
  // Rule `owner-or-deadline`: a sentence that names its lead unit (由县发改委负责统筹…, 区发改局要
  // 牵头对92个项目逐一明确…) or a date it is due by (2027年12月底前，试点地区完成…) is a directive
  // whatever its verb, unless it states a past fact: the verb lists alone must not decide.
  if (
    (info.namedUnit || info.explicitDeadline) &&
    !isPastFact(sentence) &&
    !isAttitude(text.slice(clauses[0]!.start, clauses[0]!.end)) &&
    // A date alone (（2026年2月10日）) asks for nothing.
    sentence.replace(/[0-9０-９年月日号前底末内（）()—\s，。、]/g, '').length >= 4
  ) {
    const from = info.predicateAt !== undefined && info.predicateAt > first.start && info.predicateAt < first.end ? info.predicateAt : first.start;
    return [{ head: { from, verbAt: from, verb: '', weight: 0, modal: true }, start: first.start, end: last.end, headEnd: first.end }];
  }
  // Rule `notice-item`: a numbered point closed by a 牵头单位 notation is a task even when its
  // verb is not in the lists (9. 将…纳入年度考核 / 提请…审议): the notice made it one.
  if (info.isPoint && (info.notationAhead || info.isItem)) {
    return [{ head: { from: first.start, verbAt: first.start, verb: '', weight: 0, modal: false }, start: first.start, end: last.end, headEnd: first.end }];
  }
  return [];
}


/**
 * Groups as the sentence's form decides: a numbered point is one task (the notice did the split)
 * unless a dated deliverable follows a dated one; the subject or basis clause belongs to the
 * first directive.
 */
function shapeGroups(text: string, clauses: readonly SourceSpan[], found: Group[], info: SentenceInfo): Group[] {
  let groups = found;
  // A numbered point of a task-breakdown notice is one task already, from its first word: the
  // notice did the split.
  // Unless a later part is a dated deliverable of its own after a dated one (…，9月30日前完成摸底建档，
  // 年底前完成剩余244公里改造任务).
  if (info.isPoint && groups.length > 0) {
    const merged: Group[] = [groups[0]!];
    for (const g of groups.slice(1)) {
      const last = merged[merged.length - 1]!;
      if (opensWithDueDate(text, { start: g.start, end: g.end }) && groupDated(text, last, info.year ?? Number.NaN)) merged.push(g);
      else last.end = g.end;
    }
    merged[0]!.start = Math.min(merged[0]!.start, clauses[0]!.start);
    groups = merged;
  }
  // The sentence's subject clause belongs to its first directive (区财政局要统筹安排项目前期经费，
  // 6月底前拨付到位 / 各责任单位要按照…的要求，细化实施方案): its span starts at the subject.
  const first = groups[0]!;
  if (clauses.length > 1 && first.start === clauses[1]!.start && !isAttitude(text.slice(clauses[0]!.start, clauses[0]!.end))) {
    const lead = text.slice(clauses[0]!.start, clauses[0]!.end);
    if ((info.namedUnit || BASIS_RE.test(lead)) && !PRINCIPLE_RE.test(lead)) {
      first.start = clauses[0]!.start;
      // 区财政局要统筹安排项目前期经费，6月底前拨付到位: what 拨付到位 acts on is in the subject clause.
      const topic = first.head.topic === true || (info.namedUnit === true && isGenericObject(text.slice(first.head.verbAt + first.head.verb.length, first.headEnd)));
      // The title then starts with what the task is about (以上民生实事由县政府督查室按季度督查…).
      first.head = { ...first.head, modal: true, topic, from: topic && !first.head.topic ? clauses[0]!.start : first.head.from };
    }
  }
  return groups;
}

/** A group's score by the rules that fire (SCORE in the header comment): a task, a candidate, or nothing. */
function scoreGroup(text: string, g: Group, info: SentenceInfo, units: Unit[], byOwnerOrDate: boolean): TaskDraft[] {
  const out: TaskDraft[] = [];
  const span = { start: g.start, end: g.end };
  const reasons: string[] = [];
  let score = 0;
  if (g.head.weight >= 2) {
    score += 2;
    reasons.push(`strong-verb:${g.head.verb}`);
  } else if (g.head.weight === 1) {
    score += 1;
    reasons.push(`support-verb:${g.head.verb}`);
  } else reasons.push(`medium-verb:${g.head.verb}`);
  if (g.head.modal) {
    score += 1;
    reasons.push('modal');
  }
  if (isConcrete(text, span, units)) {
    score += 1;
    reasons.push('concrete');
  }
  if (info.explicitOwner) {
    score += 2;
    reasons.push('explicit-owner');
  }
  if (info.isPoint) {
    score += 2;
    reasons.push('numbered-point');
  }
  // Rule owner-or-deadline: a named unit or a due date makes a weak verb's clause a directive.
  if (byOwnerOrDate || info.namedUnit || (info.explicitDeadline && DUE_ANYWHERE_RE.test(text.slice(span.start, span.end)))) {
    score += 2;
    reasons.push(info.namedUnit ? 'named-unit' : 'explicit-deadline');
  }
  if (text.slice(span.start, span.end).includes('挂牌督办')) {
    score += 1;
    reasons.push('flagged');
  }
  const object = g.head.topic ? text.slice(g.start, g.head.verbAt) : text.slice(g.head.verbAt + g.head.verb.length, g.headEnd);
  const draft: TaskDraft = { span, titleFrom: g.head.from, verb: g.head.verb, score, reasons };
  // Doubtful directives go to the office as candidates (unticked, with the reason), but only
  // when someone or some time is named or a modal asks for it: a bare phrase stays out.
  const askedFor = info.explicitOwner || g.head.modal || info.explicitDeadline === true;
  // 带头外出招商, 按期竣工: a verb complete without an object.
  if (isGenericObject(object) && !(object === '' && INTRANSITIVE.has(g.head.verb))) {
    // Rule `generic-object`: 大胆开展工作 / 抓好落实 stays junk whoever is told to do it, so an
    // explicit owner does not rescue it; only a notice item (the notice chose it) keeps it.
    if (!info.isPoint) {
      if (info.explicitOwner && object !== '') out.push({ ...draft, doubt: `要做的事说得笼统（“${clip(object)}”），难以检查落实` });
      return out;
    }
    score -= 3;
    reasons.push('generic-object');
  }
  const groupText = text.slice(g.head.verbAt, g.end);
  if (!info.isPoint && (PRINCIPLE_RE.test(groupText) || ANAPHOR_OBJECT_RE.test(text.slice(g.start, g.headEnd)))) {
    // 要把招商引资作为头等大事，全年引进亿元以上项目20个: the work after the principle is a task.
    const rest = g.headEnd < g.end && !PRINCIPLE_RE.test(text.slice(g.headEnd, g.end)) ? workAfter(text, g, units) : null;
    if (rest) out.push({ ...draft, span: rest.span, titleFrom: rest.from, verb: rest.verb, reasons: [...reasons, 'after-principle'] });
    else if (askedFor) out.push({ ...draft, doubt: `原则、态度或对上文的呼应（“${clip(groupText)}”），没有可检查的内容` });
    return out;
  }
  // 守住食品安全底线: a field named in a bottom line does not make it checkable; a figure does.
  const lineSlogan = /(?:底线|红线|防线)$/.test(object);
  if (isSloganObject(object) && !isConcrete(text, span, lineSlogan ? NO_UNITS : units) && !info.isPoint) {
    if (askedFor) out.push({ ...draft, doubt: `只有方向性的表述（“${clip(object)}”），没有可检查的内容` });
    return out;
  }
  if (score >= MIN_SCORE) out.push({ ...draft, score });
  else if (askedFor && score >= 1 && g.head.verb !== '') out.push({ ...draft, score, doubt: `动词“${g.head.verb}”较弱，未见具体内容、时限或责任单位，可能不是一项部署` });
  return out;
}
/** The first clause after a group's head clause that opens with a strong verb of its own, to the group's end. */
function workAfter(text: string, g: Group, units: Unit[]): { span: SourceSpan; from: number; verb: string } | null {
  let at = g.headEnd;
  while (at < g.end) {
    while (at < g.end && BREAK_CHARS.at(text, at)) at++;
    let end = at;
    while (end < g.end && !CLAUSE_STOP.at(text, end)) end++;
    const head = clauseHead(text, { start: at, end }, units);
    if (head && head.weight >= 2 && hasFigureOrDate(text, at, end)) return { span: { start: at, end: g.end }, from: head.from, verb: head.verb };
    at = end + 1;
  }
  return null;
}

/** A short excerpt for a reason: the office sees which words made the parser doubt. */
function clip(s: string): string {
  const t = s.replace(/\s+/g, '');
  return t.length > 16 ? `${t.slice(0, 16)}…` : t;
}

/** See SLOGAN_ENDS: the object ends in a direction of travel (…发展, …增长, …新局面). */
export function isSloganObject(object: string): boolean {
  for (const w of SLOGAN_ENDS) if (object.endsWith(w)) return true;
  return DEGREE_COMPLEMENT_RE.test(object);
}

/** A number, a masked number, a document, a quarter or year-end, or 挂牌督办 in text[span]. */
const NO_UNITS: Unit[] = [];
function namesDeliverable(text: string, span: SourceSpan): boolean {
  return isConcrete(text, span, NO_UNITS) || text.slice(span.start, span.end).includes('挂牌督办');
}

/**
 * Concrete content: a field the registry knows (土地, 信访…), a document (《…》), a number or a
 * masked number, or a time word. Slogans in quotes do not count: 坚持“发展出题目，改革做文章”.
 */
export function isConcrete(text: string, span: SourceSpan, units: Unit[]): boolean {
  for (let i = span.start; i < span.end; i++) {
    const ch = text[i]!;
    if (ch === '《' || ch === '*' || ch === '＊' || (ch >= '0' && ch <= '9') || ch === '季') return true;
    if (ch === '年' && (text[i + 1] === '底' || text[i + 1] === '内')) return true;
  }
  return hasKeyword(text, span, units);
}
