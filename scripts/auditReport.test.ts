import { describe, expect, it } from 'vitest';
import { auditFailures } from './auditReport';

/** The shape of `npm audit --json` (npm 7+), trimmed to what the audit reads. */
const report = {
  vulnerabilities: {
    'path-to-regexp': {
      name: 'path-to-regexp',
      severity: 'high',
      via: [{ source: 1101850, name: 'path-to-regexp', title: 'path-to-regexp outputs backtracking regular expressions', url: 'https://github.com/advisories/GHSA-9wv6-86v2-598j', severity: 'high' }],
    },
    express: { name: 'express', severity: 'high', via: ['path-to-regexp', 'body-parser'] },
    cookie: {
      name: 'cookie',
      severity: 'low',
      via: [{ source: 1103907, name: 'cookie', title: 'cookie accepts out of bounds characters', url: 'https://github.com/advisories/GHSA-pxg6-pf52-xh8x', severity: 'low' }],
    },
  },
};

describe('dependency audit', () => {
  it('a high advisory fails, once, under its own package; low ones and packages flagged through a dependency do not', () => {
    expect(auditFailures(report, [], '2026-11-21')).toEqual(['path-to-regexp: high GHSA-9wv6-86v2-598j path-to-regexp outputs backtracking regular expressions']);
  });
  it('an allowlisted advisory passes until its review date, then fails again', () => {
    const allow = [{ advisory: 'GHSA-9wv6-86v2-598j', package: 'path-to-regexp', reason: 'routes are fixed strings', reviewBy: '2026-12-31' }];
    expect(auditFailures(report, allow, '2026-11-21')).toEqual([]);
    expect(auditFailures(report, allow, '2027-01-01')).toHaveLength(1);
  });
});
