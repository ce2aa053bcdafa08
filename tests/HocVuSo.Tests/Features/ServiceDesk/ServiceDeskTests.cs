using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.ServiceDesk;

/// <summary>The service centre's help desk: visits recorded by the centre's staff, bad fields named, scoped, counted in the indicators.</summary>
public class ServiceDeskTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static object Visit(string date, object service, int minutes = 15, string ageBand = "60-plus", string gender = "female", bool selfDone = true, string unit = "24445") =>
        new { unit, date, service, selfDone, minutes, ageBand, gender };

    private static async Task<decimal> ComputedAsync(TestApp app, HttpClient client, string code)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var today = app.Services.GetRequiredService<TimeProvider>().TodayInVietnam();
            await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync([new DateOnly(today.Year, today.Month, 1)], computed: true, CancellationToken.None);
        }

        var dashboard = await client.GetFromJsonAsync<JsonElement>("/api/v1/reporting/dashboard?unit=24445");
        return dashboard.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == code).GetProperty("computed").GetDecimal();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CentreStaff_RecordVisits_BadFieldsAreNamed_OtherCommunesRefused_AndIndicatorsCountThem(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var desk = await app.CreateClientAsync("desk.eatrang");
        var officer = await app.CreateClientAsync("officer.eatrang");
        var today = app.Services.GetRequiredService<TimeProvider>().TodayInVietnam();
        var date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var services = await desk.GetFromJsonAsync<JsonElement>("/api/v1/service-desk/services");
        services.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldContain("Đăng ký khai sinh");
        var guided = await ComputedAsync(app, officer, IndicatorComputations.DeskPeopleGuided);
        var self = await ComputedAsync(app, officer, IndicatorComputations.DeskSelfDone);
        var month = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/service-desk/visits?unit=24445&month={today:yyyy-MM}");

        var created = await desk.PostAsJsonAsync("/api/v1/service-desk/visits", Visit(date, "Đăng ký khai sinh"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var visit = await created.Content.ReadFromJsonAsync<JsonElement>();
        visit.GetProperty("service").GetString().ShouldBe("Đăng ký khai sinh");
        visit.GetProperty("selfDone").GetBoolean().ShouldBeTrue();
        var id = services[1].GetProperty("id").GetInt32();
        (await desk.PostAsJsonAsync("/api/v1/service-desk/visits", Visit(date, id, minutes: 40, selfDone: false, gender: "male", ageBand: "40-59"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        foreach (var (body, field) in new (object, string)[]
        {
            (Visit(date, id, minutes: 0), "minutes"),
            (Visit(date, id, minutes: 601), "minutes"),
            (Visit(today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), id), "date"),
            (Visit("2024-12-31", id), "date"),
            (Visit(date, "Dịch vụ không có trong danh sách"), "service"),
            (Visit(date, id, ageBand: "elderly"), "ageBand"),
            (Visit(date, id, gender: "x"), "gender"),
        })
        {
            var response = await desk.PostAsJsonAsync("/api/v1/service-desk/visits", body);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
            errors.TryGetProperty(field, out _).ShouldBeTrue($"{field}: {errors}");
        }

        (await (await app.CreateClientAsync("officer.bacninh")).PostAsJsonAsync("/api/v1/service-desk/visits", Visit(date, id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/service-desk/visits?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // A team member of a village does not keep the centre's desk.
        (await (await app.CreateClientAsync("team.eatrang")).PostAsJsonAsync("/api/v1/service-desk/visits", Visit(date, id))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var after = await desk.GetFromJsonAsync<JsonElement>($"/api/v1/service-desk/visits?unit=24445&month={today:yyyy-MM}");
        (after.GetProperty("people").GetInt32() - month.GetProperty("people").GetInt32()).ShouldBe(2);
        (after.GetProperty("selfDone").GetInt32() - month.GetProperty("selfDone").GetInt32()).ShouldBe(1);
        (await ComputedAsync(app, officer, IndicatorComputations.DeskPeopleGuided)).ShouldBe(guided + 2);
        (await ComputedAsync(app, officer, IndicatorComputations.DeskSelfDone)).ShouldBe(self + 1);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "service_desk.visit_recorded"))).ShouldBeGreaterThanOrEqualTo(2);
    }
}
