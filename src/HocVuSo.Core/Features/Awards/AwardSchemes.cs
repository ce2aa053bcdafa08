using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

public sealed record CriterionInput(int? Number, string? Title, int? Weight, int? Scale, string? Source);

public sealed record CouncilInput(string? UserName, string? Role, string? Village, int? Organisation);

public sealed record CriterionDto(int Id, int Number, string Title, int Weight, int Scale, string Source);

public sealed record CouncilMemberDto(int Id, string UserName, string Role, string? Village, int? Organisation);

public sealed record SchemeDto(
    int Id, string Unit, string UnitName, int Year, string Title, string Model, IReadOnlyList<string> Nominee, IReadOnlyList<CriterionDto> Criteria,
    DateOnly Opens, DateOnly Closes, int PassScore, int Quorum, bool AppraisalEnded, IReadOnlyList<CouncilMemberDto>? Council, bool CanManage, bool Illustrative);

/// <summary>
/// Creates an award scheme (mô hình thi đua) of a province or commune for a year, by staff who
/// manage plans there: title, model, nominee kinds, weighted criteria each from the records (a
/// figure that describes one of the allowed kinds) or by attached evidence, the window, pass mark,
/// quorum and council (staff accounts, with role and declared village or organisation). All or nothing; audited.
/// </summary>
public static class CreateAwardScheme
{
    public sealed record Command(
        string? Unit, int? Year, string? Title, string? Model, IReadOnlyList<string>? Nominee, IReadOnlyList<CriterionInput>? Criteria,
        string? Opens, string? Closes, int? PassScore, int? Quorum, IReadOnlyList<CouncilInput>? Council);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<SchemeDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, (command.Unit ?? string.Empty).Trim(), today, Permission.ManagePlans, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;
            var errors = new List<Error>();
            if (unit.Level is not (UnitLevel.Province or UnitLevel.Commune))
            {
                errors.Add(Errors.Invalid("awards.unit_level", "unit", unit.Code));
            }

            if (command.Year is not { } year || year < 2000 || year > today.Year + 1)
            {
                errors.Add(Errors.Invalid("awards.year_invalid", "year", command.Year?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
                year = today.Year;
            }

            var title = AwardRules.Required(command.Title, "title", AwardRules.MaxTitle, errors);
            var model = (command.Model ?? string.Empty).Trim();
            if (!AwardModels.All.Contains(model))
            {
                errors.Add(Errors.Invalid("awards.model_unknown", "model", model, string.Join(", ", AwardModels.All)));
            }

            var kinds = new List<NomineeKind>();
            foreach (var key in command.Nominee ?? [])
            {
                if (!AwardKeys.TryParseKind(key, out var kind))
                {
                    errors.Add(Errors.Invalid("awards.nominee_kind_unknown", "nominee", key ?? string.Empty, string.Join(", ", AwardKeys.KindKeys)));
                }
                else if (!kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }
            }

            if (kinds.Count == 0)
            {
                errors.Add(Errors.Invalid("awards.nominee_required", "nominee"));
            }

            var opens = ParseDay(command.Opens, "opens", errors);
            var closes = ParseDay(command.Closes, "closes", errors);
            if (opens is not null && closes is not null && closes < opens)
            {
                errors.Add(Errors.Invalid("awards.window_invalid", "closes"));
            }

            if (command.PassScore is not (>= 0 and <= 100))
            {
                errors.Add(Errors.Invalid("awards.pass_score_invalid", "passScore"));
            }

            var criteria = Criteria(command.Criteria, kinds, errors);
            var council = await CouncilAsync(command.Council, unit, today, errors, ct);
            if (command.Quorum is not { } quorum || quorum < 1 || quorum > Math.Max(1, council.Count))
            {
                errors.Add(Errors.Invalid("awards.quorum_invalid", "quorum", council.Count));
            }

            if (errors.Count > 0)
            {
                return Result<SchemeDto>.Fail(errors);
            }

            var scheme = new AwardScheme
            {
                UnitId = unit.Id, UnitPath = unit.Path, Year = year, Title = title!, Model = model, NomineeKinds = string.Join(',', kinds.Select(AwardKeys.Key)),
                OpensOn = opens!.Value, ClosesOn = closes!.Value, PassScore = command.PassScore!.Value, Quorum = command.Quorum!.Value,
                CreatedByUserId = scope.UserId, CreatedAt = clock.UtcNow(), Criteria = criteria, Council = council,
            };
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Set<AwardScheme>().Add(scheme);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, scheme.CreatedAt, "awards.scheme_created", nameof(AwardScheme), scheme.Id.ToString(CultureInfo.InvariantCulture), unit.Path,
                newValue: new { unit = unit.Code, year, scheme.Title, model, nominee = scheme.NomineeKinds, criteria = criteria.Count, council = council.Count, scheme.Quorum });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return await SchemeViews.ViewAsync(db, scope, scheme, ct);
        }

        private static DateOnly? ParseDay(string? text, string field, List<Error> errors)
        {
            if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return day;
            }

            errors.Add(Errors.Invalid("awards.date_invalid", field, text ?? string.Empty));
            return null;
        }

        private static List<AwardCriterion> Criteria(IReadOnlyList<CriterionInput>? inputs, List<NomineeKind> kinds, List<Error> errors)
        {
            var result = new List<AwardCriterion>();
            var items = inputs ?? [];
            if (items.Count == 0 || items.Count > AwardRules.MaxCriteria)
            {
                errors.Add(Errors.Invalid("awards.criteria_count", "criteria", AwardRules.MaxCriteria));
            }

            for (var i = 0; i < items.Count; i++)
            {
                var input = items[i];
                var number = input.Number ?? i + 1;
                if (number < 1 || result.Any(c => c.Number == number))
                {
                    errors.Add(Errors.Invalid("awards.criterion_number_invalid", $"criteria[{i}].number", number));
                }

                var title = AwardRules.Required(input.Title, $"criteria[{i}].title", AwardRules.MaxTitle, errors);
                if (input.Weight is not (>= 1 and <= 100))
                {
                    errors.Add(Errors.Invalid("awards.weight_invalid", $"criteria[{i}].weight"));
                }

                if (input.Scale is not (>= 1 and <= AwardRules.MaxScale))
                {
                    errors.Add(Errors.Invalid("awards.scale_invalid", $"criteria[{i}].scale", AwardRules.MaxScale));
                }

                var source = (input.Source ?? AwardFigures.Attached).Trim();
                if (!AwardFigures.IsKnownSource(source))
                {
                    errors.Add(Errors.Invalid("awards.source_unknown", $"criteria[{i}].source", source, string.Join(", ", AwardFigures.Metrics.Keys.Prepend(AwardFigures.Attached))));
                }
                else if (source != AwardFigures.Attached && !AwardFigures.Metrics[source].Any(kinds.Contains))
                {
                    errors.Add(Errors.Invalid("awards.source_not_for_nominee", $"criteria[{i}].source", source));
                }

                result.Add(new AwardCriterion { Number = number, Title = title ?? string.Empty, Weight = input.Weight ?? 0, ScaleMax = input.Scale ?? 0, Source = source });
            }

            return result;
        }

        private async Task<List<CouncilMember>> CouncilAsync(IReadOnlyList<CouncilInput>? inputs, Unit unit, DateOnly today, List<Error> errors, CancellationToken ct)
        {
            var result = new List<CouncilMember>();
            var items = inputs ?? [];
            if (items.Count == 0 || items.Count > AwardRules.MaxCouncil)
            {
                errors.Add(Errors.Invalid("awards.council_count", "council", AwardRules.MaxCouncil));
            }

            for (var i = 0; i < items.Count; i++)
            {
                var input = items[i];
                var userName = (input.UserName ?? string.Empty).Trim();
                var userId = userName.Length == 0 ? null : await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.Id).FirstOrDefaultAsync(ct);
                var isStaff = userId is not null && await db.StaffAssignments.AnyAsync(a => a.UserId == userId, ct);
                if (!isStaff)
                {
                    errors.Add(Errors.Invalid("awards.member_unknown", $"council[{i}].userName", userName));
                }
                else if (result.Any(m => m.UserId == userId))
                {
                    errors.Add(Errors.Invalid("awards.member_repeated", $"council[{i}].userName", userName));
                }

                var role = (input.Role ?? "member").Trim();
                if (!AwardKeys.Roles.Contains(role))
                {
                    errors.Add(Errors.Invalid("awards.role_unknown", $"council[{i}].role", role, string.Join(", ", AwardKeys.Roles)));
                }

                Unit? village = null;
                if (!string.IsNullOrWhiteSpace(input.Village))
                {
                    var code = input.Village.Trim();
                    village = await db.Units.AsNoTracking().Where(u => u.Code == code && u.Level == UnitLevel.Village).ValidOn(today).FirstOrDefaultAsync(ct);
                    if (village is null || !village.Path.StartsWith(unit.Path, StringComparison.Ordinal))
                    {
                        errors.Add(Errors.Invalid("awards.village_unknown", $"council[{i}].village", code));
                    }
                }

                if (input.Organisation is { } organisationId && !await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
                {
                    errors.Add(Errors.Invalid("awards.organisation_unknown", $"council[{i}].organisation", organisationId));
                }

                result.Add(new CouncilMember { UserId = userId ?? string.Empty, Role = role, VillageUnitId = village?.Id, VillagePath = village?.Path, OrganisationId = input.Organisation });
            }

            return result;
        }
    }
}

/// <summary>
/// The schemes of a unit and of the units above it for a year (public: title, model, nominee
/// kinds, criteria, window); the council is shown only to staff who see the scheme's unit.
/// </summary>
public static class ListAwardSchemes
{
    public sealed record Query(string? Unit, int? Year);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<SchemeDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var code = (query.Unit ?? string.Empty).Trim();
            var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).ValidOn(today).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                return Errors.NotFound("units.not_found", code);
            }

            var year = query.Year ?? today.Year;
            var paths = UnitPaths.Ancestors(unit.Path);
            var schemes = await db.Set<AwardScheme>().AsNoTracking().Include(s => s.Criteria).Include(s => s.Council)
                .Where(s => s.Year == year && paths.Contains(s.UnitPath)).OrderBy(s => s.UnitPath.Length).ThenBy(s => s.Id).ToListAsync(ct);
            var result = new List<SchemeDto>();
            foreach (var scheme in schemes)
            {
                result.Add(await SchemeViews.ViewAsync(db, scope, scheme, ct));
            }

            return result;
        }
    }
}

/// <summary>One scheme, as <see cref="ListAwardSchemes"/> shows it.</summary>
public static class GetAwardScheme
{
    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<SchemeDto>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var scheme = await db.Set<AwardScheme>().AsNoTracking().Include(s => s.Criteria).Include(s => s.Council).FirstOrDefaultAsync(s => s.Id == id, ct);
            return scheme is null ? Errors.NotFound("awards.scheme_not_found", id) : await SchemeViews.ViewAsync(db, scope, scheme, ct);
        }
    }
}

internal static class SchemeViews
{
    public static async Task<SchemeDto> ViewAsync(AppDbContext db, UserScope scope, AwardScheme scheme, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == scheme.UnitId).Select(u => new { u.Code, u.FullName }).FirstAsync(ct);
        List<CouncilMemberDto>? council = null;
        if (scope.Can(Permission.ViewStaffData, scheme.UnitPath))
        {
            var ids = scheme.Council.Select(m => m.UserId).ToList();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName ?? string.Empty, ct);
            var villageIds = scheme.Council.Where(m => m.VillageUnitId != null).Select(m => m.VillageUnitId!.Value).ToList();
            var villages = await db.Units.AsNoTracking().Where(u => villageIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
            council = scheme.Council.OrderBy(m => Array.IndexOf(AwardKeys.Roles, m.Role)).ThenBy(m => m.Id)
                .Select(m => new CouncilMemberDto(m.Id, names.GetValueOrDefault(m.UserId) ?? string.Empty, m.Role,
                    m.VillageUnitId is { } v ? villages.GetValueOrDefault(v) : null, m.OrganisationId)).ToList();
        }

        return new SchemeDto(
            scheme.Id, unit.Code, unit.FullName, scheme.Year, scheme.Title, scheme.Model, AwardKeys.ParseKinds(scheme.NomineeKinds).Select(AwardKeys.Key).ToList(),
            scheme.Criteria.OrderBy(c => c.Number).Select(c => new CriterionDto(c.Id, c.Number, c.Title, c.Weight, c.ScaleMax, c.Source)).ToList(),
            scheme.OpensOn, scheme.ClosesOn, scheme.PassScore, scheme.Quorum, scheme.AppraisalEndedAt is not null, council,
            scope.Can(Permission.ManagePlans, scheme.UnitPath), scheme.Illustrative);
    }
}
