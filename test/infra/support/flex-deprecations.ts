// Learn's "Flex Consumption plan deprecations": the app settings and site properties a Flex
// Consumption app must not be created with. Newer regional stamps refuse a site that sets one
// with ARM error 51021 ("The following site configuration property (Site.SiteConfig.FtpsState)
// for Flex Consumption sites is invalid"), even with a null value; older stamps ignore them.
// https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations
// (page of 11 July 2025, read 7 December 2026).

/** App settings, by name. */
export const FLEX_DEPRECATED_APP_SETTINGS = [
  'ENABLE_ORYX_BUILD',
  'FUNCTIONS_EXTENSION_VERSION',
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_WORKER_RUNTIME_VERSION',
  'FUNCTIONS_MAX_HTTP_CONCURRENCY',
  'FUNCTIONS_WORKER_PROCESS_COUNT',
  'FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED',
  'SCM_DO_BUILD_DURING_DEPLOYMENT',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'WEBSITE_CONTENTOVERVNET',
  'WEBSITE_CONTENTSHARE',
  'WEBSITE_DNS_SERVER',
  'WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_SKIP_CONTENTSHARE_VALIDATION',
  'WEBSITE_VNET_ROUTE_ALL',
] as const;

/**
 * Site properties, as Learn names them (`properties.x`). The service reads each both on the site
 * and in its siteConfig (its 51021 errors name `Site.SiteConfig.FtpsState`), so both places are
 * checked, case-insensitively.
 */
export const FLEX_DEPRECATED_SITE_PROPERTIES = [
  'alwaysOn',
  'containerSize',
  'ftpsState',
  'isReserved',
  'IsXenon',
  'javaVersion',
  'LinuxFxVersion',
  'netFrameworkVersion',
  'powerShellVersion',
  'functionAppScaleLimit',
  'preWarmedInstanceCount',
  'use32BitWorkerProcess',
  'vnetBackupRestoreEnabled',
  'vnetContentShareEnabled',
  'vnetImagePullEnabled',
  'vnetRouteAllEnabled',
  'windowsFxVersion',
] as const;
