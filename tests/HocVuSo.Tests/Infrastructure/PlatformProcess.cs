using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>
/// The real <c>hocvuso</c> executable (<c>dotnet hocvuso.dll serve</c>) on a SQLite file of its own,
/// for tests that must kill the process outright (SIGKILL, no shutdown code runs) and start it
/// again on the same database: "nothing is lost if the process dies between commit and delivery".
/// <see cref="Kill"/> then <see cref="StartAsync"/> restarts on the same file, port and settings;
/// <see cref="Environment"/> may be changed in between (e.g. turn the outbox worker on).
/// For a VNeID confirmation: start with <c>ASPNETCORE_ENVIRONMENT=Staging</c> and
/// <c>Vneid__Sandbox__Enabled=true</c>, put the sandbox in "timeout" over HTTP
/// (<c>POST /sandbox/vneid/switches</c>), certify, kill, set the switch back (it lives in memory,
/// so a restart resets it to "normal"), restart and read <c>GET /sandbox/vneid/api/confirmations</c>.
/// </summary>
public sealed class PlatformProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    private readonly StringBuilder _output = new();
    private Process? _process;

    public PlatformProcess(IDictionary<string, string>? environment = null)
    {
        Folder = Directory.CreateTempSubdirectory("hocvuso-process-").FullName;
        DatabasePath = Path.Combine(Folder, "hocvuso.db");
        BaseUrl = $"http://127.0.0.1:{FreePort()}";
        Environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Default"] = "Data Source=" + DatabasePath,
            ["Database__Provider"] = "Sqlite",
            ["DataProtection__KeysPath"] = Path.Combine(Folder, "keys"),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ReloadStaticAssetsAtRuntime"] = "false",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__FormatterName"] = "simple",
            // Keys of the process's personal data, known here too so OpenDatabase reads and writes its protected columns.
            ["PersonalData__Keys__test"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["PersonalData__ActiveKeyId"] = "test",
            ["PersonalData__HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            Environment[name] = value;
        }
    }

    public string Folder { get; }

    public string DatabasePath { get; }

    public string BaseUrl { get; }

    /// <summary>Environment variables of the next start (configuration uses "__" for ":").</summary>
    public Dictionary<string, string> Environment { get; }

    /// <summary>Everything the process printed over all its runs, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts <c>hocvuso serve</c> (which migrates an SQLite database at start) and waits until GET /health answers 200.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The platform is running already.");
        }

        var dll = Path.Combine(AppContext.BaseDirectory, "hocvuso.dll");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(BaseUrl);
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        Append($"--- start: {string.Join(' ', start.ArgumentList)}");
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilHealthyAsync();
    }

    /// <summary>Runs another command of the executable (e.g. <c>seed-demo</c>) on the same database and settings, and fails with its output unless it exits with 0; returns what it printed.</summary>
    public async Task<string> RunCommandAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "hocvuso.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        Append($"--- run: {string.Join(' ', start.ArgumentList)}");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The command did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        var printed = await output;
        Append(printed);
        Append(await error);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'hocvuso {string.Join(' ', arguments)}' exited with code {process.ExitCode}. Output:{System.Environment.NewLine}{Output}");
        }

        return printed;
    }

    /// <summary>SIGKILL: the process ends at once, with no graceful shutdown (no lease released, nothing flushed).</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        Append($"--- killed (exit code {_process.ExitCode})");
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// A client of the running process that keeps cookies like a browser and does not follow
    /// redirects (the <see cref="Html"/> helpers work with it).
    /// </summary>
    public HttpClient CreateClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri(BaseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>A context on the process's database, for inserting and checking rows directly.</summary>
    public AppDbContext OpenDatabase() =>
        new SqliteAppDbContext(
            new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=" + DatabasePath).ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>().Options,
            new Core.Features.Certification.PersonalDataProtector(Microsoft.Extensions.Options.Options.Create(new Core.Features.Certification.PersonalDataOptions
            {
                Keys = { ["test"] = Environment["PersonalData__Keys__test"] },
                ActiveKeyId = "test",
                HashKey = Environment["PersonalData__HashKey"],
            })));

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 200 ms; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }

        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"'hocvuso serve' exited with code {_process.ExitCode}. Output:{System.Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Busy starting.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"'hocvuso serve' was not healthy within {StartTimeout}. Output:{System.Environment.NewLine}{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string DotnetHost()
    {
        var host = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = System.Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
