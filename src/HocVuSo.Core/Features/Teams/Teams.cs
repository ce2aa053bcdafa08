using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Teams;

public sealed record MemberDto(int Id, string FullName, string Role, string Organisation, string? Phone, string Languages, DateOnly ActiveFrom, DateOnly? ActiveTo);

public sealed record TeamDto(int Id, string Name, string UnitCode, string UnitName, string Kind, IReadOnlyList<MemberDto> Members);

/// <summary>The team of a unit (created on first use by an officer) and its members; phones are masked.</summary>
public static class GetTeam
{
    public sealed record Query(string UnitCode);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<TeamDto?>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, clock.TodayInVietnam(), Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;

            var team = await db.CommunityTeams.AsNoTracking().Include(t => t.Members).FirstOrDefaultAsync(t => t.UnitId == unit.Id, ct);
            return team is null ? (TeamDto?)null : new TeamDto(team.Id, team.Name, unit.Code, unit.FullName, team.Kind.ToString(),
                team.Members.OrderBy(m => m.Role).ThenBy(m => m.FullName).Select(m => new MemberDto(m.Id, m.FullName, m.Role.ToString(), m.Organisation.ToString(),
                    Mask.Phone(m.Phone), m.Languages, m.ActiveFrom, m.ActiveTo)).ToList());
        }
    }
}

/// <summary>
/// An officer adds a member to the team of a village (or commune) in their scope; the team is
/// created with the first member. The date a member joins counts towards "team reinforced".
/// </summary>
public static class AddTeamMember
{
    public sealed record Command(string UnitCode, string? FullName, string? Role, string? Organisation, string? Phone, string? Languages, DateOnly? ActiveFrom);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<MemberDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var unit = await db.Units.ValidOn(today).FirstOrDefaultAsync(u => u.Code == command.UnitCode && u.Level >= UnitLevel.Commune, ct);
            if (unit is null)
            {
                return Errors.NotFound("units.not_found", command.UnitCode);
            }

            if (scope.Check(Permission.ManageTeams, unit.Path) is { } forbidden)
            {
                return forbidden;
            }

            var errors = new List<Error>();
            var checkedName = VietnameseText.Check(command.FullName, "fullName", TextLimits.PersonName);
            var name = checkedName.Value ?? string.Empty;
            if (!checkedName.IsSuccess)
            {
                errors.AddRange(checkedName.Errors);
            }
            else if (name.Length == 0)
            {
                errors.Add(Errors.Invalid("field.required", "fullName"));
            }

            var languages = VietnameseText.Check(command.Languages, "languages", 100);
            errors.AddRange(languages.Errors);

            if (!Enum.TryParse<TeamRole>(command.Role, true, out var role) || !Enum.IsDefined(role))
            {
                errors.Add(Errors.Invalid("teams.bad_role", "role", command.Role ?? string.Empty));
            }

            if (!Enum.TryParse<MemberOrganisation>(command.Organisation, true, out var organisation) || !Enum.IsDefined(organisation))
            {
                errors.Add(Errors.Invalid("teams.bad_organisation", "organisation", command.Organisation ?? string.Empty));
            }

            var phone = VietnameseText.Clean(command.Phone).Replace(" ", string.Empty, StringComparison.Ordinal);
            if (phone.Length > 0 && LoginNames.Normalise(phone) is not { } normalised)
            {
                errors.Add(Errors.Invalid("staff.bad_phone", "phone", phone));
            }

            var from = command.ActiveFrom ?? today;
            if (from > today.AddMonths(1))
            {
                errors.Add(Errors.Invalid("teams.bad_active_from", "activeFrom"));
            }

            if (errors.Count > 0)
            {
                return Result<MemberDto>.Fail(errors);
            }

            var team = await db.CommunityTeams.FirstOrDefaultAsync(t => t.UnitId == unit.Id, ct);
            var now = clock.UtcNow();
            if (team is null)
            {
                team = new CommunityTeam
                {
                    UnitId = unit.Id,
                    UnitPath = unit.Path,
                    Name = "Tổ Công nghệ số cộng đồng " + unit.FullName,
                    Kind = unit.Level == UnitLevel.Village ? TeamKind.Village : TeamKind.Commune,
                    CreatedAt = now,
                };
                db.CommunityTeams.Add(team);
            }

            var member = new TeamMember
            {
                Team = team,
                FullName = name,
                Role = role,
                Organisation = organisation,
                Phone = phone.Length > 0 ? LoginNames.Normalise(phone) : null,
                Languages = languages.Value!,
                ActiveFrom = from,
                AddedAt = now,
            };
            db.TeamMembers.Add(member);
            AuditLog.Record(db, scope, now, "teams.member_added", nameof(TeamMember), unit.Code, unit.Path,
                newValue: new { name = Mask.Name(name), phone = Mask.Phone(member.Phone), role = role.ToString(), organisation = organisation.ToString() });
            await db.SaveChangesAsync(ct);
            return new MemberDto(member.Id, member.FullName, role.ToString(), organisation.ToString(), Mask.Phone(member.Phone), member.Languages, from, null);
        }
    }
}

public sealed record VillageActivityRow(string VillageCode, string VillageName, int ActiveMembers, int SessionsThisWeek, int SessionsThisMonth,
    int GuidanceSessionsThisYear, int Visits, int PeopleHelped, DateOnly? LastActivity, bool Quiet, int MembersAddedThisYear);

public sealed record TeamsDashboard(UnitDto Unit, DateOnly Today, IReadOnlyList<VillageActivityRow> Villages, IReadOnlyDictionary<string, int> MembersByOrganisation,
    IReadOnlyDictionary<string, int> PeopleHelpedByTopic, int QuietVillages, decimal GuidanceSessionsPerVillage, int ClassesHeldThisYear, int ClassAttendees,
    IReadOnlyDictionary<string, int> MembersAddedThisYearByOrganisation)
{
    /// <summary>Villages whose team gained a member this year ("100% of villages reinforced").</summary>
    public int VillagesReinforced => Villages.Count(v => v.MembersAddedThisYear > 0);
}

/// <summary>
/// For officers: every village under a unit with its team's active members, sessions this week and
/// month, guidance sessions this year (target ≥ 10 per village), people helped; villages with no
/// activity in the last 7 days are flagged; members by organisation and people helped by topic.
/// Computed from the recorded activities themselves, never typed in.
/// </summary>
public static class GetTeamsDashboard
{
    public const int QuietDays = 7;

    public sealed record Query(string UnitCode);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<TeamsDashboard>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var today = clock.TodayInVietnam();
            var found = await db.UnitInScopeAsync(scope, query.UnitCode, today, Permission.ViewStaffData, ct);
            if (!found.IsSuccess)
            {
                return found.FirstError;
            }

            var unit = found.Value!;

            var yearStart = new DateOnly(today.Year, 1, 1);
            var weekStart = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            var monthStart = new DateOnly(today.Year, today.Month, 1);
            var villages = await db.Units.AsNoTracking().ValidOn(today)
                .Where(u => u.Level == UnitLevel.Village && u.Path.StartsWith(unit.Path))
                .OrderBy(u => u.Code).Select(u => new { u.Id, u.Code, u.FullName }).ToListAsync(ct);
            var activities = await db.FieldActivities.AsNoTracking()
                .Where(a => a.UnitPath.StartsWith(unit.Path) && a.Date >= yearStart)
                .Select(a => new { a.UnitId, a.Type, a.Date, a.Participants, a.HelpedByTopic })
                .ToListAsync(ct);
            var members = await db.TeamMembers.AsNoTracking()
                .Where(m => m.Team!.UnitPath.StartsWith(unit.Path) && m.ActiveFrom <= today && (m.ActiveTo == null || m.ActiveTo >= today))
                .Select(m => new { m.Team!.UnitId, m.Organisation, m.ActiveFrom })
                .ToListAsync(ct);
            var rows = villages.Select(v =>
            {
                var mine = activities.Where(a => a.UnitId == v.Id).ToList();
                var last = mine.Count == 0 ? (DateOnly?)null : mine.Max(a => a.Date);
                return new VillageActivityRow(v.Code, v.FullName, members.Count(m => m.UnitId == v.Id),
                    mine.Count(a => a.Date >= weekStart), mine.Count(a => a.Date >= monthStart),
                    mine.Count(a => a.Type == ActivityType.GuidanceSession), mine.Count(a => a.Type == ActivityType.DoorToDoorVisit),
                    mine.Sum(a => a.Participants), last, last is null || last.Value < today.AddDays(-QuietDays),
                    members.Count(m => m.UnitId == v.Id && m.ActiveFrom >= yearStart));
            }).ToList();
            var byTopic = activities.SelectMany(a => a.HelpedByTopic).GroupBy(h => h.Key).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(h => h.Value));
            var byOrganisation = members.GroupBy(m => m.Organisation.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());
            var perVillage = rows.Count == 0 ? 0 : Math.Round((decimal)rows.Sum(r => r.GuidanceSessionsThisYear) / rows.Count, 1);
            var classes = await db.TrainingClasses.AsNoTracking().Where(c => c.UnitPath.StartsWith(unit.Path) && c.Date >= yearStart && c.Date <= today)
                .Select(c => c.Attendance.Count).ToListAsync(ct);
            return new TeamsDashboard(unit.ToDto(), today, rows, byOrganisation, byTopic, rows.Count(r => r.Quiet), perVillage,
                classes.Count(a => a > 0), classes.Sum(),
                members.Where(m => m.ActiveFrom >= yearStart).GroupBy(m => m.Organisation.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()));
        }
    }
}
