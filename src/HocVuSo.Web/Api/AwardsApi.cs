using HocVuSo.Core.Features.Awards;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Web.Exports.Pdf;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Api;

public sealed record SchemeRequest(
    string? Unit, int? Year, string? Title, string? Model, IReadOnlyList<string>? Nominee, IReadOnlyList<CriterionInput>? Criteria,
    string? Opens, string? Closes, int? PassScore, int? Quorum, IReadOnlyList<CouncilInput>? Council);

public sealed record NominationRequest(int? Scheme, NomineeInput? Nominee, string? Story, string? PhotoUrl, IReadOnlyList<EvidenceInput>? Evidence);

public sealed record NominationConsentRequest(bool? PublishName, bool? PublishStory);

public sealed record ScoresRequest(IReadOnlyList<ScoreInput>? Scores, string? Vote, string? Comment);

public sealed record RecognitionDecisionRequest(string? Unit, string? Number, string? Date, string? Signer, IReadOnlyList<int>? Items);

public sealed record FestivalEventRequest(string? Unit, string? Title, string? Place, string? StartsAt);

/// <summary>Awards (emulation): schemes, nominations, appraisal, decisions, certificates of merit, the public honours and verification.</summary>
public static class AwardsApi
{
    public static IEndpointRouteBuilder MapAwardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/awards").WithTags("Awards");

        group.MapGet("/schemes", async (string unit, int? year, ListAwardSchemes.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListAwardSchemes.Query(unit, year), ct)).ToHttp(messages, TypedResults.Ok))
            .AllowAnonymous()
            .WithName("ListAwardSchemes")
            .WithSummary("The award schemes of a unit and of the units above it for a year (public); the council only for staff who see the scheme's unit.");

        group.MapPost("/schemes", async (SchemeRequest r, CreateAwardScheme.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CreateAwardScheme.Command(r.Unit, r.Year, r.Title, r.Model, r.Nominee, r.Criteria, r.Opens, r.Closes, r.PassScore, r.Quorum, r.Council), ct))
                .ToHttp(messages, s => TypedResults.Created($"/api/v1/awards/schemes/{s.Id}", s)))
            .RequireAuthorization()
            .WithName("CreateAwardScheme")
            .WithSummary("Creates a scheme of a province or commune (staff who manage plans there): title, model, nominee kinds, criteria (weight, scale, source attached or a figure from the records), window, pass score, quorum, council; audited.");

        group.MapGet("/schemes/{id:int}", async (int id, GetAwardScheme.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .AllowAnonymous()
            .WithName("GetAwardScheme");

        group.MapGet("/schemes/{id:int}/nominations", async (int id, ListNominations.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ListNominations")
            .WithSummary("The nominations of a scheme the caller may see, newest first; persons' names masked.");

        group.MapPost("/schemes/{id:int}/appraisal/end", async (int id, EndAppraisal.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("EndAppraisal")
            .WithSummary("Ends the scheme's appraisal and computes each nomination's result: recommended, not-recommended, tie or no-quorum; audited.");

        group.MapPost("/nominations", async (NominationRequest r, SubmitNomination.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SubmitNomination.Command(r.Scheme, r.Nominee, r.Story, r.PhotoUrl, r.Evidence), ct))
                .ToHttp(messages, n => TypedResults.Created($"/api/v1/awards/nominations/{n.Id}", n)))
            .RequireAuthorization()
            .WithName("SubmitNomination")
            .WithSummary("Nominates {\"scheme\",\"nominee\":{\"kind\",\"unit\"|\"userName\"|\"organisation\",\"name\"},\"evidence\":[{\"criterion\",\"text\",\"url\"}]} inside the window; figures from the records are frozen; a person waits for consent; audited.");

        group.MapGet("/nominations/{id:int}", async (int id, GetNomination.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("GetNomination")
            .WithSummary("A nomination with its frozen figures beside their current values, evidence, result and recognition.");

        group.MapPost("/nominations/{id:int}/consent", async (int id, NominationConsentRequest? r, GiveConsent.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GiveConsent.Command(id, r?.PublishName ?? false, r?.PublishStory ?? false), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("GiveNominationConsent")
            .WithSummary("The nominee person consents, saying whether their full name and their story and photo may be published.");

        group.MapPost("/nominations/{id:int}/withdraw", async (int id, ReasonRequest? r, WithdrawNomination.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new WithdrawNomination.Command(id, r?.Reason), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("WithdrawNomination")
            .WithSummary("Withdraws a nomination before the appraisal ended, with {\"reason\"}: by its nominator, the nominee, or staff who manage plans at the scheme's unit; audited.");

        group.MapPost("/nominations/{id:int}/scores", async (int id, ScoresRequest r, RecordScores.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RecordScores.Command(id, r.Scores, r.Vote, r.Comment), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("RecordAppraisalScores")
            .WithSummary("A council member's scores of every criterion ({\"criterion\",\"score\"} within its scale) and vote (for, against, abstain); a member with a conflict of interest gets 409; audited.");

        group.MapPost("/nominations/{id:int}/conflict", async (int id, ReasonRequest? r, DeclareConflict.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new DeclareConflict.Command(id, r?.Reason), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("DeclareConflictOfInterest")
            .WithSummary("A council member declares a conflict of interest with {\"reason\"}: they take no part in this nomination; audited.");

        group.MapGet("/decisions", async (string unit, ListDecisions.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(unit, ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ListRecognitionDecisions");

        group.MapPost("/decisions", async (RecognitionDecisionRequest r, IssueDecision.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new IssueDecision.Command(r.Unit, r.Number, r.Date, r.Signer, r.Items), ct))
                .ToHttp(messages, d => TypedResults.Created($"/api/v1/awards/decisions/{d.Id}", d)))
            .RequireAuthorization()
            .WithName("IssueRecognitionDecision")
            .WithSummary("Issues a decision {\"unit\",\"number\",\"date\",\"signer\",\"items\":[nomination ids]}: only recommended nominations of the unit's schemes whose appraisal ended, each once; a certificate of merit per item; audited.");

        group.MapGet("/recognitions", async (string unit, int? year, Recognitions.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new Recognitions.Query(unit, year), ct)).ToHttp(messages, h => TypedResults.Ok(h.Recognitions)))
            .AllowAnonymous()
            .WithName("ListRecognitions")
            .WithSummary("Public: the models recognised under a unit in a year with the minimum facts; a person's name, story and photo only as they consented.");

        group.MapGet("/honours", async (string unit, int? year, Recognitions.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new Recognitions.Query(unit, year), ct)).ToHttp(messages, TypedResults.Ok))
            .AllowAnonymous()
            .WithName("GetHonours")
            .WithSummary("Public: the recognitions and the 10/10 programme (events with place and time) of a unit for a year.");

        group.MapPost("/events", async (FestivalEventRequest r, AddFestivalEvent.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AddFestivalEvent.Command(r.Unit, r.Title, r.Place, r.StartsAt), ct))
                .ToHttp(messages, e => TypedResults.Created($"/api/v1/awards/events/{e.Id}", e)))
            .RequireAuthorization()
            .WithName("AddFestivalEvent")
            .WithSummary("Adds an event to a unit's 10/10 programme: title, place, startsAt (local time yyyy-MM-ddTHH:mm); audited.");

        group.MapGet("/certificates/{serial}/verify", async (string serial, string? s, VerifyMeritCertificate.Handler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(serial, s, ct)))
            .AllowAnonymous()
            .WithName("VerifyMeritCertificate")
            .WithSummary("Public check of a certificate of merit: status valid, revoked or unknown, with the minimum facts.");

        group.MapGet("/certificates/{serial}/pdf", async (string serial, HttpContext http, GetMeritCertificate.Handler handler, IOptions<CertificateOptions> options,
                IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(serial, ct);
                if (!result.IsSuccess)
                {
                    return messages.ToProblem(result.Errors);
                }

                var document = result.Value!;
                http.Response.Headers.CacheControl = "no-store";
                var bytes = MeritCertificatePdf.Render(document, VerifyUrl(http, options.Value, document.Serial, document.Signature), localizer);
                return Results.File(bytes, "application/pdf", $"giay-khen-{document.Serial}.pdf");
            })
            .RequireAuthorization()
            .WithName("MeritCertificatePdf")
            .WithSummary("The certificate of merit (giấy khen) as a PDF with the national heading and a QR code to its public check; for the recognised person or staff who see the decision's unit.");

        group.MapPost("/certificates/{serial}/revoke", async (string serial, ReasonRequest? r, RevokeMeritCertificate.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RevokeMeritCertificate.Command(serial, r?.Reason), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("RevokeMeritCertificate")
            .WithSummary("Revokes a certificate of merit with {\"reason\"}; the recognition then counts nowhere; audited.");

        return app;
    }

    /// <summary>The public page a certificate of merit's QR code opens.</summary>
    public static string VerifyUrl(HttpContext http, CertificateOptions options, string serial, string signature) =>
        CertificationApi.VerifyUrl(http, options, "/honours/verify/", serial, signature);
}
