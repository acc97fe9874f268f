/**
 * The first start's progress line: phase, percentage and time left, at most once a
 * second (and at each phase change), so that a long first start never looks frozen.
 */
export function progressReporter(write: (line: string) => void = (l) => console.log(l), clock: () => number = () => performance.now()) {
  const started = clock();
  let phase = '';
  let phaseStart = started;
  let lastPrint = -Infinity;
  return (next: string, done: number) => {
    const t = clock();
    if (next !== phase) {
      phase = next;
      phaseStart = t;
      lastPrint = -Infinity;
    }
    if (t - lastPrint < 1000 && done < 1) return;
    lastPrint = t;
    const pct = Math.round(Math.max(0, Math.min(1, done)) * 100);
    const elapsed = (t - phaseStart) / 1000;
    const left = done > 0.02 && done < 1 ? ` — environ ${Math.ceil((elapsed * (1 - done)) / done)} s restantes / about ${Math.ceil((elapsed * (1 - done)) / done)} s left` : '';
    write(`[start] ${phase} ${pct} %${left} (${((t - started) / 1000).toFixed(1)} s)`);
  };
}
