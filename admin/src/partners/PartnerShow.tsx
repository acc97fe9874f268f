import {
  ChipField,
  EditButton,
  NumberField,
  ReferenceArrayField,
  Show,
  SingleFieldList,
  TabbedShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
} from 'react-admin';
import { BusinessDateField, DateTimeField, EnumField, IdentifierField, UserReferenceField } from '../common/fields';
import { DISPLAY_LOCALE } from '../common/format';
import { PartnerDocuments, PartnerLimitations } from './PartnerSections';
import { WeeklyHoursField } from './WeeklyHoursField';
import { VerificationPanel } from '../verification/VerificationPanel';
import { PartnerEngineTab } from '../insights/PartnerEngineTab';
import { PartnerOutbox } from '../limitations/PartnerOutbox';
import { PartnerTermination } from '../limitations/PartnerTermination';
import { PersonalDataExportButton } from '../privacy/PersonalDataExportButton';
import { PartnerPayouts } from '../payouts/PartnerPayouts';
import { PayoutFrequencyField } from '../payouts/PayoutFrequencyField';

/** EditButton hides itself for roles without `edit` on partners (it asks canAccess). */
function PartnerShowActions() {
  return (
    <TopToolbar>
      <PersonalDataExportButton />
      <EditButton />
    </TopToolbar>
  );
}

const COORDINATE = { maximumFractionDigits: 6 };

/** iban and birthDate are shown as the server sends them: masked for roles that may not see them. */
export function PartnerShow() {
  // The verification workspace: support and admin (partners:verification).
  const { canAccess: canVerify } = useCanAccess({ resource: 'partners', action: 'verification' });
  // PAY-7: the payouts tab for the roles that read payouts (ops, support, admin).
  const { canAccess: canReadPayouts } = useCanAccess({ resource: 'payouts', action: 'list' });
  return (
    <Show actions={<PartnerShowActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="resources.partners.tabs.identity">
          <TextField source="reference" />
          <TextField source="firstName" />
          <TextField source="lastName" />
          <TextField source="email" />
          <TextField source="phone" />
          <BusinessDateField source="birthDate" />
          <TextField source="address" />
          <TextField source="postcode" />
          <TextField source="city" />
          <NumberField source="lat" locales={DISPLAY_LOCALE} options={COORDINATE} />
          <NumberField source="lng" locales={DISPLAY_LOCALE} options={COORDINATE} />
          <IdentifierField source="siren" kind="siren" />
          <IdentifierField source="iban" kind="iban" />
          <DateTimeField source="createdAt" />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.partners.tabs.activity">
          <EnumField source="vertical" enumName="vertical" />
          <ReferenceArrayField source="services" reference="services">
            <SingleFieldList linkType={false}>
              <ChipField source="name" size="small" />
            </SingleFieldList>
          </ReferenceArrayField>
          <EnumField source="status" enumName="partnerStatus" />
          <UserReferenceField source="assignedTo" />
          <EnumField source="limitation" enumName="limitationModality" />
          <NumberField source="score" locales={DISPLAY_LOCALE} />
          <PartnerDocuments label={false} />
        </TabbedShowLayout.Tab>
        {/* Issue 5: the limitation in force, the history with "apply" (ops, admin), the messages sent to the partner. */}
        <TabbedShowLayout.Tab label="resources.partners.tabs.limitations" path="limitations">
          <EnumField source="limitation" enumName="limitationModality" emptyText="app.limitations.noneInForce" />
          <PartnerTermination label={false} />
          <PartnerLimitations label={false} />
          <PartnerOutbox label={false} />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.partners.tabs.engine" path="engine">
          <PartnerEngineTab />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.partners.tabs.availability">
          <NumberField source="radiusKm" locales={DISPLAY_LOCALE} />
          <WeeklyHoursField label="resources.partners.fields.weeklyHours" />
        </TabbedShowLayout.Tab>
        {canReadPayouts && (
          <TabbedShowLayout.Tab label="resources.partners.tabs.payouts" path="payouts">
            <PayoutFrequencyField label="resources.partners.fields.payoutFrequency" />
            <PartnerPayouts label={false} />
          </TabbedShowLayout.Tab>
        )}
        {canVerify && (
          <TabbedShowLayout.Tab label="app.verification.tab" path="verification">
            <VerificationPanel />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
}
