using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// Enrols an organisation's people (officials, students, workers) from CSV: columns full_name,
/// phone_or_email, role (the person's role or grade as the organisation states it), optional group
/// (officials, students, workers; by default the organisation's usual group). A person already
/// registered is found by the phone or e-mail; anyone else gets a learner account of the
/// organisation's unit with an activation code sent to them, as when a helper registers someone.
/// One organisation per person: a person enrolled in another organisation is an error. All or
/// nothing: the whole file is checked in memory first (the people it names read in a few queries),
/// any bad row and nothing is saved, errors name the line and column; then the new accounts are
/// written in batches in one transaction with the members (<see cref="BulkRows"/>: binary
/// <c>COPY</c> on PostgreSQL), no password hashed for anyone.
/// </summary>
public static class ImportOrganisationMembers
{
    private static readonly string[] Columns = ["full_name", "phone_or_email", "role"];
    private static readonly string[] Optional = ["group"];

    /// <param name="Progress">Told the number of new accounts written so far after each batch.</param>
    public sealed record Command(int OrganisationId, Upload Csv, IProgress<int>? Progress = null);

    public sealed record Report(int Enrolled, int AccountsCreated, int AlreadyMembers);

    /// <summary>New accounts written per batch.</summary>
    public const int BatchSize = 500;

    public sealed class Handler(AppDbContext db, ScopeService scopes, LoginNames loginNames, AccountActivations activations, UploadLimits limits, TimeProvider clock)
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
            var rows = new List<Row>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in table.Value!)
            {
                // A new account's name follows the registration's rule (RegisterLearner): clean text of a person's name's length.
                var name = VietnameseText.Check(row["full_name"], "full_name", TextLimits.PersonName);
                if (!name.IsSuccess)
                {
                    errors.AddRange(name.Errors.Select(e => e.AtRow(row.Line) with { Field = "full_name" }));
                }
                else if (name.Value!.Length == 0)
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

                var isEmail = LoginNames.IsEmail(typed);
                rows.Add(new Row(row.Line, row["phone_or_email"], name.Value ?? string.Empty, typed, loginNames.ResolveNormalized(typed),
                    isEmail ? loginNames.EmailKey(typed) : null, role.Length == 0 ? null : role, group));
            }

            // The people the file names, in a few queries for the whole file instead of a few per row.
            var byName = new Dictionary<string, (string Id, bool Staff)>(StringComparer.Ordinal);
            foreach (var chunk in rows.Select(r => r.Normalized).Chunk(1000))
            {
                foreach (var user in await db.Users.AsNoTracking().Where(u => chunk.Contains(u.NormalizedUserName!))
                    .Select(u => new { u.Id, u.NormalizedUserName, Staff = u.Assignments.Any() }).ToListAsync(ct))
                {
                    byName[user.NormalizedUserName!] = (user.Id, user.Staff);
                }
            }

            var emailsTaken = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in rows.Where(r => r.EmailKey is not null).Select(r => r.EmailKey!).Chunk(1000))
            {
                emailsTaken.UnionWith(await db.Users.AsNoTracking().Where(u => chunk.Contains(u.NormalizedEmail!)).Select(u => u.NormalizedEmail!).ToListAsync(ct));
            }

            var learnerIds = rows.Select(r => byName.TryGetValue(r.Normalized, out var u) && !u.Staff ? u.Id : null).OfType<string>().ToList();
            var elsewhere = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var chunk in learnerIds.Chunk(1000))
            {
                foreach (var m in await db.OrganisationMembers.AsNoTracking().Where(m => chunk.Contains(m.UserId) && m.OrganisationId != organisation.Id)
                    .Join(db.Organisations, m => m.OrganisationId, o => o.Id, (m, o) => new { m.UserId, o.Name }).ToListAsync(ct))
                {
                    elsewhere.TryAdd(m.UserId, m.Name);
                }
            }

            var unit = await db.Units.AsNoTracking().Where(u => u.Id == organisation.UnitId).Select(u => new { u.Id, u.Code, u.Path, u.Level }).FirstAsync(ct);
            var canRegister = unit.Level >= Geography.UnitLevel.Commune && scope.UserId is not null
                && scope.CanForOrganisation(Permission.AssistLearners, unit.Path, organisation.Id);
            foreach (var row in rows)
            {
                if (byName.TryGetValue(row.Normalized, out var user))
                {
                    row.UserId = user.Id;
                    if (user.Staff)
                    {
                        // As the registration says: the phone or e-mail belongs to an account that is not a learner's.
                        errors.Add(Errors.Conflict("learner.already_registered", "phone_or_email", row.Typed).AtRow(row.Line));
                    }
                    else if (elsewhere.TryGetValue(user.Id, out var other))
                    {
                        errors.Add(Errors.Conflict("plans.member_enrolled_elsewhere", "phone_or_email", row.Text, other).AtRow(row.Line));
                    }
                }
                else if (row.EmailKey is not null && emailsTaken.Contains(row.EmailKey))
                {
                    errors.Add(Errors.Conflict("learner.already_registered", "phone_or_email", row.Typed).AtRow(row.Line));
                }
                else if (!canRegister)
                {
                    errors.Add(Errors.Forbidden() with { Field = "phone_or_email", Row = row.Line });
                }
            }

            if (errors.Count > 0)
            {
                return Result<Report>.Fail(errors);
            }

            var today = clock.TodayInVietnam();
            var now = clock.UtcNow();
            int enrolled = 0, created = 0, already = 0;
            var bulk = new BulkRows(db);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var batch in rows.Where(r => r.UserId is null).Chunk(BatchSize))
            {
                // New learner accounts as an assisted registration makes them: no password, an activation code sent to the person.
                var accounts = new List<AppUser>(batch.Length);
                var codes = new List<AccountActivation>(batch.Length);
                var audit = new List<AuditEntry>(batch.Length);
                foreach (var row in batch)
                {
                    var isEmail = row.EmailKey is not null;
                    var account = new AppUser
                    {
                        UserName = loginNames.Resolve(row.Typed),
                        NormalizedUserName = row.Normalized,
                        FullName = row.Name,
                        Email = isEmail ? row.Typed : null,
                        NormalizedEmail = row.EmailKey,
                        PhoneNumber = isEmail ? null : row.Typed,
                        HomeUnitId = unit.Id,
                        CreatedAt = now,
                        LockoutEnabled = true,
                        RegisteredByUserId = scope.UserId,
                        SecurityStamp = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)),
                    };
                    var (activation, code) = activations.Prepare(account, scope.UserId);
                    activations.Send(account, activation, code);
                    accounts.Add(account);
                    codes.Add(activation);
                    audit.Add(new AuditEntry
                    {
                        At = now, ActorUserId = scope.UserId, Action = "learning.assisted_registration", EntityType = nameof(AppUser), EntityKey = account.Id, UnitPath = unit.Path,
                    });
                    row.UserId = account.Id;
                }

                await bulk.AddAsync(accounts, ct);
                await bulk.AddAsync(codes, ct);
                await bulk.AddAsync(audit, ct);
                // The outbox messages are tracked (Notifications.EnqueueEmail): saved with the batch on SQLite, with the members below on PostgreSQL.
                await bulk.FlushAsync(ct);
                created += batch.Length;
                command.Progress?.Report(created);
            }

            var existing = await db.OrganisationMembers.Where(m => m.OrganisationId == organisation.Id).ToDictionaryAsync(m => m.UserId, ct);
            var members = new List<OrganisationMember>();
            foreach (var row in rows)
            {
                if (existing.TryGetValue(row.UserId!, out var member))
                {
                    member.Role = row.Role ?? member.Role;
                    member.Group = row.Group;
                    already++;
                    continue;
                }

                members.Add(new OrganisationMember { OrganisationId = organisation.Id, UserId = row.UserId!, Group = row.Group, Role = row.Role, JoinedOn = today });
                enrolled++;
            }

            db.OrganisationMembers.AddRange(members);
            AuditLog.Record(db, scope, now, "plans.members_import", nameof(Organisation), organisation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                organisation.UnitPath, newValue: new { organisation = organisation.Name, enrolled, created, already });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new Report(enrolled, created, already);
        }
    }

    private sealed record Row(int Line, string Text, string Name, string Typed, string Normalized, string? EmailKey, string? Role, MemberGroup Group)
    {
        public string? UserId { get; set; }
    }

    /// <summary>A school's people are its students; an enterprise's, cooperative's or telecom company's are its workers; anyone else's are officials.</summary>
    public static MemberGroup DefaultGroup(OrganisationKind kind) => kind switch
    {
        OrganisationKind.School => MemberGroup.Students,
        OrganisationKind.Enterprise or OrganisationKind.Cooperative or OrganisationKind.Telecom => MemberGroup.Workers,
        _ => MemberGroup.Officials,
    };
}
