using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Teams;

public class PhotoAndExportTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>A minimal JPEG: SOI, an Exif APP1 segment holding "GPS", a comment, start of scan, data, EOI.</summary>
    private static byte[] JpegWithExif()
    {
        var exif = Encoding.ASCII.GetBytes("Exif\0\0GPSLatitude=12.7");
        var comment = Encoding.ASCII.GetBytes("hello");
        var bytes = new List<byte> { 0xFF, 0xD8 };
        bytes.AddRange([0xFF, 0xE1, (byte)((exif.Length + 2) >> 8), (byte)(exif.Length + 2)]);
        bytes.AddRange(exif);
        bytes.AddRange([0xFF, 0xFE, 0, (byte)(comment.Length + 2)]);
        bytes.AddRange(comment);
        bytes.AddRange([0xFF, 0xDA, 0, 2, 1, 2, 3, 0xFF, 0xD9]);
        return [.. bytes];
    }

    [Fact]
    public void Jpeg_LosesItsExifBlock_AndKeepsEverythingElse()
    {
        var original = JpegWithExif();

        var stripped = ImageMetadata.StripLocation(original, ImageMetadata.Jpeg);

        Encoding.ASCII.GetString(stripped).ShouldNotContain("GPS");
        Encoding.ASCII.GetString(stripped).ShouldContain("hello");
        stripped[^2..].ShouldBe(new byte[] { 0xFF, 0xD9 });
        ImageMetadata.Detect(Encoding.ASCII.GetBytes("GIF89a-not-an-allowed-image")).ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Photo_IsAttachedWithoutLocation_AndNonImagesAreRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var member = await app.CreateClientAsync("team.eatrang");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sync = await member.PostAsJsonAsync("/api/v1/teams/activities/sync", new
        {
            items = new[] { new { clientId = "photo-" + Guid.NewGuid().ToString("N")[..8], type = "guidance-session", villageCode = "24445-001", date = today, topics = new[] { "other" }, participants = 5 } },
        });
        var id = (await sync.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results")[0].GetProperty("id").GetString();

        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name)
        {
            using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
            return await member.PostAsync($"/api/v1/teams/activities/{id}/photos", content);
        }

        var uploaded = await UploadAsync(JpegWithExif(), "anh.jpg");
        var text = await UploadAsync(Encoding.UTF8.GetBytes("<script>alert(1)</script>"), "anh.jpg");

        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created);
        var photoId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var stored = await member.GetByteArrayAsync($"/api/v1/teams/photos/{photoId}");
        Encoding.ASCII.GetString(stored).ShouldNotContain("GPS");
        text.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await text.Content.ReadAsStringAsync()).ShouldContain("JPEG, PNG hoặc WebP");
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/teams/photos/{photoId}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
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
