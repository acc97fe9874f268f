/** What the Engine API answers on success (server/engineApi/shape.ts builds them). */
import { z } from 'zod';
import { instant, recordOf, rowId } from '../http/answers';
import { clientsSpec, ordersSpec, proposalsSpec, reviewsSpec } from '../marketplace/specs';

const order = recordOf(ordersSpec);
const proposal = recordOf(proposalsSpec);

export const orderCreatedAnswer = z.strictObject({ order, proposal: proposal.nullable() });
export const orderAnswer = z.strictObject({ order });
export const proposalAnswer = z.strictObject({ proposal, order, nextProposal: proposal.nullable() });
export const reviewAnswer = z.strictObject({ review: recordOf(reviewsSpec) });
export const favouriteAnswer = z.strictObject({
  favourite: z.strictObject({ clientId: rowId, partnerId: rowId, createdAt: instant.nullable() }),
  created: z.boolean(),
});
export const messageAnswer = z.strictObject({
  message: z.strictObject({
    id: rowId,
    clientId: rowId,
    partnerId: rowId,
    orderId: rowId.nullable(),
    sender: z.string(),
    body: z.string(),
    createdAt: instant.nullable(),
  }),
});
export const clientDeletedAnswer = z.strictObject({ client: recordOf(clientsSpec), cancelledOrderIds: z.array(rowId) });
export const recomputeAnswer = z.strictObject({ partners: z.number().int(), changed: z.number().int(), platformMean: z.number(), computedAt: instant });
