/**
 * A small round-robin HTTP proxy on loopback (node:http), what a load balancer in front of
 * several server instances does: each request goes to the next instance in turn, headers
 * and bodies streamed through (the Host header too, as a load balancer passes it: the
 * server's same-origin check compares it with Origin), keep-alive connections to the instances. An instance that
 * cannot be reached answers 502 (the bench counts it as an error).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** Requests sent to each instance, in the order of `targets`. */
  counts: number[];
  close(): Promise<void>;
}

/** `countsPath`: a path the proxy answers itself with `counts` (JSON), for a bench in another process. */
export async function startRoundRobinProxy(targets: readonly string[], port = 0, options: { countsPath?: string } = {}): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error('a proxy needs at least one instance');
  const upstreams = targets.map((t) => new URL(t));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const counts = targets.map(() => 0);
  let next = 0;
  const server = http.createServer((req, res) => {
    if (options.countsPath && req.url === options.countsPath) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(counts));
      return;
    }
    const i = next;
    next = (next + 1) % upstreams.length;
    counts[i]++;
    const target = upstreams[i];
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`proxy: ${err.message}`);
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
