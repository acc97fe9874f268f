/**
 * Every action code the server can write to the audit trail is in shared/auditActions.ts, and
 * the console labels each one in French and English (the trail is read in words). The codes are
 * collected from the source: every audit-writing call (`recordAudit`, the engine's `audit`,
 * `transition`, `transitionIfStill`, `writeCase`, `insertRecord`, `updateRecord`, the file-flag `setFlag`), its string literals, and its
 * template literals expanded from what their placeholders can hold.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabelKey } from '../../shared/auditActions';
import { CASE_EVENT_TYPES } from '../../shared/domain';
import { createI18nProvider } from '../../admin/src/i18n';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { CASE_TRANSITIONS } from '../mediation/caseStatus';
import { collectRoutes } from './helpers';

const ROOT = path.resolve(import.meta.dirname, '../..');
const WRITERS = /\b(?:recordAudit|audit|transition|transitionIfStill|writeCase|insertRecord|updateRecord|setFlag)\s*\(/g;
const PLAIN_CODE = /^[a-z][a-z-]*(?:\.[a-z][a-z_-]*)+$/;
const PART = String.raw`(?:\$\{[^}]+\}|[a-z][a-z_-]*)`;
const TEMPLATE_CODE = new RegExp(String.raw`^${PART}(?:\.${PART})+$`);

const table = await collectRoutes();
afterAll(() => table.dispose());

/** The last segment of the routes matching `pattern` (e.g. `/limitations/:id/lift` → lift). */
function routeSegments(pattern: RegExp): string[] {
  return [...new Set(table.routes.map((r) => pattern.exec(r.path)?.[1]).filter((s): s is string => !!s))];
}

/**
 * What a placeholder holds, for the templates whose placeholder is a variable: a case's
 * transitions, a limitation's action routes, a case event's types, the GDPR export's subjects.
 */
const PLACEHOLDERS: Record<string, () => readonly string[]> = {
  'cases.${move.action}': () => Object.keys(CASE_TRANSITIONS),
  'limitations.${move.action}': () => routeSegments(/^\/limitations\/:id\/([a-z-]+)$/),
  'cases.event.${e.type}': () => CASE_EVENT_TYPES,
  '${subject}.export': () => routeSegments(/^\/([a-z-]+)\/:id\/export$/),
};

function sourceFiles(dir: string): string[] {
  return (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('test/') && !f.startsWith(`test${path.sep}`))
    .map((f) => path.join(ROOT, dir, f));
}

/** The text of the call's arguments, from its `(` to the matching `)`, strings skipped over. */
function argumentsAt(source: string, open: number): string {
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      const close = source.indexOf(c, i + 1);
      i = close === -1 ? source.length : close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return source.slice(open + 1);
}

/** Every code a template can produce: ternaries' string literals, or the PLACEHOLDERS table. */
function expand(template: string): string[] | null {
  const parts = template.split(/(\$\{[^}]+\})/).filter(Boolean);
  let codes = [''];
  for (const part of parts) {
    let options: readonly string[];
    if (!part.startsWith('${')) options = [part];
    else {
      const literals = [...part.matchAll(/'([^']*)'/g)].map((m) => m[1]);
      const ternary = part.includes('?') && literals.length >= 2;
      if (ternary) options = literals.slice(-2);
      else if (PLACEHOLDERS[template]) options = PLACEHOLDERS[template]();
      else return null;
    }
    codes = codes.flatMap((prefix) => options.map((o) => prefix + o));
  }
  return codes;
}

function collectCodes(): { codes: Set<string>; unknownTemplates: string[] } {
  const codes = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const file of [...sourceFiles('server'), ...sourceFiles('db')]) {
    const source = readFileSync(file, 'utf8');
    for (const call of source.matchAll(WRITERS)) {
      const args = argumentsAt(source, call.index + call[0].length - 1);
      for (const m of args.matchAll(/'([^'\\\n]*)'|`([^`]*)`/g)) {
        if (m[1] !== undefined && PLAIN_CODE.test(m[1])) codes.add(m[1]);
        if (m[2] !== undefined && TEMPLATE_CODE.test(m[2])) {
          const expanded = expand(m[2]);
          if (expanded) expanded.forEach((c) => codes.add(c));
          else unknownTemplates.push(`${path.relative(ROOT, file)}: \`${m[2]}\``);
        }
      }
    }
  }
  return { codes, unknownTemplates };
}

describe('audit action codes', () => {
  const { codes, unknownTemplates } = collectCodes();

  it('when an audit call builds its code from a variable, then the test knows what the variable holds (else add it to PLACEHOLDERS)', () => {
    expect(unknownTemplates).toEqual([]);
  });

  it('when the source is read, then the codes its audit calls write are exactly shared/auditActions.ts’s list', () => {
    expect(codes.size).toBeGreaterThan(50);
    const listed = new Set<string>(AUDIT_ACTIONS);
    expect([...codes].filter((c) => !listed.has(c)).sort(), 'written but not listed').toEqual([]);
    expect([...listed].filter((c) => !codes.has(c)).sort(), 'listed but never written').toEqual([]);
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
  });

  it.each(AUDIT_ACTIONS)('when the console shows %s, then both French and English have a label for it', (code) => {
    const frLabels = fr.app.audit.actions as Record<string, string>;
    const enLabels = en.app.audit.actions as Record<string, string>;
    expect(frLabels[code], `fr ${code}`).toMatch(/\S/);
    expect(enLabels[code], `en ${code}`).toMatch(/\S/);
  });

  it('when the console’s i18n provider translates every code in each language, then it finds a label (never the key itself)', async () => {
    for (const locale of ['fr', 'en'] as const) {
      const i18n = createI18nProvider(locale);
      for (const code of AUDIT_ACTIONS) {
        const key = auditActionLabelKey(code);
        expect(i18n.translate(key), `${locale} ${code}`).not.toBe(key);
      }
    }
  });

  it('cases.refer reads as the referral to the mediator in both languages', () => {
    expect(fr.app.audit.actions['cases.refer']).toBe('a transmis le dossier au médiateur');
    expect(en.app.audit.actions['cases.refer']).toBe('referred the case to the mediator');
  });
});
