import { z } from 'zod';

const mentionEntity = z.looseObject({
  type: z.literal('mention'),
  mentioned: z.looseObject({ id: z.string() }),
  text: z.string(),
});

/** The parts of an activity needed to find the bot's own mention. */
export interface MentionSource {
  readonly text?: string | undefined;
  readonly entities?: readonly unknown[] | undefined;
  readonly recipient?: { readonly id?: string; readonly name?: string } | undefined;
}

/**
 * The message text without the bot's `<at>…</at>` mention, which Teams puts in every channel and
 * group chat message addressed to the bot. Mentions of other people are kept.
 */
export function removeBotMention(activity: MentionSource): string {
  let text = activity.text ?? '';
  const botId = activity.recipient?.id;
  for (const entity of activity.entities ?? []) {
    const mention = mentionEntity.safeParse(entity);
    if (mention.success && botId !== undefined && mention.data.mentioned.id === botId) {
      text = text.split(mention.data.text).join(' ');
    }
  }
  // Some clients send the mention in the text without a matching entity.
  const botName = activity.recipient?.name;
  if (botName !== undefined && botName !== '') {
    text = text.split(`<at>${botName}</at>`).join(' ');
  }
  return text.trim();
}
