// The real Durable Task extension (Azure Storage backend) hosted by the WebJobs SDK, with the Node
// app's orchestrations and activities run in a worker process (local/real-durable/bridge.ts), the
// way the Functions host runs them in the Node language worker. The protocol facts this relies on,
// with the extension and host sources they come from, are in DURABLE-REAL.md.
//
// usage: RealDurableHost <worker command> [worker arguments...]
// environment: AzureWebJobsScriptRoot, the app folder, whose host.json is read as the Functions
//   host reads it; AzureWebJobsStorage, the storage connection string (Azurite). The worker
//   inherits the environment, as the Node worker inherits the app settings.
// Once started, the host writes one line to stdout, "@@real-durable {"clientBinding": {...}}",
// then "@@real-durable {"busy": n}" whenever the number of worker invocations in flight changes
// (the local runtime's settle reads it); its logs go to stderr. It stops when its stdin closes, on SIGTERM or SIGINT, and with exit
// code 1 when the worker exits by itself.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace RealDurable;

public static class Program
{
    internal const string ReadyPrefix = "@@real-durable ";

    public static async Task<int> Main(string[] args)
    {
        string scriptRoot = Environment.GetEnvironmentVariable("AzureWebJobsScriptRoot");
        if (args.Length == 0 || string.IsNullOrEmpty(scriptRoot) ||
            string.IsNullOrEmpty(Environment.GetEnvironmentVariable("AzureWebJobsStorage")))
        {
            Console.Error.WriteLine(
                "usage: AzureWebJobsScriptRoot=<app folder> AzureWebJobsStorage=<connection string> " +
                "RealDurableHost <worker command> [worker arguments...]");
            return 2;
        }

        Dictionary<string, string> settings;
        try
        {
            settings = HostJsonConfiguration.Read(Path.Combine(scriptRoot, "host.json"));
        }
        catch (Exception error) when (error is IOException or JsonException or InvalidDataException)
        {
            Console.Error.WriteLine($"Cannot read the app's host.json: {error.Message}");
            return 2;
        }

        // The extension picks its out-of-proc protocol from FUNCTIONS_WORKER_RUNTIME: "node" selects
        // the JSON OrchestratorShim and the local HTTP RPC endpoint that the Node SDK's client calls.
        Environment.SetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME", "node");
        // With CONTAINER_NAME set the extension believes it runs on Linux Consumption and prints
        // every ETW event to stdout (DefaultPlatformInformation); stdout is for the ready line.
        Environment.SetEnvironmentVariable("CONTAINER_NAME", null);

        using var worker = new WorkerProcess(args);
        JArray functions;
        try
        {
            functions = await worker.StartAsync();
        }
        catch (InvalidOperationException error)
        {
            // The worker printed why on stderr, which is this process's stderr too.
            Console.Error.WriteLine(error.Message);
            return 1;
        }

        Type generated = FunctionEmitter.Emit(functions, worker);

        using IHost host = BuildHost(settings, generated);
        await host.StartAsync();
        string clientBinding = await ClientFunctions.CaptureAsync(host);
        Announce(new JObject { ["clientBinding"] = JToken.Parse(clientBinding) });

        int exitCode = await StopSignal.WaitAsync(worker);
        await host.StopAsync(TimeSpan.FromSeconds(10));
        return exitCode;
    }

    private static IHost BuildHost(Dictionary<string, string> settings, Type generated) =>
        new HostBuilder()
            // As `func start` runs the host.
            .UseEnvironment("Development")
            // Before ConfigureWebJobs adds the environment variables, so that they win over
            // host.json, as app settings named AzureFunctionsJobHost__... do on Azure.
            .ConfigureAppConfiguration(c => c.AddInMemoryCollection(settings))
            .ConfigureWebJobs(b => b.AddDurableTask())
            .ConfigureLogging((context, logging) =>
            {
                logging.ClearProviders();
                logging.AddConfiguration(context.Configuration.GetSection($"{HostJsonConfiguration.Root}:logging"));
                logging.AddSimpleConsole(c =>
                {
                    c.SingleLine = true;
                    c.TimestampFormat = "HH:mm:ss.fff ";
                });
                logging.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            })
            .ConfigureServices(s =>
            {
                s.AddSingleton<ITypeLocator>(new FixedTypeLocator(generated, typeof(ClientFunctions)));
                // The Functions host supplies the webhook URL the extension builds its management
                // URLs from. Nothing serves it here: the Node SDK calls rpcBaseUrl instead.
                s.AddSingleton<IWebHookProvider>(new LoopbackWebHookProvider());
            })
            .Build();

    private static readonly object StdoutLock = new();
    private static int busy;

    /// <summary>One protocol line on stdout; the extension's threads all write them.</summary>
    internal static void Announce(JObject message)
    {
        lock (StdoutLock)
        {
            Console.Out.WriteLine(ReadyPrefix + message.ToString(Formatting.None));
            Console.Out.Flush();
        }
    }

    /// <summary>Counts a worker invocation in (+1) or out (-1); the count and its line change together.</summary>
    internal static void CountInvocation(int change)
    {
        lock (StdoutLock)
        {
            busy += change;
            Console.Out.WriteLine(ReadyPrefix + new JObject { ["busy"] = busy }.ToString(Formatting.None));
            Console.Out.Flush();
        }
    }

    internal static void Log(string message) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} real-durable: {message}");
}

/// <summary>host.json as the Functions host hands it to the WebJobs SDK: one configuration section.</summary>
internal static class HostJsonConfiguration
{
    public const string Root = "AzureFunctionsJobHost";

    public static Dictionary<string, string> Read(string path)
    {
        using var reader = new JsonTextReader(new StreamReader(path)) { DateParseHandling = DateParseHandling.None };
        if (JToken.ReadFrom(reader) is not JObject hostJson)
        {
            throw new InvalidDataException($"{path} does not hold a JSON object.");
        }

        // The SDK binds extension options from "<root>:extensions:<name>" (GetWebJobsExtensionConfigurationSection),
        // so extensions.durableTask (hubName, storageProvider, timer limits) reaches DurableTaskOptions unchanged.
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["AzureWebJobsConfigurationSection"] = Root,
        };
        Flatten(hostJson, Root, settings);
        return settings;
    }

    private static void Flatten(JToken token, string key, Dictionary<string, string> into)
    {
        switch (token)
        {
            case JObject o:
                foreach (JProperty p in o.Properties()) Flatten(p.Value, $"{key}:{p.Name}", into);
                break;
            case JArray a:
                for (int i = 0; i < a.Count; i++) Flatten(a[i], $"{key}:{i}", into);
                break;
            case JValue v:
                into[key] = v.Type == JTokenType.Null ? null : Convert.ToString(v.Value, CultureInfo.InvariantCulture);
                break;
        }
    }
}

internal static class StopSignal
{
    /// <summary>0 once asked to stop (stdin closed, SIGTERM, SIGINT); 1 when the worker exited by itself.</summary>
    public static async Task<int> WaitAsync(WorkerProcess worker)
    {
        var stop = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Request(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult(0);
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Request);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Request);
        // The parent holds stdin open for as long as it wants the host: when it exits, so does the host.
        _ = Task.Run(async () =>
        {
            await Console.OpenStandardInput().CopyToAsync(Stream.Null);
            stop.TrySetResult(0);
        });
        _ = worker.Exited.ContinueWith(_ =>
        {
            Program.Log("the worker exited; stopping");
            stop.TrySetResult(1);
        }, TaskScheduler.Default);
        return await stop.Task;
    }
}

public static class ClientFunctions
{
    private static string captured;

    /// <summary>The durable client binding JSON, exactly as the extension produces it for a Node client.</summary>
    public static async Task<string> CaptureAsync(IHost host)
    {
        await host.Services.GetRequiredService<IJobHost>().CallAsync(nameof(GetClientBinding));
        return captured;
    }

    // [DurableClient] bound to string goes through BindingHelper.DurableOrchestrationClientToString,
    // the converter the Functions host uses for a Node durableClient input.
    [NoAutomaticTrigger]
    [FunctionName(nameof(GetClientBinding))]
    public static void GetClientBinding([DurableClient] string client) => captured = client;
}

internal sealed class LoopbackWebHookProvider : IWebHookProvider
{
    private static readonly Uri Url = new("http://127.0.0.1:7071/runtime/webhooks/durabletask?code=local");

    public Uri GetUrl(IExtensionConfigProvider extension) => Url;
}

internal sealed class FixedTypeLocator(params Type[] types) : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => types;
}

/// <summary>What the emitted functions call: one worker invocation per function execution.</summary>
public static class Dispatcher
{
    internal static WorkerProcess Worker;
    internal static readonly ConcurrentDictionary<string, string> TriggerBindingNames = new();

    public static Task<object> Invoke(string functionName, string triggerValue) =>
        Worker.InvokeAsync(functionName, TriggerBindingNames[functionName], triggerValue);
}

/// <summary>
/// One WebJobs method per orchestrator and activity, as the Functions host's FunctionGenerator
/// emits them. A string trigger parameter makes the extension treat the function as out-of-proc
/// (OrchestrationTriggerAttributeBindingProvider: the parameter is not an IDurableOrchestrationContext).
/// </summary>
internal static class FunctionEmitter
{
    public static Type Emit(JArray functions, WorkerProcess worker)
    {
        Dispatcher.Worker = worker;
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("RealDurable.Functions"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("RealDurable.Functions")
            .DefineType("Functions", TypeAttributes.Public | TypeAttributes.Class | TypeAttributes.Sealed | TypeAttributes.Abstract);
        MethodInfo invoke = typeof(Dispatcher).GetMethod(nameof(Dispatcher.Invoke));
        int count = 0;
        foreach (JObject function in functions)
        {
            string name = (string)function["name"];
            var trigger = ((JObject)function["bindings"]).Properties()
                .Select(p => (Name: p.Name, Type: (string)p.Value["type"], Direction: (string)p.Value["direction"]))
                .FirstOrDefault(b => b.Direction == "in" && b.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            (Type attribute, string nameProperty) = trigger.Type switch
            {
                "orchestrationTrigger" => (typeof(OrchestrationTriggerAttribute), nameof(OrchestrationTriggerAttribute.Orchestration)),
                "activityTrigger" => (typeof(ActivityTriggerAttribute), nameof(ActivityTriggerAttribute.Activity)),
                // HTTP and other triggers stay with the local runtime, which binds their durable
                // client to this host's RPC endpoint.
                _ => (null, null),
            };
            if (attribute == null)
            {
                continue;
            }

            Dispatcher.TriggerBindingNames[name] = trigger.Name;
            // public static Task<object> F<n>([OrchestrationTrigger(Orchestration = name)] string <binding>)
            var method = type.DefineMethod($"F{count++}", MethodAttributes.Public | MethodAttributes.Static, typeof(Task<object>), [typeof(string)]);
            method.SetCustomAttribute(new CustomAttributeBuilder(typeof(FunctionNameAttribute).GetConstructor([typeof(string)]), [name]));
            method.DefineParameter(1, ParameterAttributes.None, trigger.Name).SetCustomAttribute(
                new CustomAttributeBuilder(attribute.GetConstructor(Type.EmptyTypes), [], [attribute.GetProperty(nameProperty)], [name]));
            var il = method.GetILGenerator();
            il.Emit(OpCodes.Ldstr, name);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, invoke);
            il.Emit(OpCodes.Ret);
        }

        return type.CreateType();
    }
}

/// <summary>
/// A failed worker invocation, with the message shape of the Functions host's RpcException
/// ("Result: Failure\nException: ...\nStack: ..."), which the extension's OutOfProcExceptionHelpers parses.
/// </summary>
public sealed class WorkerRpcException(string message, string stack)
    : Exception($"Result: Failure\nException: {message}\nStack: {stack}");

/// <summary>The worker process and its JSON-lines protocol (described in bridge.ts).</summary>
internal sealed class WorkerProcess : IDisposable
{
    private const string Prefix = "@@bridge ";
    private readonly Process process;
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JObject>> pending = new();
    private readonly TaskCompletionSource<JArray> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object writeLock = new();
    private long nextId;
    private bool disposed;

    public WorkerProcess(string[] commandLine)
    {
        var start = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string argument in commandLine.Skip(1)) start.ArgumentList.Add(argument);
        this.process = new Process { StartInfo = start };
    }

    /// <summary>Completes when the worker exits without being asked to.</summary>
    public Task Exited => this.exited.Task;

    /// <summary>Starts the worker; resolves with the functions the app registered.</summary>
    public Task<JArray> StartAsync()
    {
        this.process.Start();
        new Thread(this.ReadLoop) { IsBackground = true, Name = "worker-reader" }.Start();
        return this.ready.Task;
    }

    private void ReadLoop()
    {
        string line;
        while ((line = this.process.StandardOutput.ReadLine()) != null)
        {
            if (!line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                Console.Error.WriteLine(line);
                continue;
            }

            var message = JObject.Parse(line.Substring(Prefix.Length));
            switch ((string)message["type"])
            {
                case "ready":
                    this.ready.TrySetResult((JArray)message["functions"]);
                    break;
                case "result":
                    if (this.pending.TryRemove((long)message["id"], out var call)) call.TrySetResult(message);
                    break;
            }
        }

        var gone = new InvalidOperationException("The worker process exited.");
        foreach (var call in this.pending.Values) call.TrySetException(gone);
        this.ready.TrySetException(new InvalidOperationException("The worker process exited before it loaded the app."));
        if (!this.disposed) this.exited.TrySetResult();
    }

    public async Task<object> InvokeAsync(string functionName, string bindingName, string triggerValue)
    {
        long id = Interlocked.Increment(ref this.nextId);
        var call = new TaskCompletionSource<JObject>(TaskCreationOptions.RunContinuationsAsynchronously);
        this.pending[id] = call;
        Program.CountInvocation(+1);
        try
        {
            return await this.CallAsync(id, call, functionName, bindingName, triggerValue).ConfigureAwait(false);
        }
        finally
        {
            Program.CountInvocation(-1);
        }
    }

    private async Task<object> CallAsync(long id, TaskCompletionSource<JObject> call, string functionName, string bindingName, string triggerValue)
    {
        // Host to worker (GrpcMessageConversionExtensions.ToRpc): a string trigger value is TypedData.string.
        var request = new JObject
        {
            ["type"] = "invoke",
            ["id"] = id,
            ["functionName"] = functionName,
            ["inputData"] = new JArray(new JObject
            {
                ["name"] = bindingName,
                ["data"] = triggerValue == null ? new JObject() : new JObject { ["string"] = triggerValue },
            }),
            // The Functions host also sends the trigger's binding data here; durable-functions reads none of it.
            ["triggerMetadata"] = new JObject(),
        };
        this.Send(request.ToString(Formatting.None));

        JObject result = await call.Task.ConfigureAwait(false);
        if ((string)result["status"] != "success")
        {
            throw new WorkerRpcException((string)result["exception"]?["message"], (string)result["exception"]?["stackTrace"]);
        }

        return FromTypedData(result["returnValue"] as JObject);
    }

    private void Send(string line)
    {
        lock (this.writeLock)
        {
            this.process.StandardInput.WriteLine(line);
            this.process.StandardInput.Flush();
        }
    }

    // Worker to host (GrpcMessageConversionExtensions.ToObject).
    private static object FromTypedData(JObject data)
    {
        if (data == null || !data.HasValues) return null;
        if (data["string"] != null) return (string)data["string"];
        if (data["json"] != null) return JsonConvert.DeserializeObject((string)data["json"], new JsonSerializerSettings { DateParseHandling = DateParseHandling.None });
        if (data["int"] != null) return (long)data["int"];
        if (data["double"] != null) return (double)data["double"];
        throw new InvalidOperationException($"Unsupported TypedData from the worker: {data}");
    }

    public void Dispose()
    {
        this.disposed = true;
        try
        {
            // The worker exits when its stdin closes.
            this.process.StandardInput.Close();
            if (!this.process.WaitForExit(5000)) this.process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It never started, or has exited already.
        }
        catch (IOException)
        {
            // Its stdin is already gone: it has exited.
        }

        this.process.Dispose();
    }
}
