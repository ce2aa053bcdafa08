using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Exports.Pdf;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

public sealed record TaskUpdateRequest(string? Text, DateOnly? Date, string? EvidenceUrl, bool? Completes);

public sealed record TargetRequest(string? Indicator, decimal? Value, string? UnitLevel, DateOnly? Due, string? Text, string? Reason);

public sealed record PlanRequest(string? Number, string? Title, string? IssuingBody, string? Signer, string? SignerTitle, DateOnly? IssuedOn)
{
    public PlanInput ToInput() => new(Number, Title, IssuingBody, Signer, SignerTitle, IssuedOn);
}

public sealed record SectionRequest(string? Number, string? Title)
{
    public SectionInput ToInput() => new(Number, Title);
}

public sealed record TaskTargetRequest(string? Indicator, decimal? Value, string? UnitLevel, DateOnly? Due, string? Text);

/// <summary>A task as the API takes it: the deadline is <c>due</c>, or <c>to</c> with <c>from</c> for a task between two dates.</summary>
public sealed record TaskRequest(
    int? SectionId, string? Number, string? Title, string? Purpose, string? Form, int? LeadOrganisationId, IReadOnlyList<int>? CoordinatingOrganisationIds,
    string? Schedule, DateOnly? Due, DateOnly? From, DateOnly? To, string? ScheduleText, IReadOnlyList<TaskTargetRequest>? Targets)
{
    public TaskContent ToContent() => new(
        SectionId,
        new TaskInput(Number, Title, Purpose, Form, LeadOrganisationId, CoordinatingOrganisationIds, Schedule, From, To ?? Due, ScheduleText),
        Targets?.Select(t => new TargetInput(t.Indicator, t.Value, t.UnitLevel, t.Due, t.Text)).ToList());

    /// <summary>The request's own names for the fields the plan rules name.</summary>
    public string FieldOf(string field) => field switch
    {
        "lead" => "leadOrganisationId",
        "coordinating" => "coordinatingOrganisationIds",
        "starts" => "from",
        "due" when To is not null => "to",
        _ => field,
    };

    /// <summary>A deadline sent twice (<c>due</c> and <c>to</c>) must be the same day.</summary>
    public Error? Conflicting() =>
        Due is { } due && To is { } to && due != to ? Errors.Invalid("plans.due_and_to_differ", "to") : null;
}

public sealed record IssuePlanRequest(string? Number, DateOnly? IssuedOn);

public sealed record ClosePlanRequest(string? Reason);

public sealed record SummaryRequest(string? Number, string? Results, string? Shortcomings, string? Causes, string? Lessons, string? NextYear, string? Proposals)
{
    public SummaryText ToText() => new(Number, Results, Shortcomings, Causes, Lessons, NextYear, Proposals);
}

public sealed record IssueSummaryRequest(string? Number, DateOnly? IssuedOn);

public sealed record JoinCodeRequest(string? Group, string? Role, int? Days);

public sealed record JoinRequest(string? Code);

public static class PlansApi
{
    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/plans").WithTags("Plans").RequireAuthorization();

        group.MapGet("/", async (string unit, int? year, ListPlans.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListPlans.Query(unit, year), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListPlans")
            .WithSummary("The plans of a unit and the units under it in a year; scoped.");

        group.MapGet("/{id:int}", async (int id, GetPlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetPlan.Query(id), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetPlan")
            .WithSummary("A plan with its sections and tasks: lead and coordinating bodies, due date, state, targets with their progress, updates.");

        group.MapPost("/", async (string unit, int? year, PlanRequest r, CreatePlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CreatePlan.Command(unit, year, r.ToInput()), ct))
                .ToHttp(messages, planId => TypedResults.Created($"/api/v1/plans/{planId}", new { id = planId })))
            .WithName("CreatePlan")
            .WithSummary("Starts a unit's plan for a year as a draft (officers who manage plans in the unit); audited.");

        group.MapPut("/{id:int}", async (int id, PlanRequest r, UpdatePlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new UpdatePlan.Command(id, r.ToInput()), ct)).ToHttp(messages, planId => TypedResults.Ok(new { id = planId })))
            .WithName("UpdatePlan")
            .WithSummary("Changes a draft or issued plan's number, title, issuing body, signer and date; audited with old and new values.");

        group.MapPost("/{id:int}/issue", async (int id, IssuePlanRequest r, IssuePlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new IssuePlan.Command(id, r.Number, r.IssuedOn), ct)).ToHttp(messages, planId => TypedResults.Ok(new { id = planId })))
            .WithName("IssuePlan")
            .WithSummary("Issues a draft plan (draft → issued): needs a number, an issue date and a task; no target looser than the plan above; audited.");

        group.MapPost("/{id:int}/close", async (int id, ClosePlanRequest r, ClosePlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ClosePlan.Command(id, r.Reason), ct)).ToHttp(messages, planId => TypedResults.Ok(new { id = planId })))
            .WithName("ClosePlan")
            .WithSummary("Closes an issued plan (issued → closed): its targets are no longer in force; audited.");

        group.MapGet("/{id:int}/export", async (int id, ExportPlan.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ExportPlan.Query(id), ct))
                .ToHttp(messages, yaml => TypedResults.File(System.Text.Encoding.UTF8.GetBytes(yaml), ExportPlan.ContentType, $"ke-hoach-{id}.yaml")))
            .WithName("ExportPlan")
            .WithSummary("The whole plan as a YAML plan file (docs/PLANS.md): identity, sections, tasks with their bodies by name, schedule, targets.");

        var uploadLimits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        group.MapPost("/import", async (string unit, int? year, HttpRequest request, ImportPlan.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportPlan.Command(unit, year, PlanFileOf(request, limits.MaxCsvBytes)), ct))
                .ToHttp(messages, planId => TypedResults.Created($"/api/v1/plans/{planId}", new { id = planId })))
            .DisableAntiforgery()
            .LimitUpload(uploadLimits.MaxCsvBytes)
            .WithName("ImportPlan")
            .WithSummary("Creates the unit's plan for the year as a draft from a YAML plan file (multipart field 'file', or the body); all or nothing, errors name the line and key.");

        group.MapPost("/{id:int}/sections", async (int id, SectionRequest r, AddSection.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AddSection.Command(id, r.ToInput()), ct))
                .ToHttp(messages, sectionId => TypedResults.Created($"/api/v1/plans/{id}/sections/{sectionId}", new { id = sectionId })))
            .WithName("AddPlanSection")
            .WithSummary("Adds a section {number,title} at the end of a draft plan; the number is unique in the plan; issued plan: 409; audited.");

        group.MapPut("/{id:int}/sections/{sectionId:int}", async (int id, int sectionId, SectionRequest r, UpdateSection.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new UpdateSection.Command(id, sectionId, r.ToInput()), ct)).ToHttp(messages, s => TypedResults.Ok(new { id = s })))
            .WithName("UpdatePlanSection")
            .WithSummary("Changes a draft plan's section number and title; audited with old and new values.");

        group.MapDelete("/{id:int}/sections/{sectionId:int}", async (int id, int sectionId, DeleteSection.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new DeleteSection.Command(id, sectionId), ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .WithName("DeletePlanSection")
            .WithSummary("Deletes an empty section of a draft plan (a section with tasks: 409); audited.");

        group.MapPost("/{id:int}/tasks", async (int id, TaskRequest r, AddTask.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (r.Conflicting() is { } conflicting ? Result<int>.Fail(conflicting) : await handler.HandleAsync(new AddTask.Command(id, r.ToContent()), ct))
                .Named(r.FieldOf).ToHttp(messages, taskId => TypedResults.Created($"/api/v1/plans/{id}/tasks/{taskId}", new { id = taskId })))
            .WithName("AddPlanTask")
            .WithSummary("Adds a task to a draft plan: number unique in the plan, deadline inside its year, lead and coordinating bodies of its unit, targets on known indicators; all or nothing; audited.");

        group.MapPut("/{id:int}/tasks/{taskId:int}", async (int id, int taskId, TaskRequest r, UpdateTask.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (r.Conflicting() is { } conflicting ? Result<int>.Fail(conflicting) : await handler.HandleAsync(new UpdateTask.Command(id, taskId, r.ToContent()), ct))
                .Named(r.FieldOf).ToHttp(messages, t => TypedResults.Ok(new { id = t })))
            .WithName("UpdatePlanTask")
            .WithSummary("Changes a task of a draft plan under the same rules; targets, when sent, replace the task's targets; audited with old and new values.");

        group.MapDelete("/{id:int}/tasks/{taskId:int}", async (int id, int taskId, DeleteTask.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new DeleteTask.Command(id, taskId), ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .WithName("DeletePlanTask")
            .WithSummary("Deletes a task of a draft plan with its targets; audited.");

        group.MapPost("/{id:int}/tasks/{taskId:int}/updates", async (int id, int taskId, HttpRequest request, RecordTaskUpdate.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
            {
                var command = await TaskUpdateOf(request, id, taskId, limits, ct);
                var result = command.IsSuccess ? await handler.HandleAsync(command.Value!, ct) : Result<int>.Fail(command.Errors);
                return result.ToHttp(messages, updateId => TypedResults.Created($"/api/v1/plans/{id}/tasks/{taskId}/updates/{updateId}", new { id = updateId }));
            })
            .Accepts<TaskUpdateRequest>("application/json", "multipart/form-data")
            .DisableAntiforgery()
            .LimitUpload(uploadLimits.MaxDocumentBytes)
            .WithName("RecordTaskUpdate")
            .WithSummary("What the lead body did for a task: text, date, evidence link (http or https only), as JSON, or as multipart/form-data with the same fields and an evidence file (field 'file': PDF, JPEG, PNG or WebP); audited. The commune officer or the lead organisation's officer; otherwise 403.");

        group.MapGet("/{id:int}/tasks/{taskId:int}/updates/{updateId:int}/evidence", async (int id, int taskId, int updateId, GetTaskEvidence.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetTaskEvidence.Query(id, taskId, updateId), ct)).ToHttp(messages, f => TypedResults.File(f.Bytes, f.ContentType, f.FileName)))
            .WithName("GetTaskEvidence")
            .WithSummary("The evidence file of a task update, for those who may read the plan.");

        group.MapPut("/{id:int}/tasks/{taskId:int}/targets", async (int id, int taskId, TargetRequest r, SetTarget.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SetTarget.Command(id, taskId, r.Indicator, r.Value, r.UnitLevel, r.Due, r.Text, r.Reason), ct))
                .ToHttp(messages, targetId => TypedResults.Ok(new { id = targetId })))
            .WithName("SetTarget")
            .WithSummary("Adds or changes a task's target for an indicator; a commune may not set it below its province's; audited.");

        group.MapDelete("/{id:int}/tasks/{taskId:int}/targets/{indicator}", async (int id, int taskId, string indicator, string? reason, RemoveTarget.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RemoveTarget.Command(id, taskId, indicator, reason), ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .WithName("RemoveTarget")
            .WithSummary("Removes a task's target for an indicator (the target above, if any, is then in force); audited with the reason.");

        group.MapGet("/targets", async (string unit, int year, GetTargetsInForce.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetTargetsInForce.Query(unit, year), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("TargetsInForce")
            .WithSummary("The targets in force for a unit in a year, each with its origin: own (the unit's plan) or inherited (a plan above).");

        group.MapGet("/late", async (string unit, int year, ListLateTasks.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListLateTasks.Query(unit, year), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("LateTasks")
            .WithSummary("Each commune's plan under a unit with its late tasks.");

        group.MapGet("/{id:int}/report", async (int id, string? from, string? to, GetPlanReport.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetPlanReport.Query(id, from, to), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetPlanReport")
            .WithSummary("Báo cáo kết quả thực hiện Kế hoạch for from..to (YYYY-MM-DD): the tasks with their state and target progress on the last day, and the updates of the period with their evidence.");

        group.MapGet("/{id:int}/report/pdf", async (int id, string? from, string? to, GetPlanReport.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                ReportExportApi.FileOr(await handler.HandleAsync(new GetPlanReport.Query(id, from, to), ct), d => ReportPdf.PlanReport(d, text), ReportPdf.ContentType, $"bao-cao-ke-hoach-{id}.pdf", messages))
            .WithName("ExportPlanReportPdf")
            .WithSummary("The plan report as an official document (PDF, landscape A4): national heading, issuing body, number and date line, task table, signature block.");

        group.MapGet("/{id:int}/report/xlsx", async (int id, string? from, string? to, GetPlanReport.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                ReportExportApi.FileOr(await handler.HandleAsync(new GetPlanReport.Query(id, from, to), ct), d => ReportWorkbooks.PlanReport(d, text), TableExport.XlsxType, $"bao-cao-ke-hoach-{id}.xlsx", messages))
            .WithName("ExportPlanReportXlsx")
            .WithSummary("The plan report as an Excel workbook in the layout of the PDF.");

        group.MapGet("/{id:int}/summary", async (int id, GetPlanYearSummary.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetPlanYearSummary.Query(id), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetPlanYearSummary")
            .WithSummary("The plan's year-end summary (báo cáo tổng kết): its written sections and the year's figures (tasks with state and targets: target, reached, reported; communications and classes); an issued summary keeps the figures it was issued with.");

        group.MapPut("/{id:int}/summary", async (int id, SummaryRequest r, SavePlanYearSummary.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SavePlanYearSummary.Command(id, r.ToText()), ct)).ToHttp(messages, s => TypedResults.Ok(new { id = s })))
            .WithName("SavePlanYearSummary")
            .WithSummary("Writes the draft summary's number and sections (results, shortcomings, causes, lessons, nextYear, proposals); issued: 409; audited.");

        group.MapPost("/{id:int}/summary/issue", async (int id, IssueSummaryRequest r, IssuePlanYearSummary.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new IssuePlanYearSummary.Command(id, r.Number, r.IssuedOn), ct)).ToHttp(messages, s => TypedResults.Ok(new { id = s })))
            .WithName("IssuePlanYearSummary")
            .WithSummary("Issues the summary (number such as 15/BC-UBND, issue date in the plan's year or the next): its figures are frozen and it can no longer be edited; audited.");

        group.MapGet("/{id:int}/summary/pdf", async (int id, GetPlanYearSummary.Handler handler, ReportText text, ErrorMessages messages, CancellationToken ct) =>
                ReportExportApi.FileOr(await handler.HandleAsync(new GetPlanYearSummary.Query(id), ct), d => ReportPdf.PlanSummary(d, text), ReportPdf.ContentType, $"bao-cao-tong-ket-{id}.pdf", messages))
            .WithName("ExportPlanYearSummaryPdf")
            .WithSummary("The year-end summary as an official document (PDF, A4): national heading, issuing body, number and date line, the sections, the tasks' outcomes, signature block; marked DỰ THẢO while a draft.");

        var organisations = app.MapGroup("/api/v1/organisations").WithTags("Plans").RequireAuthorization();
        organisations.MapGet("/", async (string unit, ListOrganisations.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListOrganisations.Query(unit), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListOrganisations")
            .WithSummary("The organisations of a unit and the units under it; scoped, contacts masked.");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        organisations.MapPost("/{id:int}/members/import", async (int id, HttpRequest request, ImportOrganisationMembers.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportOrganisationMembers.Command(id, UploadRequests.FileOf(request, limits.MaxCsvBytes)), ct)).ToHttp(messages, TypedResults.Ok))
            .DisableAntiforgery()
            .LimitUpload(limits.MaxCsvBytes)
            .WithName("ImportOrganisationMembers")
            .WithSummary("CSV (multipart, field 'file') with columns full_name,phone_or_email,role[,group]: enrols the organisation's officials, students or workers; all or nothing, errors name the line and column.");

        organisations.MapGet("/figures", async (string unit, int year, GetTargetGroupFigures.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetTargetGroupFigures.Query(unit, year), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("TargetGroupFigures")
            .WithSummary("The target-group indicators of a unit in a year computed from the people enrolled in its organisations (each person once), over the organisations' headcounts, beside the reported figure.");

        organisations.MapPost("/{id:int}/join-codes", async (int id, JoinCodeRequest r, IssueJoinCode.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new IssueJoinCode.Command(id, r.Group, r.Role, r.Days), ct))
                .ToHttp(messages, issued => TypedResults.Created($"/api/v1/organisations/{id}/join-codes/{issued.Id}", issued)))
            .WithName("IssueJoinCode")
            .WithSummary("A join code for the organisation's people (group, role, days valid: 30 by default, at most 365); the code is shown once, only its keyed hash is kept.");

        organisations.MapGet("/{id:int}/join-codes", async (int id, ListJoinCodes.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListJoinCodes.Query(id), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListJoinCodes")
            .WithSummary("The organisation's join codes (never the codes): group, role, expiry, revocation, uses.");

        organisations.MapDelete("/{id:int}/join-codes/{codeId:int}", async (int id, int codeId, RevokeJoinCode.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RevokeJoinCode.Command(id, codeId), ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .WithName("RevokeJoinCode")
            .WithSummary("Revokes a join code; those who joined stay members.");

        organisations.MapPost("/join", async (JoinRequest r, JoinOrganisation.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new JoinOrganisation.Command(r.Code), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("JoinOrganisation")
            .WithSummary("The signed-in person joins the organisation of a join code; a wrong, expired or revoked code is refused.");

        return app;
    }

    /// <summary>
    /// A task update as JSON (the contract's body) or as a multipart form with the same fields and
    /// an evidence file in field <c>file</c>; the form is read within the evidence bounds and the file
    /// is checked by the handler once the caller's right is.
    /// </summary>
    private static async Task<Result<RecordTaskUpdate.Command>> TaskUpdateOf(HttpRequest request, int planId, int taskId, UploadLimits limits, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            TaskUpdateRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<TaskUpdateRequest>(ct);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
            {
                return Errors.Invalid("plans.update_body_invalid", null);
            }

            return body is null ? Errors.Invalid("plans.update_text_required", "text")
                : new RecordTaskUpdate.Command(planId, taskId, body.Text, body.Date, body.EvidenceUrl, body.Completes ?? false);
        }

        var form = await UploadRequests.FormOf(request, limits.MaxDocumentBytes, ct);
        if (!form.IsSuccess)
        {
            return Result<RecordTaskUpdate.Command>.Fail(form.Errors);
        }

        var fields = form.Value!;
        DateOnly? date = null;
        var typed = fields["date"].ToString().Trim();
        if (typed.Length > 0)
        {
            if (!DateOnly.TryParseExact(typed, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            {
                return Errors.Invalid("plans.report_date_invalid", "date", typed);
            }

            date = day;
        }

        var file = fields.Files.GetFile("file");
        return new RecordTaskUpdate.Command(planId, taskId, fields["text"].ToString(), date, fields["evidenceUrl"].ToString(),
            bool.TryParse(fields["completes"].ToString(), out var completes) && completes,
            file is null ? null : UploadRequests.FileOf(file, limits.MaxDocumentBytes), file?.FileName);
    }

    /// <summary>The plan file: the multipart field <c>file</c>, or the request body itself (application/yaml).</summary>
    private static Upload PlanFileOf(HttpRequest request, long maxBytes) => request.HasFormContentType
        ? UploadRequests.FileOf(request, maxBytes)
        : new Upload(_ => Task.FromResult(request.ContentLength > maxBytes ? UploadErrors.TooLarge(maxBytes)
            : request.ContentLength == 0 ? UploadErrors.Missing() : Result<Stream>.Ok(request.Body)));

    /// <summary>The errors' fields under the request's own names (the plan rules, shared with the page and the plan file, name fields their way).</summary>
    private static Result<T> Named<T>(this Result<T> result, Func<string, string> fieldOf) =>
        result.IsSuccess ? result : Result<T>.Fail(result.Errors.Select(e => e.Field is { } f ? e with { Field = fieldOf(f) } : e).ToList());
}
