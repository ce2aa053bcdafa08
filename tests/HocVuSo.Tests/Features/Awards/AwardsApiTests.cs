using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Awards;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HocVuSo.Tests.Features.Awards.AwardsTestData;

namespace HocVuSo.Tests.Features.Awards;

/// <summary>Awards through the API: schemes, a village's nomination with figures from records, appraisal with conflict of interest, the decision, the certificate of merit and the indicator.</summary>
public class AwardsApiTests(AwardApps apps) : IClassFixture<AwardApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AVillageIsNominatedAppraisedAndRecognised_TheCertificateVerifiesAndTheIndicatorCountsIt(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        await app.AddGuidanceSessionsAsync(c.Village(1), 2);
        var officer = await app.CreateClientAsync(c.Officer);
        var schemeId = await CreateSchemeAsync(officer, VillageScheme(c));

        // The contract: the schemes of the unit for the year, with nominee kinds and criteria; the council only for staff.
        var listed = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/awards/schemes?unit={c.Code}&year={Today.Year}");
        var scheme = listed.EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == schemeId);
        scheme.GetProperty("title").GetString().ShouldBe("Thôn/Buôn số tiêu biểu");
        scheme.GetProperty("nominee").EnumerateArray().Select(k => k.GetString()).ShouldBe(["village"]);
        scheme.GetProperty("criteria").GetArrayLength().ShouldBe(3);
        scheme.GetProperty("council").ValueKind.ShouldBe(JsonValueKind.Null);
        (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/awards/schemes/{schemeId}")).GetProperty("council").GetArrayLength().ShouldBe(4);

        // The village head nominates their village: the guidance sessions are filled from the records and frozen.
        var head = await app.CreateClientAsync(c.VillageHead);
        var nominationId = await NominateVillageAsync(head, schemeId, c.Village(1));
        await app.AddGuidanceSessionsAsync(c.Village(1), 1);
        var nomination = await head.GetFromJsonAsync<JsonElement>($"/api/v1/awards/nominations/{nominationId}");
        nomination.GetProperty("state").GetString().ShouldBe("submitted");
        var sessions = nomination.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("metric").GetString() == AwardFigures.VillageGuidanceSessions);
        sessions.GetProperty("frozen").GetDecimal().ShouldBe(2);
        sessions.GetProperty("current").GetDecimal().ShouldBe(3);
        nomination.GetProperty("evidence")[0].GetProperty("criterion").GetInt32().ShouldBe(3);

        // The village head sits on the council: refused for conflict of interest, nothing recorded.
        var refused = await head.PostAsJsonAsync($"/api/v1/awards/nominations/{nominationId}/scores", Scores(8, 8, 8));
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("awards.conflict_of_interest");
        (await app.ExecuteDbAsync(db => db.Set<AppraisalScore>().CountAsync(s => s.NominationId == nominationId))).ShouldBe(0);

        var m1 = await officer.PostAsJsonAsync($"/api/v1/awards/nominations/{nominationId}/scores", Scores(8, 7, 9));
        m1.StatusCode.ShouldBe(HttpStatusCode.OK, await m1.Content.ReadAsStringAsync());
        var m2 = await (await app.CreateClientAsync(c.Member2)).PostAsJsonAsync($"/api/v1/awards/nominations/{nominationId}/scores", Scores(9, 6, 8));
        m2.StatusCode.ShouldBe(HttpStatusCode.OK, await m2.Content.ReadAsStringAsync());
        (await JsonAsync(m2)).GetProperty("appraisers").GetInt32().ShouldBe(2);

        // No decision while the appraisal runs.
        var early = await officer.PostAsJsonAsync("/api/v1/awards/decisions", Decision(c, "01/QĐ-UBND", nominationId));
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("awards.appraisal_not_ended");

        var ended = await officer.PostAsync($"/api/v1/awards/schemes/{schemeId}/appraisal/end", null);
        ended.StatusCode.ShouldBe(HttpStatusCode.OK, await ended.Content.ReadAsStringAsync());
        var result = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/awards/nominations/{nominationId}"));
        result.GetProperty("state").GetString().ShouldBe("recommended");
        // (8.5/10·40 + 6.5/10·30 + 8.5/10·30) / 100 · 100 = 34 + 19.5 + 25.5 = 79
        result.GetProperty("result").GetProperty("score").GetDecimal().ShouldBe(79m);

        var issued = await officer.PostAsJsonAsync("/api/v1/awards/decisions", Decision(c, "15/QĐ-UBND", nominationId));
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var decision = await JsonAsync(issued);
        decision.GetProperty("number").GetString().ShouldBe("15/QĐ-UBND");
        decision.GetProperty("date").GetString().ShouldBe(Iso(Today));
        var serial = decision.GetProperty("items")[0].GetProperty("serial").GetString()!;

        // Never twice for one nomination.
        var again = await officer.PostAsJsonAsync("/api/v1/awards/decisions", Decision(c, "16/QĐ-UBND", nominationId));
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("awards.already_decided");
        (await app.ExecuteDbAsync(db => db.Set<RecognitionDecision>().CountAsync(d => d.UnitPath.Contains(c.Code)))).ShouldBe(1);

        // The certificate of merit: a PDF with the national heading and the serial; its public check says valid.
        var pdf = await officer.GetAsync($"/api/v1/awards/certificates/{serial}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("GIẤY KHEN");
        text.ShouldContain(serial);
        text.ShouldContain("Thôn 1");
        var anonymous = app.CreateClient();
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/awards/certificates/{serial}/verify")).GetProperty("status").GetString().ShouldBe("valid");
        (await anonymous.GetAsync($"/api/v1/awards/certificates/{serial}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The public recognitions and the indicator computed from decisions.
        var recognitions = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/awards/recognitions?unit={c.Code}&year={Today.Year}");
        recognitions.GetArrayLength().ShouldBe(1);
        recognitions[0].GetProperty("nominee").GetString().ShouldBe("Thôn 1");
        recognitions[0].GetProperty("decisionNumber").GetString().ShouldBe("15/QĐ-UBND");
        (await ComputeAsync(app, IndicatorComputations.ExemplaryVillages, c.Code)).ShouldBe(1);

        // Revoked with a reason: the check says revoked and the indicator drops it.
        var noReason = await officer.PostAsJsonAsync($"/api/v1/awards/certificates/{serial}/revoke", new { reason = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var revoked = await officer.PostAsJsonAsync($"/api/v1/awards/certificates/{serial}/revoke", new { reason = "Số liệu kê khai không đúng" });
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK, await revoked.Content.ReadAsStringAsync());
        (await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/awards/certificates/{serial}/verify")).GetProperty("status").GetString().ShouldBe("revoked");
        (await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/awards/certificates/HVS-2026-AAAA-BBBB-C/verify")).GetProperty("status").GetString().ShouldBe("unknown");
        (await ComputeAsync(app, IndicatorComputations.ExemplaryVillages, c.Code)).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action.StartsWith("awards.") && a.UnitPath!.Contains(c.Code)))).ShouldBeGreaterThanOrEqualTo(7);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task APersonWaitsForConsent_AndIsShownInPublicOnlyAsConsented(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        var officer = await app.CreateClientAsync(c.Officer);
        var schemeId = await CreateSchemeAsync(officer, new
        {
            unit = c.Code, year = Today.Year, title = "Công dân số tiêu biểu", model = "exemplary-digital-citizen", nominee = new[] { "person" },
            criteria = new object[] { new { number = 1, title = "Đạt phổ cập kỹ năng số", weight = 50, scale = 10, source = "person-certified" }, new { number = 2, title = "Giúp đỡ người khác", weight = 50, scale = 10, source = "person-people-helped" } },
            opens = Iso(Today.AddDays(-1)), closes = Iso(Today.AddDays(1)), passScore = 50, quorum = 1,
            council = new object[] { new { userName = c.Member2, role = "chair" } },
        });
        var (learner, phone) = await app.CreateLearnerAsync(c.Village(2));
        var created = await officer.PostAsJsonAsync("/api/v1/awards/nominations", new { scheme = schemeId, nominee = new { kind = "person", userName = phone }, story = "Bà con gọi là cô giáo số." });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var nomination = await JsonAsync(created);
        var id = nomination.GetProperty("id").GetInt32();
        nomination.GetProperty("state").GetString().ShouldBe("awaiting-consent");
        nomination.GetProperty("nominee").GetString()!.ShouldNotContain("Người Học Thử"); // masked for staff
        nomination.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("metric").GetString() == "person-certified").GetProperty("frozen").GetDecimal().ShouldBe(0);

        var member = await app.CreateClientAsync(c.Member2);
        var early = await member.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", new { scores = new[] { new { criterion = 1, score = 9 }, new { criterion = 2, score = 9 } }, vote = "for" });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("awards.not_in_appraisal");

        (await officer.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/consent", new { publishName = true })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var consent = await learner.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/consent", new { publishName = false, publishStory = false });
        consent.StatusCode.ShouldBe(HttpStatusCode.OK, await consent.Content.ReadAsStringAsync());
        (await JsonAsync(consent)).GetProperty("state").GetString().ShouldBe("submitted");

        (await member.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", new { scores = new[] { new { criterion = 1, score = 9 }, new { criterion = 2, score = 9 } }, vote = "for" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsync($"/api/v1/awards/schemes/{schemeId}/appraisal/end", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsJsonAsync("/api/v1/awards/decisions", Decision(c, "20/QĐ-UBND", id))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var recognitions = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/awards/recognitions?unit={c.Code}&year={Today.Year}");
        recognitions[0].GetProperty("nominee").GetString().ShouldBe("N. H. Thử");
        recognitions[0].GetProperty("story").ValueKind.ShouldBe(JsonValueKind.Null);
        (await ComputeAsync(app, IndicatorComputations.ExemplaryCitizens, c.Code)).ShouldBe(1);
        var stored = await app.ExecuteDbAsync(db => db.Database.SqlQueryRaw<string>("SELECT \"RecipientName\" AS \"Value\" FROM \"DecisionItem\"").ToListAsync());
        stored.ShouldAllBe(v => v.StartsWith("pd1:"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ANominationIsWithdrawnWithAReason_AndThenTakesNoScores(string provider)
    {
        var app = await apps.GetAsync(provider);
        var c = await app.CreateAwardCommuneAsync();
        var officer = await app.CreateClientAsync(c.Officer);
        var schemeId = await CreateSchemeAsync(officer, VillageScheme(c));
        var head = await app.CreateClientAsync(c.VillageHead);
        var id = await NominateVillageAsync(head, schemeId, c.Village(1));
        var noReason = await head.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/withdraw", new { reason = "" });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var withdrawn = await head.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/withdraw", new { reason = "Buôn xin rút để hoàn thiện hồ sơ" });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        (await JsonAsync(withdrawn)).GetProperty("state").GetString().ShouldBe("withdrawn");
        (await officer.PostAsJsonAsync($"/api/v1/awards/nominations/{id}/scores", Scores(5, 5, 5))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // A village head of another village cannot nominate this one; staff of another commune cannot see the scheme's nominations.
        var otherHead = await app.CreateClientAsync(await Oversight.VerificationTestData.CreateStaffAsync(app, Core.Features.Accounts.StaffRole.TeamMember, c.Village(2)));
        var foreign = await otherHead.PostAsJsonAsync("/api/v1/awards/nominations", new { scheme = schemeId, nominee = new { kind = "village", unit = c.Village(3) } });
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stranger = await app.CreateClientAsync((await app.CreateAwardCommuneAsync()).Officer);
        (await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/awards/schemes/{schemeId}/nominations")).GetArrayLength().ShouldBe(0);
    }

    internal static object Decision(AwardCommune c, string number, params int[] items) =>
        new { unit = c.Code, number, date = Iso(Today), signer = "Nguyễn Văn Ký", items };

    internal static async Task<decimal?> ComputeAsync(TestApp app, string computation, string commune)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var path = await scope.ServiceProvider.GetRequiredService<Core.Data.AppDbContext>().Units.Where(u => u.Code == commune).Select(u => u.Path).FirstAsync();
        return await scope.ServiceProvider.GetRequiredService<IndicatorComputations>().ComputeAsync(computation, path, new DateOnly(Today.Year, Today.Month, 1), CancellationToken.None);
    }
}
