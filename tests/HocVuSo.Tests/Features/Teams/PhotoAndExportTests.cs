using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Tests.Features.Uploads;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace HocVuSo.Tests.Features.Teams;

public class PhotoAndExportTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Photo_IsStoredReencoded_WithoutMetadata_AndAKeptLocationIsAField(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var member = await app.CreateClientAsync("team.eatrang");
        var id = await UploadLimitsTests.ActivityAsync(app);
        var original = BadFiles.Jpeg(withGps: true);
        Encoding.ASCII.GetString(original).ShouldContain("Exif");

        var stripped = await UploadAsync(member, id, original, keepLocation: false);
        var kept = await UploadAsync(member, id, original, keepLocation: true);

        stripped.StatusCode.ShouldBe(HttpStatusCode.Created, await stripped.Content.ReadAsStringAsync());
        kept.StatusCode.ShouldBe(HttpStatusCode.Created, await kept.Content.ReadAsStringAsync());
        foreach (var response in new[] { stripped, kept })
        {
            var photoId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var served = await member.GetAsync($"/api/v1/teams/photos/{photoId}");
            served.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
            served.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Encoding.ASCII.GetString(bytes).ShouldNotContain("Exif");
            using var decoded = SKBitmap.Decode(bytes);
            (decoded.Width, decoded.Height).ShouldBe((64, 48));
            (await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/teams/photos/{photoId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        var rows = await app.ExecuteDbAsync(db => db.ActivityPhotos.AsNoTracking().Where(p => p.ActivityId == id).OrderBy(p => p.Id).ToListAsync());
        rows[0].Latitude.ShouldBeNull();
        rows[0].LocationKept.ShouldBeFalse();
        rows[1].LocationKept.ShouldBeTrue();
        rows[1].Latitude!.Value.ShouldBe(12.68, 0.0001);
        rows[1].Longitude!.Value.ShouldBe(108.04, 0.0001);
        rows.ShouldAllBe(p => p.ContentType == "image/jpeg");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Photo_ThatDoesNotDecode_OrDeclaresTooManyPixels_IsRefused_AndNothingIsStored(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var member = await app.CreateClientAsync("team.eatrang");
        var id = await UploadLimitsTests.ActivityAsync(app);
        var png = PngOf(BadFiles.Jpeg());

        var truncated = await UploadAsync(member, id, png[..30]);
        var html = await UploadAsync(member, id, [.. BadFiles.Jpeg()[..20], .. "<html><script>alert(1)</script></html>"u8.ToArray()]);
        var text = await UploadAsync(member, id, Encoding.UTF8.GetBytes("<script>alert(1)</script>"));
        var gif = await UploadAsync(member, id, Encoding.ASCII.GetBytes("GIF89a-not-an-allowed-image"));
        var bomb = await UploadAsync(member, id, BadFiles.PngDeclaring(50_000));

        foreach (var refused in new[] { truncated, html, text, gif })
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("JPEG, PNG hoặc WebP");
        }

        bomb.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge, await bomb.Content.ReadAsStringAsync());
        (await bomb.Content.ReadAsStringAsync()).ShouldContain("teams.photo_pixels");
        (await app.ExecuteDbAsync(db => db.ActivityPhotos.CountAsync(p => p.ActivityId == id))).ShouldBe(0);
        (await UploadAsync(member, id, png)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    private static byte[] PngOf(byte[] jpeg)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        return bitmap.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient member, Guid activity, byte[] bytes, bool keepLocation = false)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "anh.jpg" } };
        return await member.PostAsync($"/api/v1/teams/activities/{activity}/photos?keepLocation={(keepLocation ? "true" : "false")}", content);
    }

    [Fact]
    public async Task TeamsDashboard_ExportsAsCsvAndExcel()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var officer = app.CreateClient();
        await officer.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });

        var page = await officer.GetPageAsync("/units/24445/teams");
        var csv = await officer.GetStringAsync("/units/24445/teams?handler=Csv");
        var xlsx = await officer.GetByteArrayAsync("/units/24445/teams?handler=Xlsx");

        page.QuerySelectorAll("#teams-table tbody tr.quiet").Length.ShouldBeGreaterThanOrEqualTo(1);
        csv.ShouldContain("24445-001;Buôn Ea Trang;");
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        document.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText.ShouldContain("Buôn Tai");
        (await app.ExecuteDbAsync(db => db.CommunityTeams.CountAsync(t => t.UnitPath.StartsWith("/66/24445/")))).ShouldBeGreaterThanOrEqualTo(10);
    }
}
