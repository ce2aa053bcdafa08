using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Learning;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>
/// A learner's way through a course over the real API, in the learning order the server enforces:
/// each lesson marked done in turn, each module's quiz passed, so the final assessment opens.
/// The right answers come from the bank in the database, mapped to the ids the attempt showed
/// (they are random per attempt); <c>answerKey</c> gives them for an attempt id.
/// </summary>
internal static class LearnerJourney
{
    public static async Task<object[]> RightAnswersAsync(AppDbContext db, Guid attemptId)
    {
        var items = await db.QuizAttempts.AsNoTracking().Where(a => a.Id == attemptId).Select(a => a.Items).SingleAsync();
        var ids = items.Select(i => i.QuestionId).ToList();
        var questions = await db.Questions.AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id);
        return items.Select(item =>
        {
            var q = questions[item.QuestionId];
            var key = q.Type == QuestionTypes.Ordering ? q.Options.Select(o => o.Id) : q.Options.Where(o => o.Correct).Select(o => o.Id);
            return (object)new { questionId = q.Id, optionIds = key.Select(id => item.ShownIds[item.ShownOptions.IndexOf(id)]).ToArray() };
        }).ToArray();
    }

    public static Task<object[]> RightAnswersAsync(TestApp app, JsonElement attempt) =>
        app.ExecuteDbAsync(db => RightAnswersAsync(db, attempt.GetProperty("attemptId").GetGuid()));

    public static Func<Guid, Task<object[]>> AnswerKey(TestApp app) => id => app.ExecuteDbAsync(db => RightAnswersAsync(db, id));

    /// <summary>Starts an attempt at <paramref name="quizId"/> and submits it, answering rightly (or not at all).</summary>
    public static async Task<(Guid AttemptId, JsonElement Result)> TakeQuizAsync(Func<Guid, Task<object[]>> answerKey, HttpClient learner, int quizId, bool pass = true,
        Func<Guid, Task>? beforeSubmit = null)
    {
        var started = await learner.PostAsync(new Uri($"/api/v1/learning/quizzes/{quizId}/attempts", UriKind.Relative), null);
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var attemptId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("attemptId").GetGuid();
        if (beforeSubmit is not null)
        {
            await beforeSubmit(attemptId);
        }

        var answers = pass ? await answerKey(attemptId) : [];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/learning/attempts/{attemptId}/submit") { Content = JsonContent.Create(new { answers }) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var submitted = await learner.SendAsync(request);
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        return (attemptId, await submitted.Content.ReadFromJsonAsync<JsonElement>());
    }

    public static Task<(Guid AttemptId, JsonElement Result)> TakeQuizAsync(TestApp app, HttpClient learner, int quizId, bool pass = true, Func<Guid, Task>? beforeSubmit = null) =>
        TakeQuizAsync(AnswerKey(app), learner, quizId, pass, beforeSubmit);

    /// <summary>
    /// Does the lessons of the course in order and passes each module's quiz, up to and including
    /// the lessons of <paramref name="untilModule"/> (whose quiz is left to the caller); with none,
    /// the whole course but the final assessment. What is already done is skipped.
    /// </summary>
    public static async Task CompleteModulesAsync(Func<Guid, Task<object[]>> answerKey, HttpClient learner, string courseSlug = "ky-nang-so-co-ban", string? untilModule = null)
    {
        var courses = await learner.GetFromJsonAsync<JsonElement[]>(new Uri("/api/v1/learning/courses", UriKind.Relative));
        var course = courses!.Single(c => c.GetProperty("slug").GetString() == courseSlug);
        foreach (var module in course.GetProperty("modules").EnumerateArray())
        {
            foreach (var lesson in module.GetProperty("lessons").EnumerateArray().Where(l => !l.GetProperty("completed").GetBoolean()))
            {
                var done = await learner.PostAsync(new Uri($"/api/v1/learning/lessons/{lesson.GetProperty("id").GetInt32()}/complete", UriKind.Relative), null);
                done.StatusCode.ShouldBe(HttpStatusCode.OK, await done.Content.ReadAsStringAsync());
            }

            if (module.GetProperty("slug").GetString() == untilModule)
            {
                return;
            }

            if (!module.GetProperty("quizPassed").GetBoolean())
            {
                (await TakeQuizAsync(answerKey, learner, module.GetProperty("quizId").GetInt32())).Result.GetProperty("passed").GetBoolean().ShouldBeTrue();
            }
        }
    }

    public static Task CompleteModulesAsync(TestApp app, HttpClient learner, string courseSlug = "ky-nang-so-co-ban") =>
        CompleteModulesAsync(AnswerKey(app), learner, courseSlug);

    /// <summary>Does what opens the quiz of <paramref name="moduleSlug"/>: its lessons, and the modules before it.</summary>
    public static Task CompleteLessonsAsync(TestApp app, HttpClient learner, string courseSlug, string moduleSlug) =>
        CompleteModulesAsync(AnswerKey(app), learner, courseSlug, moduleSlug);
}
