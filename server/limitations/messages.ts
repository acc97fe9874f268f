/**
 * The French message sent to a partner for each limitation decision (apply, lift,
 * terminate): a pure function of the decision, from one template. Reasons in
 * words (LIM-4), the modality (LIM-2/LIM-5), the end date in the Europe/Paris calendar,
 * and how to have it lifted (LIM-3).
 */
import type { LimitationKind, LimitationModality, LimitationReason } from '../../shared/domain';
import { daysBetween, parisDate } from '../../shared/calendar/paris';
import { parisDayInLetters } from '../../shared/calendar/parisFormat';

export type OutboxDecision = 'apply' | 'lift' | 'terminate';

export interface DecisionInput {
  decision: OutboxDecision;
  kind: LimitationKind;
  reason: LimitationReason;
  modality: LimitationModality;
  startsAt: Date;
  endsAt: Date | null;
  /** When the decision is taken. */
  at: Date;
  firstName?: string | null;
}

export interface PartnerMessage {
  subject: string;
  body: string;
}

export const REASON_WORDS: Record<LimitationReason, string> = {
  no_acceptance_in_last_50: 'aucune des 50 dernières propositions qui vous ont été envoyées n’a été acceptée',
  aggressive_to_staff: 'des messages offensants ou agressifs envers l’équipe de la plateforme',
  aggressive_to_clients: 'un comportement désagréable ou agressif envers des clients',
  repeated_negative_reviews: 'des avis négatifs répétés de la part de clients',
  no_show: 'un rendez-vous manqué sans prévenir le client',
  repeated_cancellations: 'des annulations répétées de prestations acceptées',
};

const MODALITY_WORDS: Record<LimitationModality, string> = {
  reduced:
    'vous gardez l’accès complet à la plateforme, mais vous serez sollicité(e) moins souvent pour de nouveaux clients',
  existing_clients_only:
    'vous continuez à recevoir les demandes des clients que vous avez déjà servis, votre profil reste en ligne et votre compte reste actif, mais vous ne serez plus sollicité(e) pour de nouveaux clients',
};

/** A date of the Europe/Paris calendar in words, e.g. "samedi 20 juin 2026". */
export function parisLongDate(d: Date): string {
  return parisDayInLetters(d, { weekday: true });
}

/** Whole Paris calendar days from start to end. */
export function parisDays(start: Date, end: Date): number {
  return daysBetween(parisDate(start), parisDate(end));
}

const SIGNATURE = '\n\nL’équipe partenaires';

export function limitationMessage(input: DecisionInput): PartnerMessage {
  const hello = input.firstName ? `Bonjour ${input.firstName},` : 'Bonjour,';
  const reason = REASON_WORDS[input.reason];
  switch (input.decision) {
    case 'apply': {
      const duration =
        input.kind === 'manual' && input.endsAt
          ? `Cette limitation s’applique pour ${parisDays(input.startsAt, input.endsAt)} jours, jusqu’au ${parisLongDate(input.endsAt)}. À cette date, nous ferons le point sur l’évolution de la situation : la limitation sera levée ou, si rien ne s’est amélioré, il pourra être mis fin à nos conditions générales d’utilisation (article 14.3).`
          : 'Cette limitation n’a pas de date de fin : elle dure jusqu’à ce que vous la fassiez lever.';
      const howToLift =
        input.kind === 'automatic'
          ? 'Pour la faire lever, il vous suffit d’accepter une proposition que vous recevez : la limitation est levée automatiquement. Vous pouvez aussi nous écrire (messagerie ou e-mail) ou réserver un appel avec nous.'
          : 'Pour en discuter ou demander qu’elle soit levée avant son terme, écrivez-nous (messagerie ou e-mail) ou réservez un appel avec nous : nous examinerons votre demande.';
      return {
        subject: 'Limitation de votre compte partenaire',
        body: `${hello}\n\nNous avons limité votre compte partenaire pour le motif suivant : ${reason}.\n\nConcrètement, ${MODALITY_WORDS[input.modality]}.\n\n${duration}\n\n${howToLift}${SIGNATURE}`,
      };
    }
    case 'lift':
      return {
        subject: 'Levée de la limitation de votre compte partenaire',
        body: `${hello}\n\nLa limitation de votre compte partenaire (motif : ${reason}) est levée à compter du ${parisLongDate(input.at)}. Vous pouvez de nouveau être sollicité(e) normalement pour de nouveaux clients.\n\nMerci pour votre compréhension.${SIGNATURE}`,
      };
    case 'terminate':
      return {
        subject: 'Fin de nos conditions générales d’utilisation',
        body: `${hello}\n\nÀ l’issue de la période de limitation de votre compte (motif : ${reason}), et compte tenu de l’évolution de la situation, nous mettons fin à nos conditions générales d’utilisation avec vous, conformément à leur article 14.3, à compter du ${parisLongDate(input.at)}. Vous ne recevrez plus de demandes de prestation.\n\nPour toute question, vous pouvez nous écrire ou réserver un appel avec nous.${SIGNATURE}`,
      };
  }
}
