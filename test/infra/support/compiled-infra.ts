// The template under test, compiled once per test process by the same code as
// `npm run check:infra`, with the Bicep CLI that npm test installs before the tests start.
import { checkInfra } from '../../../scripts/bicep.mjs';
import {
  evaluateDeployment,
  type DeploymentTarget,
  type EvaluatedDeployment,
} from './arm-deployment';

/** Room for two Bicep runs on a busy machine. */
export const COMPILE_TIMEOUT_MS = 600_000;

let compiled: Promise<unknown> | undefined;

/** infra/main.bicep as ARM JSON; fails with Bicep's problems when it does not build cleanly. */
export function compiledMainTemplate(): Promise<unknown> {
  compiled ??= checkInfra().then((result) => {
    if (!result.ok) {
      throw new Error(`infra/main.bicep does not pass the check:\n${result.problems.join('\n')}`);
    }
    return result.template;
  });
  return compiled;
}

/** The tenant of the fake subscription the tests deploy into. */
export const TENANT_ID = '72f988bf-0000-4000-8000-00000000a001';

/** A second tenant the bot also answers. */
export const PARTNER_TENANT_ID = '0b5e2c4d-0000-4000-8000-00000000b002';

/** Parameters every deployment needs; the rest keep their defaults unless a test sets them. */
export const REQUIRED_PARAMETERS = {
  environmentName: 'prod',
  location: 'westeurope',
  allowedTenantIds: `${TENANT_ID},${PARTNER_TENANT_ID}`,
} as const;

/** The fake subscription, as `azd up` targets it. */
export const DEPLOYMENT_TARGET: DeploymentTarget = {
  subscriptionId: '5f3c0d1e-0000-4000-8000-00000000c003',
  tenantId: TENANT_ID,
  location: 'westeurope',
  deploymentName: 'prod-1764890000',
};

/** Deploys the template offline, as `azd up` would with these parameters. */
export function deploy(
  template: unknown,
  parameters: Readonly<Record<string, unknown>> = {},
): EvaluatedDeployment {
  return evaluateDeployment(template, { ...REQUIRED_PARAMETERS, ...parameters }, DEPLOYMENT_TARGET);
}
