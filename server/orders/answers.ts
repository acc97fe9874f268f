/** What the staff order actions answer (server/http/answers.ts explains the declarations). */
import { recordOf } from '../http/answers';
import { ordersSpec } from '../marketplace/specs';

/** The order as the engine left it, the same shape the apps' engine API answers. */
export const cancelledOrderAnswer = recordOf(ordersSpec);
