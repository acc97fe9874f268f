import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../../shared/permissions';
import { ENUMS } from '../common/choices';
import { en } from '../../../shared/i18n/en';
import { fr } from '../../../shared/i18n/fr';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('the console’s messages', () => {
  it('when a key exists in French, then it exists in English too (and the other way round)', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it('when the domain has an enum value, then both languages label it', () => {
    for (const [name, values] of Object.entries(ENUMS)) {
      for (const value of values) {
        const frLabels = fr.enums[name as keyof typeof fr.enums] as Record<string, string>;
        const enLabels = en.enums[name as keyof typeof en.enums] as Record<string, string>;
        expect(frLabels[value], `fr enums.${name}.${value}`).toBeTruthy();
        expect(enLabels[value], `en enums.${name}.${value}`).toBeTruthy();
      }
    }
  });

  it('when a resource exists, then it has a singular and plural name', () => {
    for (const resource of RESOURCES) {
      const name = (fr.resources as Record<string, { name: string }>)[resource]?.name;
      expect(name, resource).toMatch(/^.+ \|\|\|\| .+$/);
    }
  });
});
