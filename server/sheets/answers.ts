/** What the sheets' JSON route answers: the order, now signed (the PDFs are declared as files). */
import { recordOf } from '../http/answers';
import { ordersSpec } from '../marketplace/specs';

export const signedOrderAnswer = recordOf(ordersSpec);
