/**
 * Signed records: the entry to src/domain/signing/. Pure apart from WebCrypto, which is passed in
 * (tests give Node's crypto.webcrypto) or taken from globalThis.crypto.subtle. No storage, no UI:
 * the browser keeps the keys (src/lib/keyring.ts), the file format carries the signatures
 * (src/domain/files.ts), and docs/DATA.md ("Trust model") says what this protects and what not.
 *
 * - Every event is signed by its author's key (ECDSA P-256 / SHA-256) over a canonical encoding:
 *   a context line, the plan id, then every field but the signature with keys sorted and no
 *   whitespace. Event types added later are covered without a change here.
 * - Every file is signed by its sender over its checksum (which covers a plan package's plan and
 *   unit registry): one signature vouches at once for the sender's own records in it.
 * - Keys are pinned on first use after a person compared fingerprints; verifyRecords says, for
 *   each record of a file, whether to apply it, refuse it (and why, in Chinese), take it as legacy,
 *   or wait for a key to be pinned.
 */
export { canonicalText, eventMessage, fileMessage } from './encoding';
export { KEY_FILE_KIND, KeyFileSchema, MIN_PASSPHRASE, openKeyFile, sealKeyFile, type KeyFile, type OpenedKeyFile } from './keyfile';
export { formatFingerprint, generateSigningKeyPair, keyInfo, publicKeyInfo, type KeyInfo } from './keys';
export {
  canActAs,
  decideKey,
  emptyTrust,
  markSent,
  pinKey,
  pinnedKeyOf,
  repinKey,
  settledPin,
  TrustStoreSchema,
  type KeyDecision,
  type PinnedKey,
  type TrustStore,
} from './trust';
export { verifyRecords, type PinRequest, type PresentedKey, type RefusalCode, type RefusedRecord, type VerifyOptions, type VerifyResult } from './verify';
export { signEvent, signFile, verifyFile, type Signer } from './signing-core';
export { checkFileSignatures } from './file-signatures';
