/**
 * `npm run parse -- <file> [--year YYYY]`: prints the parsed plan as JSON on stdout, validated
 * against ParsedPlanSchema (the public contract, docs/PARSER.md). Every failure is one line in
 * plain Chinese on stderr and a non-zero exit: 2 for a usage mistake, 1 for a file that cannot be
 * read as text, 3 if the output would break the contract (a bug: please report it).
 */
import { readFileSync, statSync } from 'node:fs';
import { ParsedPlanSchema } from '../src/domain/model';
import { parseSpeech } from '../src/domain/parser/speech-parser';

const USAGE = '用法：npm run parse -- <讲话文本文件> [--year YYYY]';

class CliError extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

interface Args {
  file: string;
  year: number | undefined;
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let year: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--year' || a.startsWith('--year=')) {
      const v = a === '--year' ? argv[++i] : a.slice('--year='.length);
      if (v === undefined) throw new CliError(`--year 后面缺少年份。${USAGE}`, 2);
      year = parseYear(v);
    } else if (a === '--help' || a === '-h') {
      throw new CliError(USAGE, 2);
    } else if (a.startsWith('-') && a !== '-') {
      throw new CliError(`不认识的选项：${a}。${USAGE}`, 2);
    } else if (file === undefined) {
      file = a;
    } else {
      throw new CliError(`只能指定一个文件，多出了：${a}。${USAGE}`, 2);
    }
  }
  if (file === undefined) throw new CliError(`没有指定文件。${USAGE}`, 2);
  return { file, year };
}

function parseYear(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 1900 || n > 2200) {
    throw new CliError(`年份无效：“${v}”，应为 1900 至 2200 之间的四位数字，例如 --year 2023`, 2);
  }
  return n;
}

/** Reads a file as UTF-8 text, refusing directories, binaries and other encodings. */
function readText(file: string): string {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    throw new CliError(`找不到文件：${file}`, 1);
  }
  if (stat.isDirectory()) throw new CliError(`这是一个文件夹，不是文本文件：${file}`, 1);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new CliError(`无法读取文件：${file}（${(e as NodeJS.ErrnoException).code ?? '未知原因'}）`, 1);
  }
  // A NUL byte never occurs in a UTF-8 speech: the file is a binary (a .docx, an image…).
  if (bytes.includes(0)) throw new CliError(`这是二进制文件，不是纯文本：${file}（Word 文档请先另存为 UTF-8 纯文本）`, 1);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError(`文件不是 UTF-8 编码的文本：${file}（GBK 等编码请先另存为 UTF-8）`, 1);
  }
}

function main(argv: string[]): number {
  try {
    const { file, year } = parseArgs(argv);
    const text = readText(file);
    const plan = parseSpeech(text, { year, currentYear: new Date().getFullYear() });
    const checked = ParsedPlanSchema.safeParse(plan);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      throw new CliError(`内部错误：输出不符合数据约定（${issue ? issue.path.join('.') + '：' + issue.message : '未知'}），请报告此问题`, 3);
    }
    process.stdout.write(JSON.stringify(checked.data, null, 2) + '\n');
    return 0;
  } catch (e) {
    const message = e instanceof CliError ? e.message : `内部错误：${e instanceof Error ? e.message : String(e)}`;
    process.stderr.write(`错误：${message.replace(/\s*\n\s*/g, ' ')}\n`);
    return e instanceof CliError ? e.code : 3;
  }
}

process.exitCode = main(process.argv.slice(2));
