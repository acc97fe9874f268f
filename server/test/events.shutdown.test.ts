/**
 * A shutdown never waits on a browser's live-update stream: the real server process
 * (`tsx server/main.ts`) with a stream open ends it at SIGTERM and exits 0 without reaching
 * the grace period that cuts requests still running (server/ops/shutdown.ts).
 */
import { describe, expect, it } from 'vitest';
import { loginCookie, serverProcessPerSuite } from './ops.processes';
import { openStream, waitUntil } from './eventStream';

describe('live-update streams at shutdown', () => {
  const suite = serverProcessPerSuite('events-shutdown');

  it('when SIGTERM arrives while a stream is open, then the stream ends and the process exits 0 without cutting requests', async () => {
    const { server } = suite;
    const stream = await openStream(server.url, await loginCookie(server.url, 'support@demo.test'));
    expect(stream.status).toBe(200);
    server.child.kill('SIGTERM');
    await waitUntil('the stream to end at shutdown', () => stream.ended(), 20_000);
    const { code } = await server.exited;
    expect(code, server.output()).toBe(0);
    const lines = server.output().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg?: string });
    expect(lines.map((l) => l.msg)).toContain('shutdown complete');
    expect(lines.map((l) => l.msg)).not.toContain('requests still running after the grace period: closing their connections');
  }, 60_000);
});
