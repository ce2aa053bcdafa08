using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>Evidence files on task updates: multipart uploads checked by content, downloads scoped, listed in the plan report.</summary>
public class TaskEvidenceTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    private static async Task<(int PlanId, int Task13)> EaTrangPlanAsync(HttpClient client)
    {
        var plans = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/plans?unit=24445&year=2026");
        var id = plans!.Single(p => p.GetProperty("unit").GetString() == "24445").GetProperty("id").GetInt32();
        var plan = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{id}");
        var task = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "1.3").GetProperty("id").GetInt32();
        return (id, task);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, int planId, int taskId, string text, byte[] file, string fileName, string date = "2026-04-15")
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(text), "text" },
            { new StringContent(date), "date" },
            { new ByteArrayContent(file), "file", fileName },
        };
        return await client.PostAsync($"/api/v1/plans/{planId}/tasks/{taskId}/updates", content);
    }

    private static byte[] Png()
    {
        using var bitmap = new SKBitmap(40, 30);
        bitmap.Erase(SKColors.SteelBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EvidenceFile_PdfAndPhotoAreStored_DownloadedInScope_ListedInTheReport(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var (planId, task13) = await EaTrangPlanAsync(officer);
        var marker = "Minh chứng tệp " + Guid.NewGuid().ToString("N")[..6];

        var pdf = await PostAsync(officer, planId, task13, marker, Pdf, "bien-ban-tuyen-truyen.pdf");
        var photo = await PostAsync(officer, planId, task13, marker + " ảnh", Png(), "anh-hop.png");

        pdf.StatusCode.ShouldBe(HttpStatusCode.Created, await pdf.Content.ReadAsStringAsync());
        photo.StatusCode.ShouldBe(HttpStatusCode.Created, await photo.Content.ReadAsStringAsync());
        var plan = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}");
        var updates = plan.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == task13).GetProperty("updates").EnumerateArray().ToList();
        var withPdf = updates.Single(u => u.GetProperty("text").GetString() == marker);
        withPdf.GetProperty("evidenceFile").GetString().ShouldBe("bien-ban-tuyen-truyen.pdf");
        var withPhoto = updates.Single(u => u.GetProperty("text").GetString() == marker + " ảnh");
        withPhoto.GetProperty("evidenceFile").GetString().ShouldBe("anh-hop.jpg");

        var download = await officer.GetAsync(withPdf.GetProperty("evidenceFileUrl").GetString());
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        var image = await officer.GetAsync(withPhoto.GetProperty("evidenceFileUrl").GetString());
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        var jpeg = await image.Content.ReadAsByteArrayAsync();
        jpeg[..3].ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync(withPdf.GetProperty("evidenceFileUrl").GetString())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var report = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/report?from=2026-04-01&to=2026-04-30");
        report.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("number").GetString() == "1.3").GetProperty("updates").EnumerateArray()
            .ShouldContain(u => u.GetProperty("evidenceFile").GetString() == "bien-ban-tuyen-truyen.pdf");
        var text = Regex.Replace(await PdfText.ExtractAsync(await officer.GetByteArrayAsync($"/api/v1/plans/{planId}/report/pdf?from=2026-04-01&to=2026-04-30")), @"\s+", " ");
        text.ShouldContain("tệp minh chứng: bien-ban-tuyen-truyen.pdf");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EvidenceFile_NotPdfOrImage_RefusedInVietnamese_NothingSaved(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var (planId, task13) = await EaTrangPlanAsync(officer);
        var marker = "Tệp giả " + Guid.NewGuid().ToString("N")[..6];

        var renamed = await PostAsync(officer, planId, task13, marker, Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "bao-cao.pdf");
        var truncatedPng = await PostAsync(officer, planId, task13, marker, Png()[..20], "anh.png");
        var badDate = await PostAsync(officer, planId, task13, marker, Pdf, "a.pdf", date: "15/04/2026");

        renamed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await renamed.Content.ReadAsStringAsync()).ShouldContain("không phải tệp PDF, JPEG, PNG hoặc WebP hợp lệ");
        truncatedPng.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.ExecuteDbAsync(db => db.TaskUpdates.CountAsync(u => u.Text == marker))).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PlanPage_OrganisationOfficerLandsOnThePlan_UpdateFormOnlyOnTheirTask_TakesAFile(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "vhxh.eatrang", ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        login.Headers.Location!.OriginalString.ShouldBe("/units/24445/plans");

        var page = await client.GetPageAsync("/units/24445/plans?year=2026");
        var tasks = page.QuerySelectorAll("li.plan-task").ToList();
        var withForm = tasks.Where(li => li.QuerySelector("form[enctype='multipart/form-data'] input[type=file][name=evidenceFile]") is not null).ToList();
        withForm.ShouldContain(li => li.GetAttribute("data-number") == "1.3");
        withForm.ShouldAllBe(li => li.TextContent.Contains("Phòng Văn hóa – Xã hội", StringComparison.Ordinal));
        tasks.Count(li => !li.TextContent.Contains("Phòng Văn hóa – Xã hội", StringComparison.Ordinal)).ShouldBeGreaterThan(0);
        tasks.Where(li => !li.TextContent.Contains("Phòng Văn hóa – Xã hội", StringComparison.Ordinal)).ShouldAllBe(li => li.QuerySelector("form") == null);
        page.QuerySelector("#plan-editor").ShouldBeNull();
    }
}
