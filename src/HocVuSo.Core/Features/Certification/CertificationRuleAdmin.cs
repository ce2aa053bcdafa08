using System.Globalization;
using System.Text.RegularExpressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Learning;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>A certification rule as the API shows it.</summary>
public sealed record CertificationRuleView(
    string Version, string CourseSlug, string QuizSlug, IReadOnlyList<string> RequiredDomains, string? TargetGroup, string? Campaign,
    string AssistedPolicy, bool Active, DateOnly EffectiveFrom)
{
    internal static CertificationRuleView From(CertificationRule r) => new(
        r.Version, r.CourseSlug, r.QuizSlug, r.RequiredDomains.Split(',', StringSplitOptions.RemoveEmptyEntries), r.TargetGroup, r.Campaign,
        CertificationRuleAdmin.PolicyName(r.AssistedPolicy), r.Active, r.EffectiveFrom);
}

public static partial class CertificationRuleAdmin
{
    private static readonly Dictionary<string, AssistedEvidencePolicy> Policies = new(StringComparer.Ordinal)
    {
        ["unassisted-check-or-sign-off"] = AssistedEvidencePolicy.UnassistedCheckOrSignOff,
        ["sign-off-only"] = AssistedEvidencePolicy.SignOffOnly,
        ["unassisted-check-only"] = AssistedEvidencePolicy.UnassistedCheckOnly,
    };

    public static string PolicyName(AssistedEvidencePolicy policy) => Policies.First(p => p.Value == policy).Key;

    /// <summary>The rules, newest first (staff).</summary>
    public sealed class ListHandler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<IReadOnlyList<CertificationRuleView>>> HandleAsync(CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.IsStaff)
            {
                return Errors.Forbidden();
            }

            var rules = await db.CertificationRules.AsNoTracking().OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id).ToListAsync(ct);
            return rules.Select(CertificationRuleView.From).ToList();
        }
    }

    public sealed record AddCommand(
        string? Version, string? CourseSlug, string? QuizSlug, IReadOnlyList<string>? RequiredDomains, string? TargetGroup, string? Campaign,
        string? AssistedPolicy, DateOnly? EffectiveFrom);

    /// <summary>
    /// An administrator adds a new version of the rule (rules are never edited: certifications keep
    /// the version they were decided under). The newest active standing rule already effective is
    /// the one applied; a rule with a campaign or target group is kept for those and not applied to everyone.
    /// The required domains and the assisted policy left out are carried over from the course's
    /// previous standing version (a missing field never silently loosens the rule); an empty list
    /// of domains says "none".
    /// </summary>
    public sealed partial class AddHandler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<CertificationRuleView>> HandleAsync(AddCommand command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageUnits))
            {
                return Errors.Forbidden();
            }

            var errors = new List<Error>();
            var version = VietnameseText.Clean(command.Version);
            if (!VersionPattern().IsMatch(version))
            {
                errors.Add(Errors.Invalid("certification_rule.version_invalid", "version"));
            }
            else if (await db.CertificationRules.AnyAsync(r => r.Version == version, ct))
            {
                errors.Add(Errors.Conflict("certification_rule.version_taken", "version", version));
            }

            var courseSlug = VietnameseText.Clean(command.CourseSlug);
            var quizSlug = VietnameseText.Clean(command.QuizSlug) is { Length: > 0 } q ? q : "final";
            var quiz = await db.Quizzes.AsNoTracking()
                .Where(x => x.Slug == quizSlug && x.CourseVersion!.Course!.Slug == courseSlug && x.CourseVersion.Course.CurrentVersionId == x.CourseVersionId)
                .FirstOrDefaultAsync(ct);
            if (quiz is null)
            {
                errors.Add(Errors.Invalid("certification_rule.quiz_unknown", "quizSlug", courseSlug, quizSlug));
            }

            var previous = await db.CertificationRules.AsNoTracking()
                .Where(r => r.CourseSlug == courseSlug && r.Campaign == null && r.TargetGroup == null)
                .OrderByDescending(r => r.EffectiveFrom).ThenByDescending(r => r.Id)
                .Select(r => new { r.RequiredDomains, r.AssistedPolicy }).FirstOrDefaultAsync(ct);
            var requested = command.RequiredDomains ?? previous?.RequiredDomains.Split(',', StringSplitOptions.RemoveEmptyEntries) ?? [];
            var domains = requested.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct().ToList();
            var tested = quiz?.Competencies.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(CompetencyFramework.DomainOf).ToHashSet() ?? [];
            foreach (var domain in domains.Where(d => quiz is not null && !tested.Contains(d)))
            {
                errors.Add(Errors.Invalid("certification_rule.domain_not_tested", "requiredDomains", domain, quizSlug));
            }

            var policyName = (command.AssistedPolicy ?? (previous is null ? "unassisted-check-or-sign-off" : PolicyName(previous.AssistedPolicy))).Trim().ToLowerInvariant();
            if (!Policies.TryGetValue(policyName, out var policy))
            {
                errors.Add(Errors.Invalid("certification_rule.policy_invalid", "assistedPolicy", string.Join(", ", Policies.Keys)));
            }

            var group = VietnameseText.Clean(command.TargetGroup);
            if (group.Length > 0 && !GetCatalogue.TargetGroups.Contains(group))
            {
                errors.Add(Errors.Invalid("certification_rule.group_invalid", "targetGroup", string.Join(", ", GetCatalogue.TargetGroups)));
            }

            if (errors.Count > 0)
            {
                return Result<CertificationRuleView>.Fail(errors);
            }

            var now = clock.UtcNow();
            var rule = new CertificationRule
            {
                Version = version,
                CourseSlug = courseSlug,
                QuizSlug = quizSlug,
                RequiredDomains = string.Join(',', domains),
                TargetGroup = group.Length == 0 ? null : group,
                Campaign = VietnameseText.Clean(command.Campaign) is { Length: > 0 } c ? c[..Math.Min(c.Length, 100)] : null,
                AssistedPolicy = policy,
                EffectiveFrom = command.EffectiveFrom ?? clock.TodayInVietnam(),
                CreatedAt = now,
            };
            db.CertificationRules.Add(rule);
            AuditLog.Record(db, scope, now, "certification.rule_added", nameof(CertificationRule), version, "/",
                newValue: new { rule.CourseSlug, rule.QuizSlug, rule.RequiredDomains, rule.TargetGroup, rule.Campaign, policy = policyName, effectiveFrom = rule.EffectiveFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(ct);
            return CertificationRuleView.From(rule);
        }

        [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,39}$")]
        private static partial Regex VersionPattern();
    }
}
