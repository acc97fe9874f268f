/**
 * Order actions for staff (CONTRACT.md "Orders (support, admin)"): cancelling for a client or a
 * partner. The list/show routes of `orders` are registered by marketplace/routes.ts; the sheets'
 * by sheets/routes.ts. Thin: check the id and the body, call one operation, answer the order.
 */
import type { Request } from 'express';
import type { ApiRouter } from '../http/apiRouter';
import type { RouteDeps } from '../context';
import { AppError, zodDetails } from '../http/errors';
import { isRowId } from '../data/parseRowId';
import { requestLanguage, type Language } from '../auth/language';
import { cancelledOrderAnswer } from './answers';
import { cancelOrderBodySchema, cancelOrderOnBehalf, type CancelOrderBody } from './cancelOrder';

const MESSAGES = {
  notFound: { fr: (id: string) => `Commande ${id} introuvable.`, en: (id: string) => `Order ${id} not found.` },
  badBody: {
    fr: 'Indiquez qui annule (« by » : "client" ou "partner") et le motif de l’annulation (« reason », texte non vide de 1 000 caractères au plus), sans autre champ.',
    en: 'Say who cancels ("by": "client" or "partner") and why ("reason", a non-empty text of at most 1,000 characters), with no other field.',
  },
} as const;

/** A path id: digits within the id columns' range (beyond it no order can exist on either database), else 404. */
function orderIdOf(req: Request, lang: Language): number {
  const raw = String(req.params.id ?? '');
  if (!isRowId(raw)) throw new AppError('not_found', MESSAGES.notFound[lang](raw), 404);
  return Number(raw);
}

function bodyOf(req: Request, lang: Language): CancelOrderBody {
  const body: unknown = req.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw AppError.badRequest(MESSAGES.badBody[lang]);
  const parsed = cancelOrderBodySchema.safeParse(body);
  if (!parsed.success) throw AppError.badRequest(MESSAGES.badBody[lang], zodDetails(parsed.error));
  return parsed.data;
}

export function registerOrderActionRoutes(api: ApiRouter, { db, clock }: RouteDeps): void {
  api.add(
    {
      method: 'post',
      path: '/orders/:id/cancel',
      access: { kind: 'permission', resource: 'orders', action: 'cancel' },
      summary: 'Cancel an order on behalf of its client (CLI-3) or its partner (SCO-4, SCO-8: the score moves at once), with a reason; the engine’s cancellation, audited',
      tag: 'orders',
      body: cancelOrderBodySchema,
      status: 200,
      answer: cancelledOrderAnswer,
      response: 'the order; 400 bad body; 404 unknown order; 409 invalid_state (the order can no longer be cancelled by that party) or conflict (someone acted first)',
    },
    async (req, res) => {
      const lang = requestLanguage(req);
      const id = orderIdOf(req, lang);
      const body = bodyOf(req, lang);
      res.json(await cancelOrderOnBehalf({ db, clock, actor: req.actor }, id, body));
    },
  );
}
