import type { ReactNode } from 'react';
import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import PrintIcon from '@mui/icons-material/Print';
import { CanAccess, Layout, Menu } from 'react-admin';
import { ConsoleAppBar } from './ConsoleAppBar';

/**
 * The resources react-admin lists by itself, then the verification workspace's pages
 * (the queue and the REF-8 watch view) for the roles with partners:verification.
 */
function ConsoleMenu() {
  return (
    <Menu>
      <Menu.DashboardItem />
      <Menu.ResourceItems />
      <CanAccess resource="verification-queue" action="list">
        <Menu.Item to="/verification-queue" primaryText="app.verification.menu.queue" leftIcon={<AssignmentTurnedInIcon />} />
      </CanAccess>
      <CanAccess resource="verification-watch" action="list">
        <Menu.Item to="/verification-watch" primaryText="app.verification.menu.watch" leftIcon={<EventBusyIcon />} />
      </CanAccess>
      <CanAccess resource="sheets" action="list">
        <Menu.Item to="/sheets" primaryText="app.sheets.menu" leftIcon={<PrintIcon />} />
      </CanAccess>
    </Menu>
  );
}

/**
 * react-admin's layout and menu: the menu lists each resource whose `list` the
 * authProvider's `canAccess` allows, so every role sees only what it may read.
 */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <Layout appBar={ConsoleAppBar} menu={ConsoleMenu}>
      {children}
    </Layout>
  );
}
