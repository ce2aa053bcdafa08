using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HocVuSo.Tests.Features.Certification.CertificationHelpers;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>The demo's certified learners, the learner's certification endpoint and page, and the certification indicators.</summary>
public class CertificationDemoAndIndicatorTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DemoAccountCertified_HasAnIdNumber_AVerifiableCertificate_AndAPendingPush(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var certified = await app.CreateClientAsync("certified");

        var me = await MyCertificationAsync(certified);
        me.GetProperty("certified").GetBoolean().ShouldBeTrue();
        me.GetProperty("status").GetString().ShouldBe("certified");
        me.GetProperty("ruleVersion").GetString().ShouldBe("v1-2026");
        var serial = me.GetProperty("certificateSerial").GetString()!;
        (await certified.GetAsync("/api/v1/identity/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var verifyUrl = new Uri(me.GetProperty("verifyUrl").GetString()!);
        (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}/verify{verifyUrl.Query}")).GetProperty("status").GetString().ShouldBe("valid");
        (await certified.GetAsync($"/api/v1/certificates/{serial}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await certified.GetStringAsync("/learn/certificate");
        page.ShouldContain(serial);
        page.ShouldContain("Đã đạt phổ cập kỹ năng số cơ bản");
        page.ShouldContain($"/api/v1/certificates/{serial}/pdf");
        var verifyLink = System.Text.RegularExpressions.Regex.Match(page, "id=\"certificate-verify\" href=\"([^\"]+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        verifyLink.ShouldBe(verifyUrl.PathAndQuery);
        (await app.CreateClient().GetStringAsync(verifyLink)).ShouldContain("CHỨNG NHẬN HỢP LỆ");

        var rows = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().Where(c => c.CommuneCode == "24445" && c.Serial != null)
            .Select(c => new { c.Serial, c.VneidConfirmedAt }).ToListAsync());
        rows.Count(r => r.VneidConfirmedAt != null).ShouldBeGreaterThanOrEqualTo(3);
        var pendingSerials = rows.Where(r => r.VneidConfirmedAt == null).Select(r => r.Serial).ToList();
        pendingSerials.ShouldContain(serial);
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.Reference == serial && m.Type == VneidConfirmationMessage.Type))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NoCertification_IsStatusNone_AndAnonymousIsRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _) = await app.CreateLearnerAsync();

        var me = await MyCertificationAsync(learner);

        me.GetProperty("certified").GetBoolean().ShouldBeFalse();
        me.GetProperty("status").GetString().ShouldBe("none");
        me.GetProperty("certificateSerial").ValueKind.ShouldBe(JsonValueKind.Null);
        me.GetProperty("vneidConfirmedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        (await app.CreateClient().GetAsync("/api/v1/certification/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await learner.GetStringAsync("/learn/certificate")).ShouldContain("Chưa được chứng nhận");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Indicators_CountCertified_ConfirmedOnVneid_AndStatuses_OncePerPerson(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var village = "24445-009";
        var path = "/66/24445/24445-009/";
        var month = new DateOnly(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1);
        async Task<decimal?> Compute(string computation)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IndicatorComputations>().ComputeAsync(computation, path, month, CancellationToken.None);
        }

        var before = (await Compute(IndicatorComputations.AdultsCertified), await Compute(IndicatorComputations.AdultsVneidConfirmed),
            await Compute(IndicatorComputations.AdultsVneidLevel2), await Compute(IndicatorComputations.AdultsDigitalSignature));
        var (learner, userName) = await app.CreateLearnerAsync(village);
        await PassFinalAsync(app, learner);
        await PassFinalAsync(app, learner);
        var serial = (await MyCertificationAsync(learner)).GetProperty("certificateSerial").GetString();
        (await Compute(IndicatorComputations.AdultsCertified)).ShouldBe(before.Item1 + 1);
        (await Compute(IndicatorComputations.AdultsVneidConfirmed)).ShouldBe(before.Item2);

        await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).ExecuteUpdateAsync(s => s.SetProperty(c => c.VneidConfirmedAt, DateTime.UtcNow.AddMinutes(-1))));
        var officer = await app.CreateClientAsync("officer.eatrang");
        var today = DateTime.UtcNow.AddHours(7);
        (await officer.PutAsJsonAsync($"/api/v1/identity/users/{userName}/digital-status", new { vneidLevel2On = today.AddDays(-1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) })).EnsureSuccessStatusCode();

        (await Compute(IndicatorComputations.AdultsVneidConfirmed)).ShouldBe(before.Item2 + 1);
        (await Compute(IndicatorComputations.AdultsVneidLevel2)).ShouldBe(before.Item3 + 1);
        (await Compute(IndicatorComputations.AdultsDigitalSignature)).ShouldBe(before.Item4);
        var catalogue = await app.ExecuteDbAsync(db => db.Indicators.AsNoTracking()
            .Where(i => i.Code.StartsWith("adults_")).ToDictionaryAsync(i => i.Code, i => i.Computation));
        catalogue["adults_vneid_confirmed"].ShouldBe(IndicatorComputations.AdultsVneidConfirmed);
        catalogue["adults_digital_signature"].ShouldBe(IndicatorComputations.AdultsDigitalSignature);
        catalogue["adults_vneid_level2"].ShouldBe(IndicatorComputations.AdultsVneidLevel2);
        catalogue["adults_digital_skills"].ShouldBe(IndicatorComputations.AdultsCertified);
    }
}
