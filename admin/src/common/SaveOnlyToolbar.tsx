import { SaveButton, Toolbar } from 'react-admin';

/**
 * Edit forms without the default Delete button: records here are not deleted from a
 * form (an admin's blanket permission would otherwise show it on every screen).
 */
export function SaveOnlyToolbar() {
  return (
    <Toolbar>
      <SaveButton />
    </Toolbar>
  );
}
