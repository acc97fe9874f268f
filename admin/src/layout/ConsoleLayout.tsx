import type { ReactNode } from 'react';
import { Layout } from 'react-admin';
import { ConsoleAppBar } from './ConsoleAppBar';

/**
 * react-admin's layout and menu: the menu lists each resource whose `list` the
 * authProvider's `canAccess` allows, so every role sees only what it may read.
 */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  return <Layout appBar={ConsoleAppBar}>{children}</Layout>;
}
