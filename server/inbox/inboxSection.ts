/** A section of the inbox: the roles it is meant for and the counts it holds at a given moment. */
import type { Role } from '../../shared/roles';
import type { InboxItemDef, InboxMoment } from './inboxItem';

export interface InboxSectionDef {
  key: 'support' | 'ops' | 'mediator' | 'coordinator' | 'engine';
  /** The roles whose home shows the section; each count also needs the role to list its resource. */
  roles: readonly Role[];
  items(moment: InboxMoment): InboxItemDef[];
}
