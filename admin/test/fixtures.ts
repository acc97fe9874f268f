/** Rows shaped like the API's (CONTRACT.md "Key fields"). */
export const services = [
  { id: 'haircut', vertical: 'wellness', name: 'Coupe à domicile', durationMin: 45, priceCents: 3500, partnerPayCents: 2600, regulated: false },
  { id: 'cleaning', vertical: 'care', name: 'Ménage', durationMin: 120, priceCents: 5400, partnerPayCents: 4000, regulated: true },
];

export const partners = [
  {
    id: 11,
    reference: 'P-000011',
    firstName: 'Élodie',
    lastName: 'Durand',
    email: 'elodie.durand@example.fr',
    phone: '0601020304',
    birthDate: '••••-••-••',
    address: '3 rue des Lilas',
    postcode: '69003',
    city: 'Lyon',
    lat: 45.76,
    lng: 4.85,
    siren: '732829320',
    iban: 'FR76 •••• 0189',
    vertical: 'wellness',
    services: ['haircut'],
    radiusKm: 12,
    weeklyHours: [{ day: 1, from: '08:00', to: '12:00' }],
    status: 'active',
    assignedTo: null,
    limitation: null,
    score: 87.5,
    createdAt: '2025-03-07T09:05:00.000Z',
  },
  {
    id: 12,
    reference: 'P-000012',
    firstName: 'Karim',
    lastName: 'Benali',
    email: 'karim.benali@example.fr',
    phone: null,
    birthDate: '••••-••-••',
    address: null,
    postcode: '75011',
    city: 'Paris',
    lat: null,
    lng: null,
    siren: null,
    iban: null,
    vertical: 'care',
    services: ['cleaning'],
    radiusKm: 5,
    weeklyHours: [],
    status: 'applicant',
    assignedTo: null,
    limitation: 'reduced',
    score: null,
    createdAt: '2025-04-01T14:30:00.000Z',
  },
];

export const clients = [
  {
    id: 21,
    reference: 'C-000021',
    firstName: 'Jeanne',
    lastName: 'Moreau',
    email: 'jeanne.moreau@example.fr',
    phone: '0611223344',
    address: '8 quai Saint-Vincent',
    postcode: '69001',
    city: 'Lyon',
    lat: 45.77,
    lng: 4.82,
    createdAt: '2025-02-01T10:00:00.000Z',
    deletedAt: null,
  },
];

export const orders = [
  {
    id: 31,
    reference: 'O-000031',
    clientId: 21,
    partnerId: 11,
    serviceCode: 'haircut',
    startsAt: '2025-03-10T13:00:00.000Z',
    endsAt: '2025-03-10T13:45:00.000Z',
    status: 'accepted',
    priceCents: 3500,
    partnerPayCents: 2600,
    createdAt: '2025-03-08T09:00:00.000Z',
    sheetSignedAt: null,
  },
];

export const proposals = [
  {
    id: 41,
    orderId: 31,
    partnerId: 11,
    rank: 1,
    sentAt: '2025-03-08T09:00:10.000Z',
    deadlineAt: '2025-03-08T09:15:10.000Z',
    answer: 'accepted',
    answeredAt: '2025-03-08T09:03:00.000Z',
    proposedStartsAt: null,
  },
];

export const reviews = [
  {
    id: 51,
    orderId: 31,
    partnerId: 11,
    clientId: 21,
    rating: 5,
    recommended: true,
    comment: 'Parfait, très à l’écoute.',
    surveyAnswered: true,
    createdAt: '2025-03-11T08:00:00.000Z',
    editedAt: null,
    publishedAt: '2025-03-11T08:00:00.000Z',
  },
];

export const payments = [
  { id: 61, orderId: 31, kind: 'capture', amountCents: 3500, dueAt: '2025-03-10T14:00:00.000Z', doneAt: '2025-03-10T14:00:05.000Z' },
];

export const payoutRuns = [
  {
    id: 5,
    periodKind: 'weekly',
    periodStart: '2025-03-03',
    periodEnd: '2025-03-09',
    payoutDate: '2025-03-10',
    expectedArrivalAt: '2025-03-17T23:00:00.000Z',
    payoutCount: 1,
    totalCents: 2600,
    createdAt: '2025-03-09T23:00:00.000Z',
  },
];

export const payouts = [
  {
    id: 71,
    partnerId: 11,
    payoutRunId: 5,
    periodStart: '2025-03-01',
    periodEnd: '2025-03-15',
    amountCents: 2600,
    lineCount: 1,
    paidAt: '2025-03-17T06:00:00.000Z',
    arrivesAt: '2025-03-19T06:00:00.000Z',
  },
];

export const limitations = [
  {
    id: 81,
    partnerId: 12,
    kind: 'manual',
    reason: 'no_show',
    modality: 'reduced',
    startsAt: '2025-03-05T10:00:00.000Z',
    endsAt: '2025-04-05T10:00:00.000Z',
    status: 'active',
    note: 'Absence le 4 mars.',
    evidence: [],
    createdBy: 3,
    terminationRequestedBy: null,
    createdAt: '2025-03-05T10:00:00.000Z',
  },
];

export const documents = [
  {
    id: 91,
    partnerId: 11,
    type: 'identity',
    status: 'approved',
    fileName: 'cni.pdf',
    mimeType: 'application/pdf',
    sizeBytes: 120034,
    sha256: 'ab12',
    issuedAt: '2020-05-01',
    expiresAt: '2030-05-01',
    rejectionReason: null,
    createdAt: '2025-03-01T10:00:00.000Z',
  },
];

export const signals = [
  {
    id: 101,
    partnerId: 12,
    source: 'computed',
    reason: 'repeated_cancellations',
    note: null,
    evidence: [],
    caseId: null,
    status: 'open',
    createdBy: null,
    createdAt: '2025-03-06T10:00:00.000Z',
  },
];

export const cases = [
  {
    id: 111,
    reference: 'M-000111',
    orderId: 31,
    clientId: 21,
    partnerId: 11,
    category: 'quality',
    status: 'open',
    writtenComplaintAt: '2025-03-11T09:00:00.000Z',
    answerDueAt: '2025-04-10T09:00:00.000Z',
    referredAt: null,
    mediatorReceivedAt: null,
    refusalDueAt: null,
    mediatorNotifiedAt: null,
    outcomeDueAt: null,
    outcome: null,
    refundCents: null,
    insuranceClaim: false,
    assignedTo: 4,
    createdAt: '2025-03-11T09:00:00.000Z',
  },
];

export const auditLog = [
  {
    id: 121,
    at: '2025-03-05T10:00:00.000Z',
    actorId: 3,
    actorKind: 'staff',
    actorName: 'Omar Ops',
    action: 'limitations.create',
    resource: 'limitations',
    resourceId: '81',
    before: null,
    after: { status: 'active', modality: 'reduced' },
  },
];

export const staff = [
  { id: 1, email: 'admin@demo.test', fullName: 'Alice Admin', role: 'admin', active: true, createdAt: '2025-01-01T00:00:00.000Z' },
  { id: 3, email: 'ops@demo.test', fullName: 'Omar Ops', role: 'ops', active: true, createdAt: '2025-01-01T00:00:00.000Z' },
];

export const appTokens = [
  { id: 1, name: 'demo-app-token', createdBy: 1, createdAt: '2025-01-01T00:00:00.000Z', lastUsedAt: null, revokedAt: null },
];

/** Every resource's rows, by API name. */
export const rowsByResource = {
  partners,
  documents,
  clients,
  services,
  orders,
  proposals,
  reviews,
  payments,
  payouts,
  'payout-runs': payoutRuns,
  limitations,
  signals,
  cases,
  'audit-log': auditLog,
  users: staff,
  'app-tokens': appTokens,
} as const;
