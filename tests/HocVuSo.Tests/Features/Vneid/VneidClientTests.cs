using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Vneid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace HocVuSo.Tests.Features.Vneid;

/// <summary>The HTTP client of the VNeID confirmation API against the in-process sandbox, with each of its switches.</summary>
public class VneidClientTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    internal static string NewNumber() => "066190" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static VneidConfirmation Confirmation(string number, string serial = "HVS-2026-000123") =>
        new(number, "H'Hen Niê", serial, new DateOnly(2026, 11, 20), "2026.1", "24445");

    private static async Task<IVneidClient> ClientAsync(TestApp app)
    {
        await Task.CompletedTask;
        return app.Services.CreateScope().ServiceProvider.GetRequiredService<IVneidClient>();
    }

    internal static async Task SwitchAsync(TestApp app, string mode, string prefix)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/sandbox/vneid/switches", new { mode, keyPrefix = prefix });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var switches = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (mode == "normal")
        {
            switches.GetProperty("prefixes").TryGetProperty(prefix, out _).ShouldBeFalse();
        }
        else
        {
            switches.GetProperty("prefixes").GetProperty(prefix).GetString().ShouldBe(mode);
        }
    }

    internal static async Task<JsonElement[]> ReceivedAsync(TestApp app, string prefix) =>
        (await app.CreateClient().GetFromJsonAsync<JsonElement[]>($"/sandbox/vneid/api/confirmations?keyPrefix={prefix}"))!;

    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..10] + "-";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Normal_AcknowledgesOnce_AndARepeatGetsTheSameAcknowledgement(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await ClientAsync(app);
        var prefix = Prefix();
        var number = NewNumber();

        var first = await client.ConfirmAsync(Confirmation(number), prefix + "1", CancellationToken.None);
        var repeat = await client.ConfirmAsync(Confirmation(number), prefix + "1", CancellationToken.None);

        first.AlreadyRecorded.ShouldBeFalse();
        first.AcknowledgementId.ShouldStartWith("ack-");
        repeat.AlreadyRecorded.ShouldBeTrue();
        repeat.AcknowledgementId.ShouldBe(first.AcknowledgementId);
        repeat.AcknowledgedAt.ShouldBe(first.AcknowledgedAt, TimeSpan.FromMilliseconds(1));
        var received = (await ReceivedAsync(app, prefix)).ShouldHaveSingleItem();
        received.GetProperty("receivedCount").GetInt32().ShouldBe(2);
        received.GetProperty("personalIdMasked").GetString().ShouldBe("066•••••••" + number[^2..]);
        received.GetRawText().ShouldNotContain(number);
        var row = await app.ExecuteDbAsync(db => db.VneidSandboxConfirmations.SingleAsync(c => c.IdempotencyKey == prefix + "1"));
        row.PersonalIdHash.ShouldNotContain(number);
        row.PersonalIdHash.Length.ShouldBe(64);
        row.CertificateSerial.ShouldBe("HVS-2026-000123");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Error500_Throws_AndNothingIsRecorded_UntilTheSandboxRecovers(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await ClientAsync(app);
        var prefix = Prefix();
        await SwitchAsync(app, "error500", prefix);

        var failure = await Should.ThrowAsync<VneidException>(() => client.ConfirmAsync(Confirmation(NewNumber()), prefix + "1", CancellationToken.None));
        failure.Status.ShouldBe(HttpStatusCode.InternalServerError);
        failure.Message.ShouldBe("VNeID answered 500 Internal Server Error (sandbox_error500).");
        (await ReceivedAsync(app, prefix)).ShouldBeEmpty();

        await SwitchAsync(app, "normal", prefix);
        (await client.ConfirmAsync(Confirmation(NewNumber()), prefix + "1", CancellationToken.None)).AlreadyRecorded.ShouldBeFalse();
        (await ReceivedAsync(app, prefix)).ShouldHaveSingleItem().GetProperty("receivedCount").GetInt32().ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Timeout_Throws_AfterTheClientTimeout_AndTheRetryIsRecognised(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await ClientAsync(app);
        var prefix = Prefix();
        var number = NewNumber();
        await SwitchAsync(app, "timeout", prefix);

        var watch = Stopwatch.StartNew();
        var failure = await Should.ThrowAsync<TimeoutException>(() => client.ConfirmAsync(Confirmation(number), prefix + "1", CancellationToken.None));
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(8));
        failure.Message.ShouldBe("VNeID did not answer within 2 s.");

        // The sandbox recorded it before the answer was lost: the retry is acknowledged as known.
        await SwitchAsync(app, "normal", prefix);
        var retry = await client.ConfirmAsync(Confirmation(number), prefix + "1", CancellationToken.None);
        retry.AlreadyRecorded.ShouldBeTrue();
        var received = (await ReceivedAsync(app, prefix)).ShouldHaveSingleItem();
        received.GetProperty("receivedCount").GetInt32().ShouldBe(2);
        received.GetProperty("acknowledgementId").GetString().ShouldBe(retry.AcknowledgementId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DuplicateAck_IsAnAcknowledgementOfARecordAlreadyThere(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await ClientAsync(app);
        var prefix = Prefix();
        var number = NewNumber();
        await SwitchAsync(app, "duplicateAck", prefix);

        var first = await client.ConfirmAsync(Confirmation(number), prefix + "1", CancellationToken.None);
        var second = await client.ConfirmAsync(Confirmation(number), prefix + "1", CancellationToken.None);

        first.AlreadyRecorded.ShouldBeTrue();
        second.AlreadyRecorded.ShouldBeTrue();
        second.AcknowledgementId.ShouldBe(first.AcknowledgementId);
        (await ReceivedAsync(app, prefix)).ShouldHaveSingleItem().GetProperty("receivedCount").GetInt32().ShouldBe(2);
        await SwitchAsync(app, "normal", prefix);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sandbox_RefusesStrangers_MissingKeys_AndAKeyReusedForOtherContent(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await ClientAsync(app);
        var prefix = Prefix();
        var http = app.CreateClient();
        var body = new { personalIdNumber = NewNumber(), fullName = "A", certificateSerial = "S", certifiedOn = "2026-11-20", ruleVersion = "1", communeCode = "24445" };

        (await http.PostAsJsonAsync("/sandbox/vneid/api/confirmations", body)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var noKey = new HttpRequestMessage(HttpMethod.Post, "/sandbox/vneid/api/confirmations") { Content = JsonContent.Create(body) };
        noKey.Headers.Authorization = new("Basic", Convert.ToBase64String("hocvuso-sandbox:sandbox-secret-not-for-production"u8.ToArray()));
        var missing = await http.SendAsync(noKey);
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("idempotency_key_required");

        await client.ConfirmAsync(Confirmation(NewNumber(), "SERIAL-A"), prefix + "1", CancellationToken.None);
        var reused = await Should.ThrowAsync<VneidException>(() => client.ConfirmAsync(Confirmation(NewNumber(), "SERIAL-B"), prefix + "1", CancellationToken.None));
        reused.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ReceivedAsync(app, prefix)).ShouldHaveSingleItem().GetProperty("certificateSerial").GetString().ShouldBe("SERIAL-A");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task SandboxPages_AreLabelled_AndShowWhatWasReceived(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var client = await ClientAsync(app);
        var number = NewNumber();
        var key = Prefix() + "page";
        await client.ConfirmAsync(Confirmation(number, "SERIAL-PAGE-" + key), key, CancellationToken.None);
        var http = app.CreateClient();

        var index = await http.GetPageAsync("/sandbox/vneid");
        index.QuerySelector(".sandbox-banner")!.TextContent.Trim().ShouldBe("MÔI TRƯỜNG THỬ NGHIỆM VNeID — không phải VNeID thật");
        index.QuerySelector("#confirmations")!.TextContent.ShouldContain("SERIAL-PAGE-" + key);
        index.DocumentElement.OuterHtml.ShouldNotContain(number);
        var authorize = await http.GetPageAsync("/sandbox/vneid/authorize?response_type=code&client_id=hocvuso-sandbox&redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-vneid&state=x");
        authorize.QuerySelector(".sandbox-banner")!.TextContent.ShouldContain("không phải VNeID thật");
        authorize.QuerySelector("#vneid-authorize").ShouldNotBeNull();
        var wrongClient = await http.GetPageAsync("/sandbox/vneid/authorize?response_type=code&client_id=other&redirect_uri=http%3A%2F%2Flocalhost%2Fsignin-vneid");
        wrongClient.QuerySelector("#vneid-authorize").ShouldBeNull();
        wrongClient.QuerySelector(".error")!.TextContent.ShouldContain("invalid_client");
        var elsewhere = await http.GetPageAsync("/sandbox/vneid/authorize?response_type=code&client_id=hocvuso-sandbox&redirect_uri=http%3A%2F%2Fevil.example%2Fsteal");
        elsewhere.QuerySelector(".error")!.TextContent.ShouldContain("invalid_redirect_uri");
    }

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Testing", null, false)]
    [InlineData("Testing", "true", true)]
    [InlineData("Staging", "true", true)]
    [InlineData("Production", "true", false)]
    [InlineData("Production", null, false)]
    public void Sandbox_IsOnlyOn_InDevelopmentOrWhenAskedOutsideProduction(string environment, string? enabled, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Vneid:Sandbox:Enabled"] = enabled }).Build();
        VneidSandbox.IsEnabled(new Environment(environment), configuration).ShouldBe(expected);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "hocvuso";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
