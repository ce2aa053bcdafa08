using System.Globalization;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Api;

public sealed record SubmitRequest(IReadOnlyList<AnswerInput>? Answers);

public static class LearningApi
{
    public static IEndpointRouteBuilder MapLearningApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/learning").WithTags("Learning");

        group.MapGet("/courses", async (string? group, string? lang, GetCatalogue.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetCatalogue.Query(Language(lang), group), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListCourses")
            .WithSummary("Published courses with modules, lessons and quiz ids; ?group=citizens|officials|students|enterprise-workers; ?lang=vi|en|…");

        group.MapGet("/lessons/{id:int}", async (int id, string? lang, GetLesson.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetLesson.Query(id, Language(lang)), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetLesson")
            .WithSummary("A lesson with its safely rendered HTML; falls back to Vietnamese when the language is missing (fallback=true).");

        group.MapPost("/lessons/{id:int}/complete", async (int id, CompleteLesson.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CompleteLesson.Command(id), ct)).ToHttp(messages, next => TypedResults.Ok(new { nextLessonId = next })))
            .RequireAuthorization()
            .WithName("CompleteLesson");

        group.MapPost("/quizzes/{quizId:int}/attempts", async (int quizId, string? lang, StartAttempt.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new StartAttempt.Command(quizId, Language(lang)), ct)).ToHttp(messages,
                    a => TypedResults.Created($"/api/v1/learning/attempts/{a.AttemptId}", a)))
            .RequireAuthorization()
            .WithName("StartAttempt")
            .WithSummary("Draws the questions of a new attempt (or resumes the open one); options are shuffled and carry no answer key.");

        group.MapPost("/attempts/{attemptId:guid}/submit", async (Guid attemptId, [FromHeader(Name = "Idempotency-Key")] string? key, SubmitRequest request,
                string? lang, SubmitAttempt.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SubmitAttempt.Command(attemptId, key, request.Answers, Language(lang)), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("SubmitAttempt")
            .WithSummary("Grades an attempt. The same Idempotency-Key again returns the first result; nothing is graded twice.");

        group.MapGet("/me/attempts", async (string? lang, ListMyAttempts.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(Language(lang), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("MyAttempts");

        group.MapGet("/questions", async (int? page, string? competency, ListQuestions.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListQuestions.Query(page ?? 1, competency), ct)).ToHttp(messages,
                    p => TypedResults.Ok(new { total = p.Total, page = p.PageNumber, pageSize = p.PageSize, items = p.Items })))
            .RequireAuthorization()
            .WithName("ListQuestions")
            .WithSummary("The question bank with answer keys, for content authors.");

        group.MapGet("/progress", async (string unit, string? lang, LearningProgressReport.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new LearningProgressReport.Query(unit, Language(lang)), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("LearningProgress")
            .WithSummary("Learners of a unit's subtree per child unit: started, all lessons done, passed per module and final; who is stuck. Scoped.");

        app.MapGet("/learn/media/{versionId:int}/{**path}", async (int versionId, string path, AppDbContext db, CancellationToken ct) =>
            {
                var media = await db.LearningMedia.AsNoTracking().Where(m => m.CourseVersionId == versionId && m.Path == path)
                    .Select(m => new { m.Bytes, m.ContentType }).FirstOrDefaultAsync(ct);
                return media is null ? Results.NotFound() : Results.File(media.Bytes, media.ContentType);
            })
            .CacheOutput(p => p.Expire(TimeSpan.FromDays(7)))
            .ExcludeFromDescription();
        return app;
    }

    /// <summary>The language asked for (?lang=), or the page's UI language.</summary>
    public static string Language(string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested) && ImportContent.Languages.Contains(requested))
        {
            return requested;
        }

        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : Variants.Vietnamese;
    }
}
