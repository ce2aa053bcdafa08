using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Reporting;

/// <summary>
/// Configuration section <c>Reporting:Deadlines</c>: the day of the month after the reported one
/// by which reports are due. The provinces' directives set the 20th for communes and the 25th for
/// the provincial summary; a province may set other days.
/// </summary>
public sealed class ReportingDeadlines
{
    public const string Section = "Reporting:Deadlines";

    /// <summary>Communes submit the month's report by this day of the same month.</summary>
    public int CommuneDay { get; set; } = 20;

    /// <summary>The province issues its summary of the month by this day of the same month.</summary>
    public int ProvinceDay { get; set; } = 25;

    public DateOnly CommuneDue(DateOnly period) => new(period.Year, period.Month, CommuneDay);

    public DateOnly ProvinceDue(DateOnly period) => new(period.Year, period.Month, ProvinceDay);
}

internal sealed class ReportingDeadlinesValidator : IValidateOptions<ReportingDeadlines>
{
    public ValidateOptionsResult Validate(string? name, ReportingDeadlines options)
    {
        var failures = new List<string>();
        if (options.CommuneDay is < 1 or > 28)
        {
            failures.Add($"{ReportingDeadlines.Section}:CommuneDay must be a day from 1 to 28 (every month has it); it is {options.CommuneDay}.");
        }

        if (options.ProvinceDay is < 1 or > 28)
        {
            failures.Add($"{ReportingDeadlines.Section}:ProvinceDay must be a day from 1 to 28; it is {options.ProvinceDay}.");
        }

        if (options.ProvinceDay < options.CommuneDay)
        {
            failures.Add($"{ReportingDeadlines.Section}:ProvinceDay ({options.ProvinceDay}) comes before CommuneDay ({options.CommuneDay}): the province sums the communes' reports, so it is due after them.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
