using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Vneid;

/// <summary>
/// The sandbox in the real executable on Kestrel: sign-in with VNeID where the platform reaches
/// the sandbox at its own listening address, confirmations that survive a SIGKILL and restart,
/// and no sandbox at all in Production.
/// </summary>
public class VneidSandboxProcessTests
{
    [Fact]
    public async Task RealServer_SignsInThroughTheSandbox_KeepsConfirmationsAcrossAKill_AndHasNoSandboxInProduction()
    {
        await using var platform = new PlatformProcess(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Vneid__Sandbox__Enabled"] = "true",
            ["Outbox__WorkerEnabled"] = "false",
        });
        await platform.StartAsync();
        var number = VneidClientTests.NewNumber();

        // Sign-in: the browser goes to the relative /sandbox/vneid/authorize; the server exchanges the code at its own address.
        var browser = platform.CreateClient();
        var challenge = await browser.SubmitFormAsync("/Account/Login", new Dictionary<string, string>(), "handler=Vneid");
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect, platform.Output);
        var back = await browser.SubmitFormAsync(challenge.Headers.Location!.OriginalString, new Dictionary<string, string>
        {
            ["Citizen"] = "-1", ["FullName"] = "Ksor Thị Hoa", ["PersonalIdNumber"] = number, ["BirthYear"] = "1990", ["Gender"] = "female",
        });
        back.Headers.Location!.GetLeftPart(UriPartial.Path).ShouldBe(platform.BaseUrl + "/signin-vneid");
        var callback = await browser.GetAsync(back.Headers.Location);
        callback.Headers.Location!.OriginalString.ShouldStartWith("/Account/VneidCallback", customMessage: platform.Output);
        var linked = await browser.GetAsync(callback.Headers.Location);
        linked.Headers.Location!.OriginalString.ShouldStartWith("/Account/VneidCommune");
        (await browser.GetFromJsonAsync<JsonElement>("/api/v1/identity/me")).GetProperty("masked").GetString().ShouldBe("066•••••••" + number[^2..]);

        // A confirmation recorded before a SIGKILL is recognised after the restart.
        var key = "process-" + Guid.NewGuid().ToString("N");
        var first = await ConfirmAsync(platform, key, number);
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var ack = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgementId").GetString();
        platform.Kill();
        await platform.StartAsync();
        var repeat = await ConfirmAsync(platform, key, number);
        repeat.StatusCode.ShouldBe(HttpStatusCode.OK);
        var repeated = await repeat.Content.ReadFromJsonAsync<JsonElement>();
        repeated.GetProperty("acknowledgementId").GetString().ShouldBe(ack);
        repeated.GetProperty("alreadyRecorded").GetBoolean().ShouldBeTrue();
        using (var http = platform.CreateClient())
        {
            var received = (await http.GetFromJsonAsync<JsonElement[]>($"/sandbox/vneid/api/confirmations?keyPrefix={key}"))!.ShouldHaveSingleItem();
            received.GetProperty("receivedCount").GetInt32().ShouldBe(2);
        }

        platform.Output.ShouldNotContain(number);

        // Production: no sandbox, whatever the configuration says, and no VNeID button.
        platform.Kill();
        platform.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        await platform.StartAsync();
        using var production = platform.CreateClient();
        (await production.GetAsync("/sandbox/vneid")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await production.GetAsync("/sandbox/vneid/authorize?response_type=code&client_id=hocvuso-sandbox")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ConfirmAsync(platform, key, number)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await production.GetStringAsync("/Account/Login")).ShouldNotContain("vneid-button");
    }

    private static async Task<HttpResponseMessage> ConfirmAsync(PlatformProcess platform, string key, string number)
    {
        using var http = platform.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sandbox/vneid/api/confirmations")
        {
            Content = JsonContent.Create(new { personalIdNumber = number, fullName = "Ksor Thị Hoa", certificateSerial = "HVS-P-1", certifiedOn = "2026-11-20", ruleVersion = "2026.1", communeCode = "24445" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        request.Headers.Authorization = new("Basic", Convert.ToBase64String("hocvuso-sandbox:sandbox-secret-not-for-production"u8.ToArray()));
        var response = await http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
