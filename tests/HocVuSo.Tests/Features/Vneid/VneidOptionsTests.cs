using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Vneid;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Vneid;

/// <summary>Settings that cannot work are refused at start; an unconfigured VNeID says so where administrators look.</summary>
public class VneidOptionsTests
{
    [Fact]
    public void VneidSettings_ThatCannotWork_AreRefused()
    {
        var validator = new VneidOptionsValidator();

        validator.Validate(null, new VneidOptions()).Succeeded.ShouldBeTrue();
        validator.Validate(null, new VneidOptions { Authority = "https://id.example.vn", ApiBaseUrl = "https://api.example.vn/v1", ClientId = "c", ClientSecret = "s" }).Succeeded.ShouldBeTrue();
        var bad = validator.Validate(null, new VneidOptions { Authority = "id.example.vn", ApiBaseUrl = "ftp://x", CallbackPath = "signin", TimeoutSeconds = 0 });
        bad.Failed.ShouldBeTrue();
        bad.Failures!.ShouldBe([
            "Vneid:Authority must be an absolute http(s) address.",
            "Vneid:ApiBaseUrl must be an absolute http(s) address.",
            "Vneid:Authority needs Vneid:ClientId and Vneid:ClientSecret.",
            "Vneid:CallbackPath must start with '/'.",
            "Vneid:TimeoutSeconds must be between 0 and 300.",
        ]);
    }

    [Fact]
    public void OutboxSettings_ThatCannotWork_AreRefused()
    {
        var validator = new OutboxOptionsValidator();

        validator.Validate(null, new OutboxOptions()).Succeeded.ShouldBeTrue();
        var bad = validator.Validate(null, new OutboxOptions { PollInterval = TimeSpan.Zero, BatchSize = 0, BackoffBase = TimeSpan.FromMinutes(5), BackoffMax = TimeSpan.FromMinutes(1), MaxAttempts = 0, Lease = TimeSpan.FromSeconds(1) });
        bad.Failures!.Count().ShouldBe(5);
    }

    [Theory]
    [MemberData(nameof(TestApp.Providers), MemberType = typeof(TestApp))]
    public async Task WithoutTheSandboxAndWithoutAnAddress_TheClientExplainsWhatIsMissing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var endpoints = new VneidEndpoints(Options.Create(new VneidOptions()), app.Services.GetRequiredService<IServer>(), new VneidSandbox(false, TimeProvider.System));
        using var http = new HttpClient();
        var client = new HttpVneidClient(http, endpoints, app.Services.GetRequiredService<VneidResilience>(), TimeProvider.System);

        var failure = await Should.ThrowAsync<OutboxDestinationNotConfiguredException>(() => client.ConfirmAsync(
            new VneidConfirmation("066190001234", "A", "S", new DateOnly(2026, 11, 20), "1", "24445"), "k", CancellationToken.None));

        failure.Message.ShouldBe("VNeID is not configured: set Vneid:ApiBaseUrl.");
        endpoints.SignInAvailable.ShouldBeFalse();
        OutboxDispatcher.Describe(failure).ShouldBe("OutboxDestinationNotConfiguredException: VNeID is not configured: set Vneid:ApiBaseUrl.");
    }
}
