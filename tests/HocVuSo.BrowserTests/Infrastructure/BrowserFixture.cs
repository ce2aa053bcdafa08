using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace HocVuSo.BrowserTests.Infrastructure;

/// <summary>
/// The platform as users get it: the real <c>hocvuso</c> executable seeded with the demo on a
/// fresh SQLite file and served by Kestrel on a free local port, plus one headless Chromium
/// (the Debian package) shared by every test. Each test opens its own browser context, so
/// cookies and sign-ins never leak from one test to another.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Password of every demo account (long enough, with upper case, lower case and a digit).</summary>
    public const string Password = "Thu-Nghiem-2026";

    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>How long a locator, an expectation or a navigation may wait before the test fails.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan SeedTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly SemaphoreSlim _sandboxGate = new(1, 1);
    private string? _folder;
    private ChildProcess? _server;
    private ChildProcess? _sandboxServer;
    private Dictionary<string, string>? _sandboxEnvironment;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The SQLite file the platform runs on, for tests that need what pages never show (the answer key).</summary>
    public string DatabasePath { get; private set; } = string.Empty;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Where screenshots and other files for a human to look at go: the test output folder.</summary>
    public static string ArtifactsFolder => Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;

    /// <summary>What the server printed so far, for failure messages.</summary>
    public string ServerOutput => _server?.Output ?? string.Empty;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ChromiumPath}: install the Debian package chromium " +
                "(apt-get install --no-install-recommends chromium chromium-driver). Never run 'playwright install'.");
        }

        try
        {
            var app = WebAppPath();
            _folder = Directory.CreateTempSubdirectory("hocvuso-browser-").FullName;
            DatabasePath = Path.Combine(_folder, "hocvuso.db");
            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Default"] = "Data Source=" + DatabasePath,
                ["DataProtection__KeysPath"] = Path.Combine(_folder, "keys"),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                // Run from the build output, the static assets are otherwise watched for edits the
                // way `dotnet watch` needs: styles and scripts then go out in uncompressed gzip with
                // no-cache. Users get the published app, which serves them precompressed and cacheable.
                ["ReloadStaticAssetsAtRuntime"] = "false",
                // Every journey signs in from this one address, in parallel.
                ["RateLimits__SignIn__PermitLimit"] = "1000000",
                ["RateLimits__TwoFactor__PermitLimit"] = "1000000",
                ["RateLimits__Registration__PermitLimit"] = "1000000",
                ["RateLimits__Activation__PermitLimit"] = "1000000",
                ["RateLimits__Verification__PermitLimit"] = "1000000",
                ["RateLimits__Account__PermitLimit"] = "1000000",
            };

            await SeedAsync(app, _folder, environment);
            PrepareSandboxCopy(environment);
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}";
            _server = ChildProcess.Start(app, ["serve", "--urls", BaseUrl], _folder, environment);
            await WaitUntilHealthyAsync(_server, BaseUrl);

            SetDefaultExpectTimeout((float)Patience.TotalMilliseconds);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Base address of a second platform with the VNeID sandbox on, started on first use: the same
    /// seeded demo (a copy of the database, taken before the first server started) in the Staging
    /// environment with <c>Vneid:Sandbox:Enabled=true</c>, the outbox worker polling every second and
    /// a full reporting roll-up every few seconds. The first platform stays exactly as users get it.
    /// </summary>
    public string SandboxBaseUrl { get; private set; } = string.Empty;

    /// <summary>The SQLite file of the sandbox platform.</summary>
    public string SandboxDatabasePath { get; private set; } = string.Empty;

    /// <summary>What the sandbox platform printed so far, for failure messages.</summary>
    public string SandboxServerOutput => _sandboxServer?.Output ?? string.Empty;

    /// <summary>Starts the sandbox platform unless it runs already; returns its base address.</summary>
    public async Task<string> StartSandboxPlatformAsync()
    {
        await _sandboxGate.WaitAsync();
        try
        {
            if (_sandboxServer is null)
            {
                var environment = _sandboxEnvironment ?? throw new InvalidOperationException("The fixture is not initialised.");
                var url = $"http://127.0.0.1:{FreePort()}";
                _sandboxServer = ChildProcess.Start(WebAppPath(), ["serve", "--urls", url], Path.GetDirectoryName(SandboxDatabasePath)!, environment);
                await WaitUntilHealthyAsync(_sandboxServer, url);
                SandboxBaseUrl = url;
            }

            return SandboxBaseUrl;
        }
        finally
        {
            _sandboxGate.Release();
        }
    }

    /// <summary>A fresh, anonymous browser context on the platform (relative URLs work), in Vietnamese.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= BaseUrl;
        options.Locale ??= "vi-VN";
        var context = await Browser.NewContextAsync(options);
        // The site's Content-Security-Policy must never block anything of its own: every refusal the
        // browser reports is kept, and the test run fails on it (DisposeAsync).
        context.Page += (_, page) => page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Enqueue(page.Url + ": " + message.Text);
            }
        };
        context.SetDefaultTimeout((float)Patience.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)Patience.TotalMilliseconds);
        return context;
    }

    /// <summary>What the browser refused under the site's Content-Security-Policy, with the page's address.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    public async Task DisposeAsync()
    {
        var violations = CspViolations.ToArray();
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        _server?.Dispose();
        _server = null;
        _sandboxServer?.Dispose();
        _sandboxServer = null;
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        _folder = null;
        if (violations.Length > 0)
        {
            await File.WriteAllLinesAsync(Path.Combine(ArtifactsFolder, "csp-violations.txt"), violations.Distinct());
            throw new InvalidOperationException("The Content-Security-Policy blocked the site's own content:" + Environment.NewLine + string.Join(Environment.NewLine, violations.Distinct()));
        }
    }

    /// <summary>The web project's build output, recorded at build time by the project reference (see the .csproj).</summary>
    private static string WebAppPath()
    {
        var path = typeof(BrowserFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "HocVuSoWebApp")?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException($"hocvuso.dll was not found at '{path}': build the test project (it builds HocVuSo.Web first).");
        }

        return path;
    }

    /// <summary>Copies the freshly seeded database and its keys for the sandbox platform (see <see cref="StartSandboxPlatformAsync"/>).</summary>
    private void PrepareSandboxCopy(IReadOnlyDictionary<string, string> environment)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder!, "vneid-sandbox")).FullName;
        SandboxDatabasePath = Path.Combine(folder, "hocvuso.db");
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            if (File.Exists(DatabasePath + suffix))
            {
                File.Copy(DatabasePath + suffix, SandboxDatabasePath + suffix);
            }
        }

        var keys = Directory.CreateDirectory(Path.Combine(folder, "keys")).FullName;
        foreach (var file in Directory.EnumerateFiles(environment["DataProtection__KeysPath"]))
        {
            File.Copy(file, Path.Combine(keys, Path.GetFileName(file)));
        }

        _sandboxEnvironment = new Dictionary<string, string>(environment)
        {
            ["ConnectionStrings__Default"] = "Data Source=" + SandboxDatabasePath,
            ["DataProtection__KeysPath"] = keys,
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Vneid__Sandbox__Enabled"] = "true",
            ["Outbox__PollInterval"] = "00:00:01",
            ["Reporting__Rollup__Interval"] = "00:00:03",
            ["Reporting__Rollup__DirtyPoll"] = "00:00:01",
        };
    }

    private static async Task SeedAsync(string app, string folder, IReadOnlyDictionary<string, string> environment)
    {
        using var seed = ChildProcess.Start(app, ["seed-demo", "--password", Password], folder, environment);
        if (!await seed.WaitForExitAsync(SeedTimeout))
        {
            throw new InvalidOperationException($"'hocvuso seed-demo' did not finish within {SeedTimeout}. Output:{Environment.NewLine}{seed.Output}");
        }

        if (seed.ExitCode != 0)
        {
            throw new InvalidOperationException($"'hocvuso seed-demo' failed with exit code {seed.ExitCode}. Output:{Environment.NewLine}{seed.Output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilHealthyAsync(ChildProcess server, string baseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"'hocvuso serve' exited with code {server.ExitCode} before it was healthy. Output:{Environment.NewLine}{server.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            catch (TaskCanceledException)
            {
                last = "timed out";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new InvalidOperationException(
            $"'hocvuso serve' on {baseUrl} did not answer GET /health with 200 within {StartTimeout} (last: {last}). Output:{Environment.NewLine}{server.Output}");
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
