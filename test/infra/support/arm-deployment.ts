// A deployment of a compiled ARM template, evaluated offline: parameters, variables, conditions,
// copy loops and nested deployments resolve the way Azure Resource Manager resolves them, and
// reference() answers with the runtime properties Azure would give each resource type (an
// identity's client and principal ids, a site's assigned host name, a vault's URI). What comes out
// is every resource the deployment would create, with its properties as Azure would receive
// them, and the deployment's outputs: the tests assert over those, not over expression text.
import { createHash } from 'node:crypto';
import { expressionOf, type ArmExpression } from './arm-expression';

/** A resource the deployment creates, with its properties evaluated. */
export interface DeployedResource {
  readonly id: string;
  readonly type: string;
  readonly name: string;
  readonly apiVersion: string;
  /** The resource the extension resource (a role assignment) is attached to. */
  readonly scope: string | undefined;
  readonly location: unknown;
  readonly kind: unknown;
  readonly sku: unknown;
  readonly tags: unknown;
  readonly identity: unknown;
  readonly properties: unknown;
  /** What reference() returns for it: its properties with Azure's runtime ones. */
  readonly runtime: Record<string, unknown>;
}

/** The outcome of the whole deployment. */
export interface EvaluatedDeployment {
  readonly resources: readonly DeployedResource[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

/** Where the deployment runs; the values Azure would know before it starts. */
export interface DeploymentTarget {
  readonly subscriptionId: string;
  readonly tenantId: string;
  /** Region of a subscription-scope deployment (`az deployment sub create --location`). */
  readonly location: string;
  readonly deploymentName: string;
}

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

interface Template {
  readonly languageVersion?: string;
  readonly parameters?: Record<string, ParameterDeclaration>;
  readonly variables?: Record<string, unknown>;
  readonly resources: Record<string, ResourceDeclaration> | ResourceDeclaration[];
  readonly outputs?: Record<string, { readonly value?: unknown; readonly type?: string }>;
}

interface ParameterDeclaration {
  readonly type: string;
  readonly defaultValue?: unknown;
  readonly allowedValues?: readonly unknown[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minValue?: number;
  readonly maxValue?: number;
}

interface ResourceDeclaration {
  readonly type: string;
  readonly apiVersion: string;
  readonly name: string;
  readonly existing?: boolean;
  readonly condition?: unknown;
  readonly copy?: { readonly name: string; readonly count: unknown };
  readonly scope?: string;
  readonly resourceGroup?: string;
  readonly dependsOn?: readonly string[];
  readonly location?: unknown;
  readonly kind?: unknown;
  readonly sku?: unknown;
  readonly tags?: unknown;
  readonly identity?: unknown;
  readonly properties?: Record<string, unknown>;
}

interface ResourceGroupScope {
  readonly name: string;
  readonly location: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TemplateError(`${what} is not a string`);
  return value;
}

function digest(...parts: readonly unknown[]): Buffer {
  return createHash('sha256').update(JSON.stringify(parts)).digest();
}

/** A GUID derived from its inputs, as ARM's guid() is (not the same bytes, the same stability). */
export function derivedGuid(...parts: readonly unknown[]): string {
  const hex = digest(...parts).toString('hex');
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `8${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** 13 lowercase letters and digits from its inputs, as ARM's uniqueString() gives. */
function uniqueString(...parts: readonly unknown[]): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...digest(...parts).subarray(0, 13)].map((byte) => alphabet.charAt(byte % 32)).join('');
}

function lowerKeys(type: string): string {
  return type.toLowerCase();
}

/** Runtime properties Azure adds to each resource type, as reference() returns them. */
function runtimePropertiesOf(
  type: string,
  name: string,
  id: string,
  location: unknown,
  target: DeploymentTarget,
): Record<string, unknown> {
  const leaf = name.split('/').at(-1) ?? name;
  switch (lowerKeys(type)) {
    case 'microsoft.managedidentity/userassignedidentities':
      return {
        clientId: derivedGuid('clientId', id),
        principalId: derivedGuid('principalId', id),
        tenantId: target.tenantId,
      };
    case 'microsoft.storage/storageaccounts':
      return {
        primaryEndpoints: Object.fromEntries(
          ['blob', 'queue', 'table', 'file'].map((service) => [
            service,
            `https://${name}.${service}.core.windows.net/`,
          ]),
        ),
      };
    case 'microsoft.web/sites':
      // New apps get a hashed, region-qualified host name, not <name>.azurewebsites.net.
      return {
        defaultHostName: `${name}-${digest(id).toString('hex').slice(0, 16)}.${String(location)}-01.azurewebsites.net`,
      };
    case 'microsoft.insights/components': {
      const key = derivedGuid('instrumentationKey', id);
      return {
        InstrumentationKey: key,
        ConnectionString: `InstrumentationKey=${key};IngestionEndpoint=https://${String(location)}-0.in.applicationinsights.azure.com/`,
      };
    }
    case 'microsoft.keyvault/vaults':
      return { vaultUri: `https://${name}.vault.azure.net/` };
    case 'microsoft.keyvault/vaults/secrets': {
      const vault = name.split('/')[0] ?? '';
      return { secretUri: `https://${vault}.vault.azure.net/secrets/${leaf}` };
    }
    default:
      return {};
  }
}

/** Builds `/providers/Namespace/type1/name1/type2/name2` from a type and a (possibly nested) name. */
function providerPath(type: string, name: string): string {
  const [namespace = '', ...types] = type.split('/');
  const names = name.split('/');
  if (types.length !== names.length) {
    throw new TemplateError(`resource name "${name}" does not fit type ${type}`);
  }
  return `/providers/${namespace}${types.map((t, i) => `/${t}/${names[i] ?? ''}`).join('')}`;
}

type Evaluation = { state: 'running' } | { state: 'done'; resources: DeployedResource[] };

/** One template being deployed: the main template, or a nested deployment's. */
class TemplateRun {
  private readonly parameterCache = new Map<string, unknown>();
  private readonly variableCache = new Map<string, { value: unknown } | 'running'>();
  private readonly evaluations = new Map<string, Evaluation>();
  private readonly declarations: Map<string, ResourceDeclaration>;
  private outputValues: Record<string, unknown> | undefined;

  constructor(
    private readonly world: World,
    private readonly template: Template,
    private readonly parameterValues: Readonly<Record<string, unknown>>,
    private readonly resourceGroup: ResourceGroupScope | undefined,
    private readonly deploymentName: string,
  ) {
    this.declarations = new Map(
      Array.isArray(template.resources)
        ? template.resources.map((declaration, i) => [String(i), declaration])
        : Object.entries(template.resources),
    );
  }

  run(): EvaluatedDeployment {
    for (const key of this.declarations.keys()) this.evaluateResource(key);
    return { resources: this.world.deployed, outputs: this.outputs() };
  }

  outputs(): Record<string, unknown> {
    this.outputValues ??= Object.fromEntries(
      Object.entries(this.template.outputs ?? {}).map(([name, output]) => [
        name,
        this.evaluate(output.value, {}),
      ]),
    );
    return this.outputValues;
  }

  private parameter(name: string): unknown {
    if (this.parameterCache.has(name)) return this.parameterCache.get(name);
    const declaration = this.template.parameters?.[name];
    if (declaration === undefined) throw new TemplateError(`parameters('${name}') is not declared`);
    const given = Object.hasOwn(this.parameterValues, name);
    if (!given && !Object.hasOwn(declaration, 'defaultValue')) {
      throw new TemplateError(`the parameter ${name} is required and was not given`);
    }
    const value = given ? this.parameterValues[name] : this.evaluate(declaration.defaultValue, {});
    checkParameter(name, declaration, value);
    this.parameterCache.set(name, value);
    return value;
  }

  private variable(name: string): unknown {
    const cached = this.variableCache.get(name);
    if (cached === 'running') throw new TemplateError(`variables('${name}') refers to itself`);
    if (cached) return cached.value;
    const variables = this.template.variables ?? {};
    if (!Object.hasOwn(variables, name)) {
      throw new TemplateError(`variables('${name}') is not declared`);
    }
    this.variableCache.set(name, 'running');
    const value = this.evaluate(variables[name], {});
    this.variableCache.set(name, { value });
    return value;
  }

  /** Evaluates a template value: expressions in strings and in object keys, recursively. */
  evaluate(value: unknown, locals: Locals): unknown {
    if (typeof value === 'string') {
      const expression = expressionOf(value);
      if (expression) return this.evaluateExpression(expression, locals);
      return value.startsWith('[[') ? value.slice(1) : value;
    }
    if (Array.isArray(value)) return value.map((item) => this.evaluate(item, locals));
    if (isRecord(value)) {
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => [
          text(this.evaluate(key, locals), `property name ${key}`),
          this.evaluate(item, locals),
        ]),
      );
    }
    return value;
  }

  private resourceGroupOrFail(what: string): ResourceGroupScope {
    if (this.resourceGroup === undefined) {
      throw new TemplateError(`${what} needs a resource group scope`);
    }
    return this.resourceGroup;
  }

  private resourceIdOf(declaration: ResourceDeclaration, locals: Locals): string {
    const type = text(this.evaluate(declaration.type, locals), 'a resource type');
    const name = text(this.evaluate(declaration.name, locals), `the name of a ${type}`);
    const subscription = `/subscriptions/${this.world.target.subscriptionId}`;
    if (declaration.scope !== undefined) {
      const scope = text(this.evaluate(declaration.scope, locals), `the scope of ${name}`);
      return `${scope}${providerPath(type, name)}`;
    }
    if (lowerKeys(type) === 'microsoft.resources/resourcegroups') {
      return `${subscription}/resourceGroups/${name}`;
    }
    if (declaration.resourceGroup !== undefined) {
      const group = text(this.evaluate(declaration.resourceGroup, locals), 'a resource group');
      return `${subscription}/resourceGroups/${group}${providerPath(type, name)}`;
    }
    return this.resourceGroup === undefined
      ? `${subscription}${providerPath(type, name)}`
      : `${subscription}/resourceGroups/${this.resourceGroup.name}${providerPath(type, name)}`;
  }

  private evaluateResource(key: string): readonly DeployedResource[] {
    const known = this.evaluations.get(key);
    if (known?.state === 'running') throw new TemplateError(`resource ${key} depends on itself`);
    if (known) return known.resources;
    const declaration = this.declarations.get(key);
    if (declaration === undefined) throw new TemplateError(`no resource ${key}`);
    this.evaluations.set(key, { state: 'running' });
    for (const dependency of declaration.dependsOn ?? []) this.evaluateDependency(dependency);
    const instances: DeployedResource[] = [];
    const count =
      declaration.copy === undefined ? 1 : Number(this.evaluate(declaration.copy.count, {}));
    for (let copyIndex = 0; copyIndex < count; copyIndex++) {
      const locals: Locals = declaration.copy === undefined ? {} : { copyIndex };
      const condition =
        declaration.condition === undefined ? true : this.evaluate(declaration.condition, locals);
      if (condition !== true) continue;
      instances.push(this.deployInstance(declaration, locals));
    }
    this.evaluations.set(key, { state: 'done', resources: instances });
    return instances;
  }

  private evaluateDependency(dependency: string): void {
    if (this.declarations.has(dependency)) {
      this.evaluateResource(dependency);
      return;
    }
    const id = this.evaluate(dependency, {});
    if (typeof id !== 'string') return;
    for (const [key, declaration] of this.declarations) {
      if (declaration.copy === undefined && this.resourceIdOf(declaration, {}) === id) {
        this.evaluateResource(key);
      }
    }
  }

  private deployInstance(declaration: ResourceDeclaration, locals: Locals): DeployedResource {
    const type = text(this.evaluate(declaration.type, locals), 'a resource type');
    const name = text(this.evaluate(declaration.name, locals), `the name of a ${type}`);
    const id = this.resourceIdOf(declaration, locals);
    if (declaration.existing === true) {
      const created = this.world.byId.get(id.toLowerCase());
      if (created === undefined) {
        throw new TemplateError(`the existing ${type} ${name} is not created by this deployment`);
      }
      return created;
    }
    const apiVersion = declaration.apiVersion;
    if (lowerKeys(type) === 'microsoft.resources/deployments') {
      return this.deployNested(declaration, locals, id, name, apiVersion);
    }
    const location =
      declaration.location === undefined ? undefined : this.evaluate(declaration.location, locals);
    const properties =
      declaration.properties === undefined
        ? undefined
        : this.evaluate(declaration.properties, locals);
    const resource: DeployedResource = {
      id,
      type,
      name,
      apiVersion,
      scope:
        declaration.scope === undefined
          ? undefined
          : text(this.evaluate(declaration.scope, locals), 'a scope'),
      location,
      kind: declaration.kind === undefined ? undefined : this.evaluate(declaration.kind, locals),
      sku: declaration.sku === undefined ? undefined : this.evaluate(declaration.sku, locals),
      tags: declaration.tags === undefined ? undefined : this.evaluate(declaration.tags, locals),
      identity:
        declaration.identity === undefined
          ? undefined
          : this.evaluate(declaration.identity, locals),
      properties,
      runtime: {
        ...(isRecord(properties) ? properties : {}),
        ...runtimePropertiesOf(type, name, id, location, this.world.target),
      },
    };
    this.world.add(resource);
    return resource;
  }

  private deployNested(
    declaration: ResourceDeclaration,
    locals: Locals,
    id: string,
    name: string,
    apiVersion: string,
  ): DeployedResource {
    const properties = declaration.properties ?? {};
    const options = properties.expressionEvaluationOptions;
    if (!isRecord(options) || options.scope !== 'inner') {
      throw new TemplateError(`nested deployment ${name} must use inner expression evaluation`);
    }
    const template = properties.template as Template;
    const given = isRecord(properties.parameters) ? properties.parameters : {};
    const parameterValues = Object.fromEntries(
      Object.entries(given).map(([parameter, entry]) => {
        const evaluated = this.evaluate(entry, locals);
        if (!isRecord(evaluated) || !Object.hasOwn(evaluated, 'value')) {
          throw new TemplateError(`parameter ${parameter} of ${name} has no value`);
        }
        return [parameter, evaluated.value];
      }),
    );
    let group = this.resourceGroup;
    if (declaration.resourceGroup !== undefined) {
      const groupName = text(this.evaluate(declaration.resourceGroup, locals), 'a resource group');
      const groupId = `/subscriptions/${this.world.target.subscriptionId}/resourceGroups/${groupName}`;
      const created = this.world.byId.get(groupId.toLowerCase());
      if (created === undefined) {
        throw new TemplateError(
          `deployment ${name} targets resource group ${groupName}, not created`,
        );
      }
      group = { name: groupName, location: created.location };
    }
    const nested = new TemplateRun(this.world, template, parameterValues, group, name);
    nested.run();
    const outputs = Object.fromEntries(
      Object.entries(nested.outputs()).map(([output, value]) => [output, { value }]),
    );
    const resource: DeployedResource = {
      id,
      type: declaration.type,
      name,
      apiVersion,
      scope: undefined,
      location: undefined,
      kind: undefined,
      sku: undefined,
      tags: undefined,
      identity: undefined,
      properties: { parameters: parameterValues },
      runtime: { outputs },
    };
    this.world.add(resource);
    return resource;
  }

  /** reference(): a resource of this template by symbolic name or id, or one created earlier. */
  private reference(target: unknown, full: boolean): unknown {
    const targetName = text(target, 'the target of reference()');
    const symbolic = this.template.languageVersion === '2.0' && this.declarations.has(targetName);
    let resource: DeployedResource | undefined;
    if (symbolic) {
      const instances = this.evaluateResource(targetName);
      if (instances.length !== 1) {
        throw new TemplateError(`reference('${targetName}') to a resource that is not deployed`);
      }
      resource = instances[0];
    } else {
      resource = this.world.byId.get(targetName.toLowerCase());
      if (resource === undefined) {
        for (const [key, declaration] of this.declarations) {
          if (declaration.copy === undefined && this.resourceIdOf(declaration, {}) === targetName) {
            resource = this.evaluateResource(key)[0];
          }
        }
      }
    }
    if (resource === undefined) {
      throw new TemplateError(`reference('${targetName}') to a resource the deployment lacks`);
    }
    return full
      ? {
          properties: resource.runtime,
          identity: resource.identity,
          location: resource.location,
          tags: resource.tags,
        }
      : resource.runtime;
  }

  private evaluateExpression(expression: ArmExpression, locals: Locals): unknown {
    switch (expression.kind) {
      case 'literal':
        return expression.value;
      case 'property': {
        const target = this.evaluateExpression(expression.target, locals);
        if (!isRecord(target) || !Object.hasOwn(target, expression.name)) {
          throw new TemplateError(`no property ${expression.name} in ${JSON.stringify(target)}`);
        }
        return target[expression.name];
      }
      case 'index': {
        const target = this.evaluateExpression(expression.target, locals);
        const index = this.evaluateExpression(expression.index, locals);
        if (Array.isArray(target) && typeof index === 'number') return target[index] as unknown;
        if (isRecord(target) && typeof index === 'string') return target[index];
        throw new TemplateError(`cannot index ${JSON.stringify(target)} by ${String(index)}`);
      }
      case 'call':
        return this.call(expression.name, expression.args, locals);
    }
  }

  private call(name: string, argExpressions: readonly ArmExpression[], locals: Locals): unknown {
    const lower = name.toLowerCase();
    const arg = (i: number): unknown => {
      const expression = argExpressions[i];
      if (expression === undefined)
        throw new TemplateError(`${name}() lacks argument ${String(i)}`);
      return this.evaluateExpression(expression, locals);
    };
    const args = (): unknown[] => argExpressions.map((_, i) => arg(i));
    switch (lower) {
      case 'if':
        // Only the branch taken is evaluated, as in ARM.
        return arg(0) === true ? arg(1) : arg(2);
      case 'fail':
        // The deployment stops with the template's message.
        throw new TemplateError(text(arg(0), 'a fail() message'));
      case 'parameters':
        return this.parameter(text(arg(0), 'a parameter name'));
      case 'variables':
        return this.variable(text(arg(0), 'a variable name'));
      case 'copyindex': {
        if (locals.copyIndex === undefined) throw new TemplateError('copyIndex() outside a loop');
        const offset = argExpressions.length > 0 ? arg(argExpressions.length - 1) : 0;
        return locals.copyIndex + (typeof offset === 'number' ? offset : 0);
      }
      case 'reference': {
        const mode = argExpressions.length > 2 ? arg(2) : undefined;
        return this.reference(arg(0), typeof mode === 'string' && mode.toLowerCase() === 'full');
      }
      case 'resourceid':
        return this.resourceIdFunction(args().map((value) => text(value, 'a resourceId() part')));
      case 'subscriptionresourceid': {
        const [type = '', ...names] = args().map((value) => text(value, 'a resource id part'));
        return `/subscriptions/${this.world.target.subscriptionId}${providerPath(type, names.join('/'))}`;
      }
      case 'extensionresourceid': {
        const [scope = '', type = '', ...names] = args().map((value) => text(value, 'an id part'));
        return `${scope}${providerPath(type, names.join('/'))}`;
      }
      case 'subscription':
        return {
          id: `/subscriptions/${this.world.target.subscriptionId}`,
          subscriptionId: this.world.target.subscriptionId,
          tenantId: this.world.target.tenantId,
        };
      case 'tenant':
        return { tenantId: this.world.target.tenantId };
      case 'resourcegroup': {
        const group = this.resourceGroupOrFail('resourceGroup()');
        return {
          id: `/subscriptions/${this.world.target.subscriptionId}/resourceGroups/${group.name}`,
          name: group.name,
          location: group.location,
        };
      }
      case 'deployment':
        return { name: this.deploymentName, location: this.world.target.location };
      case 'createobject': {
        const values = args();
        const object: Record<string, unknown> = {};
        for (let i = 0; i < values.length; i += 2) {
          object[text(values[i], 'a createObject() key')] = values[i + 1];
        }
        return object;
      }
      case 'createarray':
        return args();
      case 'union':
        return union(args());
      case 'equals': {
        const [a, b] = args();
        return JSON.stringify(a) === JSON.stringify(b);
      }
      case 'less':
      case 'lessorequals':
      case 'greater':
      case 'greaterorequals': {
        const [a, b] = args();
        const comparable =
          (typeof a === 'number' && typeof b === 'number') ||
          (typeof a === 'string' && typeof b === 'string');
        if (!comparable) {
          throw new TemplateError(`${name}() of ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
        }
        const order = a < b ? -1 : a === b ? 0 : 1;
        return {
          less: order < 0,
          lessorequals: order <= 0,
          greater: order > 0,
          greaterorequals: order >= 0,
        }[name.toLowerCase()];
      }
      case 'not':
        return arg(0) !== true;
      case 'and':
        return args().every((value) => value === true);
      case 'or':
        return args().some((value) => value === true);
      case 'empty': {
        const value = arg(0);
        if (value === null || value === undefined) return true;
        if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
        if (isRecord(value)) return Object.keys(value).length === 0;
        return false;
      }
      case 'length': {
        const value = arg(0);
        if (typeof value === 'string' || Array.isArray(value)) return value.length;
        if (isRecord(value)) return Object.keys(value).length;
        throw new TemplateError(`length() of ${JSON.stringify(value)}`);
      }
      case 'string': {
        const value = arg(0);
        return typeof value === 'string' ? value : JSON.stringify(value);
      }
      case 'concat': {
        const values = args();
        return values.every(Array.isArray)
          ? values.flat()
          : values.map((value) => (typeof value === 'string' ? value : String(value))).join('');
      }
      case 'format': {
        const [pattern, ...values] = args();
        return text(pattern, 'a format() pattern').replace(/\{(\d+)\}/g, (_, i: string) => {
          const value = values[Number(i)];
          return typeof value === 'string' ? value : JSON.stringify(value);
        });
      }
      case 'split': {
        const separators = arg(1);
        const delimiters = Array.isArray(separators)
          ? separators.map(String)
          : [String(separators)];
        return delimiters.reduce<string[]>(
          (parts, delimiter) => parts.flatMap((part) => part.split(delimiter)),
          [text(arg(0), 'split()')],
        );
      }
      case 'tolower':
        return text(arg(0), 'toLower()').toLowerCase();
      case 'toupper':
        return text(arg(0), 'toUpper()').toUpperCase();
      case 'take': {
        const value = arg(0);
        const count = Number(arg(1));
        if (typeof value === 'string' || Array.isArray(value)) return value.slice(0, count);
        throw new TemplateError('take() of neither a string nor an array');
      }
      case 'coalesce':
        return args().find((value) => value !== null && value !== undefined) ?? null;
      case 'null':
        return null;
      case 'true':
        return true;
      case 'false':
        return false;
      case 'guid':
        return derivedGuid(...args());
      case 'uniquestring':
        return uniqueString(...args());
      default:
        throw new TemplateError(`the ARM function ${name}() is not evaluated offline yet`);
    }
  }

  private resourceIdFunction(parts: readonly string[]): string {
    const typeAt = parts.findIndex((part) => /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\/.+/.test(part));
    if (typeAt < 0) throw new TemplateError(`resourceId(${parts.join(', ')}) names no type`);
    const type = parts[typeAt] ?? '';
    const names = parts.slice(typeAt + 1).join('/');
    const prefix = parts.slice(0, typeAt);
    const subscriptionId =
      prefix.length === 2 ? (prefix[0] ?? '') : this.world.target.subscriptionId;
    const group = prefix.length >= 1 ? prefix.at(-1) : this.resourceGroup?.name;
    return group === undefined
      ? `/subscriptions/${subscriptionId}${providerPath(type, names)}`
      : `/subscriptions/${subscriptionId}/resourceGroups/${group}${providerPath(type, names)}`;
  }
}

interface Locals {
  readonly copyIndex?: number;
}

function union(values: readonly unknown[]): unknown {
  if (values.every(Array.isArray)) return [...new Set(values.flat())];
  const merged: Record<string, unknown> = {};
  for (const value of values) {
    if (!isRecord(value)) throw new TemplateError(`union() of ${JSON.stringify(value)}`);
    Object.assign(merged, value);
  }
  return merged;
}

function checkParameter(name: string, declaration: ParameterDeclaration, value: unknown): void {
  const type = declaration.type.toLowerCase();
  const expected: Record<string, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    securestring: (v) => typeof v === 'string',
    int: (v) => Number.isInteger(v),
    bool: (v) => typeof v === 'boolean',
    object: isRecord,
    secureobject: isRecord,
    array: Array.isArray,
  };
  if (expected[type]?.(value) === false) {
    throw new TemplateError(`the parameter ${name} must be of type ${declaration.type}`);
  }
  if (
    declaration.allowedValues !== undefined &&
    !declaration.allowedValues.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))
  ) {
    throw new TemplateError(`the parameter ${name} is not one of its allowed values`);
  }
  if (typeof value === 'string' || Array.isArray(value)) {
    if (declaration.minLength !== undefined && value.length < declaration.minLength) {
      throw new TemplateError(
        `the parameter ${name} is shorter than ${String(declaration.minLength)}`,
      );
    }
    if (declaration.maxLength !== undefined && value.length > declaration.maxLength) {
      throw new TemplateError(
        `the parameter ${name} is longer than ${String(declaration.maxLength)}`,
      );
    }
  }
  if (typeof value === 'number') {
    if (declaration.minValue !== undefined && value < declaration.minValue) {
      throw new TemplateError(`the parameter ${name} is below ${String(declaration.minValue)}`);
    }
    if (declaration.maxValue !== undefined && value > declaration.maxValue) {
      throw new TemplateError(`the parameter ${name} is above ${String(declaration.maxValue)}`);
    }
  }
}

class World {
  readonly deployed: DeployedResource[] = [];
  readonly byId = new Map<string, DeployedResource>();

  constructor(readonly target: DeploymentTarget) {}

  add(resource: DeployedResource): void {
    const key = resource.id.toLowerCase();
    if (this.byId.has(key)) throw new TemplateError(`${resource.id} is declared twice`);
    this.byId.set(key, resource);
    this.deployed.push(resource);
  }
}

/** Deploys a compiled template offline with the given parameter values. */
export function evaluateDeployment(
  template: unknown,
  parameters: Readonly<Record<string, unknown>>,
  target: DeploymentTarget,
): EvaluatedDeployment {
  if (!isRecord(template) || !('resources' in template)) {
    throw new TemplateError('not an ARM template');
  }
  const world = new World(target);
  return new TemplateRun(
    world,
    template as unknown as Template,
    parameters,
    undefined,
    target.deploymentName,
  ).run();
}
