using Cortex.Responders;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Cortex.Workers.Responders.Jupyter.Kernels.Local;

/// <summary>
/// A kernel process on the Cortex host, started from its kernel spec as jupyter_client does (the spec's argv with
/// <c>{connection_file}</c>), in a session of its own, and bound to this worker's life: through
/// <c>setpriv --pdeathsig KILL</c>, the kernel gets SIGKILL when the worker ends in any way, even by SIGKILL.
/// Disposing it asks it to shut down, kills its process group after a bound, and removes the connection file.
/// </summary>
internal sealed class LocalKernel : IKernel
{
    private const string Setpriv = "/usr/bin/setpriv";
    private const string Setsid = "/usr/bin/setsid";
    private const int TailLines = 5;

    private static readonly TimeSpan ShutdownLimit = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan KillLimit = TimeSpan.FromSeconds(2);

    private readonly KernelSpec spec;
    private readonly ConnectionFile connection;
    private readonly ILogger logger;
    private readonly ZeroMqTransport transport;
    private readonly Queue<string> errorTail = new();
    private readonly TaskCompletionSource exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorsRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Process? process;

    private LocalKernel(KernelSpec spec, ConnectionFile connection, ILogger logger)
    {
        this.spec = spec;
        this.connection = connection;
        this.logger = logger;
        transport = new ZeroMqTransport(connection);
        Session = new KernelSession(transport, Guid.NewGuid().ToString("N"));
    }

    public KernelSession Session { get; }

    /// <summary>The kernel's process id (its process group's too), or 0 before it started.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Starts a kernel of <paramref name="spec"/> and waits until it answers; nothing is left running if this throws.</summary>
    public static async Task<LocalKernel> StartAsync(KernelSpec spec, TimeSpan readyLimit, ILogger logger, CancellationToken cancellationToken)
    {
        var connection = ConnectionFile.Create(spec.Name);
        LocalKernel? kernel = null;
        try
        {
            kernel = new LocalKernel(spec, connection, logger);
            await kernel.LaunchAsync();
            try
            {
                await kernel.Session.WaitReadyAsync(readyLimit, cancellationToken);
            }
            catch (KernelException e)
            {
                throw new JupyterException($"the {spec.Name} kernel did not start on the Cortex host: {e.Message}");
            }

            logger.LogInformation("Kernel {Kernel} started on the Cortex host (pid {Pid})", spec.Name, kernel.ProcessId);
            return kernel;
        }
        catch
        {
            if (kernel is not null)
            {
                await kernel.DisposeAsync();
            }
            else
            {
                connection.Dispose();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            if (!exited.Task.IsCompleted)
            {
                try
                {
                    await Session.RequestShutdownAsync(CancellationToken.None);
                    await exited.Task.WaitAsync(ShutdownLimit);
                }
                catch (TimeoutException)
                {
                    logger.LogWarning("The kernel (pid {Pid}) did not end within {Seconds} s of its shutdown request: killing it", ProcessId, ShutdownLimit.TotalSeconds);
                }
            }

            // The whole group: processes a cell started go with their kernel.
            ProcessGroup.Kill(ProcessId);
            try
            {
                await exited.Task.WaitAsync(KillLimit);
            }
            catch (TimeoutException)
            {
                logger.LogWarning("The kernel (pid {Pid}) did not end after SIGKILL within {Seconds} s", ProcessId, KillLimit.TotalSeconds);
            }

            process.Dispose();
        }

        await transport.DisposeAsync();
        connection.Dispose();
    }

    private static string Format(string argument, KernelSpec spec, ConnectionFile connection) => argument
        .Replace("{connection_file}", connection.Path, StringComparison.Ordinal)
        .Replace("{resource_dir}", spec.ResourceDirectory, StringComparison.Ordinal);

    /// <summary>
    /// Starts the process from a thread of its own that lives as long as the kernel: the parent-death signal fires
    /// when the thread that forked the child ends, and a thread-pool thread may end at any time.
    /// </summary>
    private Task LaunchAsync()
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var argv = spec.Argv.Select(a => Format(a, spec, connection)).ToList();
        if (File.Exists(Setpriv) && File.Exists(Setsid))
        {
            start.FileName = Setpriv;
            foreach (var argument in new[] { "--pdeathsig", "KILL", "--", Setsid, "--" }.Concat(argv))
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            logger.LogWarning("{Setpriv} or {Setsid} is missing (util-linux): the kernel is not bound to the worker's life, and a worker killed with "
                + "SIGKILL leaves it running", Setpriv, Setsid);
            start.FileName = argv[0];
            foreach (var argument in argv.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var (name, value) in spec.Environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["JPY_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var launched = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            using var gone = new ManualResetEventSlim();
            Process child;
            try
            {
                child = new Process { StartInfo = start, EnableRaisingEvents = true };
                child.Exited += (_, _) => gone.Set();
                child.Start();
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                launched.SetException(new JupyterException($"cannot start the {spec.Name} kernel ({argv[0]}, from "
                    + $"{spec.ResourceDirectory}/kernel.json): {e.Message}; install it for the user Cortex runs as"));
                return;
            }

            process = child;
            ProcessId = child.Id;
            launched.SetResult();
            Watch(child);
            gone.Wait();
        })
        {
            IsBackground = true,
            Name = "kernel " + spec.Name,
        };
        thread.Start();
        return launched.Task;
    }

    private void Watch(Process child)
    {
        child.StandardInput.Close();
        _ = DrainAsync(child.StandardOutput, keep: false);
        _ = DrainAsync(child.StandardError, keep: true);
        child.Exited += (_, _) => _ = OnExitedAsync(child);
        if (child.HasExited)
        {
            _ = OnExitedAsync(child);
        }
    }

    private async Task OnExitedAsync(Process child)
    {
        if (!exited.TrySetResult())
        {
            return;
        }

        // What the kernel said before it ended (a missing module, a port taken), once its pipe is read, within a bound.
        await Task.WhenAny(errorsRead.Task, Task.Delay(TimeSpan.FromMilliseconds(500)));
        string tail;
        lock (errorTail)
        {
            // A Python kernel's last line is the exception that ended it.
            tail = errorTail.Count == 0 ? string.Empty : ": " + errorTail.Last();
        }

        var code = child.ExitCode;
        var how = code > 128 ? $"was killed by signal {code - 128}" : $"exited with code {code}";
        transport.Fail(new KernelException($"the {spec.Name} kernel (pid {ProcessId}) {how}{tail}"));
    }

    private async Task DrainAsync(StreamReader reader, bool keep)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                if (!keep || line.Trim().Length == 0)
                {
                    continue;
                }

                lock (errorTail)
                {
                    errorTail.Enqueue(line.Length > 300 ? line[..300] + "…" : line.Trim());
                    while (errorTail.Count > TailLines)
                    {
                        errorTail.Dequeue();
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The pipe broke with the process: what was read is kept.
        }
        finally
        {
            if (keep)
            {
                errorsRead.TrySetResult();
            }
        }
    }
}
