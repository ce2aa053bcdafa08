using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Learning;

/// <summary>
/// What the browser receives of an attempt says nothing of the answer key: every shown option has
/// an id of this attempt alone, of one form, and option images have neutral addresses.
/// </summary>
public partial class OptionIdsTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [GeneratedRegex("^[a-z2-9]{10}$")]
    private static partial Regex OpaqueId();

    /// <summary>Starts <paramref name="count"/> fresh attempts at a quiz (each open one is removed before the next start draws anew), with their stored items.</summary>
    private static async Task<List<(JsonElement View, List<AttemptItem> Items)>> AttemptsAsync(TestApp app, HttpClient learner, int quizId, int count)
    {
        var attempts = new List<(JsonElement, List<AttemptItem>)>();
        for (var i = 0; i < count; i++)
        {
            var started = await learner.PostAsync($"/api/v1/learning/quizzes/{quizId}/attempts", null);
            started.StatusCode.ShouldBe(HttpStatusCode.Created);
            var attempt = await started.Content.ReadFromJsonAsync<JsonElement>();
            var id = attempt.GetProperty("attemptId").GetGuid();
            attempts.Add((attempt, await app.ExecuteDbAsync(db => db.QuizAttempts.Where(a => a.Id == id).Select(a => a.Items).SingleAsync())));
            if (i < count - 1)
            {
                await app.ExecuteDbAsync(db => db.QuizAttempts.Where(a => a.Id == id).ExecuteDeleteAsync());
            }
        }

        return attempts;
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ShownIds_AreOpaque_DifferPerAttempt_AndSortingThemGivesNoOrder(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var (learner, _) = await app.CreateLearnerAsync();
        await LearnerJourney.CompleteLessonsAsync(app, learner, "thu-nghiem", "01-mot");
        var quizId = await app.ExecuteDbAsync(db => db.Quizzes.Where(q => q.Slug == "01-mot" && q.CourseVersion!.Course!.Slug == "thu-nghiem"
            && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId).Select(q => q.Id).SingleAsync());
        var bank = await app.ExecuteDbAsync(db => db.Questions.AsNoTracking().Where(q => q.Module!.Slug == "01-mot" && q.CourseVersion!.Course!.Slug == "thu-nghiem"
            && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId).ToDictionaryAsync(q => q.Id));

        var attempts = await AttemptsAsync(app, learner, quizId, 24);

        var seen = new Dictionary<string, HashSet<string>>();
        var sortedGivesKey = 0;
        foreach (var (attempt, items) in attempts)
        {
            foreach (var question in attempt.GetProperty("questions").EnumerateArray())
            {
                var q = bank[question.GetProperty("id").GetInt32()];
                var ids = question.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).ToList();
                ids.ShouldAllBe(id => OpaqueId().IsMatch(id), $"{q.Type}: {string.Join(",", ids)}");
                ids.ShouldNotContain(id => q.Options.Any(o => o.Id == id));
                var all = seen.TryGetValue(q.Type, out var set) ? set : seen[q.Type] = [];
                ids.ShouldAllBe(id => all.Add(id), "an id came back in another attempt");
                if (q.Type == QuestionTypes.Ordering)
                {
                    var item = items.Single(i => i.QuestionId == q.Id);
                    var byId = ids.Order(StringComparer.Ordinal).Select(id => item.ShownOptions[item.ShownIds.IndexOf(id)]);
                    sortedGivesKey += byId.SequenceEqual(q.Options.Select(o => o.Id)) ? 1 : 0;
                }
            }
        }

        seen.Keys.ShouldBe([QuestionTypes.SingleChoice, QuestionTypes.MultipleChoice, QuestionTypes.TrueFalse, QuestionTypes.Ordering], ignoreOrder: true);
        // Four steps: sorting random ids gives the right order one time in 24 on average, never every time.
        sortedGivesKey.ShouldBeLessThan(8);

        var last = attempts[^1].View;
        var (_, result) = (last.GetProperty("attemptId").GetGuid(), await SubmitAsync(learner, last, await LearnerJourney.RightAnswersAsync(app, last)));
        result.GetProperty("score").GetDecimal().ShouldBe(100m);
        var shown = last.GetProperty("questions").EnumerateArray().SelectMany(q => q.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("id").GetString())).ToHashSet();
        result.GetProperty("items").EnumerateArray().SelectMany(i => i.GetProperty("correctOptionIds").EnumerateArray().Select(o => o.GetString())).ShouldAllBe(id => shown.Contains(id));
        var stored = await app.ExecuteDbAsync(db => db.QuizAttempts.Where(a => a.Id == last.GetProperty("attemptId").GetGuid()).Select(a => a.Items).SingleAsync());
        stored.ShouldAllBe(i => i.Correct == true && i.Answer!.All(id => bank[i.QuestionId].Options.Any(o => o.Id == id)));
    }

    private static async Task<JsonElement> SubmitAsync(HttpClient learner, JsonElement attempt, object[] answers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attempt.GetProperty("attemptId").GetGuid()}/submit") { Content = JsonContent.Create(new { answers }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await learner.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ImageOptions_HaveNeutralAddresses_ForTheirLearnerOnly(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var (learner, _) = await app.CreateLearnerAsync();
        var (other, _) = await app.CreateLearnerAsync();
        await LearnerJourney.CompleteLessonsAsync(app, learner, "thu-nghiem", "02-hai");
        var quizId = await app.ExecuteDbAsync(db => db.Quizzes.Where(q => q.Slug == "02-hai" && q.CourseVersion!.Course!.Slug == "thu-nghiem"
            && q.CourseVersion.Course.CurrentVersionId == q.CourseVersionId).Select(q => q.Id).SingleAsync());
        var media = await app.ExecuteDbAsync(db => db.LearningMedia.Where(m => m.CourseVersion!.Course!.Slug == "thu-nghiem"
            && m.CourseVersion.Course.CurrentVersionId == m.CourseVersionId).ToDictionaryAsync(m => m.Path, m => m.Bytes));

        var attempts = await AttemptsAsync(app, learner, quizId, 2);

        var urls = attempts.Select(a => a.View.GetProperty("questions")[0].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("image").GetString()!).ToList()).ToList();
        urls.SelectMany(u => u).ShouldAllBe(u => !u.Contains("khoa", StringComparison.Ordinal) && !u.Contains("mo.svg", StringComparison.Ordinal) && !u.Contains("/media/", StringComparison.Ordinal));
        urls[0].ShouldNotBe(urls[1]);
        var (view, items) = attempts[1];
        var item = items.Single();
        var options = await app.ExecuteDbAsync(db => db.Questions.Where(q => q.Id == item.QuestionId).Select(q => q.Options).SingleAsync());
        foreach (var option in view.GetProperty("questions")[0].GetProperty("options").EnumerateArray())
        {
            var url = option.GetProperty("image").GetString()!;
            url.ShouldEndWith("/" + option.GetProperty("id").GetString());
            var image = await learner.GetAsync(url);
            image.StatusCode.ShouldBe(HttpStatusCode.OK);
            image.Content.Headers.ContentType!.MediaType.ShouldBe("image/svg+xml");
            var authored = item.ShownOptions[item.ShownIds.IndexOf(option.GetProperty("id").GetString()!)];
            (await image.Content.ReadAsByteArrayAsync()).ShouldBe(media[options.Single(o => o.Id == authored).Image!]);
            (await other.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        var result = await SubmitAsync(learner, view, await LearnerJourney.RightAnswersAsync(app, view));
        result.GetProperty("passed").GetBoolean().ShouldBeTrue();
    }
}
