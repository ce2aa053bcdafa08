using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Npgsql;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>
/// The whole platform on a test server over a real database: SQLite in a temporary file always,
/// PostgreSQL too when HOCVUSO_TEST_PG holds a server connection string (CI sets it). Each
/// provider's app is built once, migrated and seeded with the demo (password <see cref="Password"/>),
/// and shared by the tests, which therefore use names of their own when they write.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    public const string Password = "Demo@12345";
    public const string PostgresVariable = "HOCVUSO_TEST_PG";

    private static readonly Dictionary<string, Lazy<Task<TestApp>>> Apps = new()
    {
        ["Sqlite"] = new(() => StartAsync(DatabaseProvider.Sqlite)),
        ["Postgres"] = new(() => StartAsync(DatabaseProvider.Postgres)),
    };

    private readonly string _folder;
    private readonly string _connection;
    private readonly bool _ownsFolder;
    private readonly SemaphoreSlim _twoFactorGate = new(1, 1);

    private TestApp(WebApplication app, string folder, DatabaseProvider provider, string connection, bool ownsFolder = true)
    {
        App = app;
        _folder = folder;
        Provider = provider;
        _connection = connection;
        _ownsFolder = ownsFolder;
    }

    /// <summary>The database this app works on.</summary>
    public string ConnectionString => _connection;

    public WebApplication App { get; }

    public DatabaseProvider Provider { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>The providers the data tests run on here: always SQLite; PostgreSQL when configured.</summary>
    public static TheoryData<string> Providers
    {
        get
        {
            var data = new TheoryData<string> { "Sqlite" };
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable)))
            {
                data.Add("Postgres");
            }

            return data;
        }
    }

    public static Task<TestApp> GetAsync(string provider) => Apps[provider].Value;

    /// <summary>
    /// An app of the test's own, with its own database, for tests that compare whole tables and so
    /// cannot share the app with tests writing in parallel. The caller disposes it.
    /// </summary>
    public static Task<TestApp> StartOwnAsync(string provider, IDictionary<string, string?>? settings = null) => StartAsync(Enum.Parse<DatabaseProvider>(provider), settings);

    /// <summary>
    /// A second instance of the platform on this app's database and key folder, as a second web
    /// server behind the proxy would be: nothing is migrated or seeded again. The caller disposes it
    /// (before this app).
    /// </summary>
    public async Task<TestApp> StartSiblingAsync(IDictionary<string, string?>? settings = null)
    {
        var app = Build(Provider, _connection, _folder, settings);
        await app.StartAsync();
        return new TestApp(app, _folder, Provider, _connection, ownsFolder: false);
    }

    /// <summary>A client that keeps cookies, like a browser, and does not follow redirects.</summary>
    public HttpClient CreateClient()
    {
        var handler = new CookieContainerHandler { InnerHandler = App.GetTestServer().CreateHandler() };
        return new HttpClient(handler) { BaseAddress = new Uri("http://localhost") };
    }

    /// <summary>A client carrying the bearer token of a demo account.</summary>
    public async Task<HttpClient> CreateClientAsync(string userName)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The small test course in Fixtures/courses (all question types); importing it again changes nothing.</summary>
    public async Task<IReadOnlyList<ImportContent.CourseReport>> ImportFixtureCourseAsync(string? folder = null)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var result = await scope.ServiceProvider.GetRequiredService<ImportContent.Handler>()
            .HandleAsync(new ImportContent.Command(folder ?? Path.Combine(AppContext.BaseDirectory, "Fixtures", "courses")), CancellationToken.None);
        result.IsSuccess.ShouldBeTrue(string.Join("; ", result.Errors.Select(e => $"{e.Field} {e.Code} {string.Join(",", e.Args)}")));
        return result.Value!;
    }

    /// <summary>
    /// Registers a new learner in an Ea Trang village and returns a client signed in with their token.
    /// The learner consents as the sign-up page records it: to every purpose unless <paramref name="consent"/> says otherwise.
    /// </summary>
    public async Task<(HttpClient Client, string UserName)> CreateLearnerAsync(string villageCode = "24445-002", ConsentChoice? consent = null)
    {
        var phone = "09" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await using (var scope = Services.CreateAsyncScope())
        {
            var registered = await scope.ServiceProvider.GetRequiredService<RegisterLearner.Handler>()
                .HandleAsync(new RegisterLearner.Command("Người Học Thử", phone, Password, villageCode, Consent: consent ?? new ConsentChoice(true, true, true)), CancellationToken.None);
            registered.IsSuccess.ShouldBeTrue(string.Join("; ", registered.Errors.Select(e => e.Code)));
        }

        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, phone);
    }

    /// <summary>A client for an approver: enrols an authenticator for the account (approvers must use two-factor sign-in) and signs in with a code.</summary>
    public async Task<HttpClient> CreateTwoFactorClientAsync(string userName)
    {
        string key;
        // Test classes run in parallel: the first two to ask for the same account must not both create its key.
        await _twoFactorGate.WaitAsync();
        try
        {
            await using var scope = Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            key = await users.GetAuthenticatorKeyAsync(user) ?? string.Empty;
            if (key.Length == 0)
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = (await users.GetAuthenticatorKeyAsync(user))!;
            }

            // Enabling two-factor renews the account's security stamp, which signs out every token already
            // issued to it: a test class still using an earlier client of the same demo account would get 401.
            if (!await users.GetTwoFactorEnabledAsync(user))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
            }
        }
        finally
        {
            _twoFactorGate.Release();
        }

        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName, password = Password, twoFactorCode = Totp.Code(key, DateTimeOffset.UtcNow) });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The stored user name for what a person types to sign in: a phone's opaque handle (LoginNames), otherwise the name.</summary>
    public string StoredUserName(string typed) => Services.GetRequiredService<LoginNames>().Resolve(typed);

    public async Task<T> ExecuteDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        if (!_ownsFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static async Task<TestApp> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "hocvuso-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // A second instance on the database of another is started with that app's ConnectionStrings:Default.
        var connection = settings?.TryGetValue("ConnectionStrings:Default", out var shared) == true && shared is not null
            ? shared
            : provider == DatabaseProvider.Sqlite
                ? $"Data Source={Path.Combine(folder, "test.db")}"
                : await CreatePostgresDatabaseAsync();
        var app = Build(provider, connection, folder, settings);
        var migrated = await DatabaseMigrator.MigrateAsync(app.Services, CancellationToken.None);
        migrated.IsSuccess.ShouldBeTrue(string.Join("; ", migrated.Errors.Select(e => $"{e.Code} {e.Row} {string.Join(",", e.Args)}")));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var seeded = await scope.ServiceProvider.GetRequiredService<SeedDemo.Handler>().HandleAsync(new SeedDemo.Command(Password, Path.Combine(AppContext.BaseDirectory, "content", "courses")), CancellationToken.None);
            seeded.IsSuccess.ShouldBeTrue(string.Join("; ", seeded.Errors.Select(e => $"{e.Code} {e.Row} {string.Join(",", e.Args)}")));
        }

        await app.StartAsync();
        var testApp = new TestApp(app, folder, provider, connection);

        // Imported once here, so tests running in parallel never race to publish it.
        await testApp.ImportFixtureCourseAsync();
        return testApp;
    }

    private static WebApplication Build(DatabaseProvider provider, string connection, string folder, IDictionary<string, string?>? settings) =>
        PlatformHost.Build([], configure: builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider.ToString(),
                ["ConnectionStrings:Default"] = connection,
                ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
                ["Logging:LogLevel:Default"] = "Warning",
                // Tests drive the outbox themselves (OutboxDispatcher.DispatchDueAsync), deterministically.
                ["Outbox:WorkerEnabled"] = "false",
                // Tests run the retention job themselves (RetentionTests).
                ["Retention:WorkerEnabled"] = "false",
                ["Vneid:Sandbox:Enabled"] = "true",
                ["Vneid:TimeoutSeconds"] = "2",
                // Tests make VNeID fail on purpose, side by side with tests that need it to work:
                // the shared app's circuit must not open (VneidResilienceTests use breakers of their own).
                ["Vneid:CircuitBreaker:MinimumThroughput"] = "100000",
                ["Vneid:Sandbox:TimeoutDelaySeconds"] = "10",
                // Tests sign in hundreds of times from one address: the limits are checked by a test on an app of its own.
                ["RateLimits:SignIn:PermitLimit"] = "1000000",
                ["RateLimits:TwoFactor:PermitLimit"] = "1000000",
                ["RateLimits:Registration:PermitLimit"] = "1000000",
                ["RateLimits:Activation:PermitLimit"] = "1000000",
                ["RateLimits:Verification:PermitLimit"] = "1000000",
                ["RateLimits:Account:PermitLimit"] = "1000000",
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }
            builder.Services.AddScoped<IOutboxHandler, ScriptedOutboxHandler>();
            // Calls to VNeID (the in-process sandbox) go through the test server instead of the network.
            // The test server's handler is taken at the first request, not when the client is built:
            // background workers build their clients while the host is starting, before the test server
            // has its application, and the client factory would keep that failure for the handler's lifetime.
            builder.Services.ConfigureHttpClientDefaults(client => client.ConfigurePrimaryHttpMessageHandler(
                services => new DeferredTestServerHandler(services.GetRequiredService<IServer>())));
        });

    private static async Task<string> CreatePostgresDatabaseAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable)!;
        var name = "hocvuso_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {name} ENCODING 'UTF8'";
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}

/// <summary>Sends through the test server, whose handler is created at the first request.</summary>
internal sealed class DeferredTestServerHandler(IServer server) : HttpMessageHandler
{
    private HttpMessageInvoker? _invoker;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _invoker ??= new HttpMessageInvoker(((TestServer)server).CreateHandler(), disposeHandler: true);
        return _invoker.SendAsync(request, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _invoker?.Dispose();
        }

        base.Dispose(disposing);
    }
}
