using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>A whole plan exported as a YAML plan file and imported back: round trip, all or nothing, errors naming the line and key.</summary>
public class PlanFileTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static MultipartFormDataContent FileOf(string yaml)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(yaml));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/yaml");
        content.Add(file, "file", "ke-hoach.yaml");
        return content;
    }

    private static async Task<int> EaTrangPlanIdAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026"))!
        .Single(p => p.GetProperty("unit").GetString() == "24445").GetProperty("id").GetInt32();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EaTrangsPlan_ExportedAndImportedIntoAnotherCommune_ExportsToTheSameDocument(string provider)
    {
        await using var app = await TestApp.StartOwnAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var province = await app.CreateClientAsync("officer.daklak");
        var exported = await officer.GetAsync($"/api/v1/plans/{await EaTrangPlanIdAsync(officer)}/export");
        exported.StatusCode.ShouldBe(HttpStatusCode.OK);
        exported.Content.Headers.ContentType!.MediaType.ShouldBe("application/yaml");
        var yaml = await exported.Content.ReadAsStringAsync();
        yaml.ShouldContain("lead: Phòng Văn hóa – Xã hội");
        yaml.ShouldContain("indicator: classes_held");
        yaml.ShouldContain("year: 2026");

        var other = await app.ExecuteDbAsync(async db =>
        {
            var eaTrang = await db.Units.SingleAsync(u => u.Code == "24445");
            var commune = await db.Units.Where(u => u.ParentCode == eaTrang.ParentCode && u.Code != "24445" && u.Path.Length == eaTrang.Path.Length && !db.Plans.Any(p => p.UnitId == u.Id))
                .OrderBy(u => u.Code).FirstAsync();
            foreach (var o in await db.Organisations.AsNoTracking().Where(o => o.UnitPath == eaTrang.Path).ToListAsync())
            {
                db.Organisations.Add(new Organisation { UnitId = commune.Id, UnitPath = commune.Path, Kind = o.Kind, Name = o.Name, Grades = o.Grades });
            }

            await db.SaveChangesAsync();
            return commune.Code;
        });

        var imported = await province.PostAsync($"/api/v1/plans/import?unit={other}&year=2026", FileOf(yaml));
        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync());
        var id = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var plan = await province.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        plan.GetProperty("status").GetString().ShouldBe("draft");
        plan.GetProperty("unit").GetString().ShouldBe(other);
        plan.GetProperty("sections").GetArrayLength().ShouldBe(10);
        plan.GetProperty("tasks").GetArrayLength().ShouldBe(14);
        var again = await (await province.GetAsync($"/api/v1/plans/{id}/export")).Content.ReadAsStringAsync();
        again.ShouldBe(yaml);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "plans.plan_imported"))).ShouldBe(1);

        var twice = await province.PostAsync($"/api/v1/plans/import?unit={other}&year=2026", FileOf(yaml));
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadAsStringAsync()).ShouldContain("plans.year_taken");
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/plans/{id}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private const string BadFile = """
        version: 1
        plan:
          number: /KH-UBND
          title: Kế hoạch nhập thử có lỗi
          issuingBody: Ủy ban nhân dân xã Ea Trang
        sections:
          - number: "1"
            title: Tuyên truyền
            tasks:
              - number: "1.1"
                title: Nhiệm vụ một
                lead: Phòng Văn hóa – Xã hội
                due: 2039-04-30
                targets:
                  - indicator: no_such_indicator
                    value: 5
              - number: "1.1"
                title: Nhiệm vụ trùng số
                due: 2039-31-12
              - number: "1.3"
                title: Nhiệm vụ cơ quan lạ
                lead: Sở Không Có
                due: 2040-01-15
        """;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadPlanFile_IsRefusedWhole_EachErrorNamingItsLineAndKey(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var response = await officer.PostAsync("/api/v1/plans/import?unit=24445&year=2039", FileOf(BadFile));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("field").GetString(), r.GetProperty("code").GetString())).ToList();
        rows.ShouldBe([
            (15, "indicator", "plans.indicator_unknown"),
            (17, "number", "plans.task_number_taken"),
            (19, "due", "plans.file_bad_date"),
            (22, "lead", "plans.organisation_unknown"),
            (23, "due", "plans.due_outside_year"),
        ]);
        var message = await response.Content.ReadAsStringAsync();
        message.ShouldContain("Dòng 22");
        message.ShouldContain("Sở Không Có");
        (await app.ExecuteDbAsync(db => db.Plans.CountAsync(p => p.Year == 2039))).ShouldBe(0);

        var syntax = await officer.PostAsync("/api/v1/plans/import?unit=24445&year=2039", FileOf("version: 1\nplan:\n  title: [không đóng\nsections: []\n"));
        var syntaxBody = await syntax.Content.ReadAsStringAsync();
        syntax.StatusCode.ShouldBe(HttpStatusCode.BadRequest, syntaxBody);
        syntaxBody.ShouldContain("plans.file_syntax_after");
        syntaxBody.ShouldContain("Dòng 3");
        var alias = await officer.PostAsync("/api/v1/plans/import?unit=24445&year=2039", FileOf("version: 1\nplan: &p\n  title: a\nsections:\n  - *p\n"));
        (await alias.Content.ReadAsStringAsync()).ShouldContain("plans.file_alias");
        var unknownKey = await officer.PostAsync("/api/v1/plans/import?unit=24445&year=2039", FileOf("version: 1\nplan:\n  number: /KH\n  titel: a\nsections: []\n"));
        var unknown = (await unknownKey.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0];
        unknown.GetProperty("row").GetInt32().ShouldBe(4);
        unknown.GetProperty("code").GetString().ShouldBe("plans.file_key_unknown");
        (await app.ExecuteDbAsync(db => db.Plans.CountAsync(p => p.Year == 2039))).ShouldBe(0);
        (await (await app.CreateClientAsync("officer.bacninh")).PostAsync("/api/v1/plans/import?unit=24445&year=2039", FileOf(BadFile)))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task PlanFile_BadIndentation_IsASyntaxErrorOnItsLine()
    {
        var read = await PlanFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("version: 1\nplan:\n  title: a\n   number: b\nsections: []\n")), Core.Common.Uploads.UploadLimits.Default, CancellationToken.None);
        read.Errors.Select(e => (e.Code, e.Row)).ShouldBe([("plans.file_syntax", 4)]);
    }

    [Fact]
    public async Task PlanFile_BrokenYaml_IsASyntaxErrorOnItsLine()
    {
        var read = await PlanFile.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes("version: 1\nplan:\n  title: [không đóng\nsections: []\n")), Core.Common.Uploads.UploadLimits.Default, CancellationToken.None);
        read.IsSuccess.ShouldBeFalse();
        read.Errors.Select(e => e.Code).ShouldBe(["plans.file_syntax_after"], string.Join("; ", read.Errors.Select(e => e.Code + " " + e.Row + " " + string.Join(",", e.Args))));
        read.Errors[0].Row.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(3);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task GoodPlanFile_SentAsTheBody_CreatesADraftWithItsTasksAndTargets(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var yaml = """
            version: 1
            plan:
              number: /KH-UBND
              title: Kế hoạch nhập thử từ tệp
              issuingBody: Ủy ban nhân dân xã Ea Trang
            sections:
              - number: "1"
                title: Bồi dưỡng
                tasks:
                  - number: "1.1"
                    title: Mở lớp bình dân học vụ số
                    lead: Phòng Văn hóa – Xã hội
                    coordinating: [Công an xã]
                    schedule: between_dates
                    starts: 2040-03-01
                    due: 2040-06-30
                    targets:
                      - indicator: classes_held
                        value: 6
                        unitLevel: commune
                        text: Ít nhất 6 lớp
            """;
        var body = new StringContent(yaml, Encoding.UTF8, "application/yaml");

        var response = await officer.PostAsync("/api/v1/plans/import?unit=24445&year=2040", body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        plan.GetProperty("status").GetString().ShouldBe("draft");
        var task = plan.GetProperty("tasks").EnumerateArray().Single();
        task.GetProperty("lead").GetString().ShouldBe("Phòng Văn hóa – Xã hội");
        task.GetProperty("coordinating")[0].GetString().ShouldBe("Công an xã");
        task.GetProperty("schedule").GetString().ShouldBe("BetweenDates");
        task.GetProperty("due").GetString().ShouldBe("2040-06-30");
        task.GetProperty("targets")[0].GetProperty("value").GetDecimal().ShouldBe(6m);
        task.GetProperty("targets")[0].GetProperty("text").GetString().ShouldBe("Ít nhất 6 lớp");
    }
}
