// azd's postdeploy hook: prints what azd cannot do itself, with the values of this environment
// (azd passes the deployment's outputs, such as IDENTITY_PRINCIPAL_ID, as environment variables).
const principal = process.env.IDENTITY_PRINCIPAL_ID ?? '<IDENTITY_PRINCIPAL_ID>';
const graphCredential = process.env.GRAPH_CREDENTIAL || 'managedIdentity';
const graphAppId = '00000003-0000-0000-c000-000000000000';

const lines = ['', 'Next steps:', ''];
let step = 1;
if (graphCredential === 'managedIdentity') {
  lines.push(
    `${step++}. Grant the bot's identity the Microsoft Graph application permission Organization.Read.All`,
    '   (once, as a Privileged Role Administrator; the daily check-in reads the last cloud sync with it):',
    '',
    `   principal=${principal}`,
    `   graph=$(az ad sp show --id ${graphAppId} --query id -o tsv)`,
    `   role=$(az ad sp show --id ${graphAppId} \\`,
    `     --query "appRoles[?value=='Organization.Read.All' && contains(allowedMemberTypes, 'Application')].id | [0]" -o tsv)`,
    '   az rest --method POST \\',
    '     --uri "https://graph.microsoft.com/v1.0/servicePrincipals/$principal/appRoleAssignments" \\',
    '     --body "{\\"principalId\\":\\"$principal\\",\\"resourceId\\":\\"$graph\\",\\"appRoleId\\":\\"$role\\"}"',
    '',
  );
} else if (graphCredential === 'clientSecret') {
  lines.push(
    `${step++}. Make sure the Graph app registration (GRAPH_CLIENT_ID) has the application permission`,
    '   Organization.Read.All with admin consent.',
    '',
  );
}
lines.push(
  `${step}. Build the Teams app package (it reads BOT_ID from this azd environment) and upload it:`,
  '',
  '   npm run package:app',
  '',
);
console.log(lines.join('\n'));
