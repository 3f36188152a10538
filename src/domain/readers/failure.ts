/**
 * Why a file could not be read, in words an office can act on. Readers throw a ReadError inside;
 * readDocument turns it into a ReadFailure value, so no caller has to catch.
 */

export type ReadFailureCode =
  | 'empty'
  | 'too-large'
  | 'encrypted'
  | 'old-office'
  | 'corrupt'
  | 'zip-bomb'
  | 'scanned-pdf'
  | 'pdf-unavailable'
  | 'not-text'
  | 'unsupported';

export interface ReadFailure {
  ok: false;
  code: ReadFailureCode;
  /** One or two sentences in Chinese: what is wrong and what to do. */
  message: string;
}

export class ReadError extends Error {
  constructor(
    readonly code: ReadFailureCode,
    message: string,
  ) {
    super(message);
  }
}

export function failure(code: ReadFailureCode, message: string): ReadFailure {
  return { ok: false, code, message };
}
