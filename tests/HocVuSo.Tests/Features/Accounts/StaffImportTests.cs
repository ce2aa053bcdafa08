using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Accounts;

public class StaffImportTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_SavesValidRows_AndNamesTheRowAndFieldOfEachProblem(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = "user_name;full_name;email;phone;role;unit_code\r\n"
            + $"a.{tag};{"Nguyễn Thị Hoa".Normalize(NormalizationForm.FormD)};a.{tag}@example.vn;0912345678;TeamMember;24445-003\r\n"
            + $"b.{tag};H'Hen Niê;officer.eatrang@demo.hocvuso.vn;;TeamMember;24445-003\r\n"
            + $"c.{tag};Y Sơn;;0912;TeamMember;24445-003\r\n"
            + $"d.{tag};Ama Thuột;;;Chairman;24445\r\n"
            + $"e.{tag};Lê Văn Tám;;;CommuneOfficer;24193\r\n"
            + $"f.{tag};Trần Văn Bảy;;;commune-approver;24445\r\n";
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]), "file", "staff.csv");

        var response = await client.PostAsync("/api/v1/staff/import", content);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("saved").GetInt32().ShouldBe(2);
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt32(), Field: e.GetProperty("field").GetString(), Message: e.GetProperty("message").GetString()!)).ToList();
        errors.ShouldContain(e => e.Row == 3 && e.Field == "email" && e.Message.Contains("đã được dùng"));
        errors.ShouldContain(e => e.Row == 4 && e.Field == "phone");
        errors.ShouldContain(e => e.Row == 5 && e.Field == "role");
        errors.ShouldContain(e => e.Row == 6 && e.Field == "unit_code");
        var saved = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName!.EndsWith("." + tag)).Select(u => new { u.UserName, u.FullName }).ToListAsync());
        saved.Select(s => s.UserName).OrderBy(s => s).ShouldBe([$"a.{tag}", $"f.{tag}"]);
        saved.Single(s => s.UserName == $"a.{tag}").FullName.ShouldBe("Nguyễn Thị Hoa");
        var roles = await app.ExecuteDbAsync(db => db.StaffAssignments.Where(a => a.User!.UserName == $"f.{tag}").Select(a => a.Role).ToListAsync());
        roles.ShouldBe([StaffRole.CommuneApprover]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Import_WithWrongColumns_SavesNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await app.CreateClientAsync("officer.eatrang");
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("user_name,full_name,role\nx.y.z,Người,TeamMember\n")), "file", "staff.csv");

        var response = await client.PostAsync("/api/v1/staff/import", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Tệp thiếu cột: email, phone, unit_code");
    }
}
