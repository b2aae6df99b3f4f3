export {
  parseConfigDocument,
  type ConfigDocument,
  type ConfigDocumentKind,
  type ConfigDocumentParse,
} from './config-document';
export { azureADConnectVersionOf } from './config-metadata';
export { diffConfigurations } from './config-diff';
export {
  configAreas,
  differenceImportances,
  differenceKinds,
  type ConfigArea,
  type ConfigDifference,
  type DifferenceImportance,
  type DifferenceKind,
} from './config-difference';
export { judgeConfigExport } from './config-export-judgment';
export { judgeConfigMatch } from './config-match-judgment';
export { perInstallKeys, perInstallSections, type PerInstallSetting } from './per-install-settings';
