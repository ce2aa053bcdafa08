using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Privacy;

/// <summary>
/// Configuration section <c>Privacy</c>: the platform's own deadlines for data-subject requests.
/// These are settings of the platform, not periods taken from a law; docs/PRIVACY.md says so.
/// </summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>How long officers have to complete a deletion request (default 30 days); past it the request is shown as overdue.</summary>
    public TimeSpan DeletionDeadline { get; set; } = TimeSpan.FromDays(30);
}

/// <summary>A deadline must leave officers some time and still be a deadline.</summary>
public sealed class PrivacyOptionsValidator : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options) =>
        options.DeletionDeadline < TimeSpan.FromDays(1) || options.DeletionDeadline > TimeSpan.FromDays(365)
            ? ValidateOptionsResult.Fail("Privacy:DeletionDeadline must be between 1 and 365 days.")
            : ValidateOptionsResult.Success;
}
