using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace HocVuSo.Tests.Features.Security;

/// <summary>
/// Attempts at one account are limited whatever addresses they come from (<c>RateLimits:Account</c>):
/// a password spray from many addresses at one name is refused with 429 and <c>Retry-After</c>, an
/// unknown name exactly like an existing one, while other accounts still sign in.
/// </summary>
public class AccountRateLimitTests
{
    private static readonly Dictionary<string, string?> Limits = new()
    {
        // Per address: more than any one address sends here, so every refusal below is the account's limit.
        ["RateLimits:SignIn:PermitLimit"] = "30",
        ["RateLimits:SignIn:WindowSeconds"] = "600",
        ["RateLimits:Activation:PermitLimit"] = "30",
        ["RateLimits:Activation:WindowSeconds"] = "600",
        ["RateLimits:Account:PermitLimit"] = "10",
        ["RateLimits:Account:WindowSeconds"] = "300",
    };

    [Fact]
    public async Task ASprayFromManyAddresses_IsStoppedAtTheAccount_UnknownNamesAlike_WhileOtherAccountsSignIn()
    {
        await using var app = await TestApp.StartOwnAsync("Sqlite", Limits);
        var server = app.App.GetTestServer();

        // Eleven wrong passwords for one officer, the name written three ways, each from an address of its own.
        string[] spellings = ["officer.eatrang", "  OFFICER.EATRANG ", "Officer.EaTrang"];
        var known = new List<Answer>();
        for (var i = 0; i < 11; i++)
        {
            known.Add(await TokenAsync(server, $"10.1.0.{i + 1}", spellings[i % 3], "Sai-mat-khau-" + i));
        }

        known.Take(10).ShouldAllBe(a => a.Status == StatusCodes.Status401Unauthorized);
        ShouldBeTheLimit(known[10]);
        // The right password does not get through either, from yet another address.
        ShouldBeTheLimit(await TokenAsync(server, "10.1.0.99", "officer.eatrang", TestApp.Password));

        // A name nobody has is answered exactly the same way.
        var unknown = new List<Answer>();
        for (var i = 0; i < 11; i++)
        {
            unknown.Add(await TokenAsync(server, $"10.2.0.{i + 1}", "khong.ai.co.ten.nay", "Sai-mat-khau-" + i));
        }

        unknown.Select(a => a.Status).ShouldBe(known.Select(a => a.Status));
        unknown.Take(10).Select(a => a.Code).ShouldBe(known.Take(10).Select(a => a.Code));
        ShouldBeTheLimit(unknown[10]);

        // A phone is one account however it is written (the sign-in's normalisation); its sign-up already signed in once.
        var (_, phone) = await app.CreateLearnerAsync();
        string[] phones = [phone, "+84" + phone[1..], $"{phone[..4]} {phone[4..7]} {phone[7..]}", $"{phone[..4]}.{phone[4..7]}.{phone[7..]}"];
        for (var i = 0; i < 9; i++)
        {
            (await TokenAsync(server, $"10.3.0.{i + 1}", phones[i % phones.Length], "Sai-mat-khau")).Status.ShouldBe(StatusCodes.Status401Unauthorized);
        }

        ShouldBeTheLimit(await TokenAsync(server, "10.3.0.50", phones[1], TestApp.Password));

        // Another account still signs in, even from an address that took part in the spray.
        (await TokenAsync(server, "10.1.0.1", "officer.bacninh", TestApp.Password)).Status.ShouldBe(StatusCodes.Status200OK);
    }

    [Fact]
    public async Task TheSignInPage_AndActivationCodes_AreLimitedPerAccount_WithTheVietnamese429()
    {
        await using var app = await TestApp.StartOwnAsync("Sqlite", Limits);
        var client = app.CreateClient();

        for (var i = 0; i < 10; i++)
        {
            (await SignInPageAsync(client, "author", "Sai-mat-khau-" + i)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var refused = await SignInPageAsync(client, " AUTHOR", TestApp.Password);
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 300);
        (await refused.ParseAsync()).QuerySelector("main h1")!.TextContent.ShouldBe("Quá nhiều yêu cầu");
        // The same browser, at the same address, signs in to another account.
        (await SignInPageAsync(client, "officer.bacninh", TestApp.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Activation codes guessed for one phone from many addresses.
        var server = app.App.GetTestServer();
        var activations = new List<Answer>();
        for (var i = 0; i < 11; i++)
        {
            activations.Add(await PostJsonAsync(server, $"10.4.0.{i + 1}", "/api/v1/auth/activate", new { phoneOrEmail = i % 2 == 0 ? "0987 654 321" : "+84987654321", code = "1234567" + i % 10, password = "Mat-khau-moi-2026" }));
        }

        activations.Take(10).ShouldAllBe(a => a.Status != StatusCodes.Status429TooManyRequests);
        ShouldBeTheLimit(activations[10]);
    }

    private sealed record Answer(int Status, string? Code, string? Title, string? RetryAfter);

    private static void ShouldBeTheLimit(Answer answer)
    {
        answer.Status.ShouldBe(StatusCodes.Status429TooManyRequests);
        answer.Code.ShouldBe("http.too_many_requests");
        answer.Title.ShouldBe("Quá nhiều yêu cầu");
        int.Parse(answer.RetryAfter!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 300);
    }

    private static Task<Answer> TokenAsync(TestServer server, string address, string userName, string password) =>
        PostJsonAsync(server, address, "/api/v1/auth/token", new { userName, password });

    /// <summary>A JSON POST as if it came from <paramref name="address"/>.</summary>
    private static async Task<Answer> PostJsonAsync(TestServer server, string address, string path, object body)
    {
        using var client = new HttpClient(server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address))) { BaseAddress = new Uri("http://localhost") };
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        string? code = null, title = null;
        if (text.StartsWith('{'))
        {
            var json = JsonSerializer.Deserialize<JsonElement>(text);
            code = json.TryGetProperty("code", out var c) ? c.GetString() : null;
            title = json.TryGetProperty("title", out var t) ? t.GetString() : null;
        }

        return new Answer((int)response.StatusCode, code, title, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static Task<HttpResponseMessage> SignInPageAsync(HttpClient client, string userName, string password) =>
        client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });
}
