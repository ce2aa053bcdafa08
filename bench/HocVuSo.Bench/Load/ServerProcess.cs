using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace HocVuSo.Bench.Load;

/// <summary>
/// The server under test: <c>hocvuso serve</c> as a child process on a free loopback port, in the
/// Production environment, with its output in a log file. Ended (by its own id) when disposed.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly LogFile _log;

    private ServerProcess(Process process, LogFile log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>CPU time used by the server so far (user and system, all threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static string DefaultDll()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HocVuSo.slnx")))
            {
                return Path.Combine(folder.FullName, "src", "HocVuSo.Web", "bin", "Release", "net10.0", "hocvuso.dll");
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (HocVuSo.slnx); pass --server PATH/hocvuso.dll.");
    }

    public static async Task<ServerProcess> StartAsync(string dll, IReadOnlyDictionary<string, string> environment, string logPath, CancellationToken ct)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: build it with `dotnet build src/HocVuSo.Web -c Release`.", dll);
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(logPath)!,
        };
        foreach (var argument in new[] { dll, "serve", "--urls", address.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        // Every learner signs in from 127.0.0.1: the per-address sign-in limit would refuse all but the first few (429).
        start.Environment["RateLimits__SignIn__PermitLimit"] = "1000000";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var log = new LogFile(logPath);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, e) => log.Write(e.Data);
        process.ErrorDataReceived += (_, e) => log.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, address);
        try
        {
            await server.WaitUntilHealthyAsync(ct);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }

        _process.Dispose();
        _log.Close();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}; see its log.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Address, "/health"), ct);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                // Not listening yet, or still starting (a busy machine makes the first answer slow).
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException("The server did not answer /health within 60 s.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The server's output, written from the process's reader threads until closed.</summary>
    private sealed class LogFile(string path)
    {
        private readonly StreamWriter _writer = new(path) { AutoFlush = true };
        private readonly Lock _lock = new();
        private bool _closed;

        public void Write(string? line)
        {
            lock (_lock)
            {
                if (line is not null && !_closed)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public void Close()
        {
            lock (_lock)
            {
                _closed = true;
                _writer.Dispose();
            }
        }
    }
}
