/** What the audit trail's routes answer: entries as `auditLogSpec` shapes them, with the actor's name. */
import { z } from 'zod';
import { recordOf } from '../http/answers';
import { auditLogSpec } from './spec';

export const auditEntryAnswer = recordOf(auditLogSpec).extend({ actorName: z.string().nullable() }).meta({ id: 'AuditEntry' });
export const auditEntriesAnswer = z.array(auditEntryAnswer);
