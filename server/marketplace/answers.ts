/** What the service catalogue's edit answers: the service record. */
import { recordOf } from '../http/answers';
import { servicesSpec } from './specs';

export const serviceAnswer = recordOf(servicesSpec);
