/** The clients' favourite partners (CLI-4): ranked first for their orders (DSP-4, DSP-10). */
import type { Row } from './rows';
import { iso, type Sim } from './state';

/** CLI-4: the client keeps the partner as a favourite (the first time counts). */
export function addFavourite(sim: Sim, clientId: number, partnerId: number, at: number): void {
  const favs = sim.favourites.get(clientId) ?? new Map<number, number>();
  if (!favs.has(partnerId)) favs.set(partnerId, at);
  sim.favourites.set(clientId, favs);
}

/** The favourites' rows at `now`, by client in the order they first kept one. */
export function favouriteRows(sim: Sim): Row[] {
  const rows: Row[] = [];
  for (const [clientId, favs] of sim.favourites) for (const [partnerId, since] of favs) rows.push({ clientId, partnerId, createdAt: iso(since) });
  return rows;
}
