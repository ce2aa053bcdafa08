using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Learning;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// Enrols an organisation's people (officials, students, workers) from CSV: columns full_name,
/// phone_or_email, role (the person's role or grade as the organisation states it), optional group
/// (officials, students, workers; by default the organisation's usual group). A person already
/// registered is found by the phone or e-mail; anyone else gets a learner account of the
/// organisation's unit with an activation code sent to them, as when a helper registers someone.
/// One organisation per person: a person enrolled in another organisation is an error. All or
/// nothing: any bad row and nothing is saved; errors name the line and column.
/// </summary>
public static class ImportOrganisationMembers
{
    private static readonly string[] Columns = ["full_name", "phone_or_email", "role"];
    private static readonly string[] Optional = ["group"];

    public sealed record Command(int OrganisationId, Upload Csv);

    public sealed record Report(int Enrolled, int AccountsCreated, int AlreadyMembers);

    public sealed class Handler(AppDbContext db, ScopeService scopes, LoginNames loginNames, RegisterLearner.Handler register, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<Report>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == command.OrganisationId, ct);
            if (organisation is null)
            {
                return Errors.NotFound("plans.organisation_not_found", command.OrganisationId);
            }

            if (scope.CheckForOrganisation(Permission.ManagePlans, organisation.UnitPath, organisation.Id) is { } forbidden)
            {
                return forbidden;
            }

            var table = await CsvTable.ReadAsync(command.Csv, Columns, Optional, limits, ct);
            if (!table.IsSuccess)
            {
                return Result<Report>.Fail(table.Errors);
            }

            var errors = new List<Error>();
            var rows = new List<(int Line, string Name, string Typed, string? Role, MemberGroup Group, string? UserId)>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in table.Value!)
            {
                var name = VietnameseText.Clean(row["full_name"]);
                if (name.Length is 0 or > 200)
                {
                    errors.Add(Errors.Invalid("field.required", "full_name").AtRow(row.Line));
                }

                var typed = LoginNames.Normalise(row["phone_or_email"]);
                if (typed is null)
                {
                    errors.Add(Errors.Invalid("learner.bad_phone_or_email", "phone_or_email", row["phone_or_email"]).AtRow(row.Line));
                    continue;
                }

                if (!seen.Add(typed))
                {
                    errors.Add(Errors.Conflict("plans.member_repeated", "phone_or_email", row["phone_or_email"]).AtRow(row.Line));
                    continue;
                }

                var role = VietnameseText.Clean(row["role"]);
                if (role.Length > 100)
                {
                    errors.Add(Errors.Invalid("plans.member_role_too_long", "role", 100).AtRow(row.Line));
                }

                var group = DefaultGroup(organisation.Kind);
                var groupText = row["group"].Trim();
                if (groupText.Length > 0 && !Enum.TryParse(groupText, ignoreCase: true, out group))
                {
                    errors.Add(Errors.Invalid("plans.member_group_invalid", "group", groupText).AtRow(row.Line));
                }

                var userId = await loginNames.LearnersTyped(db.Users, typed).Select(u => u.Id).FirstOrDefaultAsync(ct);
                if (userId is not null)
                {
                    var elsewhere = await db.OrganisationMembers.AsNoTracking().Where(m => m.UserId == userId && m.OrganisationId != organisation.Id)
                        .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => o.Name).FirstOrDefaultAsync(ct);
                    if (elsewhere is not null)
                    {
                        errors.Add(Errors.Conflict("plans.member_enrolled_elsewhere", "phone_or_email", row["phone_or_email"], elsewhere).AtRow(row.Line));
                    }
                }

                rows.Add((row.Line, name, typed, role.Length == 0 ? null : role, group, userId));
            }

            if (errors.Count > 0)
            {
                return Result<Report>.Fail(errors);
            }

            var unitCode = await db.Units.AsNoTracking().Where(u => u.Id == organisation.UnitId).Select(u => u.Code).FirstAsync(ct);
            var existing = await db.OrganisationMembers.Where(m => m.OrganisationId == organisation.Id).ToDictionaryAsync(m => m.UserId, ct);
            var today = clock.TodayInVietnam();
            int enrolled = 0, created = 0, already = 0;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in rows)
            {
                var userId = row.UserId;
                if (userId is null)
                {
                    var registered = await register.HandleAsync(new RegisterLearner.Command(row.Name, row.Typed, null, unitCode, scope.UserId, ForOrganisationId: organisation.Id), ct);
                    if (!registered.IsSuccess)
                    {
                        // The person has a staff account or appeared since the check: nothing is saved.
                        await transaction.RollbackAsync(ct);
                        return Result<Report>.Fail(registered.Errors.Select(e => e with { Row = row.Line, Field = e.Field is "phoneOrEmail" or null ? "phone_or_email" : e.Field }).ToList());
                    }

                    userId = registered.Value!.UserId;
                    created++;
                }

                if (existing.TryGetValue(userId, out var member))
                {
                    member.Role = row.Role ?? member.Role;
                    member.Group = row.Group;
                    already++;
                    continue;
                }

                db.OrganisationMembers.Add(new OrganisationMember { OrganisationId = organisation.Id, UserId = userId, Group = row.Group, Role = row.Role, JoinedOn = today });
                enrolled++;
            }

            AuditLog.Record(db, scope, clock.UtcNow(), "plans.members_import", nameof(Organisation), organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                organisation.UnitPath, newValue: new { organisation = organisation.Name, enrolled, created, already });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Report(enrolled, created, already);
        }
    }

    /// <summary>A school's people are its students; an enterprise's, cooperative's or telecom company's are its workers; anyone else's are officials.</summary>
    public static MemberGroup DefaultGroup(OrganisationKind kind) => kind switch
    {
        OrganisationKind.School => MemberGroup.Students,
        OrganisationKind.Enterprise or OrganisationKind.Cooperative or OrganisationKind.Telecom => MemberGroup.Workers,
        _ => MemberGroup.Officials,
    };
}
