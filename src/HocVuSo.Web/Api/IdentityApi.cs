using HocVuSo.Core.Features.Certification;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

/// <summary>The personal identification number as the API receives it; "cccd" is the field name the public contract fixes.</summary>
public sealed record PersonalIdNumberRequest(string? Cccd, int? BirthYear, string? Gender);

public sealed record PersonalIdNumberProblem(string Code, string Message);

public sealed record PersonalIdNumberValidation(bool Valid, IReadOnlyList<PersonalIdNumberProblem> Errors);

public sealed record RevealRequest(string? Reason);

public sealed record RevealedPersonalIdNumber(string UserName, string Cccd, string Masked, int BirthYear, string Gender);

public static class IdentityApi
{
    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/identity").WithTags("Identity");

        group.MapPost("/cccd/validate", (PersonalIdNumberRequest r, ValidatePersonalIdNumber.Handler handler, ErrorMessages messages) =>
            {
                var outcome = handler.Handle(new ValidatePersonalIdNumber.Query(r.Cccd, r.BirthYear, r.Gender));
                return TypedResults.Ok(new PersonalIdNumberValidation(outcome.Valid, outcome.Problems.Select(e => new PersonalIdNumberProblem(e.Code, messages.Describe(e))).ToList()));
            })
            .AllowAnonymous()
            .WithName("ValidatePersonalIdNumber")
            .WithSummary("Checks a personal identification number (12 digits, province of birth, and the birth year and gender when given); stores and looks up nothing.");

        group.MapGet("/me", async (HttpContext http, GetPersonalIdNumber.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new GetPersonalIdNumber.Query(null), ct)).ToHttp(messages, TypedResults.Ok)))
            .RequireAuthorization()
            .WithName("GetMyPersonalIdNumber")
            .WithSummary("The signed-in person's recorded number, masked (066•••••••12).");

        group.MapPut("/me", async (PersonalIdNumberRequest r, HttpContext http, SetPersonalIdNumber.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new SetPersonalIdNumber.Command(null, r.Cccd, r.BirthYear, r.Gender), ct)).ToHttp(messages, TypedResults.Ok)))
            .RequireAuthorization()
            .WithName("SetMyPersonalIdNumber")
            .WithSummary("Records the signed-in person's number; 409 when another person has recorded it. Answers with the number masked.");

        group.MapPut("/users/{userName}", async (string userName, PersonalIdNumberRequest r, HttpContext http, SetPersonalIdNumber.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new SetPersonalIdNumber.Command(userName, r.Cccd, r.BirthYear, r.Gender), ct)).ToHttp(messages, TypedResults.Ok)))
            .RequireAuthorization()
            .WithName("SetPersonalIdNumber")
            .WithSummary("Officers who manage identities record a person's number in their own subtree; 403 outside it.");

        group.MapPost("/users/{userName}/reveal", async (string userName, RevealRequest? r, HttpContext http, RevealPersonalIdNumber.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                NoStore(http, (await handler.HandleAsync(new RevealPersonalIdNumber.Command(userName, r?.Reason), ct)).ToHttp(messages,
                    v => TypedResults.Ok(new RevealedPersonalIdNumber(v.UserName, v.Number, v.Masked, v.BirthYear, v.Gender)))))
            .RequireAuthorization()
            .WithName("RevealPersonalIdNumber")
            .WithSummary("The whole number, for officers who manage identities in the person's unit; every view is written to the audit trail. Optional body {\"reason\"}.");
        return app;
    }

    /// <summary>Answers about identification numbers are never kept by browsers or proxies.</summary>
    private static IResult NoStore(HttpContext http, IResult result)
    {
        http.Response.Headers.CacheControl = "no-store";
        return result;
    }
}
