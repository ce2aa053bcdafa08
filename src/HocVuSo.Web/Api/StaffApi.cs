using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

public sealed record ResetTwoFactorRequest(string? Reason);

public sealed record NewStaffRequest(string? UserName, string? FullName, string? Email, string? Phone, string? Role, string? UnitCode, string? Password, int? OrganisationId = null);

public static class StaffApi
{
    public static IEndpointRouteBuilder MapStaffApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/staff").WithTags("Staff").RequireAuthorization();

        group.MapPost("/", async (NewStaffRequest r, CreateStaff.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CreateStaff.Command(r.UserName, r.FullName, r.Email, r.Phone, r.Role, r.UnitCode, r.Password, r.OrganisationId), ct))
                .ToHttp(messages, s => TypedResults.Created($"/api/v1/units/{s.UnitCode}/staff", s)))
            .WithName("CreateStaff")
            .WithSummary("Officers create staff for their own subtree; an OrganisationOfficer names its organisation (organisationId; the unit is the organisation's). The initial password is returned once when none was given.");

        group.MapPost("/{userName}/two-factor/reset", async (string userName, ResetTwoFactorRequest? r, ResetTwoFactor.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ResetTwoFactor.Command(userName, r?.Reason), ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .WithName("ResetStaffTwoFactor")
            .WithSummary("A lost authenticator: two-factor sign-in off and its key replaced, tokens ended; the reason (how the person was checked) is required and audited.");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        group.MapPost("/import", async (HttpRequest request, ImportStaff.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
            {
                return (await handler.HandleAsync(new ImportStaff.Command(UploadRequests.FileOf(request, limits.MaxCsvBytes)), ct)).ToHttp(messages,
                    r => TypedResults.Ok(new
                    {
                        r.Summary.Saved,
                        r.Summary.Skipped,
                        Errors = r.Summary.RowErrors.Select(e => new RowError(e.Row, e.Field, e.Code, messages.Describe(e))).ToList(),
                        r.Created,
                    }));
            })
            .DisableAntiforgery()
            .LimitUpload(limits.MaxCsvBytes)
            .WithName("ImportStaff")
            .WithSummary("CSV with columns user_name,full_name,email,phone,role,unit_code[,password]; the valid rows are saved (together, in batches), every bad row is reported by line and column and left out; wrong columns save nothing. A row without a password gets an activation code (24 h), returned once in created[].activationCode.");
        return app;
    }
}
