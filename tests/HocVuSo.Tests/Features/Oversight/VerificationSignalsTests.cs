using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>Formality signals: each rule on data of the test's own, the province's ranking, and closing a flag with an audited comment.</summary>
public class VerificationSignalsTests(VerificationApps apps) : IClassFixture<VerificationApps>
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<List<JsonElement>> SignalsAsync(HttpClient client, string unit, string period)
    {
        var response = await client.GetAsync($"/api/v1/verification/signals?unit={unit}&period={period}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    private static List<string> Codes(IEnumerable<JsonElement> signals) => [.. signals.Select(s => s.GetProperty("code").GetString()!).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ReportedFigures_AboveComputed_SameThreeMonths_AndJumps_AreFlagged_ProvinceRanksItsCommunes(string provider)
    {
        var app = await apps.GetAsync(provider);
        var inflated = await app.CreateCommuneAsync(villages: 1);
        await app.AddFigureAsync(inflated, "2025-03", "adults_digital_skills", AggregateSource.Reported, 50);
        await app.AddFigureAsync(inflated, "2025-04", "adults_digital_skills", AggregateSource.Reported, 52);
        await app.AddFigureAsync(inflated, "2025-05", "adults_digital_skills", AggregateSource.Reported, 100);
        await app.AddFigureAsync(inflated, "2025-05", "adults_digital_skills", AggregateSource.Computed, 40);
        var frozen = await app.CreateCommuneAsync(villages: 1);
        foreach (var month in new[] { "2025-03", "2025-04", "2025-05" })
        {
            await app.AddFigureAsync(frozen, month, "posts_per_month", AggregateSource.Own, 7);
            await app.AddFigureAsync(frozen, month, "visual_propaganda", AggregateSource.Own, 2);
        }

        var honest = await app.CreateCommuneAsync(villages: 1);
        await app.AddFigureAsync(honest, "2025-03", "adults_digital_skills", AggregateSource.Reported, 40);
        await app.AddFigureAsync(honest, "2025-04", "adults_digital_skills", AggregateSource.Reported, 50);
        await app.AddFigureAsync(honest, "2025-05", "adults_digital_skills", AggregateSource.Reported, 62);
        await app.AddFigureAsync(honest, "2025-05", "adults_digital_skills", AggregateSource.Computed, 55);

        var inspector = await app.CreateClientAsync("officer.daklak");
        var own = await SignalsAsync(inspector, inflated, "2025-05");
        Codes(own).ShouldBe(["jump", "reported-above-computed"]);
        own.Single(s => s.GetProperty("code").GetString() == "reported-above-computed").GetProperty("reason").GetString()
            .ShouldBe("Số báo cáo cao hơn nhiều so với số tính từ dữ liệu của nền tảng (adults_digital_skills: báo cáo 100, tính được 40).");
        own[0].GetProperty("since").GetString().ShouldBe("2025-05");
        var same = await SignalsAsync(inspector, frozen, "2025-05");
        Codes(same).ShouldBe(["same-figures"]);
        same[0].GetProperty("since").GetString().ShouldBe("2025-03");
        same[0].GetProperty("reason").GetString().ShouldBe("Số liệu báo cáo giống hệt nhau 3 tháng liền.");
        (await SignalsAsync(inspector, frozen, "2025-04")).ShouldBeEmpty();
        (await SignalsAsync(inspector, honest, "2025-05")).ShouldBeEmpty();

        var province = await SignalsAsync(inspector, VerificationTestData.Province, "2025-05");
        var order = province.Select(s => s.GetProperty("unit").GetString()).Distinct().ToList();
        order.IndexOf(inflated).ShouldBeLessThan(order.IndexOf(frozen));
        order.ShouldNotContain(honest);

        var bad = await inspector.GetAsync($"/api/v1/verification/signals?unit={inflated}&period=2025-5x");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Kỳ «2025-5x» không hợp lệ");
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/verification/signals?unit={inflated}&period=2025-05")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GuidanceSessions_WithIdenticalCounts_OrEnteredInBulkLate_AreFlagged(string provider)
    {
        var app = await apps.GetAsync(provider);
        var identical = await app.CreateCommuneAsync(villages: 2);
        await app.AddSessionsAsync(identical, 1, 3, new DateOnly(2025, 6, 2), participants: 15);
        await app.AddSessionsAsync(identical, 2, 3, new DateOnly(2025, 6, 10), participants: 15);
        var bulk = await app.CreateCommuneAsync(villages: 1);
        await app.AddSessionsAsync(bulk, 1, 10, new DateOnly(2025, 6, 1), participants: 8, recordedAt: new DateTime(2025, 7, 20, 3, 0, 0, DateTimeKind.Utc), vary: true);
        var fine = await app.CreateCommuneAsync(villages: 1);
        await app.AddSessionsAsync(fine, 1, 9, new DateOnly(2025, 6, 1), participants: 8, vary: true);
        await app.AddSessionsAsync(fine, 1, 4, new DateOnly(2025, 6, 11), participants: 8, recordedAt: new DateTime(2025, 7, 20, 3, 0, 0, DateTimeKind.Utc), vary: true);

        var inspector = await app.CreateClientAsync("officer.daklak");
        var same = await SignalsAsync(inspector, identical, "2025-06");
        Codes(same).ShouldBe(["identical-participants"]);
        same[0].GetProperty("reason").GetString().ShouldBe("6 buổi hướng dẫn trong tháng đều ghi cùng số người tham gia (15 người).");
        var late = await SignalsAsync(inspector, bulk, "2025-06");
        Codes(late).ShouldBe(["bulk-late"]);
        late[0].GetProperty("reason").GetString().ShouldBe("10 buổi hướng dẫn được nhập cùng ngày 20/07/2025, mỗi buổi sau khi diễn ra từ 14 ngày trở lên.");
        (await SignalsAsync(inspector, fine, "2025-06")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ManyCertificationsThroughOneHelperInOneDay_AreFlagged(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        var helper = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == "team.eatrang").Select(u => u.Id).FirstAsync());
        var people = await app.AddCertifiedAsync(commune, 1, 20, new DateOnly(2025, 8, 12), assistedBy: helper);
        var few = await app.CreateCommuneAsync(villages: 1);
        var fewPeople = await app.AddCertifiedAsync(few, 1, 19, new DateOnly(2025, 8, 12), assistedBy: helper);
        if (!await app.ExecuteDbAsync(db => db.Quizzes.AnyAsync()))
        {
            await app.ImportFixtureCourseAsync();
        }

        await app.ExecuteDbAsync(async db =>
        {
            var quiz = await db.Quizzes.OrderBy(q => q.Id).Select(q => q.Id).FirstAsync();
            foreach (var person in people.Concat(fewPeople))
            {
                var at = new DateTime(2025, 8, 12, 2, 30, 0, DateTimeKind.Utc);
                db.QuizAttempts.Add(new QuizAttempt
                {
                    Id = Guid.NewGuid(), QuizId = quiz, UserId = person, StartedAt = at.AddMinutes(-20), SubmittedAt = at, Score = 90, Passed = true,
                    Assisted = true, AssistedByUserId = helper,
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });

        var inspector = await app.CreateClientAsync("officer.daklak");
        var signals = await SignalsAsync(inspector, commune, "2025-08");
        Codes(signals).ShouldBe(["helper-burst"]);
        signals[0].GetProperty("reason").GetString().ShouldBe("Có 20 người được chứng nhận qua cùng một người hỗ trợ trong ngày 12/08/2025.");
        (await SignalsAsync(inspector, few, "2025-08")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ALowGenuineRate_IsFlagged_AndClosingItNeedsAnAuditedComment(string provider)
    {
        var app = await apps.GetAsync(provider);
        var commune = await app.CreateCommuneAsync(villages: 1);
        await app.AddCertifiedAsync(commune, 1, 10, new DateOnly(2026, 6, 3));
        var inspector = await app.CreateClientAsync("officer.daklak");
        var sample = await (await inspector.PostAsJsonAsync("/api/v1/verification/samples", new { unit = commune, period = "2026-06", kind = "certified-learners", size = 10, seed = 5 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = sample.GetProperty("id").GetInt32();
        var items = sample.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()).ToList();
        for (var i = 0; i < items.Count; i++)
        {
            (await inspector.PutAsJsonAsync($"/api/v1/verification/samples/{id}/items/{items[i]}", new { outcome = i < 3 ? "confirmed" : "denied" })).EnsureSuccessStatusCode();
        }

        var signals = await SignalsAsync(inspector, commune, "2026-06");
        Codes(signals).ShouldBe(["low-genuine"]);
        signals[0].GetProperty("reason").GetString().ShouldBe($"Gọi lại kiểm tra (mẫu số {id}) cho tỷ lệ xác nhận đúng thấp: 30%, cận trên chỉ 60,3%.");

        var noComment = await inspector.PostAsJsonAsync("/api/v1/verification/signals/close", new { unit = commune, period = "2026-06", code = "low-genuine", comment = " " });
        noComment.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noComment.Content.ReadAsStringAsync()).ShouldContain("Hãy ghi nhận xét khi đóng dấu hiệu");
        var ownOfficer = await app.CreateClientAsync(await app.CreateStaffAsync(StaffRole.CommuneOfficer, commune));
        (await ownOfficer.PostAsJsonAsync("/api/v1/verification/signals/close", new { unit = commune, period = "2026-06", code = "low-genuine", comment = "Tự đóng" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var notOpen = await inspector.PostAsJsonAsync("/api/v1/verification/signals/close", new { unit = commune, period = "2026-06", code = "jump", comment = "Không có" });
        notOpen.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SignalsAsync(ownOfficer, commune, "2026-06")).Count.ShouldBe(1);

        var closed = await inspector.PostAsJsonAsync("/api/v1/verification/signals/close", new { unit = commune, period = "2026-06", code = "low-genuine", comment = "Đã gọi lại lần hai, xã đã rà soát danh sách." });
        closed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await SignalsAsync(inspector, commune, "2026-06")).ShouldBeEmpty();
        var again = await inspector.PostAsJsonAsync("/api/v1/verification/signals/close", new { unit = commune, period = "2026-06", code = "low-genuine", comment = "Lần nữa" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync()).ShouldContain("đã được đóng");
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.Action == "verification.signal_closed" && a.UnitPath == $"/66/{commune}/").Select(a => a.Reason).ToListAsync());
        audit.ShouldBe(["Đã gọi lại lần hai, xã đã rà soát danh sách."]);
    }
}
