/** Session and throttle steps the sign-in routes share (password, second factor). */
import type { Request, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';

export function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
}
export function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
}
export function destroy(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
}

/** The caller's address as the throttle counts it: behind TRUST_PROXY the proxy's client address; IPv6 by /56 network. */
export function addressOf(req: Request): string {
  return ipKeyGenerator(req.ip ?? 'unknown').slice(0, 64);
}

export function retryAfter(res: Response, retryAt: Date): void {
  res.set('Retry-After', String(Math.max(1, Math.ceil((retryAt.getTime() - Date.now()) / 1000))));
}
