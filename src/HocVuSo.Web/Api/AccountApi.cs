using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The signed-in person's own account.</summary>
public static class AccountApi
{
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/account").WithTags("Account");
        group.MapPost("/password", async (ChangePasswordRequest request, ICurrentUser current, ChangePassword.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                current.UserId is not { } userId
                    ? Results.Unauthorized()
                    : (await handler.HandleAsync(new ChangePassword.Command(userId, request.CurrentPassword, request.NewPassword), ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .RequireAuthorization()
            .WithName("ChangePassword")
            .WithSummary("Changes the signed-in person's password (current and new; a wrong current password counts towards lock-out). Every API token and other session of the account stops working; sign in again for a new token.");
        return app;
    }
}
