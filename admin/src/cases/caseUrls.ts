/** The case files the browser opens itself (links and downloads, not calls of the console). */
import type { Identifier } from 'react-admin';
import { API_URL } from '../apiUrl';
import { segment } from '../httpClient';

/** The referral file for the mediator (`GET /api/cases/{id}/referral.pdf`). */
export const referralPdfUrl = (id: Identifier) => `${API_URL}/cases/${segment(id)}/referral.pdf`;

/** An evidence file (`GET /api/cases/{id}/evidence/{fileId}`), readable by mediators and admin only. */
export const evidenceFileUrl = (caseId: Identifier, fileId: Identifier) => `${API_URL}/cases/${segment(caseId)}/evidence/${segment(fileId)}`;
