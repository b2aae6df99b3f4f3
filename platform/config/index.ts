export {
  getConfig,
  loadConfig,
  LOCAL_AUTH_OFF,
  LOCAL_AUTH_SETTING,
  type BotAuthConfig,
  type BotConfig,
  type BotFrameworkEndpoints,
  type MicrosoftAppType,
} from './bot-config';
export {
  getAppSettings,
  loadAppSettings,
  getOptionalAppSettingProblems,
  optionalAppSettingProblems,
  type AppSettings,
} from './app-settings';
export type { StorageSettings } from './storage-settings';
export {
  getGraphSettings,
  loadGraphSettings,
  usesManagedIdentity,
  type GraphAppCredential,
  type GraphAppRegistrationSettings,
  type GraphCredential,
  type GraphManagedIdentityCredential,
  type GraphManagedIdentitySettings,
  type GraphSettings,
} from './graph-settings';
export { ConfigError } from './config-error';
export { resetConfigCache } from './env-memo';
