using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Web.Exports.Pdf;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Api;

public sealed record ReasonRequest(string? Reason);

public sealed record SignOffRequest(string? Note);

public sealed record MergeRequest(string? Keep, string? Comment);

public sealed record DigitalStatusRequest(string? VneidLevel2On, string? DigitalSignatureOn);

/// <summary>The learner's certification as the API tells it; "status" is none, awaiting-sign-off, certified or revoked.</summary>
public sealed record MyCertificationResponse(
    bool Certified, string Status, string? CertificateSerial, DateTime? VneidConfirmedAt, DateOnly? CertifiedOn, string? RuleVersion,
    bool Assisted, string? PdfUrl, string? VerifyUrl);

public static class CertificationApi
{
    public static IEndpointRouteBuilder MapCertificationApi(this IEndpointRouteBuilder app)
    {
        var certificates = app.MapGroup("/api/v1/certificates").WithTags("Certification");

        certificates.MapGet("/{serial}/verify", async (string serial, string? s, HttpContext http, VerifyCertificate.Handler handler, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(new VerifyCertificate.Query(serial, s), ct);
                if (outcome.Status == VerificationOutcome.Unknown)
                {
                    // A serial unknown now may be issued a moment later (on any instance): never keep that answer.
                    PublicResponseCache.DoNotKeep(http);
                }

                return TypedResults.Ok(outcome);
            })
            .AllowAnonymous()
            .CacheOutput(PublicResponseCache.CertificatesPolicy)
            .WithName("VerifyCertificate")
            .WithSummary("Public check of a certificate: status valid, revoked or unknown (with reason invalid-signature when the certificate or the link's ?s= does not match its signature), with the minimum facts; never the identification number.");

        certificates.MapGet("/{serial}/pdf", async (string serial, HttpContext http, GetCertificate.Handler handler, IOptions<CertificateOptions> options,
                IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
            {
                var result = await handler.HandleAsync(new GetCertificate.Query(serial), ct);
                if (!result.IsSuccess)
                {
                    return messages.ToProblem(result.Errors);
                }

                var certificate = result.Value!;
                http.Response.Headers.CacheControl = "no-store";
                var bytes = CertificatePdf.Render(certificate, VerifyUrl(http, options.Value, certificate.Serial, certificate.Signature), localizer);
                return Results.File(bytes, "application/pdf", $"chung-nhan-{certificate.Serial}.pdf");
            })
            .RequireAuthorization()
            .WithName("CertificatePdf")
            .WithSummary("The certificate as a PDF, for its holder or staff who may view data where it was issued; 404 to anyone else.");

        certificates.MapPost("/{serial}/revoke", async (string serial, ReasonRequest? r, RevokeCertificate.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RevokeCertificate.Command(serial, r?.Reason), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("RevokeCertificate")
            .WithSummary("Officers who manage identities where the certificate was issued revoke it; {\"reason\"} is required and audited.");

        var certification = app.MapGroup("/api/v1/certification").WithTags("Certification");

        certification.MapGet("/me", async (HttpContext http, GetMyCertification.Handler handler, IOptions<CertificateOptions> options, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(ct)).ToHttp(messages, v => TypedResults.Ok(Describe(http, options.Value, v))))
            .RequireAuthorization()
            .WithName("GetMyCertification")
            .WithSummary("The signed-in learner's certification: certified, status, certificate serial, VNeID confirmation date.");

        certification.MapPost("/me/evaluate", async (HttpContext http, GetMyCertification.Handler handler, IOptions<CertificateOptions> options, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(ct, evaluateFirst: true)).ToHttp(messages, v => TypedResults.Ok(Describe(http, options.Value, v))))
            .RequireAuthorization()
            .WithName("EvaluateMyCertification")
            .WithSummary("Evaluates the signed-in learner against the certification rule now (also done after every passed attempt); idempotent.");

        certification.MapPost("/users/{userName}/sign-off", async (string userName, SignOffRequest? r, SignOffCertification.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SignOffCertification.Command(userName, r?.Note), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("SignOffCertification")
            .WithSummary("An officer signs off a certification whose evidence all came from assisted sessions; issues the certificate; audited.");

        certification.MapGet("/units/{code}/decisions", async (string code, CertificationDecisions.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CertificationDecisions.Query(code), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ListCertificationDecisions")
            .WithSummary("Sign-offs, revocations and merges in a unit and below, newest first, each with who, when, the certificate and its comment or reason (staff who may view data there).");

        certification.MapGet("/rules", async (CertificationRuleAdmin.ListHandler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("ListCertificationRules")
            .WithSummary("The certification rules (versions), newest first (staff).");

        certification.MapPost("/rules", async (CertificationRuleAdmin.AddCommand r, CertificationRuleAdmin.AddHandler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(r, ct)).ToHttp(messages, v => TypedResults.Created($"/api/v1/certification/rules/{v.Version}", v)))
            .RequireAuthorization()
            .WithName("AddCertificationRule")
            .WithSummary("Administrators add a new rule version: course, quiz (\"final\"), required domains, target group or campaign, assisted policy, effective date.");

        var identity = app.MapGroup("/api/v1/identity").WithTags("Identity").RequireAuthorization();

        identity.MapGet("/duplicates", async (ListDuplicateClaims.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListDuplicateIdentities")
            .WithSummary("Open claims of an identification number already recorded for another account, in the officer's scope.");

        identity.MapPost("/duplicates/{id:int}/merge", async (int id, MergeRequest? r, MergeDuplicateIdentity.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new MergeDuplicateIdentity.Command(id, r?.Keep, r?.Comment), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("MergeDuplicateIdentity")
            .WithSummary("Merges the two accounts of a duplicate claim into one ({\"keep\": \"holder\"|\"claimant\", \"comment\": optional}); the other is locked; audited with the comment.");

        identity.MapPut("/users/{userName}/digital-status", async (string userName, DigitalStatusRequest r, SetDigitalIdentityStatus.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SetDigitalIdentityStatus.Command(userName, r.VneidLevel2On, r.DigitalSignatureOn), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("SetDigitalIdentityStatus")
            .WithSummary("Officers record a person's VNeID level-2 activation and/or personal digital signature dates (dd/MM/yyyy).");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        identity.MapPost("/digital-status/import", async (HttpRequest request, string? unit, ImportDigitalIdentityStatuses.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportDigitalIdentityStatuses.Command(UploadRequests.FileOf(request, limits.MaxCsvBytes), unit), ct)).ToHttp(messages, TypedResults.Ok))
            .DisableAntiforgery()
            .LimitUpload(limits.MaxCsvBytes)
            .WithName("ImportDigitalIdentityStatuses")
            .WithSummary("The commune police's CSV list (cccd;vneid_level2_date;signature_date[;skills_confirmed_date]) for the commune ?unit=: all rows or none; errors name line and column; the answer counts the confirmations added.");

        identity.MapPost("/national-confirmations/import", async (HttpRequest request, string? unit, ImportNationalConfirmations.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportNationalConfirmations.Command(UploadRequests.FileOf(request, limits.MaxCsvBytes), unit), ct)).ToHttp(messages, TypedResults.Ok))
            .DisableAntiforgery()
            .LimitUpload(limits.MaxCsvBytes)
            .WithName("ImportNationalConfirmations")
            .WithSummary("A list exported from the national platform (cccd;confirmed_date[;course]) for the commune ?unit=: all rows or none; errors name line and column.");
        return app;
    }

    /// <summary>Where a certificate's QR code points: the configured public address, or this request's.</summary>
    public static string VerifyUrl(HttpContext http, CertificateOptions options, string serial, string signature) =>
        VerifyUrl(http, options, "/verify/", serial, signature);

    /// <summary>A public check's address under <paramref name="path"/> for a signed serial (certificates, certificates of merit).</summary>
    public static string VerifyUrl(HttpContext http, CertificateOptions options, string path, string serial, string signature)
    {
        var root = string.IsNullOrWhiteSpace(options.PublicBaseUrl) ? $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}" : options.PublicBaseUrl.TrimEnd('/');
        return $"{root}{path}{Uri.EscapeDataString(serial)}?s={Uri.EscapeDataString(CertificateSigner.Abbreviate(signature))}";
    }

    private static MyCertificationResponse Describe(HttpContext http, CertificateOptions options, CertificationView? view) => view is null
        ? new MyCertificationResponse(false, "none", null, null, null, null, false, null, null)
        : new MyCertificationResponse(
            view.Certified, view.Status, view.CertificateSerial, view.VneidConfirmedAt, view.CertifiedOn, view.RuleVersion, view.Assisted,
            view.Certified && view.CertificateSerial is not null ? $"/api/v1/certificates/{view.CertificateSerial}/pdf" : null,
            view.CertificateSerial is not null && view.ShortSignature is not null ? VerifyUrl(http, options, view.CertificateSerial, view.ShortSignature) : null);
}
