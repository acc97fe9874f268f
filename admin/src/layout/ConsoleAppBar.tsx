import { AppBar, LoadingIndicator, LocalesMenuButton, TitlePortal } from 'react-admin';
import { RoleChip } from './RoleChip';

/** Title, the signed-in role, the language switch (French ⇄ English) and the user menu. */
export function ConsoleAppBar() {
  return (
    <AppBar
      toolbar={
        <>
          <LocalesMenuButton />
          <LoadingIndicator />
        </>
      }
    >
      <TitlePortal />
      <RoleChip />
    </AppBar>
  );
}
