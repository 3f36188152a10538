/** What a file is, from its first bytes: cheap, so the page can choose where to read it. */

/** `%PDF-` within the first kilobyte (some mail gateways prepend a few bytes). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= n; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}
