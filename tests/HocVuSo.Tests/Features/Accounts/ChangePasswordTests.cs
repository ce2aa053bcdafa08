using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Accounts;

public class ChangePasswordTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private const string NewPassword = "Doi-mat-khau-2026";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Api_ChangesThePassword_OnlyWithTheCurrentOne_AndEndsTheOldToken(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, phone) = await app.CreateLearnerAsync();

        async Task<JsonElement> RefusedAsync(object body)
        {
            var answer = await learner.PostAsJsonAsync("/api/v1/account/password", body);
            answer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            return await answer.Content.ReadFromJsonAsync<JsonElement>();
        }

        (await RefusedAsync(new { currentPassword = "Sai-mat-khau-1", newPassword = NewPassword })).GetProperty("code").GetString().ShouldBe("password.current_wrong");
        (await RefusedAsync(new { currentPassword = TestApp.Password, newPassword = TestApp.Password })).GetProperty("code").GetString().ShouldBe("password.same_as_current");
        (await RefusedAsync(new { currentPassword = TestApp.Password, newPassword = "ngan" })).GetProperty("code").GetString().ShouldBe("password.weak");
        (await RefusedAsync(new { currentPassword = TestApp.Password, newPassword = "Aa1" + new string('x', 126) })).GetProperty("code").GetString().ShouldBe("password.too_long");
        (await RefusedAsync(new { currentPassword = TestApp.Password })).GetProperty("code").GetString().ShouldBe("field.required");
        // 128 characters are allowed.
        var longest = "Aa1" + new string('x', 125);

        // Refusals changed nothing: the token still works.
        (await learner.GetAsync("/api/v1/learning/me/attempts")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await learner.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = TestApp.Password, newPassword = longest })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await learner.GetAsync("/api/v1/learning/me/attempts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = TestApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = longest })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userName = app.StoredUserName(phone);
        var userId = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        (await db.AuditEntries.CountAsync(a => a.Action == AuditActions.PasswordChanged && a.EntityKey == userId)).ShouldBe(1);

        // The person is told on their own phone, with the time and what to do; refusals sent nothing.
        var notices = await db.OutboxMessages.Where(m => m.Reference == userId && m.IdempotencyKey.StartsWith("account-notice:")).ToListAsync();
        notices.ShouldHaveSingleItem().Type.ShouldBe(Notifications.SmsType, "a phone number is reached by SMS, not by the e-mail sender");
        var notice = notices[0].ReadPayload<NotificationEmail>();
        notice.Recipient.ShouldEndWith(phone[^8..]);
        notice.Body.ShouldContain("đã được đổi lúc");
        notice.Body.ShouldNotContain(longest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WrongCurrentPasswords_CountTowardsLockOut(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, phone) = await app.CreateLearnerAsync();
        for (var i = 0; i < 5; i++)
        {
            await learner.PostAsJsonAsync("/api/v1/account/password", new { currentPassword = "Sai-mat-khau-" + i, newPassword = NewPassword });
        }

        // The account is locked: even the right password gets no token, and the token in hand stops working.
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = TestApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await learner.GetAsync("/api/v1/learning/me/attempts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Page_ChangesThePassword_KeepsThisSession_AndSaysWhatIsWrongInVietnamese(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (_, phone) = await app.CreateLearnerAsync();
        var web = app.CreateClient();
        (await web.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = phone, ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await web.GetPageAsync("/learn")).QuerySelector("a[href='/Account/ChangePassword']").ShouldNotBeNull();

        var wrong = await (await web.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "Sai-mat-khau-1", ["Input.NewPassword"] = NewPassword,
        })).ParseAsync();
        wrong.QuerySelector("[data-valmsg-for='Input.CurrentPassword']")!.TextContent.ShouldContain("Mật khẩu hiện tại không đúng");

        var done = await (await web.SubmitFormAsync("/Account/ChangePassword", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = TestApp.Password, ["Input.NewPassword"] = NewPassword,
        })).ParseAsync();
        done.QuerySelector("p.notice")!.TextContent.ShouldBe("Đã đổi mật khẩu.");
        (await web.GetAsync("/learn")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = NewPassword })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
