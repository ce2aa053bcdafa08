using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HocVuSo.Tests.Features.Certification.CertificationHelpers;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>The same person registered twice (caught, merged by an officer) and the digital-identity statuses (officers, police CSV).</summary>
public class DuplicatesAndStatusesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static object Body(string number) => new { cccd = number, birthYear = 1985, gender = "nữ" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SecondAccountWithTheSameNumber_IsRefused_RecordedAsAClaim_AndMergedByAnOfficer(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (holder, holderName) = await app.CreateLearnerAsync("24445-006");
        var (claimant, claimantName) = await app.CreateLearnerAsync("24445-006");
        var number = NewNumber();
        (await holder.PutAsJsonAsync("/api/v1/identity/me", Body(number))).EnsureSuccessStatusCode();
        // The second account learned and passed before trying to record the same number.
        await PassFinalAsync(app, claimant);
        var serial = (await MyCertificationAsync(claimant)).GetProperty("certificateSerial").GetString();

        var refused = await claimant.PutAsJsonAsync("/api/v1/identity/me", Body(number));
        var again = await claimant.PutAsJsonAsync("/api/v1/identity/me", Body(number));

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!.ShouldContain("cán bộ xã");
        var officer = await app.CreateClientAsync("officer.eatrang");
        var claims = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/identity/duplicates");
        var claim = claims!.Where(c => c.GetProperty("claimantUserName").GetString() == app.StoredUserName(claimantName)).ShouldHaveSingleItem();
        claim.GetProperty("holderUserName").GetString().ShouldBe(app.StoredUserName(holderName));
        claim.GetProperty("claimantCertification").GetString().ShouldBe("certified");
        claim.ToString().ShouldNotContain(number);
        (await (await app.CreateClientAsync("officer.bacninh")).GetFromJsonAsync<JsonElement[]>("/api/v1/identity/duplicates"))!
            .ShouldNotContain(c => c.GetProperty("claimantUserName").GetString() == app.StoredUserName(claimantName));
        (await holder.GetAsync("/api/v1/identity/duplicates")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var id = claim.GetProperty("id").GetInt32();
        (await (await app.CreateClientAsync("officer.bacninh")).PostAsJsonAsync($"/api/v1/identity/duplicates/{id}/merge", new { keep = "holder" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var merged = await officer.PostAsJsonAsync($"/api/v1/identity/duplicates/{id}/merge", new { keep = "holder", comment = "Cùng một người, đăng ký hai lần." });

        merged.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await merged.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("keptUserName").GetString().ShouldBe(app.StoredUserName(holderName));
        // The claimant's way to the certificate: eight module tests, the final assessment and every lesson.
        result.GetProperty("attemptsMoved").GetInt32().ShouldBe(9);
        result.GetProperty("lessonsMoved").GetInt32().ShouldBe(47);
        result.GetProperty("certificateSerial").GetString().ShouldBe(serial);
        var holderId = await UserIdAsync(app, holderName);
        var claimantId = await UserIdAsync(app, claimantName);
        (await app.ExecuteDbAsync(db => db.QuizAttempts.CountAsync(a => a.UserId == claimantId))).ShouldBe(0);
        (await app.ExecuteDbAsync(db => db.QuizAttempts.CountAsync(a => a.UserId == holderId))).ShouldBe(9);
        (await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Serial == serial))).UserId.ShouldBe(holderId);
        (await MyCertificationAsync(holder)).GetProperty("certificateSerial").GetString().ShouldBe(serial);
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == claimantId).Select(u => u.LockoutEnd).SingleAsync())).ShouldNotBeNull();
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = claimantName, password = TestApp.Password })).IsSuccessStatusCode.ShouldBeFalse();
        (await officer.PostAsJsonAsync($"/api/v1/identity/duplicates/{id}/merge", new { keep = "holder" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var audit = (await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == CertificationAuditActions.Merged && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync())).ShouldHaveSingleItem();
        audit.ActorName.ShouldBe("officer.eatrang");
        audit.Reason.ShouldBe("Cùng một người, đăng ký hai lần.");
        audit.NewValue!.ShouldNotContain(number);
        (await officer.GetFromJsonAsync<JsonElement>("/api/v1/certification/units/24445/decisions")).EnumerateArray()
            .ShouldContain(d => d.GetProperty("action").GetString() == CertificationAuditActions.Merged && d.GetProperty("reason").GetString() == "Cùng một người, đăng ký hai lần.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Merge_KeepingTheClaimant_MovesTheNumber_AndStillDecryptsIt(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (holder, holderName) = await app.CreateLearnerAsync();
        var (claimant, claimantName) = await app.CreateLearnerAsync();
        var number = NewNumber();
        (await holder.PutAsJsonAsync("/api/v1/identity/me", Body(number))).EnsureSuccessStatusCode();
        (await claimant.PutAsJsonAsync("/api/v1/identity/me", Body(number))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var id = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/identity/duplicates"))!
            .Single(c => c.GetProperty("claimantUserName").GetString() == app.StoredUserName(claimantName)).GetProperty("id").GetInt32();

        (await officer.PostAsJsonAsync($"/api/v1/identity/duplicates/{id}/merge", new { keep = "claimant" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var masked = (await claimant.GetFromJsonAsync<JsonElement>("/api/v1/identity/me")).GetProperty("masked").GetString();
        masked.ShouldBe("066•••••••" + number[^2..]);
        var revealed = await officer.PostAsJsonAsync($"/api/v1/identity/users/{claimantName}/reveal", new { reason = "đối chiếu sau khi gộp" });
        (await revealed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cccd").GetString().ShouldBe(number);
        var holderId = await UserIdAsync(app, holderName);
        (await app.ExecuteDbAsync(db => db.PersonIdentities.CountAsync(p => p.UserId == holderId))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OfficerSetsStatuses_WithSourceAndDate_AndBadDatesAreNamed(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (_, userName) = await app.CreateLearnerAsync();
        var officer = await app.CreateClientAsync("officer.eatrang");

        var bad = await officer.PutAsJsonAsync($"/api/v1/identity/users/{userName}/digital-status", new { vneidLevel2On = "31/02/2026", digitalSignatureOn = "01/01/2019" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.GetProperty("vneidLevel2On")[0].GetString().ShouldBe("Ngày «31/02/2026» không đúng dạng ngày/tháng/năm (ví dụ 05/03/2026).");
        errors.GetProperty("digitalSignatureOn")[0].GetString()!.ShouldStartWith("Ngày 01/01/2019 phải từ 01/01/2020");
        (await (await app.CreateClientAsync("officer.bacninh")).PutAsJsonAsync($"/api/v1/identity/users/{userName}/digital-status", new { vneidLevel2On = "05/01/2026" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var saved = await officer.PutAsJsonAsync($"/api/v1/identity/users/{userName}/digital-status", new { vneidLevel2On = "05/01/2026" });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var view = await saved.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("vneidLevel2On").GetString().ShouldBe("2026-01-05");
        view.GetProperty("vneidLevel2Source").GetString().ShouldBe("officer");
        view.GetProperty("digitalSignatureOn").ValueKind.ShouldBe(JsonValueKind.Null);
        var userId = await UserIdAsync(app, userName);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == CertificationAuditActions.StatusSet && a.EntityKey == userId))).ShouldBe(1);

        // A partial PUT: the date left out keeps what was recorded.
        var signature = await (await officer.PutAsJsonAsync($"/api/v1/identity/users/{userName}/digital-status", new { digitalSignatureOn = "06/01/2026" })).Content.ReadFromJsonAsync<JsonElement>();
        signature.GetProperty("digitalSignatureOn").GetString().ShouldBe("2026-01-06");
        signature.GetProperty("vneidLevel2On").GetString().ShouldBe("2026-01-05");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PoliceCsv_IsAllOrNothing_NamesRowAndColumn_AndMatchesByHash(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (first, firstName) = await app.CreateLearnerAsync();
        var (second, secondName) = await app.CreateLearnerAsync();
        var a = NewNumber();
        var b = NewNumber();
        (await first.PutAsJsonAsync("/api/v1/identity/me", Body(a))).EnsureSuccessStatusCode();
        (await second.PutAsJsonAsync("/api/v1/identity/me", Body(b))).EnsureSuccessStatusCode();
        var officer = await app.CreateClientAsync("officer.eatrang");
        var unknown = NewNumber();

        var bad = await UploadAsync(officer, $"cccd;vneid_level2_date;signature_date\n{a};05/01/2026;\n{b};32/01/2026;\n12345;;\n{unknown};01/02/2026;\n{a};;01/02/2026\n");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var text = await bad.Content.ReadAsStringAsync();
        text.ShouldNotContain(unknown);
        var rows = JsonSerializer.Deserialize<JsonElement>(text).GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("message").GetString())).ToList();
        rows.Select(r => (r.Item1, r.Item2)).ShouldBe([(3, "vneid_level2_date"), (4, "cccd"), (5, "cccd"), (6, "cccd")]);
        rows[0].Item3!.ShouldStartWith("Dòng 3, cột «vneid_level2_date»: Ngày «32/01/2026» không đúng dạng");
        rows[2].Item3!.ShouldContain("chưa được khai cho người học nào");
        rows[3].Item3!.ShouldContain("đã có ở dòng 2");
        var firstId = await UserIdAsync(app, firstName);
        (await app.ExecuteDbAsync(db => db.DigitalIdentityStatuses.CountAsync(s => s.UserId == firstId))).ShouldBe(0);
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/identity/duplicates")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var outOfScope = await UploadAsync(await app.CreateClientAsync("officer.bacninh"), $"cccd;vneid_level2_date\n{a};05/01/2026\n");
        outOfScope.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var good = await UploadAsync(officer, $"CCCD;vneid_level2_date;signature_date\n\"{a}\";05/01/2026;\n{b[..3]} {b[3..]};2026-01-20;10/02/2026\n");

        good.StatusCode.ShouldBe(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("saved").GetInt32().ShouldBe(2);
        var secondId = await UserIdAsync(app, secondName);
        var status = await app.ExecuteDbAsync(db => db.DigitalIdentityStatuses.AsNoTracking().SingleAsync(s => s.UserId == secondId));
        status.VneidLevel2On.ShouldBe(new DateOnly(2026, 1, 20));
        status.DigitalSignatureOn.ShouldBe(new DateOnly(2026, 2, 10));
        status.DigitalSignatureSource.ShouldBe(StatusSource.Import);
        status.UnitPath.ShouldBe("/66/24445/24445-002/");
        (await app.ExecuteDbAsync(db => db.AuditEntries.Where(x => x.Action == CertificationAuditActions.StatusImported).Select(x => x.NewValue).ToListAsync()))
            .ShouldAllBe(v => !v!.Contains(a) && !v.Contains(b));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string csv)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "cong-an.csv");
        return await client.PostAsync("/api/v1/identity/digital-status/import", content);
    }
}
