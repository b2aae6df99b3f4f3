// The worker side of the real Durable host (host/Program.cs), in the Node worker's place: it loads
// the app's entry files with the same `@azure/functions-core` stand-in as the local runtime, and
// runs each invocation through the app's own `@azure/functions` InvocationModel (getArguments,
// invokeFunction, getResponse), so the TypedData conversions are the real ones.
//
// Protocol, JSON lines. On stdout, lines that start with "@@bridge " are messages to the host;
// everything else the worker prints is log (the app's console goes to stderr). The host writes one
// message per line on stdin, and the worker exits when stdin closes.
//   worker -> host  {"type":"ready","functions":[{name,bindings}]}
//   host -> worker  {"type":"invoke","id":N,"functionName":"x","inputData":[{name,data}],"triggerMetadata":{}}
//   worker -> host  {"type":"result","id":N,"status":"success"|"failure","returnValue":TypedData|null,
//                    "exception":{message,stackTrace}}
// TypedData is the worker RPC shape: {"string":...}, {"json":...}, {"int":...}, ...
//
// Run as: node --import tsx bridge.ts <entry file>...
import { registeredFunctions, registeredProgrammingModel } from '../functions-core';
import { Console } from 'node:console';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { loadEntryFile } from '../entry-file';

const prefix = '@@bridge ';

const invokeSchema = z.object({
  type: z.literal('invoke'),
  id: z.number(),
  functionName: z.string(),
  inputData: z.array(z.object({ name: z.string(), data: z.record(z.string(), z.unknown()) })),
  triggerMetadata: z.record(z.string(), z.unknown()),
});
type Invoke = z.infer<typeof invokeSchema>;

/** The part of `@azure/functions`' InvocationModel the worker drives (its types ship with the worker). */
interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: unknown): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<{ returnValue?: unknown }>;
}
interface ProgrammingModel {
  getInvocationModel(coreContext: unknown): InvocationModel;
}

function isProgrammingModel(value: unknown): value is ProgrammingModel {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<ProgrammingModel>).getInvocationModel === 'function'
  );
}

function send(message: Readonly<Record<string, unknown>>): void {
  process.stdout.write(`${prefix}${JSON.stringify(message)}\n`);
}

let invocations = 0;

async function invoke(model: ProgrammingModel, message: Invoke): Promise<void> {
  const fn = registeredFunctions().get(message.functionName);
  try {
    if (fn === undefined) {
      throw new Error(`Function ${message.functionName} is not registered in the worker.`);
    }
    invocations += 1;
    const invocation = model.getInvocationModel({
      invocationId: `invocation-${String(invocations)}`,
      metadata: { name: fn.name, bindings: fn.bindings },
      request: { inputData: message.inputData, triggerMetadata: message.triggerMetadata },
      state: 'invocation',
      log: (level: string, _category: string, text: string) => {
        process.stderr.write(`[${fn.name} ${level}] ${text}\n`);
      },
    });
    const { context, inputs } = await invocation.getArguments();
    const result = await invocation.invokeFunction(context, inputs, fn.callback);
    const response = await invocation.getResponse(context, result);
    send({
      type: 'result',
      id: message.id,
      status: 'success',
      returnValue: response.returnValue ?? null,
    });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    send({
      type: 'result',
      id: message.id,
      status: 'failure',
      exception: { message: failure.message, stackTrace: failure.stack ?? '' },
    });
  }
}

async function main(entryFiles: readonly string[]): Promise<void> {
  if (entryFiles.length === 0) throw new Error('usage: bridge.ts <entry file>...');
  // stdout carries the protocol: whatever the app logs goes to stderr.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  for (const file of entryFiles) await loadEntryFile(path.resolve(file));
  const model = registeredProgrammingModel();
  if (!isProgrammingModel(model)) {
    throw new Error(
      'The entry files registered no function through @azure/functions v4, so there is nothing to host.',
    );
  }
  send({
    type: 'ready',
    functions: [...registeredFunctions().values()].map((fn) => ({
      name: fn.name,
      bindings: fn.bindings,
    })),
  });
  createInterface({ input: process.stdin })
    .on('line', (line) => {
      if (line.trim() === '') return;
      const message = invokeSchema.parse(JSON.parse(line));
      void invoke(model, message);
    })
    .on('close', () => {
      process.exit(0);
    });
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
