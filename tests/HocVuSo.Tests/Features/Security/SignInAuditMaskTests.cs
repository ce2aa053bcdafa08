using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Security;

/// <summary>A failed sign-in with a number or an e-mail typed as the user name is audited, masked.</summary>
public class SignInAuditMaskTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FailedSignIn_WithAnIdentityNumberTypedAsUserName_IsAuditedMasked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var number = "0792" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var email = "khong.ai." + number + "@example.vn";

        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = number, password = "Sai-mat-khau-1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await app.CreateClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = email, ["Input.Password"] = "Sai-mat-khau-1" });

        var tail = number[^2..];
        var middle = number[2..^2];
        var masked = "07" + new string('•', 8) + tail;
        var names = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailed && a.ActorName != null && a.ActorName.EndsWith(tail))
            .Select(a => a.ActorName!).ToListAsync());
        names.ShouldContain(masked);
        var all = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.SignInFailed).Select(a => a.ActorName ?? string.Empty).ToListAsync());
        all.Where(n => n.Contains(middle, StringComparison.Ordinal) || n.Contains(email, StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
    }
}
