import { z } from 'zod';

/** Which tenants the bot serves; an empty list means any tenant. */
export interface TenantPolicy {
  readonly allowedTenantIds: readonly string[];
}

/** The parts of an activity that name its tenant. */
export interface TenantSource {
  readonly channelData?: unknown;
  readonly conversation?: { readonly tenantId?: string | undefined } | undefined;
}

const teamsChannelData = z.looseObject({
  tenant: z.looseObject({ id: z.string().min(1) }).optional(),
});

/** The tenant an activity comes from, or undefined when it names none or two different ones. */
export function findActivityTenantId(activity: TenantSource): string | undefined {
  const channelData = teamsChannelData.safeParse(activity.channelData);
  const fromChannelData = channelData.success ? channelData.data.tenant?.id : undefined;
  const conversationTenantId = activity.conversation?.tenantId;
  const fromConversation = conversationTenantId === '' ? undefined : conversationTenantId;
  if (fromChannelData !== undefined && fromConversation !== undefined) {
    return fromChannelData === fromConversation ? fromChannelData : undefined;
  }
  return fromChannelData ?? fromConversation;
}

/** Whether the policy lets the bot serve this activity; ids are opaque and compared exactly. */
export function isTenantAllowed(policy: TenantPolicy, activity: TenantSource): boolean {
  if (policy.allowedTenantIds.length === 0) {
    return true;
  }
  const tenantId = findActivityTenantId(activity);
  return tenantId !== undefined && policy.allowedTenantIds.includes(tenantId);
}
