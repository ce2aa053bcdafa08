using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Awards;

public sealed record PublicFigureDto(int Criterion, string Title, string Metric, decimal Value, decimal? Denominator, decimal? Percent);

public sealed record RecognitionDto(
    string Title, string Model, string Kind, string Nominee, string Unit, string UnitName, string DecisionNumber, DateOnly DecisionDate, string Serial,
    string? Story, string? PhotoUrl, IReadOnlyList<PublicFigureDto> Figures, bool Illustrative);

public sealed record FestivalEventDto(int Id, string Title, string Place, DateTime StartsAt, string Unit, bool Illustrative);

public sealed record HonoursDto(string Unit, string UnitName, int Year, IReadOnlyList<RecognitionDto> Recognitions, IReadOnlyList<FestivalEventDto> Programme);

/// <summary>
/// The public honours of a unit for a year: the models recognised under it by decisions dated that
/// year (certificates not revoked) with the minimum facts — title, the nominee, the village, the
/// decision, the figures frozen in the nomination — and a person's full name, story and photo only
/// as they consented (otherwise initials); and the unit's 10/10 programme (its events and those of
/// the units above it).
/// </summary>
public static class Recognitions
{
    public sealed record Query(string? Unit, int? Year);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<HonoursDto>> HandleAsync(Query query, CancellationToken ct)
        {
            var today = clock.TodayInVietnam();
            var code = (query.Unit ?? string.Empty).Trim();
            var unit = await db.Units.AsNoTracking().Where(u => u.Code == code).ValidOn(today).FirstOrDefaultAsync(ct);
            if (unit is null)
            {
                return Errors.NotFound("units.not_found", code);
            }

            var year = query.Year ?? today.Year;
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            var rows = await db.Set<DecisionItem>().AsNoTracking()
                .Where(i => i.UnitPath.StartsWith(unit.Path) && i.RevokedAt == null && i.RecognisedOn >= from && i.RecognisedOn <= to)
                .Join(db.Set<RecognitionDecision>(), i => i.DecisionId, d => d.Id, (i, d) => new { Item = i, d.Number, d.Date, d.Illustrative })
                .OrderBy(x => x.Date).ThenBy(x => x.Item.Id).ToListAsync(ct);
            var result = new List<RecognitionDto>();
            foreach (var row in rows)
            {
                var n = await db.Set<Nomination>().AsNoTracking().Include(x => x.Figures).FirstAsync(x => x.Id == row.Item.NominationId, ct);
                var scheme = await db.Set<AwardScheme>().AsNoTracking().Include(s => s.Criteria).FirstAsync(s => s.Id == n.SchemeId, ct);
                var place = await db.Units.AsNoTracking().FirstAsync(u => u.Id == n.UnitId, ct);
                var showStory = n.Kind != NomineeKind.Person || n.ConsentPublishStory;
                var criteria = scheme.Criteria.ToDictionary(c => c.Id);
                result.Add(new RecognitionDto(
                    scheme.Title, scheme.Model, AwardKeys.Key(n.Kind), PublicName(n, row.Item.RecipientName), place.Code, place.FullName, row.Number, row.Date, row.Item.Serial,
                    showStory ? n.Story : null, showStory ? n.PhotoUrl : null,
                    n.Figures.Where(f => criteria.ContainsKey(f.CriterionId)).OrderBy(f => criteria[f.CriterionId].Number)
                        .Select(f => new PublicFigureDto(criteria[f.CriterionId].Number, criteria[f.CriterionId].Title, f.Metric, f.Value, f.Denominator, new FigureValue(f.Value, f.Denominator).Percent)).ToList(), row.Illustrative));
            }

            var paths = UnitPaths.Ancestors(unit.Path);
            var events = await db.Set<FestivalEvent>().AsNoTracking().Where(e => e.Year == year && paths.Contains(e.UnitPath))
                .OrderBy(e => e.StartsAt).ToListAsync(ct);
            var codes = await db.Units.AsNoTracking().Where(u => events.Select(e => e.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Code, ct);
            return new HonoursDto(unit.Code, unit.FullName, year, result,
                events.Select(e => new FestivalEventDto(e.Id, e.Title, e.Place, e.StartsAt, codes.GetValueOrDefault(e.UnitId) ?? string.Empty, e.Illustrative)).ToList());
        }
    }

    /// <summary>A person's or household's name in public: in full only with the person's consent, otherwise initials ("N. T. Lan").</summary>
    public static string PublicName(Nomination n, string recipient) =>
        n.Kind == NomineeKind.Household || (n.Kind == NomineeKind.Person && !n.ConsentPublishName) ? VerifyCertificate.Initials(recipient) : recipient;
}

/// <summary>Adds an event to a unit's 10/10 programme (title, place, local start time yyyy-MM-ddTHH:mm), by staff who manage plans there. Audited.</summary>
public static class AddFestivalEvent
{
    public sealed record Command(string? Unit, string? Title, string? Place, string? StartsAt);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<FestivalEventDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, (command.Unit ?? string.Empty).Trim(), clock.TodayInVietnam(), Permission.ManagePlans, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;
            var errors = new List<Error>();
            var title = AwardRules.Required(command.Title, "title", AwardRules.MaxTitle, errors);
            var place = AwardRules.Required(command.Place, "place", AwardRules.MaxTitle, errors);
            if (!DateTime.TryParseExact(command.StartsAt?.Trim(), "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                errors.Add(Errors.Invalid("awards.starts_at_invalid", "startsAt", command.StartsAt ?? string.Empty));
            }

            if (errors.Count > 0)
            {
                return Result<FestivalEventDto>.Fail(errors);
            }

            var startsAt = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnameseFormat.TimeZone);
            var item = new FestivalEvent { UnitId = unit.Id, UnitPath = unit.Path, Year = local.Year, Title = title!, Place = place!, StartsAt = startsAt };
            db.Set<FestivalEvent>().Add(item);
            await db.SaveChangesAsync(ct);
            AuditLog.Record(db, scope, clock.UtcNow(), "awards.event_added", nameof(FestivalEvent), item.Id.ToString(CultureInfo.InvariantCulture), unit.Path, newValue: new { item.Title, item.Place, item.StartsAt });
            await db.SaveChangesAsync(ct);
            return new FestivalEventDto(item.Id, item.Title, item.Place, item.StartsAt, unit.Code, false);
        }
    }
}
