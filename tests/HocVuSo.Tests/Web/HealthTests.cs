using System.Net;
using System.Text.Json;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>/health/live answers while the process runs; /health/ready only with the database up, every migration applied and the outbox moving.</summary>
public class HealthTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReadyAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health/ready");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string CheckStatus(JsonElement body, string check) =>
        body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString()!;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ready_FailsWhileTheOutboxIsStuck_OrAMigrationIsMissing_AndLiveStaysUp(string provider)
    {
        await using var app = await TestApp.StartOwnAsync(provider, new Dictionary<string, string?> { ["Health:OutboxMaxPendingAge"] = "00:10:00" });
        var client = app.CreateClient();

        var (status, body) = await ReadyAsync(client);
        status.ShouldBe(HttpStatusCode.OK, body.ToString());
        body.GetProperty("status").GetString().ShouldBe("Healthy");
        CheckStatus(body, "database").ShouldBe("Healthy");
        CheckStatus(body, "migrations").ShouldBe("Healthy");
        CheckStatus(body, "outbox").ShouldBe("Healthy");

        // A message waiting for a quarter of an hour, past the ten minutes allowed: the outbox is stuck.
        await app.ExecuteDbAsync(async db =>
        {
            await db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending).ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, OutboxStatus.Delivered));
            db.OutboxMessages.Add(new OutboxMessage
            {
                Type = "test.stuck",
                Payload = "{}",
                IdempotencyKey = "health-" + Guid.NewGuid().ToString("N"),
                CreatedAt = DateTime.UtcNow.AddMinutes(-15),
                NextAttemptAt = DateTime.UtcNow.AddMinutes(-15),
            });
            return await db.SaveChangesAsync();
        });
        (status, body) = await ReadyAsync(client);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        CheckStatus(body, "outbox").ShouldBe("Unhealthy");
        CheckStatus(body, "database").ShouldBe("Healthy");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetStringAsync("/health")).ShouldBe("Healthy");

        // Delivered, it no longer counts; a migration the database lacks makes the instance not ready.
        await app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Type == "test.stuck")
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.Status, OutboxStatus.Delivered)));
        (status, _) = await ReadyAsync(client);
        status.ShouldBe(HttpStatusCode.OK);

        await app.ExecuteDbAsync(async db =>
        {
            var latest = db.Database.GetMigrations().Last();
            return await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = {0}", latest);
        });
        (status, body) = await ReadyAsync(client);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        CheckStatus(body, "migrations").ShouldBe("Unhealthy");
        body.GetProperty("checks").GetProperty("migrations").GetProperty("description").GetString()!.ShouldContain("1 migration");
        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Live_AnswersHealthy_WhileTheProcessRuns()
    {
        var app = await TestApp.GetAsync("Sqlite");

        var response = await app.CreateClient().GetAsync("/health/live");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }
}
