/** Small text helpers for what the CLI and the bench print: tables, durations, safe URLs. */

/** A boxed table; the first column left-aligned, the others right-aligned (numbers). */
export function renderTable(header: string[] | null, rows: string[][]): string {
  const all = header ? [header, ...rows] : rows;
  const widths = all[0]!.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const line = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const row = (r: string[]) => `| ${widths.map((w, c) => (c === 0 ? (r[c] ?? '').padEnd(w) : (r[c] ?? '').padStart(w))).join(' | ')} |`;
  const out = [line];
  if (header) out.push(row(header), line);
  for (const r of rows) out.push(row(r));
  out.push(line);
  return out.join('\n');
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** A database URL fit to print: a PostgreSQL password is masked. */
export function safeDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparsable URL)';
  }
}

/** A base URL fit to print: user:password and the query (keys travel there) dropped. */
export function safeBaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable URL)';
  }
}
