// What npm run publish:app does (the entry is publish-app.ts).
//
// Builds the Teams app package (as npm run package:app does) and publishes it to the
// organisation's Teams app catalog through Microsoft Graph: the admin signs in with a device code
// (delegated AppCatalog.ReadWrite.All; AppCatalog.Submit with --submit-for-review), then the app is
// added to the catalog, or, when its manifest id is already there, a new version is added to it.
// The version is raised above the catalog's when the package changed; an unchanged package that
// the catalog already holds is not sent again.
//
// Settings, from the environment or the azd environment: TEAMS_PUBLISH_TENANT (default the
// deployment's AZURE_TENANT_ID, else "organizations"), TEAMS_PUBLISH_CLIENT_ID (the public client
// that signs the admin in; default Microsoft Graph Command Line Tools), TEAMS_PUBLISH_AUTHORITY_HOST
// and TEAMS_PUBLISH_GRAPH_ENDPOINT (other clouds).
import { AuthError, PublicClientApplication } from '@azure/msal-node';
import {
  AppPackageError,
  azdEnvironment,
  buildAppPackage,
  compareVersions,
  GUID,
  settingOf,
  type AzdEnvironment,
  type BuiltAppPackage,
} from '../scripts/app-package.mjs';
import { EntraNetworkClient, type EntraRefusal } from './entra-network-client';
import { AppCatalog, AppCatalogError, definitionInReview, type CatalogApp } from './app-catalog';

/** Microsoft Graph Command Line Tools: Microsoft's public client for admin scripts (device code). */
export const GRAPH_COMMAND_LINE_TOOLS_CLIENT_ID = '14d82eec-204b-4c2f-b7e8-296a70dab67e';

/** A failure the admin can act on: printed as it is, exit code 1. */
class PublishError extends Error {
  override readonly name = 'PublishError';
}

interface PublishSettings {
  readonly tenant: string;
  readonly clientId: string;
  readonly authorityHost: string;
  readonly graphEndpoint: string;
  readonly submitForReview: boolean;
  readonly out: string | undefined;
}

function httpsOrigin(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new PublishError(`${name} must be an https address; it is "${value}".`);
  }
  if (url.protocol !== 'https:')
    throw new PublishError(`${name} must be an https address; it is "${value}".`);
  return url.origin;
}

function readSettings(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  azd: AzdEnvironment | undefined,
): PublishSettings {
  const flags = args.filter((arg) => arg.startsWith('--'));
  const paths = args.filter((arg) => !arg.startsWith('--'));
  const unknown = flags.filter((flag) => flag !== '--submit-for-review');
  if (unknown.length > 0 || paths.length > 1) {
    throw new PublishError(
      `usage: npm run publish:app [-- --submit-for-review] [-- package.zip]; ${unknown.length > 0 ? `unknown option ${unknown.join(' ')}` : 'one package path at most'}.`,
    );
  }
  const setting = (name: string): string | undefined => settingOf(name, env, azd);
  const clientId = setting('TEAMS_PUBLISH_CLIENT_ID') ?? GRAPH_COMMAND_LINE_TOOLS_CLIENT_ID;
  if (!GUID.test(clientId)) {
    throw new PublishError(
      `TEAMS_PUBLISH_CLIENT_ID must be an application (client) id, a GUID; it is "${clientId}".`,
    );
  }
  const tenant = setting('TEAMS_PUBLISH_TENANT') ?? setting('AZURE_TENANT_ID') ?? 'organizations';
  if (!/^[A-Za-z0-9.-]+$/.test(tenant)) {
    throw new PublishError(
      `TEAMS_PUBLISH_TENANT must be a tenant id or domain; it is "${tenant}".`,
    );
  }
  return {
    tenant,
    clientId,
    authorityHost: httpsOrigin(
      'TEAMS_PUBLISH_AUTHORITY_HOST',
      setting('TEAMS_PUBLISH_AUTHORITY_HOST') ?? 'https://login.microsoftonline.com',
    ),
    graphEndpoint: httpsOrigin(
      'TEAMS_PUBLISH_GRAPH_ENDPOINT',
      setting('TEAMS_PUBLISH_GRAPH_ENDPOINT') ?? 'https://graph.microsoft.com',
    ),
    submitForReview: flags.includes('--submit-for-review'),
    out: paths[0],
  };
}

/** Signs the admin in with a device code; returns the Graph token and who signed in. */
async function signIn(
  settings: PublishSettings,
  scope: string,
): Promise<{ token: string; account: string }> {
  const network = new EntraNetworkClient();
  const client = new PublicClientApplication({
    auth: {
      clientId: settings.clientId,
      authority: `${settings.authorityHost}/${settings.tenant}`,
      // The authority is taken as given: no instance discovery call to the public cloud.
      knownAuthorities: [new URL(settings.authorityHost).host],
    },
    system: { networkClient: network },
  });
  let result;
  try {
    result = await client.acquireTokenByDeviceCode({
      scopes: [`${settings.graphEndpoint}/${scope}`],
      deviceCodeCallback: (response) => {
        console.log(`\n${response.message}\n`);
      },
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    throw new PublishError(signInFailure(error, network.lastRefusal(), settings, scope), {
      cause: error,
    });
  }
  if (result === null || result.accessToken === '') {
    throw new PublishError('Microsoft Entra ID returned no token for Microsoft Graph.');
  }
  return {
    token: result.accessToken,
    account: result.account?.username ?? 'the signed-in account',
  };
}

/** Why the sign-in failed, in Entra's words (its AADSTS description), and who can fix consent. */
function signInFailure(
  error: AuthError,
  refusal: EntraRefusal | undefined,
  settings: PublishSettings,
  scope: string,
): string {
  const said = refusal?.description ?? `${error.errorCode}: ${error.errorMessage}`;
  // AADSTS65001: "The user or administrator has not consented to use the application".
  const needsConsent = /AADSTS65001|consent_required/.test(`${said} ${error.errorMessage}`);
  return [
    `the sign-in failed: ${said}`,
    ...(needsConsent ? [consentHint(settings, scope)] : []),
  ].join('\n');
}

/** The highest version the catalog holds of the app. */
function catalogVersion(app: CatalogApp): string | undefined {
  return app.definitions
    .map((definition) => definition.version)
    .reduce<string | undefined>(
      (top, version) => (top === undefined || compareVersions(version, top) > 0 ? version : top),
      undefined,
    );
}

/** Who may consent for the organisation to a delegated permission that needs an admin's consent. */
function consentHint(settings: PublishSettings, scope: string): string {
  return `${scope} needs an administrator's consent for the client ${settings.clientId} (TEAMS_PUBLISH_CLIENT_ID): a Global Administrator or Privileged Role Administrator grants it for the organisation, on the consent prompt at sign-in ("Consent on behalf of your organization") or in Enterprise applications > the client > Permissions.`;
}

/** What went wrong at which step, and what the admin can do about it. */
function explain(error: AppCatalogError, settings: PublishSettings, step: CatalogStep): string {
  if (error.status === 0) return `${error.message}.`;
  if (error.status === 401) {
    return `${error.message}. Graph did not take the sign-in's token: sign in again, with an account of the tenant ${settings.tenant}.`;
  }
  if (error.status === 403) {
    return settings.submitForReview
      ? `${error.message}. This account may not submit apps to the catalog: it needs consent to AppCatalog.Submit for the client ${settings.clientId} (TEAMS_PUBLISH_CLIENT_ID).`
      : `${error.message}. This account may not publish to the app catalog: publishing needs the Teams Administrator (or Global Administrator) role, and ${consentHint(settings, 'AppCatalog.ReadWrite.All')} Without those rights, npm run publish:app -- --submit-for-review submits it for a Teams administrator to approve.`;
  }
  if (error.status === 409 && step === 'publish') {
    return `${error.message}. The catalog already has an app with this manifest id (TEAMS_APP_ID), which this account does not see: the catalog list is filtered by app permission policies, and a new app can take a day or two to show in it. Find the app in the Teams admin center (Teams apps > Manage apps) and upload the new version there, or run this again later.`;
  }
  if (error.status === 409) {
    return `${error.message}. The catalog refused the new version: an earlier one may still wait for review (Teams admin center > Teams apps > Manage apps).`;
  }
  if (error.status === 400) {
    return `${error.message}. The catalog refused the package.`;
  }
  return `${error.message}.`;
}

function describeOutcome(
  built: BuiltAppPackage,
  app: CatalogApp | undefined,
  action: 'published' | 'updated',
): string {
  const name = built.manifest.name.short;
  const definition = app?.definitions.find((candidate) => candidate.version === built.version);
  const where = app === undefined ? '' : ` (catalog id ${app.id})`;
  switch (definition?.publishingState) {
    case 'published':
      return [
        `${action === 'published' ? 'Published' : 'Updated'} ${name} ${built.version} in your organisation's app catalog${where}.`,
        'People find it in Teams under Apps > Built for your org. Allow it in your app permission policies, and install it for the approvers with an app setup policy so that approval cards reach them.',
      ].join('\n');
    case 'submitted':
      return [
        `Submitted ${name} ${built.version} for review${where}: admin approval is pending.`,
        'A Teams administrator approves it in the Teams admin center (Teams apps > Manage apps, the app shows as Submitted); until then nobody can install this version.',
      ].join('\n');
    case 'rejected':
      return `The catalog lists ${name} ${built.version} as rejected by an administrator${where}.`;
    default:
      return `Graph accepted ${name} ${built.version}, but the catalog does not list that version yet${where}; look in the Teams admin center (Teams apps > Manage apps) in a few minutes.`;
  }
}

/** What the command was doing with the catalog when Graph refused. */
type CatalogStep = 'find' | 'publish' | 'update';

/** Publishes the package; returns the process exit code. */
export async function publishApp(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  cwd: string = process.cwd(),
): Promise<number> {
  let settings: PublishSettings | undefined;
  let step: CatalogStep = 'find';
  try {
    settings = readSettings(args, env, azdEnvironment(cwd, env));
    // Build first: a missing value stops the run before anyone is asked to sign in.
    let built = await buildAppPackage({ cwd, env, out: settings.out });
    const scope = settings.submitForReview ? 'AppCatalog.Submit' : 'AppCatalog.ReadWrite.All';
    console.log(
      `Built ${built.out} (Teams app ${built.teamsAppId}, version ${built.version}) from ${built.source}.`,
    );
    console.log(
      `Sign in as a Teams Administrator of ${settings.tenant} to ${settings.submitForReview ? 'submit it to' : 'publish it in'} the app catalog (Microsoft Graph ${scope}):`,
    );
    const { token, account } = await signIn(settings, scope);
    console.log(`Signed in as ${account}.`);
    const catalog = new AppCatalog(settings.graphEndpoint, token);

    let app = await catalog.find(built.teamsAppId);
    if (app !== undefined) {
      const inReview = definitionInReview(app);
      if (inReview !== undefined) {
        throw new PublishError(
          `Version ${inReview.version} of ${app.displayName} still waits for review in the Teams admin center (Teams apps > Manage apps): approve or reject it there first. Nothing was sent.`,
        );
      }
      const published = catalogVersion(app);
      const inCatalog = app.definitions.find((definition) => definition.version === built.version);
      if (!built.changed && inCatalog?.publishingState === 'published') {
        console.log(
          `The catalog already holds this package as ${app.displayName} ${built.version} (catalog id ${app.id}); nothing changed, nothing was sent.`,
        );
        return 0;
      }
      if (published !== undefined && compareVersions(built.version, published) <= 0) {
        built = await buildAppPackage({ cwd, env, out: built.out, published });
        console.log(
          `The catalog holds version ${published}: this package is version ${built.version}.`,
        );
      }
      step = 'update';
      await catalog.update(app.id, built.zip, settings.submitForReview);
      step = 'find';
      app = await catalog.find(built.teamsAppId);
      console.log(describeOutcome(built, app, 'updated'));
      return 0;
    }
    step = 'publish';
    await catalog.publish(built.zip, settings.submitForReview);
    step = 'find';
    app = await catalog.find(built.teamsAppId);
    console.log(describeOutcome(built, app, 'published'));
    return 0;
  } catch (error) {
    if (error instanceof AppPackageError || error instanceof PublishError) {
      console.error(`publish-app: ${error.message.replaceAll('\n', '\npublish-app: ')}`);
      return 1;
    }
    if (error instanceof AppCatalogError && settings !== undefined) {
      console.error(`publish-app: ${explain(error, settings, step)}`);
      return 1;
    }
    throw error;
  }
}
