// The app settings contract between the template and platform/config/: the settings a deployment
// gives the function app are read by the app's own loaders, so a setting the code requires and
// the template lacks (or sets wrongly) shows up as the loaders' named problem.
import {
  ConfigError,
  loadAppSettings,
  loadConfig,
  loadGraphSettings,
} from '../../../platform/config';
import type { EvaluatedDeployment } from './arm-deployment';

/**
 * What platform/config/ finds wrong with these settings, one named problem each (never values);
 * empty when the app would start with them.
 */
export function settingProblems(settings: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(settings)) {
    if (typeof value === 'string') env[name] = value;
    else problems.push(`${name} is not a string`);
  }
  for (const load of [loadConfig, loadAppSettings, loadGraphSettings]) {
    try {
      load(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  return problems;
}

/** The function app's settings in a deployment: the properties of its `appsettings` config. */
export function functionAppSettings(deployment: EvaluatedDeployment): Record<string, unknown> {
  const configs = deployment.resources.filter(
    (resource) =>
      resource.type === 'Microsoft.Web/sites/config' && resource.name.endsWith('/appsettings'),
  );
  const [config] = configs;
  if (configs.length !== 1 || config === undefined) {
    throw new Error(`expected one appsettings resource, found ${String(configs.length)}`);
  }
  const properties = config.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw new Error('the appsettings resource has no properties');
  }
  return properties as Record<string, unknown>;
}
