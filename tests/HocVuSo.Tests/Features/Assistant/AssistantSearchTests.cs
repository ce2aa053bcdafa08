using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Assistant;

/// <summary>Search over the demo curriculum through the API and the "Hỏi trợ lý" page.</summary>
public class AssistantSearchTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<JsonElement[]> SearchAsync(HttpClient client, string q, string scope = "learner", int limit = 5)
    {
        var response = await client.GetAsync($"/api/v1/assistant/search?limit={limit}&scope=" + scope + "&q=" + Uri.EscapeDataString(q));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement[]>())!;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CachCaiVneid_FindsTheVneidInstallationLessonFirst(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        foreach (var q in new[] { "cach cai vneid", "cách cài VNeID", "cai dat vneid" })
        {
            var answers = await SearchAsync(client, q);
            answers.ShouldNotBeEmpty(q);
            answers[0].GetProperty("id").GetString()!.ShouldStartWith("lesson:02-cai-dat-vneid#", customMessage: q + " → " + answers[0].GetProperty("id").GetString());
            answers[0].GetProperty("url").GetString()!.ShouldStartWith("/learn/lessons/");
            foreach (var name in new[] { "title", "snippet", "source", "url", "score" })
            {
                answers[0].TryGetProperty(name, out _).ShouldBeTrue(name);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AccentedQuestion_ScoresTheSamePassageHigherThanUnaccented(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        var accented = await SearchAsync(client, "cài đặt VNeID");
        var folded = await SearchAsync(client, "cai dat vneid", limit: 20);
        var id = accented[0].GetProperty("id").GetString();
        var foldedSame = folded.Single(a => a.GetProperty("id").GetString() == id);
        accented[0].GetProperty("score").GetDouble().ShouldBeGreaterThan(foldedSame.GetProperty("score").GetDouble());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Abbreviation_Dvc_FindsOnlinePublicServices(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var answers = await SearchAsync(app.CreateClient(), "dvc la gi");
        answers.ShouldNotBeEmpty();
        answers.Take(3).ShouldContain(a => a.GetProperty("id").GetString()!.StartsWith("lesson:03-", StringComparison.Ordinal), string.Join(", ", answers.Select(a => a.GetProperty("id").GetString())));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadQuestions_Are400WithAMessage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        foreach (var (q, expected) in new[]
        {
            ("", "Hãy gõ câu hỏi"),
            ("   ", "Hãy gõ câu hỏi"),
            (new string('a', 501), "tối đa 500"),
            (string.Concat(Enumerable.Repeat("cài vneid ", 1000)), "tối đa 500"),
            ("?!... ,,, ???", "không chỉ dấu câu"),
            ("😀😀🙏", "không chỉ dấu câu"),
        })
        {
            var response = await client.GetAsync("/api/v1/assistant/search?q=" + Uri.EscapeDataString(q));
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, q.Length > 20 ? q[..20] : q);
            (await response.Content.ReadAsStringAsync()).ShouldContain(expected);
        }

        (await client.GetAsync("/api/v1/assistant/search?q=vneid&scope=everyone")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/assistant/search?q=vneid&scope=staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AskPage_WorksAsAPlainForm_AndLessonsCarryTheBoxAndStepAnchors(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = app.CreateClient();
        var page = await client.GetAsync("/assistant?q=cach+cai+vneid");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("id=\"answer-0\"");
        html.ShouldContain("assistant-listen");

        var bad = await client.GetAsync("/assistant?q=%3F%3F%3F");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("assistant-problem");

        var answers = await SearchAsync(client, "cach cai vneid");
        var url = answers[0].GetProperty("url").GetString()!;
        var lesson = await (await client.GetAsync(url.Split('#')[0])).Content.ReadAsStringAsync();
        lesson.ShouldContain("id=\"assistant-ask\"");
        lesson.ShouldContain("id=\"" + url.Split('#')[1] + "\"");
        (await client.GetStringAsync("/learn")).ShouldContain("id=\"assistant-ask\"");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Faq_AnAuthorsEntryIsFoundAtOnce_AndGoneWhenRemoved(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var author = await app.CreateClientAsync("author");
        var word = "faqthu" + Guid.NewGuid().ToString("N")[..8];
        var added = await author.PostAsJsonAsync("/api/v1/assistant/faq", new { question = $"Quên mật khẩu {word} thì làm sao?", answer = "Bấm “Quên mật khẩu” trên trang đăng nhập." });
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var id = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        var anonymous = app.CreateClient();
        (await SearchAsync(anonymous, word))[0].GetProperty("url").GetString().ShouldBe("/assistant/faq#faq-" + id);
        (await anonymous.PostAsJsonAsync("/api/v1/assistant/faq", new { question = "x", answer = "y" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var officer = await app.CreateClientAsync("officer.eatrang");
        (await officer.PostAsJsonAsync("/api/v1/assistant/faq", new { question = "x", answer = "y" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await author.PostAsJsonAsync("/api/v1/assistant/faq", new { question = "", answer = "y" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        (await author.DeleteAsync("/api/v1/assistant/faq/" + id)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SearchAsync(anonymous, word)).ShouldNotContain(a => a.GetProperty("url").GetString() == "/assistant/faq#faq-" + id);
    }
}
