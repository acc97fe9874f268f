/** Everything the console asks for lives under /api on the same origin (vite proxies it in dev). */
export const API_URL = '/api';
