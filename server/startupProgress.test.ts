import { describe, expect, it } from 'vitest';
import { progressReporter } from './startupProgress';

describe('first-start progress line', () => {
  it('when a phase advances, then it prints the phase, the percentage and the time left, at most once a second', () => {
    const lines: string[] = [];
    let now = 0;
    const report = progressReporter((l) => lines.push(l), () => now);
    report('simulation', 0);
    now = 500;
    report('simulation', 0.1); // within the same second: not printed
    now = 2000;
    report('simulation', 0.5);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\[start\] simulation 50 % — environ 2 s restantes \/ about 2 s left \(2\.0 s\)$/);
    now = 2100;
    report('loading', 0.05); // a new phase prints at once
    expect(lines[2]).toMatch(/^\[start\] loading 5 %/);
  });
});
