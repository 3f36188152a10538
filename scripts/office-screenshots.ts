/**
 * `npm run screenshots:office`: the Word and Excel exports as an office sees them. Builds the Q1
 * 通报, a 督办单 and the three lists from the seed plan with a few events of a week in March
 * (the same writers the buttons use), converts each with LibreOffice (`libreoffice --headless
 * --convert-to pdf`) and writes every page as a PNG to docs/screenshots/ (report-docx-N.png,
 * notice-docx-1.png, lists-xlsx-N.png). The files themselves are kept in artifacts/office/.
 * Needs Debian's libreoffice and poppler-utils; not part of CI (LibreOffice is slow to start).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deriveAllStates } from '../src/domain/events';
import { listsWorkbook } from '../src/domain/exchange/lists-workbook';
import { buildOfficialDocx } from '../src/domain/exchange/official-docx';
import { buildXlsx } from '../src/domain/exchange/xlsx-writer';
import type { PlanEvent } from '../src/domain/model';
import { buildBulletinContent } from '../src/domain/bulletin/quarterly';
import { bulletinDocument } from '../src/domain/exchange/official-document';
import { buildNotice, buildQuarterlyReport } from '../src/domain/report';
import { parseSpeech } from '../src/domain/parser/speech-parser';
import { DEFAULT_UNITS } from '../src/domain/units-registry';
import { buildNoticeSheet, defaultRequirement, noticeDocument } from '../src/features/report/notice-content';
import { readFileSync } from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shots = path.join(root, 'docs', 'screenshots');
const work = path.join(root, 'artifacts', 'office');
mkdirSync(shots, { recursive: true });
mkdirSync(work, { recursive: true });

const TODAY = '2026-03-25';
const text = readFileSync(path.join(root, 'src/domain/seed-speech.txt'), 'utf8');
const parsed = parseSpeech(text, { year: 2026, units: DEFAULT_UNITS });
const plan = { ...parsed, id: 'seed', createdAt: `${TODAY}T00:00:00.000Z`, updatedAt: `${TODAY}T00:00:00.000Z`, sourceText: text, targetValues: {}, targetActuals: {} };
const lead = (i: number) => plan.tasks[i]!.owners.find((o) => o.role === 'lead')?.name ?? '市政府办公室';
// The 督办单 goes to a named bureau (not a task of 各部门 at large), with a co-unit where there is one.
const N = Math.max(0, plan.tasks.findIndex((t) => /局$|委员会$/.test(lead(plan.tasks.indexOf(t))) && t.owners.some((o) => o.role === 'co')));
let n = 0;
const ev = (i: number, day: string, body: Record<string, unknown>, unit = lead(i)): PlanEvent =>
  ({ id: `shot-${++n}`, at: `${day}T02:00:00.000Z`, unit, taskId: plan.tasks[i]!.id, note: '', ...body }) as PlanEvent;
const events: PlanEvent[] = [
  ev(0, '2026-03-10', { type: 'tick', done: true, note: '一季度各项指标已按序时完成' }),
  ev(3, '2026-03-18', { type: 'tick', done: true, note: '土地收储计划已报市政府常务会' }),
  ev(5, '2026-03-20', { type: 'progress', percent: 40, note: '已完成前期调研，方案起草中' }),
  ev(N, '2026-03-12', { type: 'urge', note: '请于3月底前报送进展' }, '市政府办公室'),
  ev(3, '2026-03-19', { type: 'notice', kind: 'commend', note: '提前完成' }, '市政府办公室'),
  // The 督办 cycle: task N 交办 under a register number and 签收 by its lead; task 0's completion
  // contradicted on site (核查不符), so the 通报 lists it apart and does not count it done.
  ev(N, '2026-03-05', { type: 'assign', year: 2026, number: 3, replyBy: '2026-03-31', note: '请于3月底前报送进展情况。' }, '市政府办公室'),
  ev(N, '2026-03-06', { type: 'receipt', handler: '张明', phone: '0351-5550123' }),
  ev(0, '2026-03-22', { type: 'inspection', date: '2026-03-21', finding: 'not-done', note: '现场核查发现部分指标未达序时' }, '市政府办公室'),
];

/**
 * This machine has none of the office fonts, and fontconfig would hand every one of them the same
 * default sans. The aliases give each the stand-in print.css names for it (仿宋 and 小标宋 → Noto
 * Serif CJK, 黑体 → Noto Sans CJK, 楷体 → AR PL UKai), so the pages show the document's four faces
 * as a machine without the office fonts prints them from the browser.
 */
const FONT_ALIASES: [string, string][] = [
  ['方正小标宋简体', 'Noto Serif CJK SC'],
  ['仿宋_GB2312', 'Noto Serif CJK SC'],
  ['黑体', 'Noto Sans CJK SC'],
  ['楷体_GB2312', 'AR PL UKai CN'],
];
const fontsConf = path.join(work, 'fonts.conf');
writeFileSync(
  fontsConf,
  `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n${FONT_ALIASES.map(
    ([name, to]) => `  <alias binding="same"><family>${name}</family><prefer><family>${to}</family></prefer></alias>`,
  ).join('\n')}\n</fontconfig>\n`,
);

function convert(file: string, prefix: string) {
  const r = spawnSync('libreoffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, file], {
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, FONTCONFIG_FILE: fontsConf },
  });
  if (r.status !== 0) throw new Error(`libreoffice 转换失败：${r.stderr || r.stdout}`);
  const pdf = file.replace(/\.(docx|xlsx)$/, '.pdf');
  for (const old of readdirSync(shots).filter((f) => f.startsWith(`${prefix}-`))) rmSync(path.join(shots, old));
  const p = spawnSync('pdftoppm', ['-r', '60', '-png', pdf, path.join(shots, prefix)], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`pdftoppm 失败：${p.stderr}`);
  // pdftoppm pads page numbers by the page count (report-docx-01.png); keep plain numbers.
  for (const f of readdirSync(shots).filter((x) => x.startsWith(`${prefix}-`))) {
    renameSync(path.join(shots, f), path.join(shots, f.replace(/-0+(\d)/, '-$1')));
  }
  console.log(`${path.relative(root, file)} → ${readdirSync(shots).filter((f) => f.startsWith(`${prefix}-`)).join(' ')}`);
}

const report = buildQuarterlyReport(plan, events, 1, TODAY, { units: DEFAULT_UNITS });
const reportFile = path.join(work, 'report-q1.docx');
writeFileSync(reportFile, await buildOfficialDocx(bulletinDocument(buildBulletinContent(report))));
convert(reportFile, 'report-docx');

const notice = buildNotice(plan, events, plan.tasks[N]!.id, TODAY)!;
const noticeFile = path.join(work, 'notice.docx');
const requirement = notice.register?.requirement || defaultRequirement(notice);
writeFileSync(noticeFile, await buildOfficialDocx(noticeDocument(buildNoticeSheet(notice, { requirement, today: TODAY, fingerprint: '3F2A-91C0-7B44-E1D8-0C57' }))));
convert(noticeFile, 'notice-docx');

const listsFile = path.join(work, 'lists.xlsx');
writeFileSync(listsFile, buildXlsx(listsWorkbook(plan, deriveAllStates(plan, events), TODAY)));
convert(listsFile, 'lists-xlsx');
