/**
 * Zod's own messages in both of the console's languages (CONTRACT.md "HTTP", one language per
 * message): every default issue message is written « français / English » from zod's French
 * and English locales while the input is still at hand (the English one says what was received),
 * and the error handler sends the request's half, like every other refusal. A schema's own
 * message is written the same way, « phrase / sentence ».
 */
import { z } from 'zod';

const french = z.locales.fr().localeError;
const english = z.locales.en().localeError;

type Issue = Parameters<typeof french>[0];

function text(rendered: ReturnType<typeof french>): string {
  if (typeof rendered === 'string') return rendered;
  return rendered?.message ?? '';
}

export function bilingualIssue(issue: Issue): string {
  return `${text(french(issue))} / ${text(english(issue))}`;
}

// Once per process: every parse on the server reports through it.
z.config({ customError: bilingualIssue });
