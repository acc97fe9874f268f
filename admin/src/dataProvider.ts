/**
 * ra-data-simple-rest unchanged (the server speaks its dialect, CONTRACT.md "HTTP"), plus
 * one method per command that is not a REST verb (approve a document, refer a case…):
 * screens call them through `useDataProvider<ConsoleDataProvider>()` and react-query's
 * `useMutation`, so every request goes through the one HTTP client (session cookie,
 * Accept-Language, the contract's errors) and a 401 signs out as it does for the lists.
 */
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { API_URL } from './apiUrl';
import { caseMethods, type CaseMethods } from './cases/caseMethods';
import { inboxMethods, type InboxMethods } from './dashboard/inboxMethods';
import { httpClient } from './httpClient';
import { markingEstimatedTotals, withEstimatedTotals } from './listTotals';
import { limitationMethods, type LimitationMethods } from './limitations/limitationMethods';
import { orderMethods, type OrderMethods } from './orders/orderMethods';
import { userMethods, type UserMethods } from './users/userMethods';
import { verificationMethods, type VerificationMethods } from './verification/verificationMethods';

export type ConsoleDataProvider = DataProvider & CaseMethods & VerificationMethods & OrderMethods & LimitationMethods & UserMethods & InboxMethods;

export function createDataProvider(apiUrl: string = API_URL): ConsoleDataProvider {
  const base = simpleRestProvider(apiUrl, markingEstimatedTotals(httpClient));
  return {
    ...base,
    getList: withEstimatedTotals(base.getList),
    ...caseMethods(apiUrl),
    ...verificationMethods(apiUrl),
    ...orderMethods(apiUrl),
    ...limitationMethods(apiUrl),
    ...userMethods(apiUrl),
    ...inboxMethods(apiUrl),
  };
}

export const dataProvider = createDataProvider();
