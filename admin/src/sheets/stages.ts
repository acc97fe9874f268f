/**
 * The "to print" screen's lists, as filters of the orders resource (rule SHEET-2: sheets
 * are reachable from pending requests, upcoming appointments and the history, which a
 * request enters 24 h after the intervention), and the Paris calendar day they print
 * (DOMAIN.md "Time": a day of sheets is a Europe/Paris day).
 */
import { addParisDays, parisDate, parisDayBounds } from '../../../shared/calendar/paris';
import { API_URL } from '../apiUrl';

export const STAGES = ['upcoming', 'pending', 'history'] as const;
export type Stage = (typeof STAGES)[number];

const HOUR_MS = 3_600_000;
/** SHEET-2: a request enters the history 24 h after the intervention (its end). */
export const HISTORY_DELAY_MS = 24 * HOUR_MS;

/** The default day to print: tomorrow in Paris (sheets are printed the day before). */
export function tomorrowInParis(now: Date): string {
  return addParisDays(parisDate(now), 1);
}

/** `startsAt` filter bounds of a Paris day, inclusive (the list dialect's `_gte`/`_lte`). */
export function parisDayFilter(date: string): { startsAt_gte: string; startsAt_lte: string } {
  const { start, end } = parisDayBounds(date);
  return { startsAt_gte: start.toISOString(), startsAt_lte: new Date(end.getTime() - 1).toISOString() };
}

/** Orders that had (or have) a provider: what the history lists (expired requests never had one). */
export const HISTORY_STATUSES = ['accepted', 'completed', 'no_show', 'cancelled_by_client', 'cancelled_by_partner'] as const;

/**
 * The permanent filter of each list:
 * - upcoming: the accepted orders starting on the chosen Paris day (what the day's PDF prints);
 * - pending: requests still waiting for a provider's answer;
 * - history: interventions that ended more than 24 h ago (SHEET-2).
 */
export function stageFilter(stage: Stage, now: Date, day: string): Record<string, unknown> {
  switch (stage) {
    case 'upcoming':
      return { status: 'accepted', ...parisDayFilter(day) };
    case 'pending':
      return { status: 'dispatching' };
    case 'history':
      return { status: [...HISTORY_STATUSES], endsAt_lte: new Date(now.getTime() - HISTORY_DELAY_MS).toISOString() };
  }
}

export const stageSort: Record<Stage, { field: string; order: 'ASC' | 'DESC' }> = {
  upcoming: { field: 'startsAt', order: 'ASC' },
  pending: { field: 'startsAt', order: 'ASC' },
  history: { field: 'startsAt', order: 'DESC' },
};

/** One order's sheet (GET /api/orders/{id}/sheet.pdf). */
export function sheetUrl(id: string | number): string {
  return `${API_URL}/orders/${encodeURIComponent(String(id))}/sheet.pdf`;
}

/** The signed coupon's scan (GET /api/orders/{id}/signed-sheet). */
export function signedSheetUrl(id: string | number): string {
  return `${API_URL}/orders/${encodeURIComponent(String(id))}/signed-sheet`;
}

/** A day's sheets in one PDF, with the list's narrowing filters (GET /api/sheets.pdf). */
export function daySheetsUrl(day: string, filters: { city?: unknown; partnerId?: unknown; serviceCode?: unknown } = {}): string {
  const params = new URLSearchParams({ date: day });
  const city = typeof filters.city === 'string' ? filters.city.trim() : '';
  if (city) params.set('city', city);
  if (filters.partnerId !== undefined && filters.partnerId !== null && filters.partnerId !== '') params.set('partnerId', String(filters.partnerId));
  if (typeof filters.serviceCode === 'string' && filters.serviceCode) params.set('serviceCode', filters.serviceCode);
  return `${API_URL}/sheets.pdf?${params}`;
}

/**
 * SHEET-4 (assumed, as the server): a signed coupon is recorded for an accepted or
 * completed order once its intervention has started.
 */
export function signedSheetState(order: { status?: unknown; startsAt?: unknown }, now: Date): 'ok' | 'not_yet' | 'not_signable' {
  if (order.status !== 'accepted' && order.status !== 'completed') return 'not_signable';
  if (typeof order.startsAt === 'string' && Date.parse(order.startsAt) > now.getTime()) return 'not_yet';
  return 'ok';
}
