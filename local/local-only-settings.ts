/**
 * The settings every local host gives the app. Without a bot id the app serves only when told it
 * runs on a developer machine (platform/config refuses this setting next to any of Azure's own
 * settings, and the deployment never sets it): the Playground and the loopback connector send no
 * Bot Framework tokens.
 */
export const localOnlySettings: Readonly<Record<string, string>> = {
  BOT_AUTHENTICATION: 'off-local-only',
};
