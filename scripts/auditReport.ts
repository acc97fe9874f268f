/** Reads `npm audit --json` (npm 7+ report) against the allowlist: what fails the audit (scripts/audit.ts). */
export interface AllowEntry {
  advisory: string;
  package: string;
  reason: string;
  /** YYYY-MM-DD: after this day the entry no longer applies. */
  reviewBy: string;
}

const FAILING = new Set(['high', 'critical']);

export function auditFailures(report: Record<string, any>, allowlist: readonly AllowEntry[], today: string, log: (line: string) => void = () => {}): string[] {
  const allowed = new Map(allowlist.filter((a) => a.reviewBy >= today).map((a) => [a.advisory, a]));
  const failures: string[] = [];
  for (const [name, vuln] of Object.entries<Record<string, any>>(report.vulnerabilities ?? {})) {
    const advisories = ((vuln.via ?? []) as unknown[]).filter((v): v is Record<string, any> => typeof v === 'object' && v !== null);
    // A package flagged only through its dependencies (`via` names them): their own entries decide.
    for (const adv of advisories) {
      if (!FAILING.has(adv.severity)) continue;
      const id = String(adv.url ?? adv.source).split('/').pop() ?? String(adv.source);
      const entry = allowed.get(id);
      if (entry) log(`[audit] allowed ${id} in ${name} until ${entry.reviewBy}: ${entry.reason}`);
      else failures.push(`${name}: ${adv.severity} ${id} ${adv.title ?? ''}`.trim());
    }
  }
  return failures;
}
