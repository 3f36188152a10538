/**
 * Numerals as a Chinese government speech writes them: Arabic (with decimals, full-width digits,
 * thousands commas, a trailing 万/亿), Chinese counting numerals (十二, 一百零五, 三千五百万, 两),
 * year digits read one by one (二〇二三), Chinese decimals (三点五) and 百分之五.
 *
 * Masked values (`*`, `x`, `×` stand for a figure the office has not filled in) are null, never a
 * guess: a wrong number in a target is worse than an empty one.
 */

/** Longer than any figure a speech writes; refusing it keeps the function cheap on junk input. */
const MAX_LEN = 40;

const CN_DIGIT: Readonly<Record<string, number>> = {
  〇: 0,
  零: 0,
  '○': 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Units inside a section (below 万). */
const CN_SMALL_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that mask a figure in the seed and in 征求意见稿-style drafts. */
const MASK_RE = /[*＊xX×]/;

/** Full-width digits and punctuation a pasted PDF often carries. */
function toHalfWidth(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0xff10 && c <= 0xff19) out += String.fromCharCode(c - 0xff10 + 48);
    else if (ch === '．') out += '.';
    else if (ch === '，') out += ',';
    else if (ch === '－') out += '-';
    else if (ch === '＋') out += '+';
    else out += ch;
  }
  return out;
}

/** A finite number or null; guards every exit so callers never see NaN or Infinity. */
function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

/**
 * Multiplies without the binary-float tail (1.2 × 1e8 is 120000000.00000001 in IEEE doubles),
 * so 1.2亿 reads as exactly 120000000.
 */
function scale(n: number, factor: number): number {
  return Number((n * factor).toPrecision(12));
}

const ARABIC_RE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

function parseArabic(s: string): number | null {
  let factor = 1;
  let body = s;
  // 6万 / 1.2亿 / 3千: Arabic figure with a Chinese magnitude after it.
  const last = body.slice(-1);
  if (last === '万' || last === '亿' || last === '千' || last === '百') {
    factor = last === '万' ? 1e4 : last === '亿' ? 1e8 : last === '千' ? 1e3 : 1e2;
    body = body.slice(0, -1);
    if (body.endsWith('万') && last === '亿') {
      // 1万亿: a trillion.
      factor = 1e12;
      body = body.slice(0, -1);
    }
  }
  if (!ARABIC_RE.test(body)) return null;
  const n = Number(body.replace(/,/g, ''));
  return finite(factor === 1 ? n : scale(n, factor));
}

/** Digits only (二〇二三, 一九九八): read positionally, as years are written. */
function parsePositional(s: string): number | null {
  let n = 0;
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Counting numerals: 十二, 二十, 一百零五, 三千五百万, 一亿二千万, 两千. Two digits in a row without a
 * unit between them (三五) are refused: that is 三五个 "three to five", not thirty-five.
 */
function parseCounting(s: string): number | null {
  let total = 0; // everything already closed by 亿
  let wan = 0; // the part closed by 万, waiting for a possible 亿
  let section = 0; // below 万
  let digit: number | null = null;
  let prevWasDigit = false;
  for (const ch of s) {
    const d = CN_DIGIT[ch];
    if (d !== undefined) {
      if (d === 0) {
        // 零 only fills a gap (一百零五); it never stands next to another digit.
        if (prevWasDigit && digit !== 0) return null;
        digit = 0;
        prevWasDigit = false;
        continue;
      }
      if (prevWasDigit) return null;
      digit = d;
      prevWasDigit = true;
      continue;
    }
    prevWasDigit = false;
    const small = CN_SMALL_UNIT[ch];
    if (small !== undefined) {
      // A bare 十 (十二) means one ten; a bare 百 or 千 is unusual but reads the same way.
      section += (digit === null || digit === 0 ? 1 : digit) * small;
      digit = null;
      continue;
    }
    if (ch === '万') {
      wan += (section + (digit ?? 0) || (wan === 0 && total === 0 ? 1 : 0)) * 1e4;
      section = 0;
      digit = null;
      continue;
    }
    if (ch === '亿') {
      total = (total + wan + section + (digit ?? 0) || 1) * 1e8;
      wan = 0;
      section = 0;
      digit = null;
      continue;
    }
    return null;
  }
  return finite(total + wan + section + (digit ?? 0));
}

const CN_CHARS_RE = /^[〇零○一二两三四五六七八九十百千万亿]+$/;
const CN_POSITIONAL_RE = /^[〇零○一二三四五六七八九]+$/;

function parseChineseInteger(s: string): number | null {
  if (!CN_CHARS_RE.test(s)) return null;
  // Digit-only strings are read one by one when they look like years (二〇二三, 一九九八: three or
  // more digits, or any 〇). Two plain digits (三五) are a range "three to five", so they fall
  // through to the counting reader, which refuses them.
  if (CN_POSITIONAL_RE.test(s) && (s.length >= 3 || /[〇○]/.test(s))) return parsePositional(s);
  return parseCounting(s);
}

function parseChinese(s: string): number | null {
  const dot = s.indexOf('点');
  if (dot < 0) return parseChineseInteger(s);
  // 三点五 / 百分之二点五: the part after 点 is read digit by digit.
  const int = parseChineseInteger(s.slice(0, dot));
  const frac = s.slice(dot + 1);
  if (int === null || frac.length === 0 || !CN_POSITIONAL_RE.test(frac)) return null;
  let digits = '';
  for (const ch of frac) digits += String(CN_DIGIT[ch] ?? '');
  if (digits.length !== frac.length) return null;
  return finite(Number(`${int}.${digits}`));
}

/**
 * Reads one numeral; surrounding whitespace is ignored. Returns null for anything it cannot read
 * with certainty, including masked figures (*.*, ***, x, ×).
 */
export function parseNumeral(s: string): number | null {
  if (typeof s !== 'string') return null;
  let t = toHalfWidth(s.trim());
  if (t.length === 0 || t.length > MAX_LEN) return null;
  if (MASK_RE.test(t)) return null;
  let percent = false;
  if (t.startsWith('百分之')) {
    // 百分之五 is the number 5 with a % unit; the caller owns the unit.
    t = t.slice(3);
    percent = true;
  }
  if (t.length === 0) return null;
  if (/^[+\-\d]/.test(t)) return parseArabic(t);
  if (percent && t.includes('百分之')) return null;
  return parseChinese(t);
}

/** True when the string hides a figure with a mask character (*, ＊, x, X, ×). */
export function isMasked(s: string): boolean {
  return MASK_RE.test(s);
}
