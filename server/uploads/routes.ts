/**
 * `GET /api/uploads/limits`: what an upload may be (size, types), so that the console refuses
 * a file that is too big before sending it rather than after the whole file went up.
 * The server still checks every upload (receiveUpload.ts): this only saves the person the wait.
 */
import { z } from 'zod';
import type { ApiRouter } from '../http/apiRouter';
import type { RouteDeps } from '../context';
import { ACCEPTED_TYPES } from './receiveUpload';

export const uploadLimitsAnswer = z.strictObject({
  maxMb: z.number().int().positive(),
  acceptedTypes: z.array(z.string()),
});

export function registerUploadRoutes(api: ApiRouter, deps: RouteDeps): void {
  api.add(
    {
      method: 'get',
      path: '/uploads/limits',
      access: { kind: 'session' },
      summary: 'What an upload may be: {maxMb, acceptedTypes} (MAX_UPLOAD_MB; PDF, JPEG, PNG recognised by content)',
      tag: 'meta',
      status: 200,
      answer: uploadLimitsAnswer,
    },
    (_req, res) => {
      res.json({ maxMb: deps.config.maxUploadMb, acceptedTypes: Object.keys(ACCEPTED_TYPES) });
    },
  );
}
