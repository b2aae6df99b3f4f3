import { TurnContext, type Activity } from 'botbuilder';

/** The conversation reference of an incoming activity as plain JSON, for storage. */
export function referenceOf(activity: Activity): Record<string, unknown> {
  return JSON.parse(JSON.stringify(TurnContext.getConversationReference(activity))) as Record<
    string,
    unknown
  >;
}
