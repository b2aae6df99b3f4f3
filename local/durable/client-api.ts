import { randomUUID } from 'node:crypto';
import { InstanceExistsError, type DurableEngine } from './engine';

/** A plain HTTP answer from the durable client API. */
export interface ClientApiResponse {
  status: number;
  body?: unknown;
}

/** The base path the durable client API is served under, as the Functions host does. */
export const durableClientBasePath = '/durabletask/';

/**
 * The JSON the Functions host binds to a `durableClient` input: what `df.getClient(context)` reads.
 * With `rpcBaseUrl` set, every client call goes to the API below, served at `origin`: the durable
 * listener, never the app's own port.
 */
export function durableClientBinding(origin: string, taskHubName: string): Record<string, unknown> {
  const rpcBaseUrl = `${origin}${durableClientBasePath}`;
  const instance = `${rpcBaseUrl}instances/INSTANCEID`;
  return {
    taskHubName,
    creationUrls: {
      createNewInstancePostUri: `${rpcBaseUrl}orchestrators/{functionName}[/{instanceId}]`,
      createAndWaitOnNewInstancePostUri: `${rpcBaseUrl}orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}`,
    },
    managementUrls: {
      id: 'INSTANCEID',
      statusQueryGetUri: `${instance}?taskHub=${taskHubName}`,
      sendEventPostUri: `${instance}/raiseEvent/{eventName}?taskHub=${taskHubName}`,
      terminatePostUri: `${instance}/terminate?reason={text}&taskHub=${taskHubName}`,
      rewindPostUri: `${instance}/rewind?reason={text}&taskHub=${taskHubName}`,
      purgeHistoryDeleteUri: `${instance}?taskHub=${taskHubName}`,
      restartPostUri: `${instance}/restart?taskHub=${taskHubName}`,
      suspendPostUri: `${instance}/suspend?reason={text}&taskHub=${taskHubName}`,
      resumePostUri: `${instance}/resume?reason={text}&taskHub=${taskHubName}`,
    },
    baseUrl: rpcBaseUrl,
    requiredQueryStringParameters: '',
    rpcBaseUrl,
  };
}

/** Serves one request of the durable client protocol (the subset `DurableClient` uses with `rpcBaseUrl`). */
export async function handleDurableClientRequest(
  engine: DurableEngine,
  method: string,
  url: URL,
  body: string,
): Promise<ClientApiResponse> {
  const path = url.pathname.slice(durableClientBasePath.length).split('/').map(decodeURIComponent);
  const [resource, id, action, eventName] = path;
  const reason = url.searchParams.get('reason') ?? '';

  if (resource === 'orchestrators' && method === 'POST' && id !== undefined && id !== '') {
    const instanceId =
      action !== undefined && action !== '' ? action : randomUUID().replace(/-/g, '');
    const input = body === '' ? null : parseJson(body);
    if (input === invalidJson)
      return { status: 400, body: { message: 'The input is not valid JSON.' } };
    try {
      const status = await engine.startNew(id, instanceId, input);
      return { status: 202, body: { id: status.instanceId } };
    } catch (error) {
      if (error instanceof InstanceExistsError)
        return { status: 409, body: { message: error.message } };
      return {
        status: 400,
        body: { message: error instanceof Error ? error.message : String(error) },
      };
    }
  }

  if (resource !== 'instances')
    return { status: 404, body: { message: 'Unknown durable client route.' } };

  if ((id === undefined || id === '') && method === 'GET') {
    const runtimeStatus = url.searchParams.get('runtimeStatus');
    const from = url.searchParams.get('createdTimeFrom');
    const to = url.searchParams.get('createdTimeTo');
    return {
      status: 200,
      body: engine.listStatuses({
        ...(runtimeStatus === null ? {} : { runtimeStatus: runtimeStatus.split(',') }),
        ...(from === null ? {} : { createdFrom: new Date(from) }),
        ...(to === null ? {} : { createdTo: new Date(to) }),
      }),
    };
  }
  if (id === undefined || id === '')
    return { status: 404, body: { message: 'An instance id is required.' } };

  if (action === undefined && method === 'GET') {
    const status = engine.getStatus(id, url.searchParams.get('showHistory') === 'true');
    if (status === undefined) return { status: 404 };
    const running = status.runtimeStatus === 'Pending' || status.runtimeStatus === 'Running';
    return { status: running ? 202 : 200, body: status };
  }
  if (action === undefined && method === 'DELETE') {
    const deleted = await engine.purge(id);
    return deleted === 0 ? { status: 404 } : { status: 200, body: { instancesDeleted: deleted } };
  }
  if (method !== 'POST') return { status: 405 };

  switch (action) {
    case 'raiseEvent': {
      if (eventName === undefined || eventName === '')
        return { status: 400, body: { message: 'An event name is required.' } };
      const data = body === '' ? null : parseJson(body);
      if (data === invalidJson)
        return { status: 400, body: { message: 'The event data is not valid JSON.' } };
      return controlResponse(await engine.raiseEvent(id, eventName, data));
    }
    case 'terminate':
      return controlResponse(await engine.terminate(id, reason));
    case 'suspend':
      return controlResponse(await engine.suspend(id, reason));
    case 'resume':
      return controlResponse(await engine.resume(id, reason));
    default:
      return {
        status: 501,
        body: { message: `The local runtime does not support "${action ?? ''}".` },
      };
  }
}

const invalidJson = Symbol('invalid JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Reported to the caller as a 400.
    return invalidJson;
  }
}

function controlResponse(result: 'accepted' | 'not-found' | 'gone'): ClientApiResponse {
  switch (result) {
    case 'accepted':
      return { status: 202 };
    case 'not-found':
      return { status: 404 };
    case 'gone':
      return { status: 410 };
  }
}
