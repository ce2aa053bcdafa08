using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>Apps of the link-check tests' own, one per provider: link checks on, with the test-only loopback allowance and a one-second timeout.</summary>
public sealed class LinkCheckApps : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Communications:CheckLinks"] = "true",
        ["Communications:AllowLoopbackForTests"] = "true",
        // Three seconds: time enough for the local site to answer on a loaded machine, still well short of /slow's five.
        ["Communications:LinkCheckTimeout"] = "00:00:03",
    };

    private readonly Dictionary<string, Lazy<Task<TestApp>>> _apps = new()
    {
        ["Sqlite"] = new(() => TestApp.StartOwnAsync("Sqlite", Settings)),
        ["Postgres"] = new(() => TestApp.StartOwnAsync("Postgres", Settings)),
    };

    public Task<TestApp> GetAsync(string provider) => _apps[provider].Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }
    }
}

/// <summary>
/// The optional reachability check of logged links: off by default (nothing queued), queued in
/// the outbox when on, run by the outbox worker against a local server — reachable, not found,
/// timed out, a redirect to a private address refused, a HEAD refused and a ranged GET instead —
/// and the result shown by the API and the page.
/// </summary>
public class CommunicationLinkCheckTests(LinkCheckApps apps) : IClassFixture<LinkCheckApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static readonly DateOnly Day = new(2026, 6, 10);

    private static object Item(string title, string? url) =>
        new { unit = "24445", kind = "news-article", channel = "portal", title, date = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), url };

    private static Task<List<OutboxMessage>> ChecksOfAsync(TestApp app, string itemId) =>
        app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Type == CommunicationLinkChecks.Type && m.Reference == itemId).ToListAsync());

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChecksOff_ByDefault_RecordingAnItemWithALink_QueuesNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        app.Services.GetRequiredService<IOptions<CommunicationOptions>>().Value.CheckLinks.ShouldBeFalse();
        app.Services.GetRequiredService<IOptions<CommunicationOptions>>().Value.AllowLoopbackForTests.ShouldBeFalse();
        var officer = await app.CreateClientAsync("officer.eatrang");
        var day = OwnReportYear.Month(6, 11) + "-05";
        var created = await officer.PostAsJsonAsync("/api/v1/communications",
            new { unit = "24445", kind = "news-article", channel = "portal", title = "Tin chưa kiểm tra liên kết", date = day, url = $"https://example.org/lien-ket/{Guid.NewGuid():N}" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var item = await created.Content.ReadFromJsonAsync<JsonElement>();
        (await ChecksOfAsync(app, item.GetProperty("id").GetString()!)).ShouldBeEmpty();
        item.GetProperty("linkCheck").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ChecksOn_RecordingOrChangingALink_QueuesOneCheckEach_AnItemWithoutALinkNone(string provider)
    {
        var app = await apps.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var created = await officer.PostAsJsonAsync("/api/v1/communications", Item("Tin có liên kết", "https://example.org/tin-kiem-tra"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var checks = await ChecksOfAsync(app, id);
        checks.Count.ShouldBe(1);
        checks[0].ReadPayload<LinkCheckRequest>().ShouldBe(new LinkCheckRequest(Guid.Parse(id), "https://example.org/tin-kiem-tra"));
        checks[0].Status.ShouldBe(OutboxStatus.Pending);

        var plain = await officer.PostAsJsonAsync("/api/v1/communications", Item("Tin không có liên kết", null));
        (await ChecksOfAsync(app, (await plain.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!)).ShouldBeEmpty();

        (await officer.PutAsJsonAsync($"/api/v1/communications/{id}", Item("Tin có liên kết (sửa tiêu đề)", "https://example.org/tin-kiem-tra"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ChecksOfAsync(app, id)).Count.ShouldBe(1, "the link did not change: no new check");
        (await officer.PutAsJsonAsync($"/api/v1/communications/{id}", Item("Tin có liên kết", "https://example.org/tin-kiem-tra-moi"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ChecksOfAsync(app, id)).Count.ShouldBe(2);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheWorker_RecordsReachableNotFoundTimeout_AndRefusesARedirectToAPrivateAddress(string provider)
    {
        var app = await apps.GetAsync(provider);
        using var site = LinkSite.Start();
        var paths = new[] { "ok", "missing", "slow", "to-private", "to-ok", "no-head" };
        var queued = new Dictionary<string, (Guid Item, long Message)>();
        foreach (var path in paths)
        {
            queued[path] = await InsertWithCheckAsync(app, site.Url(path) + "?run=" + Guid.NewGuid().ToString("N"));
        }

        var report = await app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(queued.Values.Select(q => q.Message).ToList(), CancellationToken.None);
        report.Delivered.ShouldBe(paths.Length);

        var items = await app.ExecuteDbAsync(db => db.CommunicationItems.AsNoTracking().Where(i => queued.Values.Select(q => q.Item).Contains(i.Id)).ToDictionaryAsync(i => i.Id));
        (bool? Reachable, int? Status, string? Error) Result(string path) => (items[queued[path].Item].LinkReachable, items[queued[path].Item].LinkStatus, items[queued[path].Item].LinkError);
        Result("ok").ShouldBe((true, 200, null));
        Result("missing").ShouldBe((false, 404, null));
        Result("slow").ShouldBe((false, null, CommunicationLinkChecker.Timeout));
        Result("to-private").ShouldBe((false, null, CommunicationLinkChecker.RedirectRefused));
        Result("to-ok").ShouldBe((true, 200, null));
        Result("no-head").ShouldBe((true, 206, null));
        items.Values.ShouldAllBe(i => i.LinkCheckedAt != null);
        site.Requests.ShouldContain("HEAD /no-head");
        site.Requests.ShouldContain("GET /no-head bytes=0-1023");
        site.Requests.ShouldNotContain(r => r.StartsWith("GET /ok", StringComparison.Ordinal), "a HEAD answered: no GET");

        var officer = await app.CreateClientAsync("officer.eatrang");
        var listed = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/communications?unit=24445&month=2026-06"))!.ToDictionary(i => Guid.Parse(i.GetProperty("id").GetString()!));
        var ok = listed[queued["ok"].Item].GetProperty("linkCheck");
        ok.GetProperty("reachable").GetBoolean().ShouldBeTrue();
        ok.GetProperty("status").GetInt32().ShouldBe(200);
        ok.GetProperty("checkedAt").GetDateTime().ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-5));
        var slow = listed[queued["slow"].Item].GetProperty("linkCheck");
        slow.GetProperty("reachable").GetBoolean().ShouldBeFalse();
        slow.GetProperty("error").GetString().ShouldBe("timeout");

        var page = await officer.GetPageAsync("/units/24445/communications?month=2026-06");
        page.QuerySelector($"#item-{queued["slow"].Item} .link-check")!.TextContent.ShouldContain("quá thời gian chờ");
        page.QuerySelector($"#item-{queued["missing"].Item} .link-check")!.TextContent.ShouldContain("máy chủ trả lời mã 404");
        page.QuerySelector($"#item-{queued["to-private"].Item} .link-check")!.TextContent.ShouldContain("chuyển hướng tới địa chỉ nội bộ");
        page.QuerySelector($"#item-{queued["ok"].Item} .link-check")!.GetAttribute("data-reachable").ShouldBe("true");
    }

    [Fact]
    public async Task WithoutTheTestAllowance_TheCheckerRefusesLoopback_AndRedirectLoopsStop()
    {
        using var site = LinkSite.Start();
        using var strict = new CommunicationLinkChecker(Options.Create(new CommunicationOptions { LinkCheckTimeout = TimeSpan.FromSeconds(2) }));
        (await strict.CheckAsync(site.Url("ok"), CancellationToken.None)).ShouldBe(new LinkCheckResult(false, null, CommunicationLinkChecker.AddressRefused));
        (await strict.CheckAsync($"http://localhost:{site.Port}/ok", CancellationToken.None)).Error.ShouldBe(CommunicationLinkChecker.AddressRefused);
        (await strict.CheckAsync($"http://[::1]:{site.Port}/ok", CancellationToken.None)).Error.ShouldBe(CommunicationLinkChecker.AddressRefused);
        site.Requests.ShouldBeEmpty();

        using var allowing = new CommunicationLinkChecker(Options.Create(new CommunicationOptions { LinkCheckTimeout = TimeSpan.FromSeconds(2), AllowLoopbackForTests = true, MaxRedirects = 3 }));
        (await allowing.CheckAsync(site.Url("loop"), CancellationToken.None)).ShouldBe(new LinkCheckResult(false, 302, CommunicationLinkChecker.TooManyRedirects));
        site.Requests.Count(r => r == "HEAD /loop").ShouldBe(4);
        (await allowing.CheckAsync("http://192.168.1.1/", CancellationToken.None)).Error.ShouldBe(CommunicationLinkChecker.AddressRefused);
    }

    [Theory]
    [InlineData(0.1, 5, false)]
    [InlineData(300, 5, false)]
    [InlineData(10, 11, false)]
    [InlineData(10, 5, true)]
    public void TheOptions_KeepTheTimeoutBetweenHalfASecondAndAMinute_AndRedirectsAtTen(double seconds, int redirects, bool valid)
    {
        var result = new CommunicationOptionsValidator().Validate(null, new CommunicationOptions { LinkCheckTimeout = TimeSpan.FromSeconds(seconds), MaxRedirects = redirects });
        result.Succeeded.ShouldBe(valid);
        new CommunicationOptions().CheckLinks.ShouldBeFalse();
        new CommunicationOptions().AllowLoopbackForTests.ShouldBeFalse();
    }

    /// <summary>An item of Ea Trang with a loopback link, put in the database directly (the recording rule refuses such links) with its check queued as recording does.</summary>
    private static Task<(Guid Item, long Message)> InsertWithCheckAsync(TestApp app, string url) => app.ExecuteDbAsync(async db =>
    {
        var commune = await db.Units.AsNoTracking().FirstAsync(u => u.Code == "24445" && u.ValidTo == null);
        var userName = app.StoredUserName("officer.eatrang");
        var officer = await db.Users.AsNoTracking().FirstAsync(u => u.UserName == userName);
        var item = new CommunicationItem
        {
            Id = Guid.CreateVersion7(), Kind = CommunicationKinds.NewsArticle, Channel = "portal", Title = "Tin kiểm tra liên kết", Date = Day, Period = new DateOnly(Day.Year, Day.Month, 1),
            UnitId = commune.Id, UnitPath = commune.Path, CommuneId = commune.Id, Language = "vie", Url = url, UrlKey = CommunicationLinks.Key(url),
            RecordedByUserId = officer.Id, RecordedAt = DateTime.UtcNow,
        };
        db.CommunicationItems.Add(item);
        CommunicationLinkChecks.Enqueue(db, TimeProvider.System, new CommunicationOptions { CheckLinks = true }, item);
        await db.SaveChangesAsync();
        var message = await db.OutboxMessages.Where(m => m.Reference == item.Id.ToString()).Select(m => m.Id).SingleAsync();
        return (item.Id, message);
    });
}
