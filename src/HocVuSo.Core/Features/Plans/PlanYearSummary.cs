using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>A target in the year-end summary: the plan's value, the figure reached (computed where it can be), the latest figure the unit reported.</summary>
public sealed record SummaryTargetDto(string Indicator, string? Text, decimal Target, decimal? Reached, decimal? Reported, bool Met);

public sealed record SummaryTaskDto(string Number, string Title, string? Lead, string State, IReadOnlyList<SummaryTargetDto> Targets, int Updates);

/// <summary>The year's figures a summary is built from: tasks by state, their targets, the communications and classes recorded.</summary>
public sealed record SummaryFiguresDto(DateOnly AsOf, IReadOnlyDictionary<string, int> TasksByState, IReadOnlyList<SummaryTaskDto> Tasks, int Communications, int Classes);

/// <summary>
/// The year-end summary (báo cáo tổng kết) of a plan. While a draft, its figures are the year's
/// figures today; once issued, those it was issued with.
/// </summary>
public sealed record PlanYearSummaryDto(
    int PlanId, string PlanNumber, string PlanTitle, DateOnly? PlanIssuedOn, int Year, string Unit, string UnitName, int UnitLevel, string ProvinceName,
    string IssuingBody, string Place, string? Signer, string? SignerTitle, string Status, string Number, DateOnly? IssuedOn, DateOnly DocumentDate, bool Saved,
    string Results, string? Shortcomings, string? Causes, string? Lessons, string? NextYear, string? Proposals, SummaryFiguresDto Figures);

/// <summary>The text sections of a summary, as the officer writes them (the headings of such reports).</summary>
public sealed record SummaryText(string? Number, string? Results, string? Shortcomings, string? Causes, string? Lessons, string? NextYear, string? Proposals);

/// <summary>Reads a plan's year-end summary: the stored text (empty before the first save) over the year's figures, or the issued snapshot.</summary>
public static class GetPlanYearSummary
{
    public sealed record Query(int PlanId);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, TaskProgressReader progress)
    {
        public async Task<Result<PlanYearSummaryDto>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.PlanId, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", query.PlanId);
            }

            if (scope.Check(Permission.ViewPlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            var summary = await db.PlanSummaries.AsNoTracking().FirstOrDefaultAsync(s => s.PlanId == plan.Id, ct);
            return await YearSummaries.BuildAsync(db, progress, plan, summary, clock.TodayInVietnam(), ct);
        }
    }
}

/// <summary>
/// The commune officer writes the summary's sections while it is a draft: results, limitations,
/// causes, lessons, directions for next year, proposals, and its number and symbol. An issued
/// summary no longer changes (409). Each save is audited with the old and new text.
/// </summary>
public static class SavePlanYearSummary
{
    public sealed record Command(int PlanId, SummaryText Text);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", command.PlanId);
            }

            if (scope.Check(Permission.ManagePlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            var summary = await db.PlanSummaries.FirstOrDefaultAsync(s => s.PlanId == plan.Id, ct);
            if (summary is { Status: SummaryStatus.Issued })
            {
                return Errors.Conflict("plans.summary_issued", null, summary.Number);
            }

            var errors = new List<Error>();
            string? Section(string? text, string field, int max)
            {
                var checkedText = VietnameseText.Check(text, field, max, TextShape.MultiLine);
                if (!checkedText.IsSuccess)
                {
                    errors.AddRange(checkedText.Errors);
                    return null;
                }

                return checkedText.Value!.Length == 0 ? null : checkedText.Value;
            }

            var number = PlanRules.Clean(command.Text.Number) ?? summary?.Number ?? "/BC-UBND";
            if (number.Length > 60)
            {
                errors.Add(Errors.Invalid("text.too_long", "number", 60));
            }

            var results = Section(command.Text.Results, "results", 20000) ?? string.Empty;
            var shortcomings = Section(command.Text.Shortcomings, "shortcomings", 8000);
            var causes = Section(command.Text.Causes, "causes", 8000);
            var lessons = Section(command.Text.Lessons, "lessons", 8000);
            var nextYear = Section(command.Text.NextYear, "nextYear", 8000);
            var proposals = Section(command.Text.Proposals, "proposals", 8000);
            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var now = clock.UtcNow();
            var old = summary is null ? null : YearSummaries.TextOf(summary);
            if (summary is null)
            {
                summary = new PlanSummary { PlanId = plan.Id, Status = SummaryStatus.Draft, Number = number, CreatedAt = now };
                db.PlanSummaries.Add(summary);
            }

            summary.Number = number;
            summary.Results = results;
            summary.Shortcomings = shortcomings;
            summary.Causes = causes;
            summary.Lessons = lessons;
            summary.NextYear = nextYear;
            summary.Proposals = proposals;
            summary.UpdatedAt = now;
            AuditLog.Record(db, scope, now, "plans.summary_saved", nameof(PlanSummary), plan.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                oldValue: old, newValue: YearSummaries.TextOf(summary));
            await db.SaveChangesAsync(ct);
            return summary.Id;
        }
    }
}

/// <summary>
/// Issues the summary: it needs its number (digits and symbol, "15/BC-UBND"), its date (in the
/// plan's year or early the next, not after today) and the results section. Its figures are kept
/// as they stand that day; from then on it is read only. Audited.
/// </summary>
public static partial class IssuePlanYearSummary
{
    public sealed record Command(int PlanId, string? Number, DateOnly? IssuedOn);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, TaskProgressReader progress)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == command.PlanId, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", command.PlanId);
            }

            if (scope.Check(Permission.ManagePlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            var summary = await db.PlanSummaries.FirstOrDefaultAsync(s => s.PlanId == plan.Id, ct);
            if (summary is { Status: SummaryStatus.Issued })
            {
                return Errors.Conflict("plans.summary_issued", null, summary.Number);
            }

            var errors = new List<Error>();
            if (summary is null || summary.Results.Length == 0)
            {
                errors.Add(Errors.Invalid("plans.summary_results_required", "results"));
            }

            var number = PlanRules.Clean(command.Number) ?? summary?.Number ?? string.Empty;
            if (!NumberPattern().IsMatch(number))
            {
                errors.Add(Errors.Invalid("plans.summary_number_invalid", "number", number));
            }

            var today = clock.TodayInVietnam();
            if (command.IssuedOn is not { } issuedOn || issuedOn > today || issuedOn.Year < plan.Year || issuedOn.Year > plan.Year + 1)
            {
                errors.Add(Errors.Invalid("plans.summary_issued_on_invalid", "issuedOn", plan.Year, plan.Year + 1));
                issuedOn = default;
            }

            if (errors.Count > 0)
            {
                return Result<int>.Fail(errors);
            }

            var dto = await YearSummaries.BuildAsync(db, progress, plan, summary, today, ct);
            summary!.Number = number;
            summary.IssuedOn = issuedOn;
            summary.Status = SummaryStatus.Issued;
            summary.Snapshot = JsonSerializer.Serialize(dto.Figures, YearSummaries.Json);
            summary.IssuedByUserId = scope.UserId;
            summary.UpdatedAt = clock.UtcNow();
            AuditLog.Record(db, scope, summary.UpdatedAt, "plans.summary_issued", nameof(PlanSummary), plan.Id.ToString(CultureInfo.InvariantCulture), plan.UnitPath,
                newValue: new { number, issuedOn = issuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            await db.SaveChangesAsync(ct);
            return summary.Id;
        }
    }

    /// <summary>A number and a symbol: "15/BC-UBND".</summary>
    [GeneratedRegex(@"^[0-9]+[a-zA-Z]?/\S{2,50}$")]
    private static partial Regex NumberPattern();
}

internal static class YearSummaries
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static object TextOf(PlanSummary s) =>
        new { number = s.Number, results = s.Results, shortcomings = s.Shortcomings, causes = s.Causes, lessons = s.Lessons, nextYear = s.NextYear, proposals = s.Proposals };

    public static async Task<PlanYearSummaryDto> BuildAsync(AppDbContext db, TaskProgressReader progress, Plan plan, PlanSummary? summary, DateOnly today, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == plan.UnitId, ct);
        var province = unit.Level == UnitLevel.Province ? unit
            : await db.Units.AsNoTracking().ValidOn(today).FirstOrDefaultAsync(u => u.Code == unit.ProvinceCode && u.Level == UnitLevel.Province, ct);
        var figures = summary is { Status: SummaryStatus.Issued, Snapshot: { } snapshot }
            ? JsonSerializer.Deserialize<SummaryFiguresDto>(snapshot, Json)!
            : await FiguresAsync(db, progress, plan, unit, today, ct);
        var issued = summary?.Status == SummaryStatus.Issued;
        return new PlanYearSummaryDto(plan.Id, plan.Number, plan.Title, plan.IssuedOn, plan.Year, unit.Code, unit.FullName, unit.Level, province?.FullName ?? string.Empty,
            plan.IssuingBody, unit.Name, plan.Signer, plan.SignerTitle, issued ? "issued" : "draft", summary?.Number ?? "/BC-UBND", summary?.IssuedOn,
            issued ? summary!.IssuedOn!.Value : today, summary is not null,
            summary?.Results ?? string.Empty, summary?.Shortcomings, summary?.Causes, summary?.Lessons, summary?.NextYear, summary?.Proposals, figures);
    }

    /// <summary>The plan's tasks and targets on the year's last day (or today, if earlier), and the year's communications and classes in the unit.</summary>
    private static async Task<SummaryFiguresDto> FiguresAsync(AppDbContext db, TaskProgressReader progress, Plan plan, Unit unit, DateOnly today, CancellationToken ct)
    {
        var yearEnd = new DateOnly(plan.Year, 12, 31);
        var asOf = yearEnd < today ? yearEnd : today;
        var dto = await PlanReading.ReadAsync(db, progress, plan, asOf, ct);
        var codes = dto.Tasks.SelectMany(t => t.Targets).Select(t => t.Indicator).Distinct().ToList();
        var reported = (await db.IndicatorAggregates.AsNoTracking()
                .Where(a => a.UnitId == unit.Id && codes.Contains(a.Code) && a.Period.Year == plan.Year && a.Source == AggregateSource.Reported)
                .Select(a => new { a.Code, a.Period, a.Value })
                .ToListAsync(ct))
            .GroupBy(a => a.Code)
            .ToDictionary(g => g.Key, g => (decimal?)g.OrderByDescending(a => a.Period).First().Value);
        var tasks = dto.Tasks.Select(t => new SummaryTaskDto(t.Number, t.Title, t.Lead, t.State,
            t.Targets.Select(x => new SummaryTargetDto(x.Indicator, x.Text, x.Value, x.Progress, reported.GetValueOrDefault(x.Indicator), x.Met)).ToList(),
            t.Updates.Count)).ToList();
        var byState = tasks.GroupBy(t => t.State).ToDictionary(g => g.Key, g => g.Count());
        var from = new DateOnly(plan.Year, 1, 1);
        var communications = await db.CommunicationItems.AsNoTracking().CountAsync(i => i.UnitPath.StartsWith(unit.Path) && i.Date >= from && i.Date <= asOf, ct);
        var classes = await db.TrainingClasses.AsNoTracking().CountAsync(c => c.UnitPath.StartsWith(unit.Path) && c.Date >= from && c.Date <= asOf, ct);
        return new SummaryFiguresDto(asOf, byState, tasks, communications, classes);
    }
}
