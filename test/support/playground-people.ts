import {
  playgroundBot,
  playgroundCurrentUser,
  playgroundPerson,
  playgroundTenant,
  playgroundUsers,
  type TeamsUser,
} from '../../local/scenario/playground-identities';

// The people the Agents Playground sends as, for tests: its defaults are kept once, in
// local/scenario/playground-identities.ts, which the scenario runner and the Playground config use.

export { playgroundBot, playgroundPerson, playgroundTenant, playgroundUsers, type TeamsUser };

/** Alex Wilber (`user-id-0`): the Playground's current user, who starts the migrations. */
export const alex: TeamsUser = playgroundCurrentUser;
/** Megan Bowen (`user-id-1`): the approver in most tests. */
export const megan: TeamsUser = playgroundPerson('Megan Bowen');
/** Adele Vance (`user-id-2`): a second approver, or someone with no part in the migration. */
export const adele: TeamsUser = playgroundPerson('Adele Vance');
