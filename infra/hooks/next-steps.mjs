// azd's postdeploy hook: prints what azd cannot do itself, with the values of this environment
// (azd passes the deployment's outputs, such as IDENTITY_PRINCIPAL_ID, as environment variables).
const principal = process.env.IDENTITY_PRINCIPAL_ID ?? '<IDENTITY_PRINCIPAL_ID>';
const graphCredential = process.env.GRAPH_CREDENTIAL || 'managedIdentity';
const graphAppId = '00000003-0000-0000-c000-000000000000';

const lines = ['', 'Next steps:', ''];
let step = 1;
// What each permission gives: docs/deploy.md, "What each feature needs".
const permissions = [
  'Organization.Read.All',
  'User.ReadBasic.All',
  'TeamsAppInstallation.ReadWriteSelfForUser.All',
];
if (graphCredential === 'managedIdentity') {
  lines.push(
    `${step++}. Grant the bot's identity the Microsoft Graph application permissions`,
    `   ${permissions.join(', ')}`,
    '   (once, as a Privileged Role Administrator: the last cloud sync of the daily check-in, approvers',
    "   typed by sign-in name, and installing the app for approvers who lack it; the Azure CLI's sign-in",
    "   is not azd's, and the identity's cached token can take up to 24 hours to carry them):",
    '',
    `   az login --tenant ${process.env.AZURE_TENANT_ID || '<your tenant id>'}`,
    `   principal=${principal}`,
    `   graph=$(az ad sp show --id ${graphAppId} --query id -o tsv)`,
    `   for permission in ${permissions.join(' ')}; do`,
    `     role=$(az ad sp show --id ${graphAppId} \\`,
    `       --query "appRoles[?value=='$permission' && contains(allowedMemberTypes, 'Application')].id | [0]" -o tsv)`,
    '     az rest --method POST \\',
    '       --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$principal/appRoleAssignments" \\',
    '       --body "{\\"principalId\\":\\"$principal\\",\\"resourceId\\":\\"$graph\\",\\"appRoleId\\":\\"$role\\"}"',
    '   done',
    '',
  );
} else if (graphCredential === 'clientSecret') {
  lines.push(
    `${step++}. Make sure the Graph app registration (GRAPH_CLIENT_ID) has the application permissions`,
    `   ${permissions.join(', ')} with admin consent (the app installs itself for approvers`,
    "   only when it is the bot's own app registration).",
    '',
  );
}
lines.push(
  `${step}. Publish the Teams app to your organisation's app catalog, as a Teams Administrator (it`,
  "   reads BOT_ID from this azd environment, and links to your organisation's own pages):",
  '',
  '   azd env set APP_WEBSITE_URL https://...',
  '   azd env set APP_PRIVACY_URL https://...',
  '   azd env set APP_TERMS_OF_USE_URL https://...',
  '   npm run publish:app        # or npm run package:app, then upload the zip in the Teams admin center',
  '',
  '   Then, so the bot installs itself for approvers who do not have the app:',
  '   azd env set TEAMS_APP_CATALOG_ID <the catalog id publish:app prints> && azd provision',
  '',
);
console.log(lines.join('\n'));
