using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Contests;

/// <summary>Contests of the tests' own in Đắk Lắk, their question pool, and verified learners of Ea Trang who may enter them.</summary>
public static class ContestTestData
{
    public const string Province = "66";
    public const string EaTrang = "24445";

    /// <summary>The pool: every question's right answer is the option whose text starts with "Đúng" (ordering: steps numbered in order).</summary>
    public const string Pool =
        "id;type;competency;text;option_1;option_2;option_3;option_4;correct;explanation\n" +
        "q1;single;1.1;Câu một?;Đúng một;Sai một;Sai hai;;1;Giải thích một\n" +
        "q2;multiple;1.1;Câu hai?;Sai ba;Đúng hai;Đúng ba;;2,3;Giải thích hai\n" +
        "q3;true-false;1.1;Câu ba?;Đúng;Sai;;;1;Giải thích ba\n" +
        "q4;ordering;1.1;Câu bốn?;1. Mở máy;2. Mở ứng dụng;3. Đăng nhập;;;Giải thích bốn\n" +
        "q5;single;1.1;Câu năm?;Sai bốn;Đúng năm;;;2;Giải thích năm\n" +
        "q6;single;1.1;Câu sáu?;Sai sáu;Sai bảy;Đúng sáu;;3;Giải thích sáu\n";

    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public sealed record TestContest(int Id, int Closed, int Open, int Upcoming);

    /// <summary>A contest of <paramref name="unit"/> with a closed, an open and an upcoming round and the test pool; 4 questions, 10 minutes.</summary>
    public static async Task<TestContest> CreateContestAsync(TestApp app, string unit = Province, string audience = "everyone", string officer = "officer.daklak")
    {
        var staff = await app.CreateClientAsync(officer);
        var created = await staff.PostAsJsonAsync("/api/v1/contests", new
        {
            unit, title = "Cuộc thi thử " + Guid.NewGuid().ToString("N")[..6], audience, questionsPerEntry = 4, minutes = 10,
            predictionQuestion = "Bao nhiêu người sẽ tham gia vòng thi này?",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await JsonAsync(created)).GetProperty("id").GetInt32();
        var imported = await staff.PostAsync($"/api/v1/contests/{id}/questions", CsvFile(Pool));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var now = DateTime.UtcNow;
        var closed = await AddRoundAsync(staff, id, now.AddHours(-5), now.AddHours(-4));
        var open = await AddRoundAsync(staff, id, now.AddHours(-1), now.AddHours(2));
        var upcoming = await AddRoundAsync(staff, id, now.AddHours(3), now.AddHours(4));
        return new TestContest(id, closed, open, upcoming);
    }

    public static async Task<int> AddRoundAsync(HttpClient staff, int contestId, DateTime opens, DateTime closes)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/contests/{contestId}/rounds", new { opensAt = Iso(opens), closesAt = Iso(closes) });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response)).GetProperty("id").GetInt32();
    }

    /// <summary>A learner of an Ea Trang village with their identification number recorded and their phone confirmed: who may enter.</summary>
    public static async Task<(HttpClient Client, string UserName)> VerifiedLearnerAsync(TestApp app, string village = "24445-002")
    {
        var (client, phone) = await app.CreateLearnerAsync(village);
        var recorded = await client.PutAsJsonAsync("/api/v1/identity/me", new { cccd = RandomNumber(), birthYear = 1990, gender = "nam" });
        recorded.StatusCode.ShouldBe(HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        await ConfirmPhoneAsync(app, phone);
        return (client, phone);
    }

    public static async Task ConfirmPhoneAsync(TestApp app, string phone)
    {
        var stored = app.StoredUserName(phone);
        await app.ExecuteDbAsync(async db => await db.Users.Where(u => u.UserName == stored).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumberConfirmed, true)));
    }

    /// <summary>A valid number of a man born in 1990 in Đắk Lắk: 066, 0 (male, 20th century), 90, six digits.</summary>
    public static string RandomNumber() => "066090" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>The right answers to the questions of a started entry, chosen by their text.</summary>
    public static object[] RightAnswers(JsonElement started) =>
        started.GetProperty("questions").EnumerateArray().Select(q =>
        {
            var options = q.GetProperty("options").EnumerateArray().Select(o => (Id: o.GetProperty("id").GetString()!, Text: o.GetProperty("text").GetString()!)).ToList();
            var ids = q.GetProperty("type").GetString() == "ordering"
                ? options.OrderBy(o => o.Text, StringComparer.Ordinal).Select(o => o.Id).ToArray()
                : options.Where(o => o.Text.StartsWith("Đúng", StringComparison.Ordinal)).Select(o => o.Id).ToArray();
            return (object)new { questionId = q.GetProperty("id").GetInt32(), optionIds = ids };
        }).ToArray();

    /// <summary>A CSV file as a form sends it (multipart, field "file").</summary>
    public static MultipartFormDataContent CsvFile(string csv)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", "pool.csv" } };
    }

    public static HttpRequestMessage Submit(Guid entryId, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/contests/entries/{entryId}/submit") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return request;
    }
}
