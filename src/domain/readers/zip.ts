/**
 * Reading the zip container of .docx and .xlsx files, defensively. A zip bomb (a small file
 * whose entries expand to gigabytes) is refused twice: by the sizes the central directory
 * declares, and while inflating, where output past the declared size or the budget stops at once.
 * fflate inflates in plain JavaScript, so the same code runs in the browser, a Web Worker and Node.
 */
import { Inflate } from 'fflate';
import { ReadError } from './failure';

/** All entries of one file together may expand to at most this (the 100 MB). */
export const MAX_UNZIPPED_BYTES = 100 * 1024 * 1024;
const MAX_ENTRIES = 20_000;
const CHUNK = 64 * 1024;

export interface ZipEntry {
  name: string;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipArchive {
  entries: Map<string, ZipEntry>;
  /** Inflates one entry (null when absent). Throws ReadError past the budget. */
  read(name: string): Uint8Array | null;
  readText(name: string): string | null;
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

const corrupt = (why: string) => new ReadError('corrupt', `文件已损坏，无法读取（${why}）。请在 Word/WPS 或 Excel 中打开后重新保存，再导入。`);

export function openZip(bytes: Uint8Array, budget = MAX_UNZIPPED_BYTES): ZipArchive {
  // The end-of-central-directory record is in the last 22 + 65,535 (comment) bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes[i] === 0x50 && bytes[i + 1] === 0x4b && bytes[i + 2] === 0x05 && bytes[i + 3] === 0x06) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('找不到压缩包目录，文件可能不完整');
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw corrupt('不支持 ZIP64 格式');
  if (count > MAX_ENTRIES) throw new ReadError('zip-bomb', `文件包含 ${count} 个内部条目，远超正常文档，已拒绝读取（可能是恶意构造的压缩包）。`);
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  let declared = 0;
  for (let k = 0; k < count; k++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw corrupt('压缩包目录损坏');
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const compressedSize = u32(bytes, p + 20);
    const size = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const localOffset = u32(bytes, p + 42);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    entries.set(name, { name, method, encrypted: (flags & 1) === 1, compressedSize, size, localOffset });
    declared += size;
    p += 46 + nameLen + extraLen + commentLen;
  }
  if (declared > budget) {
    throw new ReadError('zip-bomb', `文件解压后将超过 ${Math.round(budget / 1024 / 1024)} MB（声明 ${Math.round(declared / 1024 / 1024)} MB），远超正常文档，已拒绝读取（可能是恶意构造的压缩包）。`);
  }
  let spent = 0;

  function read(name: string): Uint8Array | null {
    const e = entries.get(name);
    if (!e) return null;
    if (e.encrypted) throw new ReadError('encrypted', '文件已加密，无法读取。请在 Word/WPS 或 Excel 中取消密码后另存，再导入。');
    const o = e.localOffset;
    if (o + 30 > bytes.length || u32(bytes, o) !== 0x04034b50) throw corrupt(`条目 ${name} 的位置不对`);
    const start = o + 30 + u16(bytes, o + 26) + u16(bytes, o + 28);
    const end = start + e.compressedSize;
    if (end > bytes.length) throw corrupt(`条目 ${name} 被截断`);
    const data = bytes.subarray(start, end);
    // The declared size can lie; what really comes out is capped by it and by the budget left.
    const cap = Math.min(e.size, budget - spent);
    if (e.method === 0) {
      if (data.length > cap) throw new ReadError('zip-bomb', '文件解压后超出大小上限，已拒绝读取。');
      spent += data.length;
      return data.slice();
    }
    if (e.method !== 8) throw corrupt(`条目 ${name} 使用了不支持的压缩方式 ${e.method}`);
    const parts: Uint8Array[] = [];
    let total = 0;
    let over = false;
    const inflater = new Inflate((chunk) => {
      total += chunk.length;
      if (total > cap) over = true;
      else parts.push(chunk);
    });
    try {
      for (let i = 0; i < data.length && !over; i += CHUNK) inflater.push(data.subarray(i, Math.min(data.length, i + CHUNK)), i + CHUNK >= data.length);
    } catch {
      throw corrupt(`条目 ${name} 无法解压`);
    }
    if (over) throw new ReadError('zip-bomb', `文件解压后超出声明的大小或 ${Math.round(budget / 1024 / 1024)} MB 上限，已拒绝读取（可能是恶意构造的压缩包）。`);
    spent += total;
    const out = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }

  return {
    entries,
    read,
    readText(name) {
      const b = read(name);
      return b === null ? null : new TextDecoder('utf-8').decode(b);
    },
  };
}
