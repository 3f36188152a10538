/**
 * `npm run parse -- <file> [--year YYYY] [--sheet 工作表]`: reads a speech or notice (.txt, .docx,
 * .pdf with a text layer, .xlsx, .csv; the reader is chosen by the file's content, as in the
 * import page) and prints the parsed plan as JSON on stdout, validated against ParsedPlanSchema
 * (the public contract, docs/PARSER.md). Notes about the reading (a cut at a limit, GBK, a name
 * that does not match the content) go to stderr. Every failure is one line in plain Chinese on
 * stderr and a non-zero exit: 2 for a usage mistake, 1 for a file that cannot be read, 3 if the
 * output would break the contract (a bug: please report it).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { ParsedPlanSchema } from '../src/domain/model';
import { parseDocument } from '../src/domain/parser/speech-parser';
import { textDocument, type SourceDocument } from '../src/domain/parser/source-document';
import { DEFAULT_LIMITS, readDocument } from '../src/domain/readers/read-document';
import { pdfjsPages } from '../src/domain/readers/pdfjs-pages';

const USAGE = '用法：npm run parse -- <文件：.txt .docx .pdf .xlsx .csv> [--year YYYY] [--sheet 工作表名]';

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
  sheet: string | undefined;
}

function parseArgs(argv: string[]): Args {
  let file: string | undefined;
  let year: number | undefined;
  let sheet: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--year' || a.startsWith('--year=')) {
      const v = a === '--year' ? argv[++i] : a.slice('--year='.length);
      if (v === undefined) throw new CliError(`--year 后面缺少年份。${USAGE}`, 2);
      year = parseYear(v);
    } else if (a === '--sheet' || a.startsWith('--sheet=')) {
      const v = a === '--sheet' ? argv[++i] : a.slice('--sheet='.length);
      if (v === undefined || v === '') throw new CliError(`--sheet 后面缺少工作表名。${USAGE}`, 2);
      sheet = v;
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
  return { file, year, sheet };
}

function parseYear(v: string): number {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 1900 || n > 2200) {
    throw new CliError(`年份无效：“${v}”，应为 1900 至 2200 之间的四位数字，例如 --year 2023`, 2);
  }
  return n;
}

/**
 * The file's bytes, at most maxBytes. A regular file's size is checked before reading; anything
 * else (a pipe, /dev/zero, /dev/stdin) is read in chunks and refused as soon as it passes the
 * limit, so an endless device cannot hang the CLI or fill the memory.
 */
function readBytes(file: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`找不到文件：${file}`, 1);
    if (code === 'EISDIR') throw new CliError(`这是一个文件夹，不是文件：${file}`, 1);
    throw new CliError(`无法读取文件：${file}（${code ?? '未知原因'}）`, 1);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new CliError(`这是一个文件夹，不是文件：${file}`, 1);
    const tooLarge = () => new CliError(`文件超过 ${Math.round(maxBytes / 1024 / 1024)} MB 的上限：${file}`, 1);
    if (stat.isFile() && stat.size > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.alloc(1024 * 1024);
      let n: number;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EISDIR') throw new CliError(`这是一个文件夹，不是文件：${file}`, 1);
        throw new CliError(`无法读取文件：${file}（${code ?? '未知原因'}）`, 1);
      }
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw tooLarge();
      chunks.push(buf.subarray(0, n));
    }
    return new Uint8Array(Buffer.concat(chunks));
  } finally {
    closeSync(fd);
  }
}

/** Any supported file as a SourceDocument, by content (the import page's reader). */
async function readSource(file: string, sheet: string | undefined): Promise<SourceDocument> {
  const bytes = readBytes(file, DEFAULT_LIMITS.maxBytes);
  // An empty file is an empty speech: an empty plan with its warning, not an error.
  if (bytes.length === 0) return textDocument('', file);
  const name = file.split(/[\\/]/).pop() ?? file;
  const result = await readDocument(bytes, name, {
    sheet,
    pdfPages: async (b, max) => pdfjsPages(await import('pdfjs-dist/legacy/build/pdf.mjs'), b, max),
  });
  if (!result.ok) throw new CliError(result.message, 1);
  for (const note of result.notes) process.stderr.write(`提示：${note}\n`);
  return result.doc;
}

async function main(argv: string[]): Promise<number> {
  try {
    const { file, year, sheet } = parseArgs(argv);
    const doc = await readSource(file, sheet);
    const plan = parseDocument(doc, { year, currentYear: new Date().getFullYear() });
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

process.exitCode = await main(process.argv.slice(2));
