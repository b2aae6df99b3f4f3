import { TurnContext, type Activity } from 'botbuilder';

/** The conversation reference of an incoming activity as plain JSON, for storage. */
export function referenceOf(activity: Activity): Record<string, unknown> {
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<
    string,
    unknown
  >;
}

/** The user's display name in a stored reference, when Teams gave one. */
export function referenceUserName(
  reference: Readonly<Record<string, unknown>> | undefined,
): string | undefined {
  const user = reference?.user;
  return typeof user === 'object' &&
    user !== null &&
    'name' in user &&
    typeof user.name === 'string' &&
    user.name !== ''
    ? user.name
    : undefined;
}
