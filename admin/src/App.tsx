import { Route } from 'react-router-dom';
import { useMemo } from 'react';
import {
  Admin,
  CustomRoutes,
  Resource,
  localStorageStore,
  type AuthProvider,
  type DataProvider,
  type I18nProvider,
  type Store,
} from 'react-admin';
import { authProvider as defaultAuthProvider } from './authProvider';
import { dataProvider as defaultDataProvider } from './dataProvider';
import { Dashboard } from './dashboard/Dashboard';
import { i18nProvider as defaultI18nProvider } from './i18n';
import { ConsoleLayout } from './layout/ConsoleLayout';
import { consoleTheme } from './layout/theme';
import { guardedPage, withAccessGuards } from './common/guarded';
import { keepSavedViewsOnReset } from './common/keepSavedViews';
import { listParamsInUrlOnly } from './common/listParamsInUrl';
import appTokens from './appTokens';
import auditLog from './auditLog';
import cases from './cases';
import clients from './clients';
import documents from './documents';
import limitations from './limitations';
import orders from './orders';
import partners from './partners';
import payments from './payments';
import payouts from './payouts';
import payoutRuns from './payoutRuns';
import proposals from './proposals';
import reviews from './reviews';
import services from './services';
import signals from './signals';
import users from './users';
import { QueuePage } from './verification/QueuePage';
import { WatchPage } from './verification/WatchPage';
import { SheetsPage } from './sheets/SheetsPage';
import { TWO_STEP_PATH } from './authProvider';
import { ConsoleLoginPage } from './twoStep/SignInCodePage';
import { TwoStepPage } from './twoStep/TwoStepPage';

export interface AppProps {
  /** Injected by tests (fresh providers and an in-memory store per test). */
  authProvider?: AuthProvider;
  dataProvider?: DataProvider;
  i18nProvider?: I18nProvider;
  store?: Store;
}

/** Each resource's pages, guarded once here (not per render: a new component type would remount the page). */
const views = {
  partners: withAccessGuards(partners),
  documents: withAccessGuards(documents),
  clients: withAccessGuards(clients),
  orders: withAccessGuards(orders),
  proposals: withAccessGuards(proposals),
  reviews: withAccessGuards(reviews),
  services: withAccessGuards(services),
  limitations: withAccessGuards(limitations),
  signals: withAccessGuards(signals),
  cases: withAccessGuards(cases),
  payments: withAccessGuards(payments),
  payouts: withAccessGuards(payouts),
  payoutRuns: withAccessGuards(payoutRuns),
  auditLog: withAccessGuards(auditLog),
  users: withAccessGuards(users),
  appTokens: withAccessGuards(appTokens),
};

/** The verification workspace's pages: not resources of the table, so guarded as pages (partners:verification, access.ts). */
const VerificationQueue = guardedPage('verification-queue', QueuePage);
const VerificationWatch = guardedPage('verification-watch', WatchPage);
/** The intervention sheets' "to print" screen: a page, not a resource, so guarded as one (orders:sheets, access.ts). */
const Sheets = guardedPage('sheets', SheetsPage);

// Versioned so that a change of stored shapes (filters, columns) starts clean; saved views
// survive sign-out (keepSavedViews.ts).
const defaultStore = keepSavedViewsOnReset(localStorageStore('1', 'console'), window.localStorage, 'RaStoreconsole');

/**
 * Every resource is declared for every role: react-admin asks `canAccess` for each
 * one's list to build the menu (and for each button), and every page is guarded by
 * its action, so what a role sees follows shared/permissions.ts with no second list here.
 */
export function App({
  authProvider = defaultAuthProvider,
  dataProvider = defaultDataProvider,
  i18nProvider = defaultI18nProvider,
  store = defaultStore,
}: AppProps) {
  // Built once per store: react-admin's hooks subscribe to the instance they are given.
  const consoleStore = useMemo(() => listParamsInUrlOnly(store), [store]);
  return (
    <Admin
      title="app.title"
      authProvider={authProvider}
      dataProvider={dataProvider}
      i18nProvider={i18nProvider}
      store={consoleStore}
      layout={ConsoleLayout}
      theme={consoleTheme}
      loginPage={ConsoleLoginPage}
      dashboard={Dashboard}
      requireAuth
      disableTelemetry
    >
      <Resource name="partners" {...views.partners} />
      <Resource name="documents" {...views.documents} />
      <Resource name="clients" {...views.clients} />
      <Resource name="orders" {...views.orders} />
      <Resource name="proposals" {...views.proposals} />
      <Resource name="reviews" {...views.reviews} />
      <Resource name="services" {...views.services} />
      <Resource name="limitations" {...views.limitations} />
      <Resource name="signals" {...views.signals} />
      <Resource name="cases" {...views.cases} />
      <Resource name="payments" {...views.payments} />
      <Resource name="payouts" {...views.payouts} />
      <Resource name="payout-runs" {...views.payoutRuns} />
      <Resource name="audit-log" {...views.auditLog} />
      <Resource name="users" {...views.users} />
      <Resource name="app-tokens" {...views.appTokens} />
      <CustomRoutes>
        <Route path="/verification-queue" element={<VerificationQueue />} />
        <Route path="/verification-watch" element={<VerificationWatch />} />
        <Route path="/sheets" element={<Sheets />} />
        <Route path={TWO_STEP_PATH} element={<TwoStepPage />} />
      </CustomRoutes>
    </Admin>
  );
}
