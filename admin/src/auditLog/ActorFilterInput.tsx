import { AutocompleteInput, ReferenceInput, TextInput, useCanAccess } from 'react-admin';

/** Admins pick a staff member by name; other roles cannot read `users`, so they type an id. */
export function ActorFilterInput({ source, label, alwaysOn }: { source: string; label?: string; alwaysOn?: boolean }) {
  const { canAccess, isPending } = useCanAccess({ resource: 'users', action: 'list' });
  if (isPending) return null;
  if (!canAccess) return <TextInput source={source} label={label} />;
  return (
    <ReferenceInput source={source} reference="users" alwaysOn={alwaysOn}>
      <AutocompleteInput optionText="fullName" label={label} />
    </ReferenceInput>
  );
}
