/**
 * `npm run test:logs -- <file>`: greps the logs of a test run for personal data.
 *
 *   rm -f /tmp/test-run.log
 *   TEST_LOG_FILE=/tmp/test-run.log npm test
 *   npm run test:logs -- /tmp/test-run.log
 *
 * Every string in every line (but the request id and the time) is searched for e-mail
 * addresses, IBANs, phone numbers, the demo password and bearer tokens. Exit 1 with the
 * offending lines, 0 when clean (and the file holds at least one request line).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const PATTERNS: Array<[string, RegExp]> = [
  ['an e-mail address', /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/i],
  ['an IBAN', /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}\b/],
  ['a phone number', /(?:\+|\b00)?\d(?:[ .-]?\d){9,16}\b/],
  ['the demo password', /demo1234/],
  ['a bearer token', /bearer\s+\S/i],
  ['a cookie', /console\.sid=/],
];
const SKIP_KEYS = new Set(['requestId', 'time', 'pid']);

export interface Finding {
  line: number;
  what: string;
  field: string;
}

export function findPersonalData(text: string): { requests: number; findings: Finding[] } {
  const findings: Finding[] = [];
  let requests = 0;
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let entry: unknown;
    try {
      entry = JSON.parse(raw);
    } catch {
      findings.push({ line: i + 1, what: 'a line that is not JSON', field: '' });
      return;
    }
    if ((entry as { req?: unknown }).req) requests++;
    const walk = (value: unknown, at: string) => {
      if (typeof value === 'string') {
        for (const [what, re] of PATTERNS) if (re.test(value)) findings.push({ line: i + 1, what, field: at });
      } else if (value && typeof value === 'object') {
        for (const [k, v] of Object.entries(value)) if (!SKIP_KEYS.has(k)) walk(v, at ? `${at}.${k}` : k);
      }
    };
    walk(entry, '');
  });
  return { requests, findings };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: npm run test:logs -- <log file written with TEST_LOG_FILE>');
    process.exit(2);
  }
  const { requests, findings } = findPersonalData(readFileSync(file, 'utf8'));
  if (requests === 0) {
    console.error(`${file}: no request line: was the test run made with TEST_LOG_FILE=${file}?`);
    process.exit(1);
  }
  if (findings.length) {
    for (const f of findings.slice(0, 50)) console.error(`${file}:${f.line}: ${f.what} in ${f.field}`);
    console.error(`${findings.length} finding(s) in ${requests} request lines.`);
    process.exit(1);
  }
  console.log(`${file}: ${requests} request lines, no personal data found.`);
}
