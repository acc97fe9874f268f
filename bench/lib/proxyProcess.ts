/**
 * The round-robin proxy (proxy.ts) in a process of its own, as a load balancer is its own
 * machine: in the bench's process it would share one event loop with the load generator, and
 * each would delay the other's timings.
 *
 *   tsx bench/lib/proxyProcess.ts <port> <instance URL>…
 *
 * `GET /__proxy/counts` answers the requests sent to each instance (not forwarded).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PROJECT_ROOT } from '../../server/config';
import { startRoundRobinProxy } from './proxy';

export const COUNTS_PATH = '/__proxy/counts';

export interface ProxyProcess {
  url: string;
  /** Requests sent to each instance so far, in the order of the targets. */
  counts(): Promise<number[]>;
  stop(): Promise<void>;
}

/** Starts the proxy process; resolves once it answers. */
export async function startProxyProcess(targets: readonly string[], port: number): Promise<ProxyProcess> {
  const tsx = path.join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');
  const child = spawn(tsx, [fileURLToPath(import.meta.url), String(port), ...targets], { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  const counts = async () => (await (await fetch(url + COUNTS_PATH)).json()) as number[];
  for (const deadline = Date.now() + 60_000; ; ) {
    if (child.exitCode !== null) throw new Error(`proxy exited with ${child.exitCode}`);
    try {
      await counts();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error('proxy did not answer within 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    counts,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [port, ...targets] = process.argv.slice(2);
  const proxy = await startRoundRobinProxy(targets, Number(port), { countsPath: COUNTS_PATH });
  process.on('SIGTERM', () => void proxy.close().then(() => process.exit(0)));
}
