import { z } from 'zod';
import { signInMethodLabels, signInMethodSchema } from './sign-in-answers';

/**
 * Whether Microsoft Entra Cloud Sync can replace Connect Sync, from the features a tenant uses.
 * Every rule quotes the Learn row it comes from; docs/reference/cloud-sync-comparison.md keeps the
 * rows verbatim with the page dates.
 */

/** Learn pages the rules quote. */
export const cloudSyncSources = {
  comparison: {
    title:
      'Microsoft Entra Cloud Sync migration decision guide: Comparison between Microsoft Entra Connect and Cloud Sync (6 October 2026)',
    url: 'https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/connect-to-cloud-sync-decision-guide#comparison-between-microsoft-entra-connect-and-cloud-sync',
  },
  readiness: {
    title:
      'Microsoft Entra Cloud Sync migration decision guide: Ready for immediate migration (6 October 2026)',
    url: 'https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/connect-to-cloud-sync-decision-guide#ready-for-immediate-migration',
  },
  deviceSync: {
    title: 'Configure device sync with Microsoft Entra Cloud Sync (29 September 2026)',
    url: 'https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/device-sync',
  },
  groupWriteback: {
    title:
      'Migrate Microsoft Entra Connect Sync Group Writeback v2 to Microsoft Entra Cloud Sync (29 September 2025)',
    url: 'https://learn.microsoft.com/entra/identity/hybrid/cloud-sync/migrate-group-writeback',
  },
} as const;
export type CloudSyncSource = (typeof cloudSyncSources)[keyof typeof cloudSyncSources];

/** Which groups are written back from Microsoft Entra ID to Active Directory. */
export const groupWritebackChoices = ['none', 'security-groups', 'microsoft-365-groups'] as const;
/** How the synchronised forests relate. */
export const forestTopologies = ['single', 'connected', 'disconnected'] as const;
/** How objects are filtered before they are synchronised. */
export const filteringChoices = ['none', 'ou', 'attribute'] as const;

/** The features a tenant uses today, as far as they decide between Cloud Sync and Connect Sync. */
export const cloudSyncFeaturesSchema = z.strictObject({
  signInMethod: signInMethodSchema,
  passwordHashSync: z.boolean(),
  passwordWriteback: z.boolean(),
  exchangeHybrid: z.boolean(),
  directoryExtensions: z.boolean(),
  groupWriteback: z.enum(groupWritebackChoices),
  deviceWriteback: z.boolean(),
  hybridJoinDevices: z.boolean(),
  customSyncRules: z.boolean(),
  filtering: z.enum(filteringChoices),
  forests: z.enum(forestTopologies),
  mergedAttributesAcrossForests: z.boolean(),
  domainOver150kObjects: z.boolean(),
  groupOver50kMembers: z.boolean(),
});
export type CloudSyncFeatures = z.infer<typeof cloudSyncFeaturesSchema>;
export type CloudSyncFeatureKey = keyof CloudSyncFeatures;

/** A simple tenant: password hash sync, one forest, nothing written back, no custom rules. */
export const simpleTenantFeatures: CloudSyncFeatures = {
  signInMethod: 'phs',
  passwordHashSync: true,
  passwordWriteback: false,
  exchangeHybrid: false,
  directoryExtensions: false,
  groupWriteback: 'none',
  deviceWriteback: false,
  hybridJoinDevices: false,
  customSyncRules: false,
  filtering: 'none',
  forests: 'single',
  mergedAttributesAcrossForests: false,
  domainOver150kObjects: false,
  groupOver50kMembers: false,
};

/** One feature in use, judged: fine on Cloud Sync (perhaps with something to do) or blocking. */
export interface FeatureJudgment {
  readonly feature: CloudSyncFeatureKey;
  /** The feature in the words an admin knows, with the choice when it has several. */
  readonly label: string;
  readonly reason: string;
  readonly source: CloudSyncSource;
}

/** The answer: move to Cloud Sync, or stay on Connect Sync and why. */
export type CloudSyncFit =
  | {
      readonly verdict: 'fits';
      readonly guidance: string;
      readonly fine: readonly FeatureJudgment[];
    }
  | {
      readonly verdict: 'does-not-fit';
      readonly guidance: string;
      readonly blocking: readonly FeatureJudgment[];
      readonly fine: readonly FeatureJudgment[];
    };

type Outcome = { readonly blocks: boolean } & Omit<FeatureJudgment, 'feature'>;

const { comparison, readiness, deviceSync, groupWriteback } = cloudSyncSources;

function fine(label: string, reason: string, source: CloudSyncSource = comparison): Outcome {
  return { blocks: false, label, reason, source };
}
function blocks(label: string, reason: string, source: CloudSyncSource = comparison): Outcome {
  return { blocks: true, label, reason, source };
}

/**
 * One rule per feature: what Learn says of it when it is in use, or undefined when it is not in use
 * (a feature not used neither blocks nor needs mentioning).
 */
const rules: Readonly<
  Record<CloudSyncFeatureKey, (features: CloudSyncFeatures) => Outcome | undefined>
> = {
  signInMethod: ({ signInMethod: method }) => {
    const label = `Sign-in: ${signInMethodLabels[method]}`;
    switch (method) {
      case 'phs':
        return fine(
          label,
          'Users sign in with the password hashes Cloud Sync synchronizes: full parity for password synchronization capabilities.',
        );
      case 'pta':
        return fine(
          label,
          'Pass-through authentication is managed separately from sync in Cloud Sync; PTA and Seamless SSO remain functional after migration. Keep the PTA agents running.',
        );
      case 'adfs':
      case 'pingfederate':
        return fine(
          label,
          'Federation configuration requires separate tools in Cloud Sync: the federation keeps working, but Cloud Sync does not set it up for you.',
        );
      case 'none':
        return undefined;
    }
  },
  passwordHashSync: ({ passwordHashSync: used }) =>
    used
      ? fine(
          'Password hash synchronization',
          'Full parity for password synchronization capabilities.',
        )
      : undefined,
  passwordWriteback: ({ passwordWriteback: used }) =>
    used ? fine('Password writeback', 'SSPR writeback supported in both platforms.') : undefined,
  exchangeHybrid: ({ exchangeHybrid: used }) =>
    used
      ? fine(
          'Exchange hybrid deployment',
          'Exchange Hybrid Attributes: full support for Exchange hybrid scenarios.',
        )
      : undefined,
  directoryExtensions: ({ directoryExtensions: used }) =>
    used
      ? fine(
          'Directory extension attribute sync',
          'Directory Extensions (1-15) and customer-defined attributes are supported.',
        )
      : undefined,
  groupWriteback: ({ groupWriteback: choice }) => {
    switch (choice) {
      case 'none':
        return undefined;
      case 'security-groups':
        return fine(
          'Group writeback of cloud security groups',
          'Group Provisioning to AD: cloud-to-AD group provisioning is available only in Cloud Sync (cloud security groups, written with universal scope).',
          groupWriteback,
        );
      case 'microsoft-365-groups':
        return blocks(
          'Group writeback of Microsoft 365 groups',
          'Cloud Sync provisions cloud security groups to AD; Learn keeps Microsoft 365 groups, mail-enabled groups and distribution lists on Connect Sync’s Group Writeback v1. Keep Connect Sync for them, or run Cloud Sync beside it for the security groups only.',
          groupWriteback,
        );
    }
  },
  deviceWriteback: ({ deviceWriteback: used }) =>
    used
      ? blocks(
          'Device writeback',
          'Not supported in Cloud Sync: device writeback is discontinued in favor of Cloud Kerberos Trust.',
        )
      : undefined,
  hybridJoinDevices: ({ hybridJoinDevices: used }) =>
    used
      ? fine(
          'Microsoft Entra hybrid join (device synchronization)',
          'Cloud Sync synchronizes computer objects for hybrid join once device sync is enabled in its configuration: device sync is off by default, so include it in the Cloud Sync plan.',
          deviceSync,
        )
      : undefined,
  customSyncRules: ({ customSyncRules: used }) =>
    used
      ? blocks(
          'Custom sync rules',
          'Advanced Sync Rules are not in Cloud Sync: it has the expression builder for attribute mappings, not the Synchronization Rules Editor. Each custom rule must be rebuilt as an expression, or Connect Sync stays.',
        )
      : undefined,
  filtering: ({ filtering: choice }) => {
    switch (choice) {
      case 'none':
        return undefined;
      case 'ou':
        return fine('OU-based filtering', 'Both support organizational unit scoping.');
      case 'attribute':
        return blocks(
          'Attribute-based filtering',
          'Cloud Sync has only basic attribute filtering (Learn: "Limited"); Learn asks for OU-based filtering rather than complex attribute-based rules before moving.',
          readiness,
        );
    }
  },
  forests: ({ forests: topology }) => {
    switch (topology) {
      case 'single':
        return fine(
          'One Active Directory forest',
          'Both support standard single-forest topologies.',
        );
      case 'connected':
        return fine(
          'Several connected forests',
          'Both support multiple connected forest scenarios.',
        );
      case 'disconnected':
        return fine(
          'Disconnected forests',
          'Cloud Sync supports disconnected forests (Connect Sync does not): each forest gets its own agents.',
        );
    }
  },
  mergedAttributesAcrossForests: ({ mergedAttributesAcrossForests: used }) =>
    used
      ? blocks(
          'User attributes merged across forests',
          'Cloud Sync cannot merge attributes from different AD sources, nor keep cross-forest references (an account forest with a resource forest).',
        )
      : undefined,
  domainOver150kObjects: ({ domainOver150kObjects: over }) =>
    over
      ? blocks(
          'A domain with more than 150,000 objects',
          'Cloud Sync currently supports up to 150,000 objects per domain.',
        )
      : undefined,
  groupOver50kMembers: ({ groupOver50kMembers: over }) =>
    over
      ? blocks(
          'A group with more than 50,000 members',
          'Cloud Sync is limited to groups of 50,000 members (Connect Sync: 250,000).',
        )
      : undefined,
};

const featureOrder = Object.keys(cloudSyncFeaturesSchema.shape) as CloudSyncFeatureKey[];

function judge(
  feature: CloudSyncFeatureKey,
  features: CloudSyncFeatures,
): (FeatureJudgment & { blocks: boolean }) | undefined {
  const outcome = rules[feature](features);
  return outcome === undefined ? undefined : { feature, ...outcome };
}

/** Decides whether Cloud Sync fits; every blocking feature is named with its reason. */
export function decideCloudSyncFit(features: CloudSyncFeatures): CloudSyncFit {
  const judged = featureOrder
    .map((feature) => judge(feature, features))
    .filter((judgment) => judgment !== undefined);
  const strip = ({ blocks: _blocks, ...judgment }: FeatureJudgment & { blocks: boolean }) =>
    judgment;
  const blocking = judged.filter((judgment) => judgment.blocks).map(strip);
  const fineOnes = judged.filter((judgment) => !judgment.blocks).map(strip);
  if (blocking.length === 0) {
    return {
      verdict: 'fits',
      guidance:
        'Move to Microsoft Entra Cloud Sync instead of building a new Connect server: install the provisioning agent, configure Cloud Sync, then retire Connect Sync. The V2 migration is not needed.',
      fine: fineOnes,
    };
  }
  return {
    verdict: 'does-not-fit',
    guidance:
      'Stay on Connect Sync for now and continue with the V2 migration to the new server. Check again when Cloud Sync supports what blocks it today.',
    blocking,
    fine: fineOnes,
  };
}
