/**
 * Refuses a file above the server's upload limit (`GET /api/uploads/limits`) as soon as it is
 * picked, before a byte is sent: a 12 MB scan is refused at once rather than after its upload.
 * The server checks again; if the limit cannot be read, the file goes and the server decides.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNotify } from 'react-admin';
import { API_URL } from '../apiUrl';
import { getJson } from '../httpClient';
import { DISPLAY_LOCALE } from './format';

interface UploadLimits {
  maxMb: number;
  acceptedTypes: string[];
}

const MIB = 1024 * 1024;

/** Resolves whether `file` may be sent; when not, the person is told why. */
export function useFileSizeGuard(): (file: File) => Promise<boolean> {
  const notify = useNotify();
  const queryClient = useQueryClient();
  return useCallback(
    async (file: File) => {
      const limits = await queryClient
        .ensureQueryData({ queryKey: ['uploads', 'limits'], queryFn: () => getJson<UploadLimits>(`${API_URL}/uploads/limits`), staleTime: Infinity })
        .catch(() => null);
      if (!limits || file.size <= limits.maxMb * MIB) return true;
      const size = (file.size / MIB).toLocaleString(DISPLAY_LOCALE, { maximumFractionDigits: 1 });
      notify('app.uploads.tooLarge', { type: 'error', messageArgs: { name: file.name, size, max: limits.maxMb } });
      return false;
    },
    [queryClient, notify],
  );
}
