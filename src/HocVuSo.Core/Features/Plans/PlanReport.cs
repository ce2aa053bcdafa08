using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// "Báo cáo kết quả thực hiện Kế hoạch" for a period: the plan's tasks with their state and the
/// progress of their targets on the period's last day (or today, if earlier), and the updates
/// recorded in the period with their evidence. The heading names the plan's issuing body and,
/// for a commune's plan, its province; the document is dated today.
/// </summary>
public sealed record PlanReportDto(
    int PlanId, string PlanNumber, string PlanTitle, DateOnly? PlanIssuedOn, string Unit, string UnitName, int UnitLevel, string ProvinceName,
    string IssuingBody, string Place, DateOnly From, DateOnly To, DateOnly DocumentDate, string? Signer, string? SignerTitle,
    IReadOnlyList<PlanSectionDto> Sections, IReadOnlyList<PlanTaskDto> Tasks);

public static class GetPlanReport
{
    public sealed record Query(int PlanId, string? From, string? To);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, TaskProgressReader progress)
    {
        public async Task<Result<PlanReportDto>> HandleAsync(Query query, CancellationToken ct)
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

            var errors = new List<Error>();
            var from = ParseDay(query.From, "from", errors);
            var to = ParseDay(query.To, "to", errors);
            if (errors.Count == 0 && to < from)
            {
                errors.Add(Errors.Invalid("plans.report_period_reversed", "to", VietnameseFormat.Date(from), VietnameseFormat.Date(to)));
            }

            if (errors.Count > 0)
            {
                return Result<PlanReportDto>.Fail(errors);
            }

            var today = clock.TodayInVietnam();
            var asOf = to < today ? to : today;
            var dto = await PlanReading.ReadAsync(db, progress, plan, asOf, ct);
            var tasks = dto.Tasks.Select(t => t with { Updates = t.Updates.Where(u => u.Date >= from && u.Date <= to).ToList() }).ToList();
            var unit = await db.Units.AsNoTracking().FirstAsync(u => u.Id == plan.UnitId, ct);
            var province = unit.Level == UnitLevel.Province ? unit
                : await db.Units.AsNoTracking().ValidOn(today).FirstOrDefaultAsync(u => u.Code == unit.ProvinceCode && u.Level == UnitLevel.Province, ct);
            return new PlanReportDto(plan.Id, plan.Number, plan.Title, plan.IssuedOn, unit.Code, unit.FullName, unit.Level, province?.FullName ?? string.Empty,
                plan.IssuingBody, unit.Name, from, to, today, plan.Signer, plan.SignerTitle, dto.Sections, tasks);
        }

        private static DateOnly ParseDay(string? value, string field, List<Error> errors)
        {
            if (DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            errors.Add(Errors.Invalid("plans.report_date_invalid", field, value ?? string.Empty));
            return default;
        }
    }
}
