/** A document's file (`GET /api/documents/{id}/file`), which the preview fetches and links to. */
import { API_URL } from '../apiUrl';
import { segment } from '../httpClient';

export const documentFileUrl = (documentId: number | string) => `${API_URL}/documents/${segment(documentId)}/file`;
