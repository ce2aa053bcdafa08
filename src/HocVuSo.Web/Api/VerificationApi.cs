using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Api;

public sealed record DrawSampleRequest(string? Unit, string? Period, string? Kind, int? Size, int? Seed);

public sealed record OutcomeRequest(string? Outcome, string? Note);

public sealed record CloseSignalRequest(string? Unit, string? Period, string? Code, string? Comment);

public sealed record SignalResponse(string Unit, string UnitName, string Code, string Reason, string Since);

public static class VerificationApi
{
    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/verification").WithTags("Verification").RequireAuthorization();

        group.MapPost("/samples", async (DrawSampleRequest r, DrawVerificationSample.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new DrawVerificationSample.Command(r.Unit, r.Period, r.Kind, r.Size, r.Seed), ct))
                .ToHttp(messages, sample => TypedResults.Created($"/api/v1/verification/samples/{sample.Id}", sample)))
            .WithName("DrawVerificationSample")
            .WithSummary("Draws a reproducible, village-stratified call-back sample of a commune's certified learners, guidance sessions or classes for a month (province or national staff only, never the commune itself); the seed is returned; audited.");

        group.MapGet("/samples/{id:int}", async (int id, GetVerificationSample.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetVerificationSample.Query(id), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetVerificationSample")
            .WithSummary("A sample's items with their outcomes and the genuine-share estimate with its 95% Wilson interval; names and phones in full only for the inspector who drew it; every view audited.");

        group.MapPut("/samples/{id:int}/items/{itemId:int}", async (int id, int itemId, OutcomeRequest r, RecordVerificationOutcome.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RecordVerificationOutcome.Command(id, itemId, r.Outcome, r.Note), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("RecordVerificationOutcome")
            .WithSummary("Records the outcome of one sampled item (confirmed, confirmed-other, denied, unreachable, wrong-person) once; a second outcome is 409; audited.");

        group.MapGet("/signals", async (string? unit, string? period, ListFormalitySignals.Handler handler, IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListFormalitySignals.Query(unit, period), ct)).ToHttp(messages, signals => TypedResults.Ok(
                    signals.Select(s => new SignalResponse(s.Unit, s.UnitName, s.Code, localizer[s.ReasonKey, [.. s.ReasonArgs]].Value, s.Since)).ToList())))
            .WithName("ListFormalitySignals")
            .WithSummary("The open formality signals of a commune for a month (YYYY-MM), or of each commune under a province ranked by open signals, with the reason in plain Vietnamese.");

        group.MapPost("/signals/close", async (CloseSignalRequest r, CloseFormalitySignal.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CloseFormalitySignal.Command(r.Unit, r.Period, r.Code, r.Comment), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("CloseFormalitySignal")
            .WithSummary("Closes an open signal of a commune for a month with a comment (required); province or national staff only; audited.");

        return app;
    }
}
