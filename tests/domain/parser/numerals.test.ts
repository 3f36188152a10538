import fc from 'fast-check';
import { isMasked, parseNumeral } from '@/domain/parser/numerals';

describe('parseNumeral', () => {
  describe('Arabic figures', () => {
    it('reads an integer', () => {
      expect(parseNumeral('60')).toBe(60);
    });

    it('reads a decimal', () => {
      expect(parseNumeral('5.5')).toBe(5.5);
    });

    it('reads full-width digits and point, as pasted from a PDF', () => {
      expect(parseNumeral('１２．５')).toBe(12.5);
    });

    it('ignores thousands commas', () => {
      expect(parseNumeral('1,234,567')).toBe(1234567);
    });

    it('ignores surrounding whitespace', () => {
      expect(parseNumeral('  42 ')).toBe(42);
    });

    it('scales a trailing 万', () => {
      expect(parseNumeral('6万')).toBe(60000);
    });

    it('scales a trailing 亿 without a float tail (1.2亿 is exactly 120000000)', () => {
      expect(parseNumeral('1.2亿')).toBe(120000000);
    });

    it('reads 万亿 as a trillion', () => {
      expect(parseNumeral('1.5万亿')).toBe(1.5e12);
    });

    it('refuses a malformed comma group', () => {
      expect(parseNumeral('1,23')).toBeNull();
    });
  });

  describe('Chinese counting numerals', () => {
    it.each([
      ['一', 1],
      ['两', 2],
      ['十', 10],
      ['十二', 12],
      ['二十', 20],
      ['三十一', 31],
      ['一百零五', 105],
      ['一千零五十', 1050],
      ['两千', 2000],
      ['十万', 100000],
      ['三千五百万', 35000000],
      ['一亿二千万', 120000000],
      ['一万亿', 1e12],
    ])('reads %s as %d', (s, n) => {
      expect(parseNumeral(s)).toBe(n);
    });

    it('reads 零 alone as 0', () => {
      expect(parseNumeral('零')).toBe(0);
    });

    it('refuses two digits in a row (三五 is "three to five", not 35)', () => {
      expect(parseNumeral('三五')).toBeNull();
    });

    it('reads a Chinese decimal with 点', () => {
      expect(parseNumeral('三点五')).toBe(3.5);
    });

    it('keeps the zeros after 点 (二点零五)', () => {
      expect(parseNumeral('二点零五')).toBe(2.05);
    });

    it('refuses 点 with nothing after it', () => {
      expect(parseNumeral('三点')).toBeNull();
    });
  });

  describe('year digits', () => {
    it('reads 二〇二三 digit by digit, as years are written', () => {
      expect(parseNumeral('二〇二三')).toBe(2023);
    });

    it('reads 一九九八 digit by digit (three or more digits are positional)', () => {
      expect(parseNumeral('一九九八')).toBe(1998);
    });
  });

  describe('百分之', () => {
    it('reads 百分之五 as 5 (the caller owns the % unit)', () => {
      expect(parseNumeral('百分之五')).toBe(5);
    });

    it('reads 百分之二点五 as 2.5', () => {
      expect(parseNumeral('百分之二点五')).toBe(2.5);
    });

    it('reads 百分之 with an Arabic figure', () => {
      expect(parseNumeral('百分之5')).toBe(5);
    });

    it('refuses a bare 百分之', () => {
      expect(parseNumeral('百分之')).toBeNull();
    });
  });

  describe('masked and unreadable input', () => {
    it.each(['*', '*.*', '****', '＊', 'x', 'X', '×', '3x', '**万'])('returns null for masked %s, never a guess', (s) => {
      expect(parseNumeral(s)).toBeNull();
    });

    it.each(['', '   ', 'abc', '增长', '5.5%', '1.2.3', '--5'])('returns null for unreadable %j', (s) => {
      expect(parseNumeral(s)).toBeNull();
    });

    it('refuses strings longer than any written figure (keeps junk input cheap)', () => {
      expect(parseNumeral('1'.repeat(41))).toBeNull();
    });

    it('never throws and returns a finite number or null on any string', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => {
          const n = parseNumeral(s);
          return n === null || Number.isFinite(n);
        }),
      );
    });

    it('never throws on strings drawn from numeral characters', () => {
      const chars = fc.constantFrom(...'〇零一二两三四五六七八九十百千万亿点百分之0123456789.,*x'.split(''));
      fc.assert(
        fc.property(fc.array(chars, { maxLength: 30 }), (cs) => {
          const n = parseNumeral(cs.join(''));
          return n === null || Number.isFinite(n);
        }),
      );
    });
  });
});

describe('isMasked', () => {
  it('sees a mask character anywhere', () => {
    expect(isMasked('*.*%')).toBe(true);
  });

  it('is false for a plain figure', () => {
    expect(isMasked('5.5%')).toBe(false);
  });
});
