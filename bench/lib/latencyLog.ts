/**
 * The latencies of an open-loop load run, with what tells the machine's noise from the server's
 * cost: on a shared 2-core machine the same code's p99 was seen to spread tenfold between runs.
 * - `generatorLateMs`: how late the load generator started requests against its schedule. A
 *   starved generator also reads answers late, which counts as latency it did not measure.
 * - `slowSeconds`: the seconds of the run (from its start) holding the most requests over
 *   `slowMs`. Slow requests packed into a few seconds, with no job due then, point to CPU
 *   starvation on the machine rather than to one slow query, which would be spread evenly.
 */
import { percentile, round } from '../lib';

export class LatencyLog {
  private readonly times: number[] = [];
  private readonly late: number[] = [];
  private readonly slowBySecond = new Map<number, number>();

  constructor(private readonly slowMs = 100) {}

  /** One answered request: `atSeconds` since the run started, `ms` its latency, `lateMs` behind its schedule. */
  record(atSeconds: number, ms: number, lateMs: number): void {
    this.times.push(ms);
    this.late.push(Math.max(0, lateMs));
    if (ms > this.slowMs) {
      const second = Math.floor(atSeconds);
      this.slowBySecond.set(second, (this.slowBySecond.get(second) ?? 0) + 1);
    }
  }

  summary(topSeconds = 8) {
    const times = [...this.times].sort((a, b) => a - b);
    const late = [...this.late].sort((a, b) => a - b);
    const slow = [...this.slowBySecond].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return {
      p50ms: round(percentile(times, 50)),
      p95ms: round(percentile(times, 95)),
      p99ms: round(percentile(times, 99)),
      noise: {
        generatorLateMs: { p99: round(percentile(late, 99)), max: round(late.at(-1) ?? NaN) },
        [`over${this.slowMs}ms`]: slow.reduce((n, [, count]) => n + count, 0),
        slowSeconds: slow.slice(0, topSeconds).map(([second, count]) => ({ second, count })),
      },
    };
  }
}
