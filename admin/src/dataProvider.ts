/**
 * ra-data-simple-rest unchanged (the server speaks its dialect, CONTRACT.md "HTTP"),
 * plus the custom methods the screens need for actions that are not REST verbs.
 */
import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';
import { API_URL } from './apiUrl';
import { httpClient } from './httpClient';
import { markingEstimatedTotals, withEstimatedTotals } from './listTotals';

export interface ConsoleDataProvider extends DataProvider {
  /** `POST /api/{resource}/{id}/{name}` with a JSON body (approve, lift, take…); resolves to the answer's JSON. */
  action: <T = unknown>(resource: string, id: Identifier, name: string, body?: unknown) => Promise<{ data: T }>;
}

export function createDataProvider(apiUrl: string = API_URL): ConsoleDataProvider {
  const base = simpleRestProvider(apiUrl, markingEstimatedTotals(httpClient));
  return {
    ...base,
    getList: withEstimatedTotals(base.getList),
    action: async <T,>(resource: string, id: Identifier, name: string, body: unknown = {}) => {
      const url = `${apiUrl}/${resource}/${encodeURIComponent(String(id))}/${encodeURIComponent(name)}`;
      const { json } = await httpClient(url, { method: 'POST', body: JSON.stringify(body) });
      return { data: json as T };
    },
  };
}

export const dataProvider = createDataProvider();
