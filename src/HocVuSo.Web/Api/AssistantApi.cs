using HocVuSo.Core.Features.Assistant;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Api;

/// <summary>The unit and month of a drafted monthly report.</summary>
public sealed record MonthlyReportDraftRequest(string? Unit, string? Period);

/// <summary>An FAQ entry as an author writes it.</summary>
public sealed record FaqRequest(string? Question, string? Answer);

public static class AssistantApi
{
    public static IEndpointRouteBuilder MapAssistantApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/assistant").WithTags("Assistant");

        group.MapGet("/search", async (string? q, string? scope, int? limit, SearchAssistant.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SearchAssistant.Query(q, scope, limit ?? SearchAssistant.DefaultResults), ct)).ToHttp(messages, answers => TypedResults.Ok(
                    answers.Select(a => new { title = a.Title, snippet = a.Snippet, source = a.Source, url = a.Url, score = a.Score, kind = a.Kind, id = a.Id }))))
            .WithName("AssistantSearch")
            .WithSummary("The passages that best answer a question (q, at most 500 characters): lesson steps, question explanations, the FAQ and documents, best first. scope=learner (default; anyone) or staff (staff only: the documents of the units in their scope). Explanations of a quiz the caller has open are left out.");

        var limits = app.ServiceProvider.GetRequiredService<AssistantOptions>();
        group.MapPost("/documents", async (HttpRequest request, UploadDocument.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            {
                var form = await UploadRequests.FormOf(request, limits.MaxDocumentBytes, ct);
                if (!form.IsSuccess)
                {
                    return messages.ToProblem(form.Errors);
                }

                var fields = form.Value!;
                var file = fields.Files.GetFile("file");
                var command = new UploadDocument.Command(fields["unit"].ToString(), fields["title"].ToString(), IsTrue(fields["public"].ToString()),
                    file?.FileName, UploadRequests.FileOf(file, limits.MaxDocumentBytes));
                return (await handler.HandleAsync(command, ct)).ToHttp(messages, d => TypedResults.Created(d.Url, d));
            })
            .RequireAuthorization()
            .DisableAntiforgery()
            .LimitUpload(limits.MaxDocumentBytes)
            .WithName("AssistantUploadDocument")
            .WithSummary("A document for the assistant (multipart: file = PDF, .docx or .txt; unit; title; public = true to let learners living under the unit find it). Province or commune officers, in scope; 201 with the document. Refused whole: too large (413), not what its name says, encrypted, unreadable or a zip bomb (400).");

        group.MapGet("/documents", async (string? unit, ListDocuments.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListDocuments.Query(unit), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("AssistantListDocuments")
            .WithSummary("The assistant's documents of a unit and the units under it. Scoped.");

        group.MapGet("/documents/{id:int}/file", async (int id, GetDocumentFile.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, f => TypedResults.File(f.Bytes, f.ContentType, f.FileName)))
            .WithName("AssistantDocumentFile")
            .WithSummary("A document's file: for staff in scope, and for people living under its unit when it is public; otherwise 404.");

        group.MapGet("/faq", async (ListFaq.Handler handler, CancellationToken ct) => TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("AssistantListFaq")
            .WithSummary("The FAQ the assistant answers from.");

        group.MapPost("/faq", async (FaqRequest body, SaveFaq.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SaveFaq.Command(null, body.Question, body.Answer), ct)).ToHttp(messages, f => TypedResults.Created("/api/v1/assistant/faq/" + f.Id, f)))
            .RequireAuthorization()
            .WithName("AssistantAddFaq")
            .WithSummary("Adds an FAQ entry (content authors); audited.");

        group.MapPut("/faq/{id:int}", async (int id, FaqRequest body, SaveFaq.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SaveFaq.Command(id, body.Question, body.Answer), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("AssistantChangeFaq")
            .WithSummary("Changes an FAQ entry (content authors); audited with the old text.");

        group.MapDelete("/faq/{id:int}", async (int id, DeleteFaq.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .RequireAuthorization()
            .WithName("AssistantRemoveFaq")
            .WithSummary("Removes an FAQ entry (content authors); audited.");

        group.MapPost("/drafts/monthly-report", async (MonthlyReportDraftRequest body, DraftMonthlyReport.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new DraftMonthlyReport.Command(body.Unit, body.Period), ct)).ToHttp(messages, d => TypedResults.Ok(new
                {
                    text = d.Text,
                    figures = d.Figures,
                    draft = d.Draft,
                    unit = d.Unit,
                    period = d.Period,
                })))
            .RequireAuthorization()
            .WithName("AssistantDraftMonthlyReport")
            .WithSummary("A draft of the monthly report's narrative for a unit and month (YYYY-MM), from the dashboard's own figures: each with its source link, the change from last month and the target. Scoped; never sent.");

        group.MapGet("/explanations", async (string? unit, string? period, ExplainFlags.Handler handler, IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ExplainFlags.Query(unit, period), ct)).ToHttp(messages, flags => TypedResults.Ok(flags.Select(f => new
                {
                    code = f.Code,
                    indicator = f.Indicator,
                    reason = localizer[f.ReasonKey, [.. f.ReasonArgs]].Value,
                    meaning = localizer[f.ExplainKey].Value,
                    check = localizer[f.CheckKey].Value,
                }))))
            .RequireAuthorization()
            .WithName("AssistantExplanations")
            .WithSummary("Why a commune's figures of a month were flagged (formality signals, outliers), in plain words, with what to check. Scoped.");

        return app;
    }

    private static bool IsTrue(string? value) => value is "true" or "on" or "1" or "True";
}
