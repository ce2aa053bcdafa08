using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Assistant;

/// <summary>The monthly report draft reads the dashboard's own figures for the demo months of Ea Trang.</summary>
public class AssistantDraftTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static decimal? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : null;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MonthlyReportDraft_ForEaTrangDemoMonths_CarriesTheDashboardFigures(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var today = DateTime.UtcNow.AddHours(7);
        for (var back = 1; back <= 3; back++)
        {
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-back);
            var period = month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var response = await officer.PostAsJsonAsync("/api/v1/assistant/drafts/monthly-report", new { unit = "24445", period });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            var draft = await response.Content.ReadFromJsonAsync<JsonElement>();
            var text = draft.GetProperty("text").GetString()!;
            text.ShouldStartWith($"Trong tháng {month.Month}/{month.Year}, xã Ea Trang");
            text.ShouldContain("Bản nháp");
            draft.GetProperty("draft").GetBoolean().ShouldBeTrue();

            var dashboard = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445&period={period}");
            var previous = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/reporting/dashboard?unit=24445&period={month.AddMonths(-1):yyyy-MM}");
            var figures = draft.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
            var indicators = dashboard.GetProperty("indicators").EnumerateArray().ToList();
            figures.Count.ShouldBe(indicators.Count);
            var withValue = 0;
            foreach (var indicator in indicators)
            {
                var code = indicator.GetProperty("code").GetString()!;
                var figure = figures[code];
                Number(figure, "value").ShouldBe(Number(indicator, "value"), code);
                Number(figure, "target").ShouldBe(Number(indicator, "target"), code);
                Number(figure, "reported").ShouldBe(Number(indicator, "reported"), code);
                figure.GetProperty("source").GetString().ShouldBe($"/units/24445/dashboard?period={period}");
                var last = previous.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code);
                if (Number(indicator, "value") is { } value)
                {
                    withValue++;
                    text.ShouldContain(indicator.GetProperty("name").GetString()!);
                    if (Number(last, "value") is { } before)
                    {
                        Number(figure, "change").ShouldBe(value - before, code);
                    }
                }
            }

            withValue.ShouldBeGreaterThan(0);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MonthlyReportDraft_OutsideScopeOrBadInput_IsRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var other = await app.CreateClientAsync("officer.bacninh");
        (await other.PostAsJsonAsync("/api/v1/assistant/drafts/monthly-report", new { unit = "24445", period = "2026-10" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var officer = await app.CreateClientAsync("officer.eatrang");
        (await officer.PostAsJsonAsync("/api/v1/assistant/drafts/monthly-report", new { unit = "24445", period = "10/2026x" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await officer.PostAsJsonAsync("/api/v1/assistant/drafts/monthly-report", new { unit = "", period = "2026-10" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/assistant/drafts/monthly-report", new { unit = "24445", period = "2026-10" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var (learner, _) = await app.CreateLearnerAsync();
        (await learner.PostAsJsonAsync("/api/v1/assistant/drafts/monthly-report", new { unit = "24445", period = "2026-10" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Explanations_SayWhatASignalMeansAndWhatToCheck(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.daklak");
        var today = DateTime.UtcNow.AddHours(7);
        var period = new DateOnly(today.Year, today.Month, 1).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var response = await officer.GetAsync($"/api/v1/assistant/explanations?unit=24445&period={period}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        foreach (var flag in (await response.Content.ReadFromJsonAsync<JsonElement[]>())!)
        {
            flag.GetProperty("reason").GetString().ShouldNotStartWith("verification.");
            flag.GetProperty("meaning").GetString().ShouldNotStartWith("assistant.");
            flag.GetProperty("check").GetString().ShouldNotStartWith("assistant.");
        }

        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/assistant/explanations?unit=24445&period={period}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
