/** The console's page of a partner's verification file: the partner page's verification tab. */
import type { Identifier } from 'react-admin';

export const verificationPath = (id: Identifier) => `/partners/${id}/show/verification`;
