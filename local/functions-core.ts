import Module from 'node:module';

/** One binding of a registered function, as `@azure/functions` describes it to the worker. */
export interface CoreBinding {
  type: string;
  direction: 'in' | 'out' | 'inout';
  name?: string;
  [property: string]: unknown;
}

/** What `@azure/functions` passes to `registerFunction`. */
export interface CoreFunctionMetadata {
  name: string;
  bindings: Record<string, CoreBinding>;
  retryOptions?: unknown;
}

/** The callback the worker would invoke: the user's handler, possibly wrapped by durable-functions. */
export type CoreFunctionCallback = (...args: unknown[]) => unknown;

/** A function captured at registration time. */
export interface RegisteredFunction {
  name: string;
  bindings: Record<string, CoreBinding>;
  callback: CoreFunctionCallback;
}

const registrations = new Map<string, RegisteredFunction>();
let programmingModel: unknown;

/**
 * The module the Node worker injects as `@azure/functions-core`. `@azure/functions` looks it up once
 * (and caches a miss as "test mode"), so it must be installed before any registration runs.
 */
const coreApi = {
  version: 'local',
  registerFunction(
    metadata: CoreFunctionMetadata,
    callback: CoreFunctionCallback,
  ): { dispose(): void } {
    if (registrations.has(metadata.name)) {
      throw new Error(`A function named "${metadata.name}" is already registered.`);
    }
    registrations.set(metadata.name, {
      name: metadata.name,
      bindings: metadata.bindings,
      callback,
    });
    return { dispose: () => registrations.delete(metadata.name) };
  },
  setProgrammingModel(model: unknown): void {
    programmingModel = model;
  },
  getProgrammingModel(): unknown {
    return programmingModel;
  },
  registerHook(): { dispose(): void } {
    // App start/terminate and invocation hooks are not run by the local host.
    return { dispose: () => undefined };
  },
  log(level: string, category: string, message: string): void {
    if (level === 'error' || level === 'warning') {
      console.warn(`[functions ${category}] ${message}`);
    }
  },
};

const hookState = globalThis as typeof globalThis & { __localFunctionsCoreInstalled?: boolean };

/** Hooks Node's `require` so that `@azure/functions-core` resolves to the local host, as the worker does. */
export function installFunctionsCore(): void {
  if (hookState.__localFunctionsCoreInstalled === true) {
    return;
  }
  hookState.__localFunctionsCoreInstalled = true;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- wrapped and called with the module as this
  const originalRequire = Module.prototype.require;
  const patched = function (this: NodeJS.Module, id: string): unknown {
    if (id === '@azure/functions-core') {
      return coreApi;
    }
    return originalRequire.call(this, id);
  };
  Module.prototype.require = Object.assign(patched, originalRequire) as NodeJS.Require;
}

/** Every function registered so far in this process. */
export function registeredFunctions(): ReadonlyMap<string, RegisteredFunction> {
  return registrations;
}

/**
 * What `@azure/functions` set as its programming model when the first function registered: the
 * object the Node worker asks for an invocation model per invocation. Undefined before that.
 */
export function registeredProgrammingModel(): unknown {
  return programmingModel;
}

/** The trigger binding of a registered function. */
export function triggerOf(fn: RegisteredFunction): CoreBinding & { name: string } {
  for (const [name, binding] of Object.entries(fn.bindings)) {
    if (binding.direction === 'in' && binding.type.endsWith('Trigger')) {
      return { ...binding, name };
    }
  }
  throw new Error(`Function "${fn.name}" has no trigger binding.`);
}

installFunctionsCore();
