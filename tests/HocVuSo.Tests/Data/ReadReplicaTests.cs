using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HocVuSo.Tests.Data;

/// <summary>
/// With <c>ConnectionStrings:ReadOnly</c> the dashboards read a connection that cannot write (on
/// PostgreSQL a role with <c>default_transaction_read_only=on</c>, as a hot standby is), while
/// writes, sign-ins included, still reach the primary.
/// </summary>
public class ReadReplicaTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dashboards_ReadTheReplica_WhileWritesGoToThePrimary(string provider)
    {
        await using var primaryOnly = await TestApp.StartOwnAsync(provider);
        var (readOnly, role) = await ReadOnlyConnectionAsync(primaryOnly);
        await using var app = await primaryOnly.StartSiblingAsync(new Dictionary<string, string?> { ["ConnectionStrings:ReadOnly"] = readOnly });

        // The replica really cannot write.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var replica = scope.ServiceProvider.GetRequiredService<ReadOnlyDb>();
            replica.OnReplica.ShouldBeTrue();
            replica.Context.ShouldNotBeSameAs(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            await Should.ThrowAsync<Exception>(() => replica.Context.Database.ExecuteSqlRawAsync("""UPDATE "Units" SET "Name" = "Name" WHERE 1 = 0"""));
        }

        var before = await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignIn && a.ActorName == "officer.eatrang"));
        // Signing in writes the audit trail: on the primary.
        var officer = await app.CreateClientAsync("officer.eatrang");
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.SignIn && a.ActorName == "officer.eatrang"))).ShouldBe(before + 1);

        var viaReplica = await officer.GetFromJsonAsync<JsonElement>("/api/v1/reporting/dashboard?unit=24445");
        var viaPrimary = await (await primaryOnly.CreateClientAsync("officer.eatrang")).GetFromJsonAsync<JsonElement>("/api/v1/reporting/dashboard?unit=24445");
        viaReplica.GetProperty("unit").GetProperty("code").GetString().ShouldBe("24445");
        Codes(viaReplica).ShouldBe(Codes(viaPrimary));
        Codes(viaReplica).ShouldNotBeEmpty();
        (await officer.GetAsync("/api/v1/teams/dashboard?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.OK);

        if (role is not null)
        {
            // Proof that the dashboard reads through the replica's connection: without its right to read the figures, it fails there only.
            await AdminAsync(primaryOnly, $"""REVOKE SELECT ON "IndicatorAggregates" FROM {role}""");
            (await officer.GetAsync("/api/v1/reporting/dashboard?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
            (await (await primaryOnly.CreateClientAsync("officer.eatrang")).GetAsync("/api/v1/reporting/dashboard?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.OK);
            await AdminAsync(primaryOnly, $"""GRANT SELECT ON "IndicatorAggregates" TO {role}""");
        }
    }

    [Fact]
    public async Task WithoutAReadOnlyConnection_EverythingUsesThePrimary()
    {
        var app = await TestApp.GetAsync("Sqlite");
        await using var scope = app.Services.CreateAsyncScope();
        var replica = scope.ServiceProvider.GetRequiredService<ReadOnlyDb>();
        replica.OnReplica.ShouldBeFalse();
        replica.Context.ShouldBeSameAs(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static List<string> Codes(JsonElement dashboard) =>
        dashboard.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).ToList();

    /// <summary>A connection to the app's database that cannot write: SQLite opened read-only, or a PostgreSQL role that may only read.</summary>
    private static async Task<(string Connection, string? Role)> ReadOnlyConnectionAsync(TestApp app)
    {
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            return (new SqliteConnectionStringBuilder(app.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString, null);
        }

        var role = "hocvuso_ro_" + Guid.NewGuid().ToString("N")[..10];
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database;
        await AdminAsync(app, $"CREATE ROLE {role} LOGIN");
        await AdminAsync(app, $"ALTER ROLE {role} SET default_transaction_read_only = on");
        await AdminAsync(app, $"GRANT CONNECT ON DATABASE {database} TO {role}");
        await AdminAsync(app, $"GRANT USAGE ON SCHEMA public TO {role}");
        await AdminAsync(app, $"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}");
        return (new NpgsqlConnectionStringBuilder(app.ConnectionString) { Username = role, Password = null }.ConnectionString, role);
    }

    private static async Task AdminAsync(TestApp app, string sql)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
