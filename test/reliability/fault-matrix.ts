/**
 * The fault matrix of issue 11, as one list: each failure ClickPost (or the network) can
 * give, at each call the connector makes, and what it ends in. fault-matrix.test.ts plays
 * every cell against a loopback server through the real transport and parsers;
 * docs/reliability.md is generated from this list (RELIABILITY_DOC=1 npm test -- test/reliability).
 */

export type Fault =
  | 'HTTP 500' | 'HTTP 429 with Retry-After' | 'connection reset' | 'timeout' | 'truncated JSON'
  | 'meta 301 (auth)' | 'meta 319 (courier refused)' | 'meta 308 (payload)' | 'meta 322 (try again)'
  | 'meta 777 (undocumented)' | 'meta 102 (processing)' | 'meta 202 (accepted)' | 'meta 600 (already cancelled)' | 'meta 350 (cancel refused)';

export type Call = 'create' | 'poll' | 'cancel' | 'label' | 'track';

export const FAULTS: readonly Fault[] = [
  'HTTP 500', 'HTTP 429 with Retry-After', 'connection reset', 'timeout', 'truncated JSON',
  'meta 301 (auth)', 'meta 319 (courier refused)', 'meta 308 (payload)', 'meta 322 (try again)',
  'meta 777 (undocumented)', 'meta 102 (processing)', 'meta 202 (accepted)', 'meta 600 (already cancelled)', 'meta 350 (cancel refused)',
];

export const CALLS: readonly Call[] = ['create', 'poll', 'cancel', 'label', 'track'];

/** What each outcome, as the parsers name it, leads to (the machine, the tracking poll, the label route). */
export const MEANING: Readonly<Record<string, string>> = {
  transient: 'no answer to act on: retried at once (same reference), then the attempt fails over with its reference watched for a late AWB; on a poll, that poll is spent',
  unknown: 'undocumented: never a refusal; watched for a late AWB and failed over (create) or the poll spent (poll)',
  configuration_error: 'the account is refused: fail over to the next provider',
  immediate_error: 'the courier refused: fail over to the next provider',
  payload_error: 'the data was refused: fail over (another courier may accept), fields named',
  pending: 'still processing: LABEL_REQUESTED, poll again in 2 minutes',
  accepted_async: 'accepted: LABEL_REQUESTED, polled 6 times 2 minutes apart',
  'cancel: transient': 'the cancel is tried again later (BOOKED.waitingToRetryCancel)',
  'cancel: refused': 'cancel.state FAILED, shown to operations',
  'cancel: accepted': 'CANCELLED with cancel.state ACCEPTED, confirmed later',
  'cancel: done': 'CANCELLED, cancel.state DONE',
  'label: transient': 'the label route answers 502; the next request fetches again',
  'label: refused': 'the label route answers 502 naming ClickPost\'s reason',
  'track: nothing stored': 'nothing stored; the webhook or the next daily poll brings the events',
};

const transientEverywhere = { create: 'transient', poll: 'transient', cancel: 'cancel: transient', label: 'label: transient', track: 'track: nothing stored' } as const;

/** The documented outcome of each cell. */
export const EXPECTED: Readonly<Record<Fault, Readonly<Record<Call, string>>>> = {
  'HTTP 500': transientEverywhere,
  'HTTP 429 with Retry-After': transientEverywhere,
  'connection reset': transientEverywhere,
  timeout: transientEverywhere,
  'truncated JSON': transientEverywhere,
  'meta 301 (auth)': { create: 'configuration_error', poll: 'configuration_error', cancel: 'cancel: refused', label: 'label: refused', track: 'track: nothing stored' },
  'meta 319 (courier refused)': { create: 'immediate_error', poll: 'immediate_error', cancel: 'cancel: refused', label: 'label: refused', track: 'track: nothing stored' },
  'meta 308 (payload)': { create: 'payload_error', poll: 'payload_error', cancel: 'cancel: refused', label: 'label: refused', track: 'track: nothing stored' },
  'meta 322 (try again)': { create: 'transient', poll: 'transient', cancel: 'cancel: transient', label: 'label: transient', track: 'track: nothing stored' },
  'meta 777 (undocumented)': { create: 'unknown', poll: 'unknown', cancel: 'cancel: refused', label: 'label: refused', track: 'track: nothing stored' },
  'meta 102 (processing)': { create: 'pending', poll: 'pending', cancel: 'cancel: refused', label: 'label: refused', track: 'track: nothing stored' },
  'meta 202 (accepted)': { create: 'accepted_async', poll: 'accepted_async', cancel: 'cancel: accepted', label: 'label: refused', track: 'track: nothing stored' },
  'meta 600 (already cancelled)': { create: 'unknown', poll: 'unknown', cancel: 'cancel: done', label: 'label: refused', track: 'track: nothing stored' },
  'meta 350 (cancel refused)': { create: 'unknown', poll: 'unknown', cancel: 'cancel: refused', label: 'label: refused', track: 'track: nothing stored' },
};

/** docs/reliability.md, from the lists above. */
export function reliabilityDoc(): string {
  const header = `| failure | ${CALLS.join(' | ')} |\n| --- | ${CALLS.map(() => '---').join(' | ')} |`;
  const rows = FAULTS.map((f) => `| ${f} | ${CALLS.map((c) => EXPECTED[f][c]).join(' | ')} |`).join('\n');
  const meanings = Object.entries(MEANING).map(([k, v]) => `| ${k} | ${v} |`).join('\n');
  return `# Reliability: every failure at every call

Generated from \`test/reliability/fault-matrix.ts\`, the list \`fault-matrix.test.ts\` plays
against a loopback server through the real transport and parsers (one try, no retries, so
each cell shows what one answer means). Regenerate: \`RELIABILITY_DOC=1 npm test -- test/reliability\`.

What each call ends in:

${header}
${rows}

What that outcome leads to:

| outcome | what the connector does |
| --- | --- |
${meanings}

How these combine over time (retry rounds, breakers, late-AWB watches) is in
[design.md](design.md) and the README's "When couriers or ClickPost are down".
`;
}
