using HocVuSo.Core.Common;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Pages;

/// <summary>What an import page shows after an upload: counts, then each rejected row with its reason.</summary>
public sealed record ImportReportView(int Saved, int Skipped, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    public static ImportReportView From(ImportReport report, ErrorMessages messages, IReadOnlyList<string>? notes = null) =>
        new(report.Saved, report.Skipped, report.RowErrors.Select(messages.Describe).ToList(), notes ?? []);
}
