using System.Globalization;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Api;

public sealed record SubmitRequest(IReadOnlyList<AnswerInput>? Answers);

public sealed record TestOutRequest(bool? Allowed);

public sealed record DoFirst(int? LessonId, int? QuizId, string Title);

/// <summary>What a locked lesson answers: its title, the reason and what to do first — never its text.</summary>
public sealed record LockedResponse(int Id, string Title, bool Locked, string Code, string Reason, DoFirst DoFirst);

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
                (await handler.HandleAsync(new GetLesson.Query(id, Language(lang)), ct)).ToHttp(messages, lesson => lesson.Lock is { } locked
                    ? Results.Ok(new LockedResponse(lesson.Id, lesson.Title, true, locked.Code, messages.Describe(locked.ToError()), new DoFirst(locked.LessonId, locked.QuizId, locked.Title)))
                    : Results.Ok(lesson)))
            .CacheOutput(LessonOutputCache.Policy)
            .WithName("GetLesson")
            .WithSummary("A lesson with its safely rendered HTML; falls back to Vietnamese when the language is missing (fallback=true). "
                + "A lesson not yet open for the signed-in learner answers locked=true with its title, the reason and the lesson to do first, and no HTML.");

        group.MapPost("/lessons/{id:int}/complete", async (int id, string? lang, CompleteLesson.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CompleteLesson.Command(id, Language(lang)), ct)).ToHttp(messages, next => TypedResults.Ok(new { nextLessonId = next })))
            .RequireAuthorization()
            .WithName("CompleteLesson")
            .WithSummary("Marks a lesson done; a lesson not yet open is refused (409, the detail names the lesson to do first).");

        group.MapPut("/courses/{slug}/test-out", async (string slug, TestOutRequest request, SetCourseTestOut.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SetCourseTestOut.Command(slug, request.Allowed), ct)).ToHttp(messages, allowed => TypedResults.Ok(new { testOutAllowed = allowed })))
            .RequireAuthorization()
            .WithName("SetCourseTestOut")
            .WithSummary("Content authors: allow (or stop) taking the quizzes and the final assessment without the lessons; publishes a new course version.");

        group.MapPost("/quizzes/{quizId:int}/attempts", async (int quizId, string? lang, StartAttempt.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new StartAttempt.Command(quizId, Language(lang)), ct)).ToHttp(messages,
                    a => TypedResults.Created($"/api/v1/learning/attempts/{a.AttemptId}", a)))
            .RequireAuthorization()
            .WithName("StartAttempt")
            .WithSummary("Draws the questions of a new attempt (or resumes the open one); options are shuffled and carry no answer key. "
                + "A quiz not yet open (module lessons not done; for the final assessment, a module not passed) is refused with 409.");

        group.MapPost("/attempts/{attemptId:guid}/submit", async (Guid attemptId, [FromHeader(Name = "Idempotency-Key")] string? key, SubmitRequest request,
                string? lang, SubmitAttempt.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SubmitAttempt.Command(attemptId, key, request.Answers, Language(lang)), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithIdempotentReplay()
            .WithName("SubmitAttempt")
            .WithSummary("Grades an attempt. The same Idempotency-Key again returns the first response, byte for byte; nothing is graded twice.");

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

        app.MapGet("/learn/attempts/{attemptId:guid}/images/{shownId}", async (Guid attemptId, string shownId, HttpContext http, GetAttemptImage.Handler handler, CancellationToken ct) =>
            {
                var image = await handler.HandleAsync(new GetAttemptImage.Query(attemptId, shownId), ct);
                if (!image.IsSuccess)
                {
                    return Results.NotFound();
                }

                http.Response.Headers.CacheControl = "private, max-age=86400";
                SecurityHeaders.MarkAsUploadedFile(http.Response);
                return Results.File(image.Value!.Bytes, image.Value.ContentType);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();

        app.MapGet("/learn/media/{versionId:int}/{**path}", async (int versionId, string path, AppDbContext db, HttpResponse response, CancellationToken ct) =>
            {
                var media = await db.LearningMedia.AsNoTracking().Where(m => m.CourseVersionId == versionId && m.Path == path)
                    .Select(m => new { m.Bytes, m.ContentType }).FirstOrDefaultAsync(ct);
                if (media is null)
                {
                    return Results.NotFound();
                }

                SecurityHeaders.MarkAsUploadedFile(response);
                return Results.File(media.Bytes, media.ContentType);
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
