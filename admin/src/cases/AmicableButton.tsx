/**
 * Start the amicable settlement of a case (MED-1): the platform intermediates between the
 * client and the partner. Confirmed first — the case cannot go back to "open" — with an
 * optional note.
 */
import { NoteTransitionButton } from './NoteTransitionButton';

export function AmicableButton() {
  return <NoteTransitionButton transition="amicable" send={(dataProvider, id, body) => dataProvider.startAmicable(id, body)} />;
}
