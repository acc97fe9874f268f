/** What GET /api/inbox answers (readInbox.ts). */
import { z } from 'zod';
import { anyJson, day } from '../http/answers';
import type { Inbox } from '../../shared/inbox';

const sortOrder = z.enum(['ASC', 'DESC']);

/** Typed as shared/inbox.ts's `Inbox`: the declaration cannot drift from what the server builds and the console reads. */
export const inboxAnswer: z.ZodType<Inbox> = z.strictObject({
  today: day,
  sections: z.array(
    z.strictObject({
      key: z.enum(['support', 'ops', 'mediator', 'coordinator', 'engine']),
      items: z.array(
        z.strictObject({
          key: z.string(),
          count: z.number().int().min(0),
          estimated: z.boolean(),
          list: z.strictObject({ resource: z.string(), filter: z.record(z.string(), anyJson), sort: z.tuple([z.string(), sortOrder]) }),
          next: z.array(z.strictObject({ id: z.union([z.number().int(), z.string()]), label: z.string(), due: z.string().nullable() })).max(5),
        }),
      ),
    }),
  ),
});
