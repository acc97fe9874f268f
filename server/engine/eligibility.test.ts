import { describe, expect, it } from 'vitest';
import type { LimitationModality, LimitationStatus } from '../../shared/domain';
import {
  effectiveLimitation,
  insideWeeklyHours,
  isEligible,
  restrictsDispatch,
  type EligibilityContext,
  type EligibilityOrder,
  type EligibilityPartner,
} from './eligibility';

// Wednesday 2026-05-20, 10:00–11:00 Paris (CEST, UTC+2).
const order: EligibilityOrder = {
  id: 1,
  clientId: 7,
  serviceCode: 'haircut',
  startsAt: new Date('2026-05-20T08:00:00Z'),
  endsAt: new Date('2026-05-20T09:00:00Z'),
  lat: 48.8566, // Paris, Hôtel de Ville
  lng: 2.3522,
};
const partner: EligibilityPartner = {
  id: 42,
  status: 'active',
  services: ['haircut', 'colouring'],
  lat: 48.8049, // ~6.73 km south-east
  lng: 2.4000,
  radiusKm: 10,
  weeklyHours: [{ day: 3, from: '09:00', to: '18:00' }],
  limitations: [],
};
const ctx: EligibilityContext = { acceptedSessions: [], existingClient: false };
const at = (iso: string) => new Date(iso);

describe('eligibility', () => {
  it('DSP-9: an active partner offering the service, in zone, in hours and free is eligible', () => {
    const result = isEligible(partner, order, ctx);
    expect(result).toMatchObject({ eligible: true, limitation: null, demoted: false });
    if (result.eligible) expect(result.distanceKm).toBeCloseTo(6.73, 2);
  });

  it.each(['applicant', 'in_review', 'refused', 'terminated'] as const)('DSP-9: a %s partner is not eligible', (status) => {
    expect(isEligible({ ...partner, status }, order, ctx)).toEqual({ eligible: false, reason: 'not_active' });
  });

  it('DSP-1: a partner not offering the service is not eligible', () => {
    expect(isEligible({ ...partner, services: ['massage'] }, order, ctx)).toEqual({ eligible: false, reason: 'service_not_offered' });
  });

  it.each([
    [6.74, true],
    [6.72, false],
  ])('DSP-9: with a radius of %d km (client ~6.73 km away), eligible is %s', (radiusKm, eligible) => {
    expect(isEligible({ ...partner, radiusKm }, order, ctx).eligible).toBe(eligible);
  });

  it.each([
    // [case, weeklyHours, eligible]
    ['a slot covering it exactly', [{ day: 3, from: '10:00', to: '11:00' }], true],
    ['a slot starting a minute late', [{ day: 3, from: '10:01', to: '18:00' }], false],
    ['a slot ending a minute early', [{ day: 3, from: '09:00', to: '10:59' }], false],
    ['the right hours on Tuesday', [{ day: 2, from: '09:00', to: '18:00' }], false],
    ['two adjacent slots it straddles', [{ day: 3, from: '09:00', to: '10:30' }, { day: 3, from: '10:30', to: '12:00' }], false],
    ['one of several slots', [{ day: 1, from: '09:00', to: '18:00' }, { day: 3, from: '08:00', to: '12:00' }], true],
    ['no hours at all', [], false],
  ])('DSP-9: with %s, eligible is %s (Paris wall clock)', (_name, weeklyHours, eligible) => {
    expect(isEligible({ ...partner, weeklyHours }, order, ctx).eligible).toBe(eligible);
  });

  it.each([
    // Winter: 10:00 Paris is 09:00 UTC; the slot is read on the Paris clock, not UTC.
    ['winter 10:00–11:00 Paris', '2026-01-14T09:00:00Z', '2026-01-14T10:00:00Z', [{ day: 3, from: '10:00', to: '11:00' }], true],
    ['winter read as UTC would wrongly fit 09:00–10:00', '2026-01-14T09:00:00Z', '2026-01-14T10:00:00Z', [{ day: 3, from: '09:00', to: '10:00' }], false],
    // Sunday 2026-03-29: 01:30 CET → 03:30 CEST is one real hour, wall clock 01:30–03:30.
    ['the spring-forward night', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', [{ day: 7, from: '01:00', to: '03:30' }], true],
    ['the spring-forward night, slot too short on the wall clock', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z', [{ day: 7, from: '01:00', to: '02:30' }], false],
    // Saturday 23:00–00:00 Paris fits a slot to 24:00, not one crossing into Sunday.
    ['ending at midnight with a slot to 24:00', '2026-05-23T21:00:00Z', '2026-05-23T22:00:00Z', [{ day: 6, from: '20:00', to: '24:00' }], true],
    ['running past midnight', '2026-05-23T21:30:00Z', '2026-05-23T22:30:00Z', [{ day: 6, from: '20:00', to: '24:00' }, { day: 7, from: '00:00', to: '12:00' }], false],
    ['ending 30 s after the slot', '2026-05-20T08:00:00Z', '2026-05-20T09:00:30Z', [{ day: 3, from: '10:00', to: '11:00' }], false],
    ['ending before it starts', '2026-05-20T09:00:00Z', '2026-05-20T08:00:00Z', [{ day: 3, from: '00:00', to: '24:00' }], false],
  ])('DSP-9: weekly hours, %s: %s', (_name, s, e, weeklyHours, expected) => {
    expect(insideWeeklyHours(weeklyHours, at(s), at(e))).toBe(expected);
  });

  it.each([
    // Order is 08:00–09:00 UTC; other sessions around it.
    ['ending exactly 30 min before', '2026-05-20T06:30:00Z', '2026-05-20T07:30:00Z', true],
    ['ending 29 min before', '2026-05-20T06:31:00Z', '2026-05-20T07:31:00Z', false],
    ['starting exactly 30 min after', '2026-05-20T09:30:00Z', '2026-05-20T10:30:00Z', true],
    ['starting 29 min after', '2026-05-20T09:29:00Z', '2026-05-20T10:00:00Z', false],
    ['overlapping', '2026-05-20T08:30:00Z', '2026-05-20T09:30:00Z', false],
    ['containing it', '2026-05-20T07:00:00Z', '2026-05-20T12:00:00Z', false],
  ])('DSP-9: another accepted session %s: eligible is %s (30 min travel margin)', (_name, s, e, eligible) => {
    const result = isEligible(partner, order, { ...ctx, acceptedSessions: [{ orderId: 99, startsAt: at(s), endsAt: at(e) }] });
    expect(result.eligible).toBe(eligible);
    if (!result.eligible) expect(result.reason).toBe('slot_taken');
  });

  it('DSP-9: the order itself among the sessions (re-dispatch) is no conflict', () => {
    const result = isEligible(partner, order, { ...ctx, acceptedSessions: [{ orderId: 1, startsAt: order.startsAt, endsAt: order.endsAt }] });
    expect(result.eligible).toBe(true);
  });

  it.each([
    // [limitations, existing client, eligible, demoted]
    [[], false, true, false],
    [['reduced'], false, true, true],
    [['reduced'], true, true, false], // assumed: reduced demotes for new clients only
    [['existing_clients_only'], false, false, false],
    [['existing_clients_only'], true, true, false],
    [['reduced', 'existing_clients_only'], false, false, false], // LIM-7: the stricter applies
    [['existing_clients_only', 'reduced'], true, true, false],
  ] as [LimitationModality[], boolean, boolean, boolean][])(
    'LIM-2/LIM-5: limited %j, existing client %s → eligible %s, demoted %s',
    (limitations, existingClient, eligible, demoted) => {
      const result = isEligible({ ...partner, limitations }, order, { ...ctx, existingClient });
      expect(result.eligible).toBe(eligible);
      if (result.eligible) expect(result.demoted).toBe(demoted);
      else expect(result.reason).toBe('existing_clients_only');
    },
  );

  it.each([
    [[], null],
    [[null, undefined], null],
    [['reduced'], 'reduced'],
    [['existing_clients_only'], 'existing_clients_only'],
    [['reduced', 'existing_clients_only'], 'existing_clients_only'],
    [['existing_clients_only', 'reduced'], 'existing_clients_only'],
  ] as [(LimitationModality | null | undefined)[], LimitationModality | null][])(
    'LIM-7: the effective limitation of %j is %s',
    (list, expected) => {
      expect(effectiveLimitation(list)).toBe(expected);
    },
  );

  it.each([
    ['active', true],
    ['awaiting_review', true],
    ['termination_pending', true],
    ['lifted', false],
    ['terminated', false],
  ] as [LimitationStatus, boolean][])('LIM-7: a limitation %s restricts dispatch: %s', (status, restricts) => {
    expect(restrictsDispatch(status)).toBe(restricts);
  });
});
