using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Privacy;

/// <summary>The learner's rights over their own data through the API: consents recorded at sign-up, my data, corrections.</summary>
public class PrivacyApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignUp_records_each_purpose_and_withdrawing_is_audited(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (client, phone) = await app.CreateLearnerAsync(consent: new ConsentChoice(true, false, true));
        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(phone)).Select(u => u.Id).SingleAsync());

        var records = await app.ExecuteDbAsync(db => db.ConsentRecords.Where(c => c.UserId == userId).ToListAsync());
        records.Select(r => (r.Purpose, r.Granted, r.Channel)).OrderBy(r => r.Purpose).ShouldBe(
        [
            (ConsentPurpose.Learning, true, ConsentChannel.SelfSignUp),
            (ConsentPurpose.VneidConfirmation, false, ConsentChannel.SelfSignUp),
            (ConsentPurpose.TeamContact, true, ConsentChannel.SelfSignUp),
        ]);

        var listed = await client.GetAsync(new Uri("/api/v1/me/consents", UriKind.Relative));
        listed.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var consents = await listed.Content.ReadFromJsonAsync<JsonElement[]>();
        consents!.Single(c => c.GetProperty("purpose").GetString() == "vneid").GetProperty("granted").GetBoolean().ShouldBeFalse();

        var withdrawn = await client.PutAsJsonAsync(new Uri("/api/v1/me/consents/team-contact", UriKind.Relative), new { granted = false });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        // One for VNeID declined at sign-up, one for contact withdrawn now.
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityKey == userId && a.Action == PrivacyAuditActions.ConsentWithdrawn))).ShouldBe(2);
        (await app.ExecuteDbAsync(db => db.ConsentRecords.Where(c => c.UserId == userId && c.Purpose == ConsentPurpose.TeamContact).OrderByDescending(c => c.Id).Select(c => c.Granted).FirstAsync()))
            .ShouldBeFalse();

        var unknown = await client.PutAsJsonAsync(new Uri("/api/v1/me/consents/marketing", UriKind.Relative), new { granted = true });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("consent.unknown_purpose");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Withdrawn_learning_consent_refuses_a_quiz_with_its_code(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var (client, _) = await app.CreateLearnerAsync();
        (await client.PutAsJsonAsync(new Uri("/api/v1/me/consents/learning", UriKind.Relative), new { granted = false })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var quizId = await app.ExecuteDbAsync(db => db.Quizzes.Select(q => q.Id).FirstAsync());
        var refused = await client.PostAsync(new Uri($"/api/v1/learning/quizzes/{quizId}/attempts", UriKind.Relative), null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe(Consents.LearningNotGiven);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task My_data_holds_my_records_only_and_reads_back_as_pdf(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (mine, _) = await app.CreateLearnerAsync();
        var (other, otherPhone) = await app.CreateLearnerAsync();
        (await other.PatchAsJsonAsync(new Uri("/api/v1/me", UriKind.Relative), new { fullName = "Y Khác Niê" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await mine.PatchAsJsonAsync(new Uri("/api/v1/me", UriKind.Relative), new { fullName = "H'Lan Ê Ban" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var json = await mine.GetAsync(new Uri("/api/v1/me/data", UriKind.Relative));
        json.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var text = await json.Content.ReadAsStringAsync();
        var data = JsonDocument.Parse(text).RootElement;
        data.GetProperty("account").GetProperty("fullName").GetString().ShouldBe("H'Lan Ê Ban");
        data.GetProperty("consents").GetArrayLength().ShouldBe(3);
        text.ShouldNotContain("Y Khác Niê");
        text.ShouldNotContain(otherPhone);

        var pdf = await mine.GetAsync(new Uri("/api/v1/me/data/pdf", UriKind.Relative));
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        var pdfText = await PdfText.ExtractAsync(await pdf.Content.ReadAsByteArrayAsync());
        pdfText.ShouldContain("H'Lan Ê Ban");
        pdfText.ShouldContain("Xác nhận lên VNeID");
        pdfText.ShouldNotContain("Y Khác Niê");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Correction_errors_name_the_field_and_save_nothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (client, phone) = await app.CreateLearnerAsync();

        var bad = await client.PatchAsJsonAsync(new Uri("/api/v1/me", UriKind.Relative), new { fullName = "Tên Mới", email = "khong-phai-thu", villageCode = "01234-001" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("email", out _).ShouldBeTrue();
        errors.TryGetProperty("villageCode", out _).ShouldBeTrue();
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(phone)).Select(u => u.FullName).SingleAsync())).ShouldBe("Người Học Thử");
    }
}
