using System.Net;
using System.Text;
using HocVuSo.Core.Common;
using HocVuSo.Tests.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>The staff page of certification: lists with masked numbers, export, sign-off and merge buttons, scope.</summary>
public class CertificationPagesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<HttpClient> SignInAsync(TestApp app, string userName)
    {
        var client = app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task OfficerSeesCertifiedLearners_PendingPushes_AndExportsMaskedNumbers(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await SignInAsync(app, "officer.eatrang");

        var page = await officer.GetPageAsync("/units/24445/certification");

        var certified = page.QuerySelector("#certified-learners")!.TextContent;
        certified.ShouldContain("Nguyễn Thị Ngọc Anh");
        certified.ShouldContain("066•••••••");
        page.QuerySelector("#pending-pushes")!.TextContent.ShouldContain("Nguyễn Thị Ngọc Anh");
        page.QuerySelector("#certification-summary")!.TextContent.ShouldContain("Buôn Tai");
        var csv = await officer.GetAsync("/units/24445/certification?handler=Csv");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        text.ShouldContain("Nguyễn Thị Ngọc Anh");
        System.Text.RegularExpressions.Regex.IsMatch(text, @"\d{12}").ShouldBeFalse();
        (await officer.GetAsync("/units/24445/certification?handler=Xlsx")).Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        var outsider = await SignInAsync(app, "officer.bacninh");
        (await outsider.GetAsync("/units/24445/certification")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SignOffButton_CertifiesAnAssistedOnlyLearner(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync("24445-008");
        await CertificationHelpers.PassFinalAsync(app, learner, assisted: true);
        var officer = await SignInAsync(app, "officer.eatrang");
        (await officer.GetPageAsync("/units/24445/certification")).QuerySelector("#awaiting-sign-off")!.TextContent.ShouldContain(Mask.Phone(userName)!);

        var posted = await officer.SubmitFormAsync("/units/24445/certification", new Dictionary<string, string> { ["userName"] = userName, ["note"] = "Đã kiểm tra" }, "handler=SignOff");

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CertificationHelpers.MyCertificationAsync(learner)).GetProperty("status").GetString().ShouldBe("certified");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task RevokeButton_NeedsAReason_ThenRevokes(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _) = await app.CreateLearnerAsync("24445-010");
        await CertificationHelpers.PassFinalAsync(app, learner);
        var serial = (await CertificationHelpers.MyCertificationAsync(learner)).GetProperty("certificateSerial").GetString()!;
        var officer = await SignInAsync(app, "officer.eatrang");

        var noReason = await officer.SubmitFormAsync("/units/24445/certification", new Dictionary<string, string> { ["serial"] = serial, ["reason"] = " " }, "handler=Revoke");
        noReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("Hãy ghi lý do thu hồi chứng nhận.");
        var revoked = await officer.SubmitFormAsync("/units/24445/certification", new Dictionary<string, string> { ["serial"] = serial, ["reason"] = "Cấp nhầm" }, "handler=Revoke");

        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await CertificationHelpers.MyCertificationAsync(learner)).GetProperty("status").GetString().ShouldBe("revoked");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MergeButton_ResolvesADuplicate(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (holder, _) = await app.CreateLearnerAsync();
        var (claimant, claimantName) = await app.CreateLearnerAsync();
        var number = CertificationHelpers.NewNumber();
        (await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(holder, "/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
        (await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(claimant, "/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nữ" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var officer = await SignInAsync(app, "officer.eatrang");
        var claimantId = await CertificationHelpers.UserIdAsync(app, claimantName);
        var claimId = await app.ExecuteDbAsync(db => db.DuplicateIdentityClaims.Where(c => c.ClaimantUserId == claimantId).Select(c => c.Id).SingleAsync());
        var page = await officer.GetPageAsync("/units/24445/certification");
        page.QuerySelector("#duplicates")!.TextContent.ShouldContain(Mask.Phone(claimantName)!);
        page.QuerySelector("#duplicates")!.TextContent.ShouldNotContain(claimantName);
        page.QuerySelector("#duplicates")!.TextContent.ShouldNotContain(number);

        var posted = await officer.SubmitFormAsync("/units/24445/certification",
            new Dictionary<string, string> { ["claimId"] = claimId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["keep"] = "holder" }, "handler=Merge");

        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.ExecuteDbAsync(db => db.DuplicateIdentityClaims.Where(c => c.Id == claimId).Select(c => c.Status).SingleAsync()))
            .ShouldBe(HocVuSo.Core.Features.Certification.DuplicateClaimStatus.Merged);
    }
}
