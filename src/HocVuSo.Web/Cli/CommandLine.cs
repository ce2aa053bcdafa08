using System.CommandLine;
using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Cli;

/// <summary>
/// The verbs of the <c>hocvuso</c> executable: serve (the default), migrate, seed-demo,
/// units import, villages import, users import, users create, content import, reporting remind, plans remind,
/// privacy retention, privacy rotate-keys, privacy key-usage, privacy retire-key. Every verb honours the same
/// configuration (Database__Provider, ConnectionStrings__Default…) as the web server.
/// </summary>
public static class CommandLine
{
    private static readonly string[] HelpAndVersion = ["-h", "--help", "-?", "--version"];

    /// <summary>The curriculum shipped beside the executable (copied from the repository's content/ at build).</summary>
    public static string DefaultContentDirectory => Path.Combine(AppContext.BaseDirectory, "content", "courses");

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !IsVerb(args[0]))
        {
            // No verb: serve, passing every argument to the host (--urls, --environment…).
            return await ServeAsync(args);
        }

        return await Root().Parse(args).InvokeAsync();
    }

    /// <summary>Whether <paramref name="argument"/> names a verb (or asks for help or the version), from the verbs themselves so none is missed.</summary>
    public static bool IsVerb(string argument) =>
        HelpAndVersion.Contains(argument) || Root().Subcommands.Any(c => c.Name == argument);

    private static RootCommand Root()
    {
        var root = new RootCommand("HocVuSo — nền tảng Bình dân học vụ số / the Digital Popular Education platform");
        root.Add(ServeCommand());
        root.Add(MigrateCommand());
        root.Add(SeedDemoCommand());
        root.Add(UnitsCommand());
        root.Add(VillagesCommand());
        root.Add(UsersCommand());
        root.Add(ContentCommand());
        root.Add(ReportingCommand());
        root.Add(PlansCommand());
        root.Add(PrivacyCommand());
        root.Add(BackupCommands.Backup());
        root.Add(BackupCommands.Restore());
        return root;
    }

    private static Command ServeCommand()
    {
        var serve = new Command("serve", "Run the web platform (default). Other arguments go to the host, e.g. --urls http://0.0.0.0:8080.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        serve.SetAction((result, _) => ServeAsync(result.UnmatchedTokens.ToArray()));
        return serve;
    }

    private static Command MigrateCommand()
    {
        var migrate = new Command("migrate", "Apply database migrations and load the official administrative units into an empty database.");
        migrate.SetAction(async (_, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            var result = await DatabaseMigrator.MigrateAsync(app.Services, ct);
            return Report(app, result, r => $"Database up to date. Units added: {r.Units.Saved}; dated changes applied: {r.Changes.Saved}.");
        });
        return migrate;
    }

    private static Command SeedDemoCommand()
    {
        var password = new Option<string?>("--password") { Description = "Give every demo account this password (otherwise random ones are printed)." };
        var serve = new Option<bool>("--serve") { Description = "Start the web platform afterwards." };
        var command = new Command("seed-demo", "Build the demo: Đắk Lắk, Xã Ea Trang with 10 villages, one account per role, 2026 baselines.")
        {
            password,
            serve,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            int code;
            await using (var app = PlatformHost.Build([], forCommandLine: true))
            {
                var migrated = await DatabaseMigrator.MigrateAsync(app.Services, ct);
                if (!migrated.IsSuccess)
                {
                    return Report(app, migrated, _ => string.Empty);
                }

                await using var scope = app.Services.CreateAsyncScope();
                var seeded = await scope.ServiceProvider.GetRequiredService<SeedDemo.Handler>()
                    .HandleAsync(new SeedDemo.Command(result.GetValue(password), DefaultContentDirectory), ct);
                code = Report(app, seeded, accounts =>
                {
                    var lines = accounts.Select(a => $"  {a.UserName,-18} {a.Role,-20} {a.UnitCode,-10} {a.UnitName,-40} {a.Password ?? "(unchanged)"}");
                    return "Demo ready. Accounts (user name, role, unit, password):" + Environment.NewLine + string.Join(Environment.NewLine, lines);
                });
            }

            return code != 0 || !result.GetValue(serve) ? code : await ServeAsync(DemoHostArguments(result.UnmatchedTokens));
        });
        return command;
    }

    /// <summary>
    /// The demo is served in the "Demo" environment with the clearly labelled VNeID sandbox on, so
    /// that "Đăng nhập bằng VNeID" works end to end; an environment chosen by the operator (an
    /// argument or ASPNETCORE_ENVIRONMENT) is kept, and Production never runs the sandbox.
    /// </summary>
    public static string[] DemoHostArguments(IReadOnlyList<string> hostArgs)
    {
        var arguments = hostArgs.ToList();
        var chosen = arguments.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT"));
        if (!chosen)
        {
            arguments.AddRange(["--environment", "Demo"]);
        }

        if (!arguments.Any(a => a.Contains("Vneid:Sandbox:Enabled", StringComparison.OrdinalIgnoreCase)))
        {
            arguments.Add("--Vneid:Sandbox:Enabled=true");
        }

        return arguments.ToArray();
    }

    private static Command UnitsCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV in the official format (see Data/Reference/admin_units_2025.csv)." };
        var changes = new Option<bool>("--changes") { Description = "The file lists dated changes (format of admin_changes_after_2025-07.csv)." };
        var import = new Command("import", "Import the official list of provinces and communes, or dated changes to it.") { file, changes };
        import.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            await using var stream = result.GetRequiredValue(file).OpenRead();
            var report = result.GetValue(changes)
                ? await scope.ServiceProvider.GetRequiredService<ApplyUnitChanges.Handler>().HandleAsync(new ApplyUnitChanges.Command(stream), ct)
                : await scope.ServiceProvider.GetRequiredService<ImportOfficialUnits.Handler>().HandleAsync(new ImportOfficialUnits.Command(stream), ct);
            return ReportImport(app, report, null);
        });
        return new Command("units", "Administrative units.") { import };
    }

    private static Command VillagesCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with columns commune_code,name,kind." };
        var import = new Command("import", "Create villages from CSV (valid rows are saved together; bad rows are listed).") { file };
        import.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            await using var stream = result.GetRequiredValue(file).OpenRead();
            var report = await scope.ServiceProvider.GetRequiredService<ImportVillages.Handler>().HandleAsync(new ImportVillages.Command(stream), ct);
            return ReportImport(app, report, null);
        });
        return new Command("villages", "Village-level units.") { import };
    }

    private static Command UsersCommand()
    {
        var file = new Argument<FileInfo>("file") { Description = "CSV with columns user_name,full_name,email,phone,role,unit_code[,password]." };
        var codesFile = new Option<FileInfo?>("--codes-file")
        {
            Description = "Write the activation codes of accounts without a password to this new file (readable by its owner only) instead of printing them.",
        };
        var import = new Command("import", "Create staff accounts from CSV: the valid rows are saved, every bad row is listed and left out. "
            + "Accounts without a password get an activation code (24 h), printed once.") { file, codesFile };
        import.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var codesTo = result.GetValue(codesFile);
            if (codesTo is not null && codesTo.Exists)
            {
                Console.Error.WriteLine($"{codesTo.Name}: the file exists; activation codes are written to a new file only.");
                return 1;
            }

            await using var stream = result.GetRequiredValue(file).OpenRead();
            var report = await scope.ServiceProvider.GetRequiredService<ImportStaff.Handler>().HandleAsync(new ImportStaff.Command(stream, new RowsWritten()), ct);
            if (!report.IsSuccess)
            {
                return ReportImport(app, Result<ImportReport>.Fail(report.Errors), null);
            }

            if (codesTo is not null)
            {
                WriteCodes(codesTo, report.Value!.Created);
                Console.WriteLine($"Activation codes written to {codesTo.Name} (owner-only); they work once, within 24 hours.");
                return ReportImport(app, report.Value.Summary, report.Value.Created.Select(c => c with { ActivationCode = c.ActivationCode is null ? null : "(in file)" }).ToList());
            }

            return ReportImport(app, report.Value!.Summary, report.Value.Created);
        });

        var userName = new Option<string>("--user-name") { Required = true };
        var fullName = new Option<string>("--full-name") { Required = true };
        var role = new Option<string>("--role") { Required = true, Description = string.Join(", ", Enum.GetNames<StaffRole>().Skip(1)) };
        var unit = new Option<string>("--unit") { Required = true, Description = "Unit code: VN, a province (66), a commune (24445) or a village (24445-001)." };
        var email = new Option<string?>("--email");
        var phone = new Option<string?>("--phone");
        var password = new Option<string?>("--password") { Description = "Initial password; a random one is printed when omitted." };
        var create = new Command("create", "Create one staff account with a role in a unit.") { userName, fullName, role, unit, email, phone, password };
        create.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<CreateStaff.Handler>().HandleAsync(new CreateStaff.Command(
                result.GetValue(userName), result.GetValue(fullName), result.GetValue(email), result.GetValue(phone),
                result.GetValue(role), result.GetValue(unit), result.GetValue(password)), ct);
            return Report(app, created, s => $"Created {s.UserName} ({s.Role}, {s.UnitCode})" + (s.InitialPassword is null ? "." : $"; initial password: {s.InitialPassword}"));
        });
        return new Command("users", "Staff accounts.") { import, create };
    }

    private static Command ContentCommand()
    {
        var folder = new Argument<DirectoryInfo>("dir") { Description = "A course folder, or a folder of course folders (docs/CONTENT.md)." };
        var import = new Command("import", "Check and import courses; a changed course is published as a new version, nothing is saved if any file has a problem.") { folder };
        import.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var imported = await scope.ServiceProvider.GetRequiredService<ImportContent.Handler>()
                .HandleAsync(new ImportContent.Command(result.GetRequiredValue(folder).FullName), ct);
            return Report(app, imported, courses => string.Join(Environment.NewLine, courses.Select(c =>
                $"{c.Slug}: version {c.Version} ({(c.Changed ? "published" : "unchanged")}), {c.Modules} modules, {c.Lessons} lessons, {c.Questions} questions")));
        });
        return new Command("content", "Learning content.") { import };
    }

    private static Command PlansCommand()
    {
        var daysBefore = new Option<int>("--days-before") { Description = "Remind a task's lead body from this many days before its deadline.", DefaultValueFactory = _ => SendPlanReminders.DefaultDaysBefore };
        var escalateAfter = new Option<int>("--escalate-after") { Description = "Escalate to the commune's officers once a task is this many days late.", DefaultValueFactory = _ => SendPlanReminders.DefaultEscalateAfter };
        var year = new Option<int?>("--year") { Description = "The plans' year (default: this year)." };
        var remind = new Command("remind", "Enqueue reminder e-mails to the lead bodies of tasks due soon or late, and escalations to the commune's officers; running it again the same day sends nothing twice.")
        {
            daysBefore,
            escalateAfter,
            year,
        };
        remind.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var sent = await scope.ServiceProvider.GetRequiredService<SendPlanReminders.Handler>()
                .HandleAsync(new SendPlanReminders.Command(result.GetValue(daysBefore), result.GetValue(escalateAfter), result.GetValue(year)), ct);
            return Report(app, sent, r =>
                $"{r.Plans} plans: {r.DueSoon} tasks due soon, {r.Late} late, {r.Escalated} escalated; reminders enqueued: {r.Enqueued}; already sent today: {r.AlreadySent}; recipients without e-mail: {r.WithoutAddress}.");
        });
        return new Command("plans", "Plans and tasks.") { remind };
    }

    private static Command ReportingCommand()
    {
        var remindPeriod = new Option<string?>("--period") { Description = "Month YYYY-MM (default: the latest month whose due day, the 20th unless configured, has passed)." };
        var remind = new Command("remind", "Enqueue reminder e-mails to communes late with their monthly report and to their provinces; running it again the same day sends nothing twice.") { remindPeriod };
        remind.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
            var sent = await scope.ServiceProvider.GetRequiredService<SendReportReminders.Handler>()
                .HandleAsync(new SendReportReminders.Command(result.GetValue(remindPeriod)), ct);
            return Report(app, sent, r =>
                $"Period {r.Period}: {r.LateCommunes} late communes in {r.Provinces} provinces; reminders enqueued: {r.Enqueued}; already sent today: {r.AlreadySent}; recipients without e-mail: {r.WithoutAddress}.");
        });

        var period = new Option<string?>("--period") { Description = "Roll up only this month (YYYY-MM)." };
        var months = new Option<int>("--months") { Description = "Months up to the current one to roll up.", DefaultValueFactory = _ => RollupOptions.DefaultMonths };
        var rollup = new Command("rollup", "Recompute the dashboards' pre-aggregated figures (computed, reported, denominators). Idempotent: unchanged figures are not rewritten.")
        {
            period,
            months,
        };
        rollup.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var job = scope.ServiceProvider.GetRequiredService<RollupJob>();
            var text = result.GetValue(period);
            var month = default(DateOnly);
            if (text is not null && !MonthlyReports.TryParsePeriod(text, out month))
            {
                return Report(app, Result<int>.Fail(Errors.Invalid("reports.bad_period", "period", text)), _ => string.Empty);
            }

            var done = text is not null
                ? await job.RunAsync([month], computed: true, ct)
                : await job.RunAsync(result.GetValue(months), ct);
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Rolled up {done.Periods} months: {done.Inserted} figures added, {done.Updated} changed, {done.Deleted} removed in {done.Elapsed.TotalSeconds:0.0} s."));
            return 0;
        });
        return new Command("reporting", "Monthly reports, reminders and the dashboards' figures.") { remind, rollup };
    }

    private static Command PrivacyCommand()
    {
        var retention = new Command("retention", "Delete what is past its retention period (docs/PRIVACY.md), kind by kind. Safe to run again.");
        retention.SetAction(async (_, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ApplyRetention.Handler>().HandleAsync(ct);
            return Report(app, result, r => string.Join(Environment.NewLine,
                ApplyRetention.Kinds.Select(k => $"{k,-22} {r.Deleted.GetValueOrDefault(k),8} deleted").Append($"{"total",-22} {r.Total,8} deleted")));
        });
        return new Command("privacy", "Personal data: retention, key rotation.") { retention, RotateKeysCommand(), KeyUsageCommand(), RetireKeyCommand() };
    }

    private static Command RotateKeysCommand()
    {
        var batch = new Option<int>("--batch") { Description = "Rows per transaction.", DefaultValueFactory = _ => RotatePersonalDataKeys.DefaultBatchSize };
        var rotate = new Command("rotate-keys", "Re-encrypt every protected personal data value under PersonalData:ActiveKeyId, in batches; stopped, it continues where it was when run again (docs/SECURITY.md, Key rotation).") { batch };
        rotate.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var rotated = await scope.ServiceProvider.GetRequiredService<RotatePersonalDataKeys.Handler>().HandleAsync(
                new RotatePersonalDataKeys.Command(result.GetValue(batch)),
                p => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Kind}: {p.Rotated}/{p.Rotated + p.Remaining} rows")),
                ct);
            return Report(app, rotated, r => string.Join(Environment.NewLine,
                r.Rotated.Select(k => $"{k.Key,-22} {k.Value,10} re-encrypted").Append($"{"total",-22} {r.Total,10} re-encrypted under key {r.ActiveKeyId}")));
        });
        return rotate;
    }

    private static Command KeyUsageCommand()
    {
        var usage = new Command("key-usage", "Count protected personal data values per key id and kind, and say which keys can be removed from the configuration.");
        usage.SetAction(async (_, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var counted = await scope.ServiceProvider.GetRequiredService<PersonalDataKeyUsage.Handler>().HandleAsync(ct);
            return Report(app, counted, KeyUsageText);
        });
        return usage;
    }

    private static Command RetireKeyCommand()
    {
        var keyId = new Argument<string>("key-id") { Description = "The id of the key to remove from PersonalData:Keys." };
        var retire = new Command("retire-key", "Check that a key can be removed from the configuration: refused (exit 1) while it is the active key or any value still uses it.") { keyId };
        retire.SetAction(async (result, ct) =>
        {
            await using var app = PlatformHost.Build([], forCommandLine: true);
            await using var scope = app.Services.CreateAsyncScope();
            var checkedKey = await scope.ServiceProvider.GetRequiredService<CheckKeyRetirement.Handler>().HandleAsync(
                new CheckKeyRetirement.Command(result.GetValue(keyId)!), ct);
            return Report(app, checkedKey, k => $"No value uses key {k.KeyId}: it can be removed from PersonalData:Keys.");
        });
        return retire;
    }

    /// <summary>The usage report as the operator reads it: one line per key with its state and counts, then values still in clear.</summary>
    public static string KeyUsageText(PersonalDataKeyUsage.Report report)
    {
        var lines = new List<string>();
        foreach (var key in report.Keys)
        {
            var state = key.State switch
            {
                PersonalDataKeyUsage.KeyState.Active => "active",
                PersonalDataKeyUsage.KeyState.InUse => "in use: run 'hocvuso privacy rotate-keys' before removing it",
                PersonalDataKeyUsage.KeyState.Retirable => "retirable: no value uses it",
                _ => "NOT CONFIGURED: these values cannot be read; add the key to PersonalData:Keys",
            };
            lines.Add($"{key.KeyId,-24} {key.Total,10} values  {state}");
            lines.AddRange(key.ByKind.Where(k => k.Value > 0).Select(k => $"    {k.Key,-22} {k.Value,10}"));
        }

        lines.AddRange(report.InClear.Select(k => $"in clear (encrypted by 'hocvuso migrate'): {k.Key} {k.Value}"));
        return string.Join(Environment.NewLine, lines);
    }

    private static async Task<int> ServeAsync(string[] hostArgs)
    {
        await using var app = PlatformHost.Build(hostArgs);
        var database = DatabaseOptions.FromConfiguration(app.Configuration);
        // `hocvuso restore` refuses to replace the SQLite database while this process serves it.
        using var running = database.Provider == DatabaseProvider.Sqlite ? RunningMarker.Hold(BackupCommands.DatabaseFile(database.ConnectionString)) : null;
        if (DatabaseMigrator.ShouldMigrateAtStartup(app))
        {
            var migrated = await DatabaseMigrator.MigrateAsync(app.Services, CancellationToken.None);
            if (!migrated.IsSuccess)
            {
                return Report(app, migrated, _ => string.Empty);
            }
        }

        await app.RunAsync();
        return 0;
    }

    private static int Report<T>(WebApplication app, Result<T> result, Func<T, string> describe)
    {
        if (result.IsSuccess)
        {
            Console.WriteLine(describe(result.Value!));
            return 0;
        }

        var messages = app.Services.GetRequiredService<ErrorMessages>();
        foreach (var error in result.Errors)
        {
            Console.Error.WriteLine(messages.Describe(error));
        }

        return 1;
    }

    /// <summary>user_name;activation_code lines, in a file created readable and writable by its owner only (0600) on Unix.</summary>
    private static void WriteCodes(FileInfo target, IReadOnlyList<CreatedStaff> created)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(target.FullName, System.Text.Encoding.UTF8, options);
        writer.WriteLine("user_name;activation_code");
        foreach (var staff in created.Where(c => c.ActivationCode is not null))
        {
            writer.WriteLine($"{staff.UserName};{staff.ActivationCode}");
        }
    }

    /// <summary>A line on standard error per report, at once (Progress&lt;T&gt; would post to the thread pool and could print after the summary).</summary>
    private sealed class RowsWritten : IProgress<int>
    {
        public void Report(int value) => Console.Error.WriteLine($"  {value} rows written…");
    }

    private static int ReportImport(WebApplication app, Result<ImportReport> result, IReadOnlyList<CreatedStaff>? created)
    {
        if (!result.IsSuccess)
        {
            return Report(app, result, _ => string.Empty);
        }

        var report = result.Value!;
        var messages = app.Services.GetRequiredService<ErrorMessages>();
        Console.WriteLine($"Saved: {report.Saved}; not saved or unchanged: {report.Skipped}.");
        foreach (var staff in created ?? [])
        {
            Console.WriteLine($"  {staff.UserName,-24} {staff.Role,-20} {staff.UnitCode,-10} {staff.InitialPassword ?? (staff.ActivationCode is { } code ? "activation code " + code : "(password given in file)")}");
        }

        foreach (var error in report.RowErrors)
        {
            Console.Error.WriteLine(messages.Describe(error));
        }

        return report.HasErrors ? 2 : 0;
    }
}
