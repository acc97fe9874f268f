/**
 * The words of an export — column headers, enum values, yes/no, audit actions — in the
 * request's language, read from the console's own catalogues (shared/i18n: plain data, no
 * React), so that a file's headers are the labels of the screen it was exported from and a
 * label is written once. A key the catalogue lacks falls back to the raw field or value.
 */
import { en } from '../../shared/i18n/en';
import { fr, type AppMessages } from '../../shared/i18n/fr';
import type { Language } from '../auth/language';

const CATALOGUES: Record<Language, AppMessages> = { fr, en };

type Tree = { readonly [key: string]: string | Tree };

function leaf(tree: Tree | undefined, key: string): string | undefined {
  if (!tree || !Object.hasOwn(tree, key)) return undefined;
  const value = tree[key];
  return typeof value === 'string' ? value : undefined;
}

function branch(tree: Tree | undefined, key: string): Tree | undefined {
  if (!tree || !Object.hasOwn(tree, key)) return undefined;
  const value = tree[key];
  return typeof value === 'object' ? value : undefined;
}

export interface CsvLabels {
  header(resource: string, field: string): string;
  enumValue(enumName: string, value: string): string;
  yesNo(value: boolean): string;
  auditAction(code: string): string;
  /** A resource's singular name (`Partenaire |||| Partenaires` → `Partenaire`). */
  resourceName(resource: string): string;
}

export function csvLabels(language: Language): CsvLabels {
  const messages = CATALOGUES[language] as unknown as Tree;
  const resources = branch(messages, 'resources');
  const app = branch(messages, 'app');
  const audit = branch(app, 'audit');
  return {
    header(resource, field) {
      return leaf(branch(branch(resources, resource), 'fields'), field) ?? field;
    },
    enumValue(enumName, value) {
      return leaf(branch(branch(messages, 'enums'), enumName), value) ?? value;
    },
    yesNo(value) {
      return leaf(branch(app, 'common'), value ? 'yes' : 'no') ?? String(value);
    },
    auditAction(code) {
      return leaf(branch(audit, 'actions'), code) ?? code;
    },
    resourceName(resource) {
      const name = leaf(branch(resources, resource), 'name') ?? leaf(branch(audit, 'resources'), resource);
      return name ? name.split('||||')[0].trim() : resource;
    },
  };
}
