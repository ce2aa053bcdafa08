using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Assistant;

/// <summary>Documents a unit gives the assistant: found only within the uploading unit's scope; bad files refused whole.</summary>
public class AssistantDocumentsTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string unit = "24445", bool isPublic = false, string title = "Kế hoạch thử")
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(bytes), "file", fileName);
        content.Add(new StringContent(unit), "unit");
        content.Add(new StringContent(title), "title");
        content.Add(new StringContent(isPublic ? "true" : "false"), "public");
        return await client.PostAsync("/api/v1/assistant/documents", content);
    }

    private static async Task<string[]> UrlsAsync(HttpClient client, string q, string scope)
    {
        var response = await client.GetAsync($"/api/v1/assistant/search?scope={scope}&q={Uri.EscapeDataString(q)}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!.Select(a => a.GetProperty("url").GetString()!).ToArray();
    }

    private static string Word() => "tailieu" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EaTrangDocument_IsFoundOnlyByUsersWhoseScopeIncludesEaTrang(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var word = Word();
        var text = $"Kế hoạch tuyên truyền của xã.\n\nTrang này nói về {word} và việc hướng dẫn người dân cài ứng dụng.";
        var created = await UploadAsync(officer, Encoding.UTF8.GetBytes(text), "ke-hoach.txt");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var document = await created.Content.ReadFromJsonAsync<JsonElement>();
        var url = document.GetProperty("url").GetString()!;

        (await UrlsAsync(officer, word, "staff")).ShouldContain(u => u.StartsWith(url + "#page=", StringComparison.Ordinal));
        (await UrlsAsync(await app.CreateClientAsync("officer.daklak"), word, "staff")).ShouldContain(u => u.StartsWith(url, StringComparison.Ordinal));
        (await UrlsAsync(await app.CreateClientAsync("officer.bacninh"), word, "staff")).ShouldNotContain(u => u.StartsWith(url, StringComparison.Ordinal));
        var (learner, _) = await app.CreateLearnerAsync();
        (await UrlsAsync(learner, word, "learner")).ShouldNotContain(u => u.StartsWith(url, StringComparison.Ordinal));
        (await UrlsAsync(app.CreateClient(), word, "learner")).ShouldBeEmpty();

        (await officer.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await learner.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var list = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/assistant/documents?unit=24445");
        list!.ShouldContain(d => d.GetProperty("url").GetString() == url);
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/assistant/documents?unit=24445")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await UploadAsync(await app.CreateClientAsync("officer.bacninh"), Encoding.UTF8.GetBytes(text), "x.txt")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PublicDocument_IsFoundByLearnersLivingUnderTheUnit(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var word = Word();
        var created = await UploadAsync(officer, Encoding.UTF8.GetBytes($"Lịch học {word} tại nhà văn hóa thôn."), "lich-hoc.txt", isPublic: true);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        var (learner, _) = await app.CreateLearnerAsync();
        (await UrlsAsync(learner, word, "learner")).ShouldContain(u => u.StartsWith(url, StringComparison.Ordinal));
        (await learner.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await UrlsAsync(app.CreateClient(), word, "learner")).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadFiles_AreRefusedWhole(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        async Task<int> CountAsync() => await app.ExecuteDbAsync(db => db.AssistantDocuments.CountAsync());
        var before = await CountAsync();

        var notPdf = await UploadAsync(officer, Encoding.UTF8.GetBytes("Đây không phải PDF"), "gia.pdf");
        notPdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notPdf.Content.ReadAsStringAsync()).ShouldContain("không đúng với đuôi");

        var encrypted = await UploadAsync(officer, EncryptedPdf(), "khoa.pdf");
        encrypted.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await encrypted.Content.ReadAsStringAsync());

        (await UploadAsync(officer, [0x4D, 0x5A, 0x90, 0x00, 0x03], "chuong-trinh.exe")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await UploadAsync(officer, new byte[21 * 1024 * 1024], "lon.pdf")).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        var bomb = await UploadAsync(officer, ZipBomb(), "bom.docx");
        ((int)bomb.StatusCode).ShouldBeInRange(400, 413, await bomb.Content.ReadAsStringAsync());

        (await UploadAsync(app.CreateClient(), Encoding.UTF8.GetBytes("x"), "a.txt")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await CountAsync()).ShouldBe(before);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Docx_IsReadBySection(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var word = Word();
        var created = await UploadAsync(officer, Docx($"Hướng dẫn {word} cho Tổ Công nghệ số cộng đồng."), "huong-dan.docx");
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        (await UrlsAsync(officer, word, "staff")).ShouldNotBeEmpty();
    }

    /// <summary>A one-page PDF whose trailer names an encryption dictionary (standard security handler, RC4 40-bit).</summary>
    private static byte[] EncryptedPdf()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
            "<< /Filter /Standard /V 1 /R 2 /O <" + new string('a', 64) + "> /U <" + new string('b', 64) + "> /P -4 >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>] >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A .docx-named zip holding 64 MB of zeros (a few tens of kilobytes packed).</summary>
    private static byte[] ZipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                entry.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] Docx(string text)
    {
        using var buffer = new MemoryStream();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Create(buffer, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new DocumentFormat.OpenXml.Wordprocessing.Document(new DocumentFormat.OpenXml.Wordprocessing.Body(
                new DocumentFormat.OpenXml.Wordprocessing.Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text(text)))));
        }

        return buffer.ToArray();
    }
}
