/**
 * Typed errors of the label module. Like got's error tree: a stable `code` callers
 * branch on, a `reason` saying which check failed, and a message built only from
 * redacted text (label URLs may carry a key in their query string).
 */
import { redact } from '../transport/redact.js';

export type LabelFetchReason =
  | 'http_status' // the server answered outside 2xx
  | 'not_pdf' // the body does not start with %PDF-
  | 'too_large' // Content-Length or the bytes read exceed maxBytes
  | 'timeout'
  | 'network' // connection refused, reset, DNS...
  | 'invalid_url';

/** A label PDF could not be downloaded. `message` never carries a secret. */
export class LabelFetchError extends Error {
  readonly code = 'ERR_LABEL_FETCH' as const;
  readonly reason: LabelFetchReason;
  readonly httpStatus: number | null;
  /** The redacted URL, safe to log. */
  readonly url: string;

  constructor(url: string, reason: LabelFetchReason, detail: string, httpStatus: number | null = null) {
    const safeUrl = redact(url);
    super(redact(`Label fetch failed (${reason}) for ${safeUrl}: ${detail}`));
    this.name = 'LabelFetchError';
    this.reason = reason;
    this.httpStatus = httpStatus;
    this.url = safeUrl;
  }
}

/** A label PDF was fetched but cannot be read or merged (damaged, encrypted, empty). */
export class LabelPdfError extends Error {
  readonly code = 'ERR_LABEL_PDF' as const;

  constructor(message: string) {
    super(redact(message));
    this.name = 'LabelPdfError';
  }
}
