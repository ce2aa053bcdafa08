using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

public sealed record DrawSampleRequest(string? Unit, string? Period, string? Kind, int? Size, int? Seed);

public sealed record OutcomeRequest(string? Outcome, string? Note);

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

        return app;
    }
}
