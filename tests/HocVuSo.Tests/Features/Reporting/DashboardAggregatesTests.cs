using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Reporting;

/// <summary>
/// The pre-aggregated figures behind the dashboards: the roll-up is idempotent, dashboards read only
/// the aggregates (a new record shows after the roll-up, not before), trend, ranking, history,
/// scope, exports and the pages (readable without JavaScript, summary for a chairman).
/// </summary>
public class DashboardAggregatesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private static string Month(int offset) => Today.AddMonths(offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static async Task<RollupResult> RollupAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        return await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync(RollupOptions.DefaultMonths, CancellationToken.None);
    }

    private static Task<List<string>> SnapshotAsync(TestApp app) => app.ExecuteDbAsync(async db =>
        (await db.IndicatorAggregates.AsNoTracking()
            .Select(a => new { a.Id, a.UnitCode, a.Period, a.Code, a.Source, a.Value, a.Status, a.UpdatedAt }).ToListAsync())
        .Select(a => FormattableString.Invariant($"{a.Id}|{a.UnitCode}|{a.Period}|{a.Code}|{a.Source}|{a.Value}|{a.Status}|{a.UpdatedAt:O}"))
        .Order(StringComparer.Ordinal).ToList());

    private static JsonElement Indicator(JsonElement dashboard, string code) =>
        dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rollup_RunTwice_ChangesNothing(string provider)
    {
        // The whole aggregate table is compared, so no other test may write between the two runs.
        await using var app = await TestApp.StartOwnAsync(provider);
        await RollupAsync(app);
        var before = await SnapshotAsync(app);

        var again = await RollupAsync(app);
        var after = await SnapshotAsync(app);

        (again.Inserted, again.Updated, again.Deleted).ShouldBe((0, 0, 0));
        after.ShouldBe(before);
        before.ShouldContain(r => r.Contains("|VN|", StringComparison.Ordinal) && r.Contains("|Denominator|", StringComparison.Ordinal));
        before.ShouldContain(r => r.Contains("|24445|", StringComparison.Ordinal) && r.Contains("|Computed|", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RolledUpComputedFigures_EqualTheOneUnitComputation(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        // Two learners of village 24445-007 are certified: one last month, confirmed on VNeID just
        // after midnight on the 1st in Viet Nam (still the month before in UTC), one today.
        var (_, first) = await app.CreateLearnerAsync("24445-007");
        var (_, second) = await app.CreateLearnerAsync("24445-007");
        var lastMonth = new DateOnly(Today.Year, Today.Month, 1).AddMonths(-1);
        var lastMonthStart = lastMonth.ToDateTime(new TimeOnly(0, 30), DateTimeKind.Utc).AddHours(-7);
        await app.ExecuteDbAsync(async db =>
        {
            var rule = await db.CertificationRules.OrderBy(r => r.Id).FirstAsync();
            var village = await db.Units.Where(u => u.Code == "24445-007" && u.ValidTo == null).Select(u => u.Path).SingleAsync();
            var ids = await db.Users.Where(u => u.UserName == app.StoredUserName(first) || u.UserName == app.StoredUserName(second)).ToDictionaryAsync(u => u.UserName!, u => u.Id);
            foreach (var (user, on, confirmed) in new[] { (ids[app.StoredUserName(first)], lastMonth, lastMonthStart), (ids[app.StoredUserName(second)], Today, DateTime.UtcNow.AddMinutes(-5)) })
            {
                db.Certifications.Add(new HocVuSo.Core.Features.Certification.PersonCertification
                {
                    UserId = user, RuleId = rule.Id, RuleVersion = rule.Version, Status = HocVuSo.Core.Features.Certification.CertificationStatus.Certified,
                    UnitPath = village, CommuneCode = "24445", EvaluatedAt = confirmed, CertifiedOn = on, VneidConfirmedAt = confirmed,
                });
            }

            return await db.SaveChangesAsync();
        });
        await RollupAsync(app);
        var officer = await app.CreateClientAsync("officer.daklak");

        // Other tests add learners, activities and classes today in Ea Trang, so the commune and the
        // province are compared on past months only; village 24445-007 is this test's own.
        var cases = new[] { ("24445-007", 0), ("24445-007", -1), ("24445-007", -2), ("24445", -1), ("24445", -3), ("66", -1), ("66", -3) };
        foreach (var (unit, offset) in cases)
        {
            var period = Today.AddMonths(offset);
            var dashboard = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit={unit}&period={Month(offset)}");
            decimal?[] direct = await app.ExecuteDbAsync(async db =>
            {
                var path = await db.Units.Where(u => u.Code == unit && u.ValidTo == null).Select(u => u.Path).SingleAsync();
                var computations = new IndicatorComputations(db);
                var month = new DateOnly(period.Year, period.Month, 1);
                return new[]
                {
                    await computations.ComputeAsync(IndicatorComputations.AdultsVneidConfirmed, path, month, CancellationToken.None),
                    await computations.ComputeAsync(IndicatorComputations.GuidanceSessions, path, month, CancellationToken.None),
                    await computations.ComputeAsync(IndicatorComputations.ClassesHeld, path, month, CancellationToken.None),
                };
            });
            Indicator(dashboard, "adults_vneid_confirmed").GetProperty("computed").GetDecimal().ShouldBe(direct[0]!.Value, $"{unit} {period}");
            Indicator(dashboard, "guidance_sessions_per_village").GetProperty("computed").GetDecimal().ShouldBe(direct[1]!.Value, $"{unit} {period}");
            Indicator(dashboard, "classes_held").GetProperty("computed").GetDecimal().ShouldBe(direct[2]!.Value, $"{unit} {period}");
        }

        // Each person once, from the month (Viet Nam's calendar) VNeID acknowledged them, then for good.
        var village = (int offset) => officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445-007&period={Month(offset)}");
        Indicator(await village(-2), "adults_vneid_confirmed").GetProperty("computed").GetDecimal().ShouldBe(0m);
        Indicator(await village(-1), "adults_vneid_confirmed").GetProperty("computed").GetDecimal().ShouldBe(1m);
        Indicator(await village(0), "adults_vneid_confirmed").GetProperty("computed").GetDecimal().ShouldBe(2m);
        Indicator(await village(0), "adults_digital_skills").GetProperty("computed").GetDecimal().ShouldBe(2m);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Dashboard_ReadsAggregates_ANewRecordShowsOnlyAfterTheRollup(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var period = Month(-2);
        var url = $"/api/v1/reporting/dashboard?unit=24445&period={period}";
        await RollupAsync(app);
        var before = Indicator(await officer.GetFromJsonAsync<JsonElement>(url), "guidance_sessions_per_village").GetProperty("computed").GetDecimal();

        // A guidance session logged directly in the records (as the offline app's sync would), dated in that month.
        await app.ExecuteDbAsync(async db =>
        {
            var recorder = await db.Users.Where(u => u.UserName == "team.eatrang").Select(u => u.Id).SingleAsync();
            var village = await db.Units.SingleAsync(u => u.Code == "24445-004" && u.ValidTo == null);
            db.FieldActivities.Add(new FieldActivity
            {
                Id = Guid.NewGuid(), ClientId = "dash-agg-" + Guid.NewGuid().ToString("N"), RecordedByUserId = recorder, Type = ActivityType.GuidanceSession,
                UnitId = village.Id, UnitPath = village.Path, VillageCode = village.Code, Date = Today.AddMonths(-2), DurationMinutes = 60, Participants = 12,
            });
            return await db.SaveChangesAsync();
        });
        var unchanged = Indicator(await officer.GetFromJsonAsync<JsonElement>(url), "guidance_sessions_per_village").GetProperty("computed").GetDecimal();

        await RollupAsync(app);
        var changed = await officer.GetFromJsonAsync<JsonElement>(url);

        unchanged.ShouldBe(before);
        Indicator(changed, "guidance_sessions_per_village").GetProperty("computed").GetDecimal().ShouldBe(before + 1);
        changed.GetProperty("computedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReportChange_MarksItsMonth_AndTheDirtyPassRepairsADriftedFigure(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var daklak = await app.CreateClientAsync("officer.daklak");
        var period = Today.AddMonths(-3);
        var first = new DateOnly(period.Year, period.Month, 1);
        var url = $"/api/v1/reporting/dashboard?unit=66&period={Month(-3)}";

        // A province figure gone wrong (as two approvals racing could leave it): the dashboard shows what is stored.
        var drifted = await app.ExecuteDbAsync(db => db.IndicatorAggregates
            .Where(a => a.UnitCode == "66" && a.Period == first && a.Code == "adults_vneid_confirmed" && a.Source == AggregateSource.Reported)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Value, 999m)));
        var wrong = Indicator(await daklak.GetFromJsonAsync<JsonElement>(url), "adults_vneid_confirmed").GetProperty("reported").GetDecimal();

        // A change to that month's report marks the month in the same transaction (seen here before commit, then rolled back).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HocVuSo.Core.Data.AppDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var report = await db.MonthlyReports.SingleAsync(r => r.UnitPath == "/66/24445/" && r.Period == first);
            report.UpdatedAt = DateTime.UtcNow;
            await db.SaveChangesAsync();
            (await db.AggregateDirtyMarks.CountAsync(m => m.Period == first && m.UnitPath == "/66/24445/")).ShouldBeGreaterThan(0);
            await transaction.RollbackAsync();
        }

        await app.ExecuteDbAsync(async db =>
        {
            db.AggregateDirtyMarks.Add(new AggregateDirtyMark { Period = first, UnitPath = "/66/24445/", At = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RollupJob>().ProcessDirtyAsync(CancellationToken.None);
        }

        drifted.ShouldBe(1);
        wrong.ShouldBe(999m);
        Indicator(await daklak.GetFromJsonAsync<JsonElement>(url), "adults_vneid_confirmed").GetProperty("reported").GetDecimal().ShouldBe(6000m);
        (await app.ExecuteDbAsync(db => db.AggregateDirtyMarks.CountAsync(m => m.Period == first))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Trend_GivesTwelveMonths_WithTheApprovedReportedFigures(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var trend = await officer.GetFromJsonAsync<JsonElement>("/api/v1/reporting/trend?unit=24445&indicator=adults_vneid_confirmed&months=12");
        var province = await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement>(
            $"/api/v1/reporting/trend?unit=66&indicator=adults_vneid_confirmed&months=6&period={Month(-1)}");

        var points = trend.GetProperty("points").EnumerateArray().ToList();
        points.Count.ShouldBe(12);
        points[^1].GetProperty("period").GetString().ShouldBe(Month(0));
        var byPeriod = points.ToDictionary(p => p.GetProperty("period").GetString()!);

        // The demo's approved reports: 4 and 3 months ago (4,200 + 900 per step).
        byPeriod[Month(-4)].GetProperty("reported").GetDecimal().ShouldBe(5100m);
        byPeriod[Month(-3)].GetProperty("reported").GetDecimal().ShouldBe(6000m);
        byPeriod[Month(-3)].GetProperty("value").GetDecimal().ShouldBeGreaterThan(0m);
        trend.GetProperty("target").GetProperty("value").GetDecimal().ShouldBe(80m);
        var provincial = province.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("period").GetString()!);
        provincial.Count.ShouldBe(6);
        provincial[Month(-3)].GetProperty("reported").GetDecimal().ShouldBe(6000m);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Ranking_PutsUnitsWithFiguresFirst_BestFirst(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var period = Month(-3);

        var communes = await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement>(
            $"/api/v1/reporting/ranking?unit=66&indicator=adults_vneid_confirmed&period={period}");
        var provinces = await (await app.CreateClientAsync("viewer")).GetFromJsonAsync<JsonElement>(
            $"/api/v1/reporting/ranking?unit=VN&indicator=adults_vneid_confirmed&period={period}");

        var rows = communes.GetProperty("rows").EnumerateArray().ToList();
        rows.Count.ShouldBe(102);
        rows[0].GetProperty("unitCode").GetString().ShouldBe("24445");
        rows[0].GetProperty("rank").GetInt32().ShouldBe(1);
        rows[0].GetProperty("numerator").GetDecimal().ShouldBe(6000m);
        rows[0].GetProperty("target").GetDecimal().ShouldBe(80m);
        rows.Skip(1).ShouldAllBe(r => r.GetProperty("rank").ValueKind == JsonValueKind.Null);
        var nation = provinces.GetProperty("rows").EnumerateArray().ToList();
        nation.Count.ShouldBe(34);
        nation[0].GetProperty("unitCode").GetString().ShouldBe("66");
        nation[0].GetProperty("numerator").GetDecimal().ShouldBe(6000m);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TrendRankingAndHistory_OutsideScope_AreForbidden_AndBadInputIsExplained(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var bacNinh = await app.CreateClientAsync("officer.bacninh");
        var eaTrang = await app.CreateClientAsync("officer.eatrang");

        (await bacNinh.GetAsync("/api/v1/reporting/trend?unit=24445&indicator=adults_vneid_confirmed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bacNinh.GetAsync("/api/v1/reporting/ranking?unit=66&indicator=adults_vneid_confirmed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bacNinh.GetAsync($"/api/v1/reporting/reports/24445/{Month(-3)}/history")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await eaTrang.GetAsync("/api/v1/reporting/ranking?unit=VN&indicator=adults_vneid_confirmed")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await eaTrang.GetAsync("/api/v1/reporting/dashboard?unit=66")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync("/api/v1/reporting/trend?unit=VN&indicator=adults_vneid_confirmed")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await bacNinh.GetAsync("/units/24445/summary")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var unknown = await eaTrang.GetAsync("/api/v1/reporting/trend?unit=24445&indicator=khong_co");
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("khong_co");
        var months = await eaTrang.GetAsync("/api/v1/reporting/trend?unit=24445&indicator=adults_vneid_confirmed&months=0");
        months.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await months.Content.ReadAsStringAsync()).ShouldContain("Số tháng");
        (await eaTrang.GetAsync("/api/v1/reporting/ranking?unit=24445&indicator=adults_vneid_confirmed&period=2026-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReportValue_ShowsOnTheDashboardAtOnce_AndItsHistoryNamesWhoWhenOldAndNew(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var period = OwnReportYear.Month(5, 6);
        var url = $"/api/v1/reporting/reports/24445/{period}";

        (await officer.PutAsJsonAsync(url, new { values = new Dictionary<string, decimal> { ["adults_vneid_confirmed"] = 3000, ["posts_per_month"] = 7 } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PutAsJsonAsync(url, new
        {
            values = new Dictionary<string, decimal> { ["adults_vneid_confirmed"] = 3100, ["posts_per_month"] = 7 },
            comments = new Dictionary<string, string> { ["adults_vneid_confirmed"] = "Bổ sung theo danh sách Công an xã" },
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var dashboard = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445&period={period}");
        var province = await (await app.CreateClientAsync("officer.daklak")).GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=66&period={period}");
        var history = await officer.GetFromJsonAsync<JsonElement>(url + "/history?element=adults_vneid_confirmed");

        // The commune sees its own draft figure at once, labelled; the province counts approved reports only.
        Indicator(dashboard, "adults_vneid_confirmed").GetProperty("reported").GetDecimal().ShouldBe(3100m);
        Indicator(dashboard, "adults_vneid_confirmed").GetProperty("reportedStatus").GetString().ShouldBe("Draft");
        Indicator(province, "adults_vneid_confirmed").GetProperty("reported").ValueKind.ShouldBe(JsonValueKind.Null);
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.GetProperty("element").GetString() == "adults_vneid_confirmed" && e.GetProperty("actor").GetString() == "officer.eatrang");
        entries[0].GetProperty("oldValue").ValueKind.ShouldBe(JsonValueKind.Null);
        entries[0].GetProperty("newValue").GetString().ShouldBe("3000");
        entries[1].GetProperty("oldValue").GetString().ShouldBe("3000");
        entries[1].GetProperty("newValue").GetString().ShouldBe("3100");
        entries[0].GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        entries[1].GetProperty("reason").GetString().ShouldBe("Bổ sung theo danh sách Công an xã", "the figure's comment is the change's reason");
        (await officer.GetFromJsonAsync<JsonElement>(url + "/history")).GetProperty("entries").GetArrayLength().ShouldBe(3);

        var page = await officer.GetPageAsync($"/units/24445/reports/{period}/history?element=adults_vneid_confirmed");
        var rows = page.QuerySelectorAll("#history-table tbody tr");
        rows.Length.ShouldBe(2);
        rows[1].TextContent.ShouldContain("3.100");
        rows[1].TextContent.ShouldContain("Bổ sung theo danh sách Công an xã");
        rows[1].TextContent.ShouldContain("officer.eatrang");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DashboardPage_TablesAreThereWithoutJavaScript_AndDrillDown(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.daklak");

        var page = await client.GetPageAsync($"/units/66/dashboard?period={Month(-3)}&indicator=adults_vneid_confirmed");

        var trend = page.QuerySelector("table#trend-table")!;
        trend.GetAttribute("data-chart").ShouldBe("line");
        trend.GetAttribute("data-chart-label")!.ShouldNotBeNullOrWhiteSpace();
        trend.QuerySelectorAll("tbody tr").Length.ShouldBe(12);
        trend.TextContent.ShouldContain("6.000");
        page.QuerySelector("canvas").ShouldBeNull();
        page.QuerySelector("script[src='/lib/chartjs/chart.umd.min.js']").ShouldNotBeNull();
        var ranking = page.QuerySelector("table#ranking-table")!;
        ranking.QuerySelectorAll("tbody tr").Length.ShouldBe(102);
        ranking.QuerySelector("tbody tr a")!.GetAttribute("href")!.ShouldStartWith("/units/24445/dashboard?");
        page.QuerySelector("#freshness")!.TextContent.ShouldContain("tổng hợp lúc");
        page.QuerySelector("a[href^='/units/66/summary']").ShouldNotBeNull();
        var worst = await client.GetPageAsync($"/units/66/dashboard?period={Month(-3)}&indicator=adults_vneid_confirmed&order=worst");
        worst.QuerySelector("table#ranking-table tbody tr[data-unit='24445']").ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RankingTable_ExportsAsCsvAndXlsx(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.daklak");
        var url = $"/units/66/dashboard?handler=Export&table=ranking&period={Month(-3)}&indicator=adults_vneid_confirmed";

        var csv = await client.GetAsync(url + "&format=csv");
        var xlsx = await client.GetAsync(url + "&format=xlsx");

        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(103);
        lines[0].ShouldContain("Hạng");
        lines[1].ShouldStartWith("1;24445;Xã Ea Trang;6000;");
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
        sheet.ShouldContain("Xã Ea Trang");
        sheet.ShouldContain("6000");
        (await client.GetAsync(url.Replace("table=ranking", "table=nope", StringComparison.Ordinal) + "&format=csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SummaryPage_RendersForTheCommuneAndTheProvince(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var period = Month(-3);

        var commune = await (await app.CreateClientAsync("officer.eatrang")).GetPageAsync($"/units/24445/summary?period={period}");
        var province = await (await app.CreateClientAsync("officer.daklak")).GetPageAsync($"/units/66/summary?period={period}");
        var approver = await (await app.CreateTwoFactorClientAsync("approver.daklak")).GetPageAsync($"/units/66/summary?period={period}");

        commune.QuerySelector("h1")!.TextContent.ShouldContain("Xã Ea Trang");
        commune.QuerySelector("#headline-value")!.TextContent.ShouldEndWith("%");
        commune.QuerySelector(".headline")!.TextContent.ShouldContain("80%");
        province.QuerySelector("#best-units li")!.TextContent.ShouldContain("Xã Ea Trang");
        province.QuerySelector("#overdue-heading")!.TextContent.ShouldContain("/102");
        province.QuerySelectorAll("#overdue-reports li").Length.ShouldBe(15);
        province.QuerySelector("link[href*='dashboard']").ShouldNotBeNull();
        approver.QuerySelector("#headline-value").ShouldNotBeNull();
    }
}
