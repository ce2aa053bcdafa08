using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Security;

/// <summary>Every text a person types has a maximum length and refuses control, direction and invisible-only characters; names are stored NFC and trimmed.</summary>
public class TextRulesTests
{
    private static readonly string OneMegabyte = new('a', 1024 * 1024);

    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AOneMegabyteStaffFullName_IsRefusedNamingTheField_AndNothingIsStored(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var userName = "dai." + Guid.NewGuid().ToString("N")[..8];

        var response = await officer.PostAsJsonAsync("/api/v1/staff", new { userName, fullName = OneMegabyte, role = "TeamMember", unitCode = "24445-002" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("fullName")[0].GetString().ShouldBe("«Họ và tên» dài quá 200 ký tự.");
        (await app.ExecuteDbAsync(db => db.Users.CountAsync(u => u.UserName == userName))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AOneMegabyteReportComment_IsRefusedNamingTheField_AndNothingIsStored(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.daklak");
        var period = DateTime.UtcNow.AddHours(7).AddMonths(-5).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var url = $"/api/v1/reporting/reports/22057/{period}";

        var response = await officer.PutAsJsonAsync(url, new
        {
            values = new Dictionary<string, decimal> { ["posts_per_month"] = 3 },
            comments = new Dictionary<string, string> { ["posts_per_month"] = OneMegabyte },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("comments.posts_per_month")[0].GetString().ShouldBe("«Ý kiến» dài quá 1000 ký tự.");
        var stored = await app.ExecuteDbAsync(db => db.MonthlyReports.AsNoTracking().Where(r => r.UnitPath.Contains("/22057/")).Select(r => r.Comments).ToListAsync());
        stored.SelectMany(c => c.Values).ShouldAllBe(c => c.Length <= 1000);

        var decision = await officer.PostAsJsonAsync(url + "/return", new { comment = OneMegabyte });
        decision.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VillageNames_OfZeroWidthSpaces_WithNul_OrWithARightToLeftOverride_AreRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var cases = new (string Name, string Code)[]
        {
            ("\u200B\u200B\u200B", "text.invisible_only"),
            ("\uFEFF \u200D\u2060", "text.invisible_only"),
            ("Thôn\0" + tag, "text.control_character"),
            ("Thôn \u202Egnart" + tag, "text.bidi_control"),
            ("Thôn \u2067" + tag, "text.bidi_control"),
            ("\u0301Thôn " + tag, "text.lone_mark"),
            ("Thôn " + OneMegabyte, "text.too_long"),
        };

        foreach (var (name, code) in cases)
        {
            var response = await officer.PostAsJsonAsync("/api/v1/units/24445/villages", new { name, kind = "thon" });
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, name);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("code").GetString().ShouldBe(code);
            problem.GetProperty("errors").TryGetProperty("name", out _).ShouldBeTrue();
        }

        var csv = "commune_code,name,kind\n24445,\"Thôn\u202E" + tag + "\",thon\n24445,\u200B,thon\n";
        using var content = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "villages.csv" } };
        var import = await officer.PostAsync("/api/v1/units/villages/import", content);
        var imported = await import.Content.ReadFromJsonAsync<JsonElement>();
        imported.GetProperty("saved").GetInt32().ShouldBe(0, imported.ToString());

        var stored = await app.ExecuteDbAsync(db => db.Units.Where(u => u.ParentCode == "24445").Select(u => u.Name).ToListAsync());
        stored.ShouldNotContain(n => n.Contains(tag, StringComparison.Ordinal) || n.Contains('\u200B', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ADecomposedVietnameseName_IsStoredComposedAndTrimmed(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var userName = "nfd." + Guid.NewGuid().ToString("N")[..8];
        var composed = "Nguyễn Thị Hồng Nhung";
        var typed = "  " + composed.Normalize(NormalizationForm.FormD) + " \t ";
        typed.ShouldNotBe(composed);

        var response = await officer.PostAsJsonAsync("/api/v1/staff", new { userName, fullName = typed, role = "TeamMember", unitCode = "24445-002" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var stored = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.FullName).SingleAsync());
        stored.ShouldBe(composed);
        stored.IsNormalized(NormalizationForm.FormC).ShouldBeTrue();

        var village = await officer.PostAsJsonAsync("/api/v1/units/24445/villages", new { name = (" Buôn Ê Đê ".Normalize(NormalizationForm.FormD)) + userName[4..] + "  ", kind = "buon" });
        village.StatusCode.ShouldBe(HttpStatusCode.Created, await village.Content.ReadAsStringAsync());
        var name = (await village.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString()!;
        name.ShouldBe("Buôn Ê Đê " + userName[4..]);
    }
}
