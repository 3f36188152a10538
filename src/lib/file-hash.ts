/**
 * Evidence files are recorded by name, size and SHA-256, computed here in the browser with
 * WebCrypto: the file never leaves the computer and is never stored, but the office can ask for it
 * and check that what it receives is the file the unit named.
 */
import type { Attachment } from '@/domain/model';

/** WebCrypto digests a whole buffer at once: larger files would hold the tab's memory hostage. */
export const MAX_EVIDENCE_BYTES = 512 * 1024 * 1024;
export const MAX_EVIDENCE_FILES = 20;

export async function describeFile(file: Blob & { name: string }): Promise<Attachment> {
  // A view rather than the buffer itself: a buffer made by another realm (a test's DOM) is refused.
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(await bytesOf(file)));
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  // A name is shown and exported: keep it to one line and a sane length.
  const name = file.name.replace(/[\r\n\t]+/g, ' ').trim().slice(0, 255) || '未命名文件';
  return { name, size: file.size, sha256 };
}

/** Blob.arrayBuffer where the browser has it (all current ones); FileReader in older engines. */
function bytesOf(file: Blob): Promise<ArrayBuffer> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('读取失败'));
    reader.readAsArrayBuffer(file);
  });
}
