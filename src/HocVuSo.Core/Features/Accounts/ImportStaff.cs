using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// Bulk creation of staff accounts from CSV (columns user_name, full_name, email, phone, role,
/// unit_code; optional password). Each row goes through <see cref="CreateStaff"/> with the same
/// rules and scope, in its own transaction: a bad row is reported with its line and field and
/// never stops the valid rows.
/// </summary>
public static class ImportStaff
{
    private static readonly string[] Columns = ["user_name", "full_name", "email", "phone", "role", "unit_code"];
    private static readonly string[] Optional = ["password"];

    public sealed record Command(Upload Csv);

    public sealed record Report(ImportReport Summary, IReadOnlyList<CreatedStaff> Created);

    public sealed class Handler(CreateStaff.Handler createStaff, ScopeService scopes, UploadLimits limits)
    {
        public async Task<Result<Report>> HandleAsync(Command command, CancellationToken ct)
        {
            if (!(await scopes.GetAsync(ct)).Has(Permission.ManageStaff))
            {
                return Errors.Forbidden();
            }

            var table = await CsvTable.ReadAsync(command.Csv, Columns, Optional, limits, ct);
            if (!table.IsSuccess)
            {
                return Result<Report>.Fail(table.Errors);
            }

            var created = new List<CreatedStaff>();
            var errors = new List<Error>();
            var seenUserNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in table.Value!)
            {
                if (row["user_name"].Length > 0 && !seenUserNames.Add(row["user_name"]))
                {
                    errors.Add(Errors.Conflict("staff.user_name_repeated", "user_name", row["user_name"]).AtRow(row.Line));
                    continue;
                }

                var result = await createStaff.HandleAsync(new CreateStaff.Command(
                    row["user_name"], row["full_name"], row["email"], row["phone"], row["role"], row["unit_code"],
                    row["password"].Length > 0 ? row["password"] : null), ct);
                if (result.IsSuccess)
                {
                    created.Add(result.Value!);
                }
                else
                {
                    errors.AddRange(result.Errors.Select(e => e with { Row = row.Line, Field = ToColumn(e.Field) }));
                }
            }

            return new Report(new ImportReport(created.Count, table.Value!.Count - created.Count, errors), created);
        }
    }

    private static string? ToColumn(string? field) => field switch
    {
        "userName" => "user_name",
        "fullName" => "full_name",
        "unitCode" => "unit_code",
        _ => field,
    };
}
