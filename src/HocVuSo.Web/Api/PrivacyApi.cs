using System.Text.Json;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Web.Exports.Pdf;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Api;

public sealed record ConsentRequest(bool? Granted);

public sealed record CorrectionRequest(string? FullName, string? Phone, string? Email, string? VillageCode);

public sealed record DeletionRequestBody(bool Confirm);

public sealed record TeamContactRequest(string? PhoneOrEmail, string? Message);

/// <summary>
/// The learner's rights over their own data (consents, seeing and downloading it, correcting it,
/// asking for deletion) under <c>/api/v1/me</c>, and the officers' side of deletion and team
/// contact under <c>/api/v1/privacy</c>. Every answer about a person is <c>Cache-Control: no-store</c>.
/// docs/PRIVACY.md describes them.
/// </summary>
public static class PrivacyApi
{
    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Privacy").RequireAuthorization();

        me.MapGet("/consents", async (HttpContext http, GetMyConsents.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("GetMyConsents")
            .WithSummary("The consent in force for each purpose (learning, vneid, team-contact), with when and how it was given.");

        me.MapPut("/consents/{purpose}", async (string purpose, ConsentRequest r, HttpContext http, SetConsent.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, r.Granted is not { } granted
                    ? messages.ToProblem([HocVuSo.Core.Common.Errors.Invalid("field.required", "granted")])
                    : (await handler.HandleAsync(new SetConsent.Command(Consents.Parse(purpose), granted), ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("SetMyConsent")
            .WithSummary("Gives ({\"granted\":true}) or withdraws ({\"granted\":false}) the consent for one purpose; audited. Not in a session guided by a team member.");

        me.MapGet("/data", async (HttpContext http, GetMyData.Handler handler, ErrorMessages messages, IOptions<JsonOptions> json, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(new GetMyData.Query("json"), ct);
                http.Response.Headers.CacheControl = "no-store";
                if (!result.IsSuccess)
                {
                    return messages.ToProblem(result.Errors);
                }

                var bytes = JsonSerializer.SerializeToUtf8Bytes(result.Value, json.Value.SerializerOptions);
                http.Response.Headers.ContentDisposition = "inline; filename=\"du-lieu-cua-toi.json\"";
                return Results.Bytes(bytes, "application/json");
            })
            .WithName("GetMyData")
            .WithSummary("Everything held about the signed-in person, as JSON (a download, audited).");

        me.MapGet("/data/pdf", async (HttpContext http, GetMyData.Handler handler, IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(new GetMyData.Query("pdf"), ct);
                http.Response.Headers.CacheControl = "no-store";
                return result.IsSuccess
                    ? Results.File(MyDataPdf.Render(result.Value!, localizer), ReportPdf.ContentType, "du-lieu-cua-toi.pdf")
                    : messages.ToProblem(result.Errors);
            })
            .WithName("GetMyDataPdf")
            .WithSummary("The same as a readable PDF (a download, audited).");

        me.MapPatch("", async (CorrectionRequest r, HttpContext http, CorrectMyData.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new CorrectMyData.Command(r.FullName, r.Phone, r.Email, r.VillageCode), ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("CorrectMyData")
            .WithSummary("Corrects the signed-in person's fullName, phone, email or villageCode (omitted fields stay); errors name the field; audited with the fields changed.");

        me.MapPost("/id-number/reveal", async (HttpContext http, RevealMyIdNumber.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("RevealMyIdNumber")
            .WithSummary("The person's own identification number in full; audited.");

        me.MapPost("/deletion-request", async (DeletionRequestBody? r, HttpContext http, RequestDeletion.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new RequestDeletion.Command(r?.Confirm == true), ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("RequestMyDeletion")
            .WithSummary("Asks for the account to be deleted ({\"confirm\":true}); answers the request with its deadline; asking again answers the open one.");

        me.MapGet("/deletion-request", async (HttpContext http, GetMyDeletionRequest.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("GetMyDeletionRequest")
            .WithSummary("The state of the person's latest deletion request (open with its deadline, or completed); 404 when they made none.");

        var privacy = app.MapGroup("/api/v1/privacy").WithTags("Privacy").RequireAuthorization();

        privacy.MapGet("/deletion-requests", async (string? unit, HttpContext http, ListDeletionRequests.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new ListDeletionRequests.Query(unit), ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("ListDeletionRequests")
            .WithSummary("Deletion requests of learners living in ?unit={code} and below, for officers who manage identities there: open first by deadline, overdue marked.");

        privacy.MapPost("/deletion-requests/{id:int}/complete", async (int id, HttpContext http, CompleteDeletion.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new CompleteDeletion.Command(id), ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("CompleteDeletionRequest")
            .WithSummary("Anonymises the account, revokes its certificate (reason: deleted at the holder's request) and keeps its counts; 404 outside the officer's scope.");

        privacy.MapPost("/team-contact", async (TeamContactRequest r, HttpContext http, ContactLearner.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new ContactLearner.Command(r.PhoneOrEmail, r.Message), ct)).ToHttp(messages, TypedResults.Ok)))
            .WithName("ContactLearner")
            .WithSummary("A team member sends a learner of their area a message through the outbox; 409 consent.contact_not_given without the learner's consent.");
        return app;
    }

    private static IResult NoStore(HttpContext http, IResult result)
    {
        http.Response.Headers.CacheControl = "no-store";
        return result;
    }
}
