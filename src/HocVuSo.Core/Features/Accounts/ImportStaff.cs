using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Geography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// Bulk creation of staff accounts from CSV (columns user_name, full_name, email, phone, role,
/// unit_code; optional password), with the rules and scope of <see cref="CreateStaff"/>. Row by
/// row, as documented since the first release: the whole file is checked in memory first (the
/// names, addresses and units it uses are read in a few queries, not per row); every row with a
/// problem is reported with its line and column and left out, and the valid rows are written in
/// batches in one transaction (<see cref="BulkRows"/>: binary <c>COPY</c> on PostgreSQL, batched
/// inserts on SQLite), so a failure while writing saves none of them. A file with wrong columns
/// saves nothing. A row
/// with a password gets it, checked and hashed as Identity does; a row without one gets no
/// password but an activation code (<see cref="AccountActivations"/>, 24 hours, five tries),
/// returned once to the caller, with which the person sets their own password
/// (<see cref="ActivateAccount"/>) — no password is generated and hashed per row any more.
/// </summary>
public static class ImportStaff
{
    /// <summary>Rows written per batch, and how often progress is reported.</summary>
    public const int BatchSize = 500;

    private static readonly string[] Columns = ["user_name", "full_name", "email", "phone", "role", "unit_code"];
    private static readonly string[] Optional = ["password"];

    /// <param name="Progress">Told the number of rows written so far after each batch.</param>
    public sealed record Command(Upload Csv, IProgress<int>? Progress = null);

    public sealed record Report(ImportReport Summary, IReadOnlyList<CreatedStaff> Created);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UserManager<AppUser> users, LoginNames loginNames, AccountActivations activations,
        UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<Report>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Has(Permission.ManageStaff))
            {
                return Errors.Forbidden();
            }

            var table = await CsvTable.ReadAsync(command.Csv, Columns, Optional, limits, ct);
            if (!table.IsSuccess)
            {
                return Result<Report>.Fail(table.Errors);
            }

            var rows = table.Value!;
            var errors = new List<Error>();
            var checkedRows = rows.Select(row =>
            {
                var rowErrors = new List<Error>();
                var fields = CreateStaff.CheckFields(loginNames, new CreateStaff.Command(row["user_name"], row["full_name"], row["email"], row["phone"], row["role"], row["unit_code"]), rowErrors);
                return (Row: row, Fields: fields, Errors: rowErrors);
            }).ToList();

            // What the file refers to, in a few queries for the whole file.
            var takenNames = await ExistingAsync(checkedRows.Where(r => r.Fields.UserNameOk).Select(r => r.Fields.NormalizedUserName), names => db.Users
                .Where(u => names.Contains(u.NormalizedUserName!)).Select(u => u.NormalizedUserName!), ct);
            var takenEmails = await ExistingAsync(checkedRows.Where(r => r.Fields.EmailOk).Select(r => r.Fields.EmailKey!), keys => db.Users
                .Where(u => keys.Contains(u.NormalizedEmail!)).Select(u => u.NormalizedEmail!), ct);
            var unitCodes = checkedRows.Select(r => VietnameseText.Clean(r.Row["unit_code"])).Where(c => c.Length > 0).Distinct().ToList();
            var today = clock.TodayInVietnam();
            var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
            foreach (var chunk in unitCodes.Chunk(1000))
            {
                foreach (var unit in await db.Units.AsNoTracking().ValidOn(today).Where(u => chunk.Contains(u.Code)).ToListAsync(ct))
                {
                    units[unit.Code] = unit;
                }
            }

            var seenNames = new HashSet<string>(StringComparer.Ordinal);
            var seenEmails = new HashSet<string>(StringComparer.Ordinal);
            var valid = new List<(CsvRow Row, CreateStaff.Fields Fields, Unit Unit, string? Password)>();
            foreach (var (row, fields, rowErrors) in checkedRows)
            {
                if (fields.UserNameOk && !seenNames.Add(fields.NormalizedUserName))
                {
                    rowErrors.Add(Errors.Conflict("staff.user_name_repeated", "userName", fields.UserName));
                }
                else if (fields.UserNameOk && takenNames.Contains(fields.NormalizedUserName))
                {
                    rowErrors.Add(Errors.Conflict("staff.user_name_taken", "userName", fields.UserName));
                }

                if (fields.EmailOk && (!seenEmails.Add(fields.EmailKey!) || takenEmails.Contains(fields.EmailKey!)))
                {
                    rowErrors.Add(Errors.Conflict("staff.email_taken", "email", fields.Email));
                }

                var unitCode = VietnameseText.Clean(row["unit_code"]);
                if (!units.TryGetValue(unitCode, out var unit))
                {
                    rowErrors.Add(Errors.NotFound("units.not_found", unitCode) with { Field = "unitCode" });
                }
                else if (fields.RoleOk && fields.Role == StaffRole.OrganisationOfficer)
                {
                    // The file has no organisation column: an organisation's officer is appointed one at a time.
                    rowErrors.Add(Errors.Invalid("staff.organisation_required", "role"));
                }
                else
                {
                    CreateStaff.CheckGrant(scope, fields.Role, fields.RoleOk, unit, rowErrors);
                }

                var password = row["password"].Length > 0 ? row["password"] : null;
                if (password is not null && rowErrors.Count == 0)
                {
                    foreach (var validator in users.PasswordValidators)
                    {
                        var checkedPassword = await validator.ValidateAsync(users, new AppUser { UserName = fields.UserName }, password);
                        rowErrors.AddRange(checkedPassword.Errors.Select(IdentityErrors.ToError));
                    }
                }

                if (rowErrors.Count > 0)
                {
                    errors.AddRange(rowErrors.Select(e => e with { Row = row.Line, Field = ToColumn(e.Field) }));
                }
                else
                {
                    valid.Add((row, fields, unit!, password));
                }
            }

            var reported = errors.DistinctBy(e => (e.Row, e.Field, e.Code)).ToList();

            var created = new List<CreatedStaff>(valid.Count);
            var now = clock.UtcNow();
            var bulk = new BulkRows(db);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var written = 0;
            foreach (var batch in valid.Chunk(BatchSize))
            {
                var accounts = new List<AppUser>(batch.Length);
                var assignments = new List<StaffAssignment>(batch.Length);
                var codes = new List<AccountActivation>(batch.Length);
                var audit = new List<AuditEntry>(batch.Length * 2);
                foreach (var (_, fields, unit, password) in batch)
                {
                    var user = new AppUser
                    {
                        UserName = fields.UserName,
                        NormalizedUserName = fields.NormalizedUserName,
                        FullName = fields.FullName,
                        Email = fields.Email.Length > 0 ? fields.Email : null,
                        NormalizedEmail = fields.EmailKey,
                        EmailConfirmed = fields.Email.Length > 0,
                        PhoneNumber = fields.Phone.Length > 0 ? fields.Phone : null,
                        HomeUnitId = unit.Id,
                        CreatedAt = now,
                        LockoutEnabled = true,
                        SecurityStamp = NewStamp(),
                    };
                    string? code = null;
                    if (password is not null)
                    {
                        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
                    }
                    else
                    {
                        var (activation, issued) = activations.Prepare(user, scope.UserId);
                        codes.Add(activation);
                        code = issued;
                    }

                    accounts.Add(user);
                    assignments.Add(new StaffAssignment
                    {
                        UserId = user.Id, Role = fields.Role, UnitId = unit.Id, UnitPath = unit.Path, CreatedAt = now, CreatedByUserId = scope.UserId,
                    });
                    audit.Add(AuditLog.Entry(scope, now, AuditActions.UserCreated, nameof(AppUser), fields.UserName, unit.Path,
                        newValue: new { userName = fields.UserName, role = fields.Role.ToString(), unit = unit.Code }, reason: "csv"));
                    audit.Add(AuditLog.Entry(scope, now, AuditActions.RoleAssigned, nameof(StaffAssignment), fields.UserName, unit.Path,
                        newValue: new { role = fields.Role.ToString(), unit = unit.Code, organisation = (int?)null }, reason: "csv"));
                    created.Add(new CreatedStaff(fields.UserName, fields.Role, unit.Code, null, code));
                }

                await bulk.AddAsync(accounts, ct);
                await bulk.AddAsync(assignments, ct);
                await bulk.AddAsync(codes, ct);
                await bulk.AddAsync(audit, ct);
                await bulk.FlushAsync(ct);
                written += batch.Length;
                command.Progress?.Report(written);
            }

            await transaction.CommitAsync(ct);
            return new Report(new ImportReport(created.Count, rows.Count - created.Count, reported), created);
        }

        /// <summary>Which of <paramref name="keys"/> the database already holds, asked in chunks.</summary>
        private static async Task<HashSet<string>> ExistingAsync(IEnumerable<string> keys, Func<string[], IQueryable<string>> query, CancellationToken ct)
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in keys.Distinct(StringComparer.Ordinal).Chunk(1000))
            {
                found.UnionWith(await query(chunk).ToListAsync(ct));
            }

            return found;
        }

        private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
    }

    private static string? ToColumn(string? field) => field switch
    {
        "userName" => "user_name",
        "fullName" => "full_name",
        "unitCode" => "unit_code",
        _ => field,
    };
}
