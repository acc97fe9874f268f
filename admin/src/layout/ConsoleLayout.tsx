import type { ReactNode } from 'react';
import AssignmentTurnedInIcon from '@mui/icons-material/AssignmentTurnedIn';
import EventBusyIcon from '@mui/icons-material/EventBusy';
import PhonelinkLockIcon from '@mui/icons-material/PhonelinkLock';
import PrintIcon from '@mui/icons-material/Print';
import { CanAccess, Layout, Menu, useGetIdentity } from 'react-admin';
import { mustEnrol, TWO_STEP_PATH } from '../authProvider';
import { LiveUpdates } from '../live/LiveUpdates';
import { RecordChangedNotice } from '../live/RecordChangedNotice';
import { TwoStepPage } from '../twoStep/TwoStepPage';
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
      <Menu.Item to={TWO_STEP_PATH} primaryText="app.twoStep.menu" leftIcon={<PhonelinkLockIcon />} />
    </Menu>
  );
}

/**
 * react-admin's layout and menu: the menu lists each resource whose `list` the
 * authProvider's `canAccess` allows, so every role sees only what it may read. Live updates
 * (one event stream for the whole console) and a record page's "changed by" notice live here,
 * once for every page.
 */
export function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <LiveUpdates>
      <Layout appBar={ConsoleAppBar} menu={ConsoleMenu}>
        <EnrolmentGate>
          <RecordChangedNotice />
          {children}
        </EnrolmentGate>
      </Layout>
    </LiveUpdates>
  );
}

/**
 * A role that must sign in in two steps and has not enrolled sees the enrolment page wherever
 * it goes (the server refuses it everything else anyway).
 */
function EnrolmentGate({ children }: { children: ReactNode }) {
  const { identity } = useGetIdentity();
  return mustEnrol(identity) ? <TwoStepPage /> : <>{children}</>;
}
