using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Exports.Pdf;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

public sealed record TemplateRequest(string? Unit, string? Name, IReadOnlyList<CriterionInput>? Criteria);

/// <summary>An inspection plan as the API takes it: <c>period</c> YYYY-MM (monthly) or YYYY-Qn (quarterly), <c>date</c> yyyy-MM-dd (surprise).</summary>
public sealed record InspectionPlanRequest(string? Owner, string? Kind, string? Period, string? Date, string? Title, int? TemplateId, IReadOnlyList<string>? Units);

public sealed record InspectionStatusRequest(string? Status);

public sealed record VisitRequest(string? Unit, string? Date, string? Members, IReadOnlyList<FindingInput>? Findings, IReadOnlyList<FollowUpInput>? FollowUps);

public sealed record AnswerRequest(string? Text);

/// <summary>Inspections (Oversight area): checklist templates, inspection plans, visits with findings and follow-ups, minutes, and the inspected unit's answers.</summary>
public static class InspectionsApi
{
    public static IEndpointRouteBuilder MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/inspections").WithTags("Inspections").RequireAuthorization();

        group.MapGet("/templates", async (string unit, ListChecklistTemplates.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListChecklistTemplates.Query(unit), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListChecklistTemplates")
            .WithSummary("The checklist templates a unit's inspection plans may use: its own and those of the units above it.");

        group.MapPost("/templates", async (TemplateRequest r, CreateChecklistTemplate.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CreateChecklistTemplate.Command(r.Unit, r.Name, r.Criteria), ct))
                .ToHttp(messages, t => TypedResults.Created($"/api/v1/inspections/templates/{t.Id}", t)))
            .WithName("CreateChecklistTemplate")
            .WithSummary("Creates a checklist template of a province or commune: name and criteria (number, text, scale 1-5, yes-no-partly or yes-no); staff who manage plans there; audited.");

        group.MapGet("/templates/{id:int}", async (int id, GetChecklistTemplate.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetChecklistTemplate");

        group.MapGet("/plans", async (string unit, ListInspectionPlans.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListInspectionPlans.Query(unit), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListInspectionPlans")
            .WithSummary("The inspection plans a province or commune owns, newest first, with their visits.");

        group.MapPost("/plans", async (InspectionPlanRequest r, CreateInspectionPlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CreateInspectionPlan.Command(r.Owner, r.Kind, r.Period, r.Date, r.Title, r.TemplateId, r.Units), ct))
                .ToHttp(messages, p => TypedResults.Created($"/api/v1/inspections/plans/{p.Id}", p)))
            .WithName("CreateInspectionPlan")
            .WithSummary("Creates an inspection plan (periodic-monthly, periodic-quarterly or surprise) of a province or commune over units strictly under it; audited.");

        group.MapGet("/plans/{id:int}", async (int id, GetInspectionPlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetInspectionPlan");

        group.MapPut("/plans/{id:int}/status", async (int id, InspectionStatusRequest r, SetInspectionStatus.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SetInspectionStatus.Command(id, r.Status), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("SetInspectionStatus")
            .WithSummary("Sets a plan's status (planned, in-progress, done); done is final and locks the answers; audited.");

        group.MapPost("/plans/{id:int}/visits", async (int id, VisitRequest r, RecordInspectionVisit.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RecordInspectionVisit.Command(id, r.Unit, r.Date, r.Members, r.Findings, r.FollowUps), ct))
                .ToHttp(messages, v => TypedResults.Created($"/api/v1/inspections/visits/{v.Id}", v)))
            .WithName("RecordInspectionVisit")
            .WithSummary("Records a visit to one of the plan's units: date (not in the future), members, a finding per criterion (rating on its scale, text, evidence link), follow-up tasks (text, lead organisation of the unit, due); follow-ups become tasks of the unit's plan for that year when it has one; all or nothing; audited.");

        group.MapGet("/visits/{id:int}", async (int id, GetInspectionVisit.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetInspectionVisit");

        group.MapGet("/visits/{id:int}/minutes.pdf", async (int id, GetInspectionMinutes.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                ReportExportApi.FileOr(await handler.HandleAsync(id, ct), d => InspectionMinutesPdf.Render(d, text), ReportPdf.ContentType, $"bien-ban-kiem-tra-{id}.pdf", messages))
            .WithName("ExportInspectionMinutes")
            .WithSummary("The minutes of a visit (biên bản kiểm tra) as an official PDF: heading, inspecting body, inspected unit, date, members, findings, answers, follow-ups, signatures.");

        group.MapGet("/findings", async (string unit, ListUnitFindings.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListUnitFindings.Query(unit), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListUnitFindings")
            .WithSummary("The visits to a unit with their findings and follow-ups, newest first: what the inspected unit sees and answers.");

        group.MapPut("/visits/{id:int}/findings/{findingId:int}/answer", async (int id, int findingId, AnswerRequest r, AnswerFinding.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AnswerFinding.Command(id, findingId, r.Text), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("AnswerInspectionFinding")
            .WithSummary("The inspected unit's answer to a finding (staff assigned at that unit only); changeable until the plan is done; audited with old and new text.");

        group.MapPost("/visits/{id:int}/findings/{findingId:int}/evidence", async (int id, int findingId, string? name, HttpRequest request, AttachFindingEvidence.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AttachFindingEvidence.Command(id, findingId, name, UploadRequests.FileOf(request, limits.MaxDocumentBytes)), ct))
                .ToHttp(messages, f => TypedResults.Created($"/api/v1/inspections/visits/{id}/findings/{findingId}/evidence", f)))
            .DisableAntiforgery()
            .LimitUpload(app.ServiceProvider.GetRequiredService<UploadLimits>().MaxDocumentBytes)
            .WithName("AttachInspectionEvidence")
            .WithSummary("A file of evidence for a finding (multipart field file; PDF, or a JPEG/PNG/WebP image stored re-encoded as JPEG); replaces an earlier one.");

        group.MapGet("/visits/{id:int}/findings/{findingId:int}/evidence", async (int id, int findingId, HttpResponse response, GetFindingEvidence.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, findingId, ct)).ToHttp(messages, file =>
                {
                    response.Headers.XContentTypeOptions = "nosniff";
                    SecurityHeaders.MarkAsUploadedFile(response);
                    return Results.File(file.Bytes, file.ContentType, file.FileName);
                }))
            .WithName("GetInspectionEvidence");

        return app;
    }
}
