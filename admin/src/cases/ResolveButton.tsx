/**
 * Mark a case resolved: the dispute is settled amicably and the case only remains to be
 * closed. Confirmed first — it cannot be undone — with an optional note.
 */
import { NoteTransitionButton } from './NoteTransitionButton';

export function ResolveButton() {
  return <NoteTransitionButton transition="resolve" send={(dataProvider, id, body) => dataProvider.resolveCase(id, body)} />;
}
