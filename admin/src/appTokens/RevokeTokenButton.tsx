import {
  DeleteWithConfirmButton,
  useCanAccess,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import type { AppToken } from '../types';

/**
 * DELETE /api/app-tokens/{id} revokes the token (the row stays, with `revokedAt`):
 * always behind a confirmation, pessimistic so nothing looks revoked before it is.
 */
export function RevokeTokenButton() {
  const record = useRecordContext<AppToken>();
  const { canAccess } = useCanAccess({ resource: 'app-tokens', action: 'delete' });
  const notify = useNotify();
  const refresh = useRefresh();
  if (!record || record.revokedAt || !canAccess) return null;
  return (
    <DeleteWithConfirmButton
      label="app.appTokens.revoke"
      confirmTitle="app.appTokens.revokeTitle"
      confirmContent="app.appTokens.revokeContent"
      titleTranslateOptions={{ name: record.name }}
      mutationMode="pessimistic"
      redirect={false}
      mutationOptions={{
        onSuccess: () => {
          notify('app.appTokens.revoked', { type: 'info' });
          // The revoked token stays listed with its revocation date: fetch it again.
          refresh();
        },
      }}
    />
  );
}
