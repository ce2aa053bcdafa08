using System.Globalization;
using System.Text;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Reporting;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>One figure of a draft, with where it comes from, its change from last month and where it stands against the target.</summary>
public sealed record DraftFigure(
    string Code, string Name, string Unit, decimal? Value, decimal? Numerator, decimal? Denominator, decimal? Reported, decimal? Computed,
    decimal? Previous, decimal? Change, decimal? Target, DateOnly? TargetDeadline, decimal? TargetGap, string Light, string Source);

/// <summary>A text the assistant drafted: always a draft, for a person to check, change and send themselves.</summary>
public sealed record DraftDto(string Unit, string Period, string Text, IReadOnlyList<DraftFigure> Figures, bool Draft = true);

/// <summary>
/// The narrative of a unit's monthly report ("Trong tháng 10/2026, xã Ea Trang…"), written from a
/// template out of the very figures the dashboard shows (<see cref="GetDashboard"/>, for the month
/// and the month before; nothing is computed a second time): each indicator with its value, the
/// change from last month, the target in force and how far from it, and a link to its source. Scoped
/// as the dashboard is, and to those who write reports. Never sent: it is returned as a draft.
/// </summary>
public static class DraftMonthlyReport
{
    public sealed record Command(string? Unit, string? Period);

    public sealed class Handler(GetDashboard.Handler dashboard, ScopeService scopes)
    {
        public async Task<Result<DraftDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.EditReports) && !scope.Has(Permission.ApproveReports))
            {
                return Errors.Forbidden();
            }

            if (string.IsNullOrWhiteSpace(command.Unit))
            {
                return Errors.Invalid("assistant.draft_unit_required", "unit");
            }

            if (!VietnameseFormat.TryParsePeriod(command.Period, out var period))
            {
                return Errors.Invalid("assistant.draft_period_invalid", "period", command.Period ?? string.Empty);
            }

            var key = VietnameseFormat.PeriodKey(period);
            var now = await dashboard.HandleAsync(new GetDashboard.Query(command.Unit.Trim(), key), ct);
            if (!now.IsSuccess)
            {
                return Result<DraftDto>.Fail(now.Errors);
            }

            var before = await dashboard.HandleAsync(new GetDashboard.Query(command.Unit.Trim(), VietnameseFormat.PeriodKey(period.AddMonths(-1))), ct);
            var previous = before.IsSuccess ? before.Value!.Indicators.ToDictionary(i => i.Code, i => i.Value, StringComparer.Ordinal) : [];
            var unit = now.Value!.Unit;
            var figures = now.Value.Indicators
                .Select(i =>
                {
                    var last = previous.GetValueOrDefault(i.Code);
                    return new DraftFigure(
                        i.Code, i.Name, i.Unit.ToString(), i.Value, i.Numerator, i.Denominator, i.Reported, i.Computed,
                        last, i.Value is { } v && last is { } l ? v - l : null,
                        i.Target?.Value, i.Target?.Deadline, i.Value is { } value && i.Target is { } t ? value - t.Value : null, i.Light,
                        $"/units/{unit.Code}/dashboard?period={key}");
                })
                .ToList();
            return new DraftDto(unit.Code, key, DraftWording.MonthlyReport(unit.FullName, period, figures, now.Value.Indicators.Any(i => i.ReportedStatus is not null)), figures);
        }
    }
}

/// <summary>The Vietnamese templates of the drafts (the report's own language, whatever the reader's).</summary>
public static class DraftWording
{
    public const string Notice = "(Bản nháp do trợ lý soạn từ số liệu của nền tảng. Cán bộ kiểm tra, chỉnh sửa trước khi dùng; hệ thống không tự gửi.)";

    public static string MonthlyReport(string fullName, DateOnly period, IReadOnlyList<DraftFigure> figures, bool ownFigures)
    {
        var text = new StringBuilder();
        var month = VietnameseFormat.MonthAndYear(period);
        var previous = VietnameseFormat.MonthAndYear(period.AddMonths(-1));
        // The unit's official name with its kind as written ("Xã Ea Trang" → "xã Ea Trang"); the
        // kind field holds a code without diacritics.
        var place = Lower(fullName);
        var known = figures.Where(f => f.Value is not null).ToList();
        if (known.Count == 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"Trong tháng {month}, {place} chưa có số liệu về phong trào “Bình dân học vụ số” trên nền tảng.");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"Trong tháng {month}, {place} triển khai phong trào “Bình dân học vụ số” với kết quả như sau:");
            foreach (var f in known)
            {
                text.Append("\n- ").Append(f.Name).Append(": ").Append(Show(f.Value!.Value, f.Unit));
                if (f.Unit == nameof(IndicatorUnit.Percent) && f.Numerator is { } n && f.Denominator is { } d)
                {
                    text.Append(CultureInfo.InvariantCulture, $" ({VietnameseFormat.Number(n, 0)}/{VietnameseFormat.Number(d, 0)})");
                }

                text.Append(f.Change switch
                {
                    null => $", chưa có số liệu tháng {previous} để so sánh",
                    0 => $", không đổi so với tháng {previous}",
                    > 0 => $", tăng {Show(f.Change.Value, f.Unit)} so với tháng {previous}",
                    _ => $", giảm {Show(-f.Change.Value, f.Unit)} so với tháng {previous}",
                });
                if (f.Target is { } target)
                {
                    text.Append(CultureInfo.InvariantCulture, $"; mục tiêu {Show(target, f.Unit)}");
                    if (f.TargetDeadline is { } deadline)
                    {
                        text.Append(" đến ").Append(VietnameseFormat.Date(deadline));
                    }

                    text.Append(f.TargetGap >= 0 ? ", đã đạt" : $", còn thiếu {Show(-f.TargetGap!.Value, f.Unit)}");
                }

                text.Append('.');
            }
        }

        if (ownFigures)
        {
            text.Append("\nSố liệu báo cáo của tháng chưa được tỉnh duyệt.");
        }

        text.Append('\n').Append(Notice);
        return text.ToString();
    }

    public static string Show(decimal value, string unit) => unit == nameof(IndicatorUnit.Percent)
        ? VietnameseFormat.Number(value, 1) + "%"
        : VietnameseFormat.Number(value, value == decimal.Truncate(value) ? 0 : 1);

    private static string Lower(string kind) => kind.Length == 0 ? kind : char.ToLower(kind[0], VietnameseFormat.Culture) + kind[1..];
}
