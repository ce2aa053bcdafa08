using System.Globalization;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>
/// Report months for tests that need a commune's report to themselves. Tests share one app and run
/// in parallel, and a report's cumulative figures are checked against the earlier months of the
/// same year, so a test that writes figures takes a whole past year of its own: the year
/// <c>yearsBack</c> before this one. Years taken: 3 (template merges), 4 (upload limits), 5 (report history), 6 (communications log).
/// </summary>
public static class OwnReportYear
{
    public static string Month(int yearsBack, int month) =>
        new DateOnly(DateTime.UtcNow.AddHours(7).Year - yearsBack, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
