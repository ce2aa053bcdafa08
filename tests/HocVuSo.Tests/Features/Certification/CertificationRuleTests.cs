using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>Rules are versions in the database: listed to staff, added by administrators with checked fields, never edited.</summary>
public class CertificationRuleTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rules_AreListed_AddedAsNewVersions_AndChecked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var rules = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/certification/rules");
        var standing = rules!.Single(r => r.GetProperty("version").GetString() == "v1-2026");
        standing.GetProperty("quizSlug").GetString().ShouldBe("final");
        standing.GetProperty("assistedPolicy").GetString().ShouldBe("unassisted-check-or-sign-off");
        (await officer.PostAsJsonAsync("/api/v1/certification/rules", new { version = "x1", courseSlug = "ky-nang-so-co-ban" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var version = "campaign-" + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var add = scope.ServiceProvider.GetRequiredService<CertificationRuleAdmin.AddHandler>();
        var bad = await add.HandleAsync(new CertificationRuleAdmin.AddCommand("V1 2026", "ky-nang-so-co-ban", "khong-co", ["9"], "tre-em", null, "sometimes", null), CancellationToken.None);
        var taken = await add.HandleAsync(new CertificationRuleAdmin.AddCommand("v1-2026", "ky-nang-so-co-ban", "final", null, null, null, null, null), CancellationToken.None);
        var added = await add.HandleAsync(new CertificationRuleAdmin.AddCommand(version, "ky-nang-so-co-ban", "final", ["1", "4"], "citizens", "Chiến dịch thử", "sign-off-only", new DateOnly(2026, 6, 1)), CancellationToken.None);

        bad.Errors.Select(e => e.Code).ShouldBe(["certification_rule.version_invalid", "certification_rule.quiz_unknown", "certification_rule.policy_invalid", "certification_rule.group_invalid"]);
        taken.FirstError.Code.ShouldBe("certification_rule.version_taken");
        added.IsSuccess.ShouldBeTrue();
        added.Value!.RequiredDomains.ShouldBe(["1", "4"]);
        added.Value.AssistedPolicy.ShouldBe("sign-off-only");
        (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/certification/rules"))!.ShouldContain(r => r.GetProperty("version").GetString() == version);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task NewVersion_WithoutPolicyOrDomains_KeepsThePreviousVersions_AndAnEmptyListMeansNone(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var add = scope.ServiceProvider.GetRequiredService<CertificationRuleAdmin.AddHandler>();
        string Version() => "carry-" + Guid.NewGuid().ToString("N")[..8];
        // Far in the future, so no learner is certified under these versions.
        var later = new DateOnly(2099, 1, 1);

        var strict = await add.HandleAsync(new CertificationRuleAdmin.AddCommand(Version(), "ky-nang-so-co-ban", "final", ["1"], null, null, "unassisted-check-only", later), CancellationToken.None);
        var next = await add.HandleAsync(new CertificationRuleAdmin.AddCommand(Version(), "ky-nang-so-co-ban", "final", null, null, null, null, later), CancellationToken.None);
        var none = await add.HandleAsync(new CertificationRuleAdmin.AddCommand(Version(), "ky-nang-so-co-ban", "final", [], null, null, null, later), CancellationToken.None);

        strict.IsSuccess.ShouldBeTrue(string.Join("; ", strict.Errors.Select(e => e.Code)));
        next.Value!.AssistedPolicy.ShouldBe("unassisted-check-only");
        next.Value.RequiredDomains.ShouldBe(["1"]);
        none.Value!.AssistedPolicy.ShouldBe("unassisted-check-only");
        none.Value.RequiredDomains.ShouldBeEmpty();
    }
}
