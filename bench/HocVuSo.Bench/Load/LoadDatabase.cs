using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HocVuSo.Bench.Load;

/// <summary>One module of the course as the driver uses it: its lessons and its quiz.</summary>
internal sealed record ModulePlan(int Position, int QuizId, IReadOnlyList<int> LessonIds);

/// <summary>What the load run needs from the prepared database.</summary>
internal sealed record PreparedData(
    string ConnectionString,
    string Password,
    IReadOnlyList<string> LearnerNames,
    IReadOnlyList<ModulePlan> Modules,
    IReadOnlyDictionary<int, string[]> AnswerKey,
    int Units,
    int Questions,
    int Lessons,
    TimeSpan SetupTime);

/// <summary>
/// Builds a fresh database for one run, in-process and without the server: migrations, the
/// official unit list and the curriculum (the same as <c>hocvuso seed-demo</c>), then N learner
/// accounts registered through <see cref="RegisterLearner.Handler"/>, and reads the answer key so
/// that the driver can submit right answers (a failed attempt would start a 30-minute cool-down).
/// </summary>
internal static class LoadDatabase
{
    public const string LearnerPassword = "HocVuSo-Load-2026";

    private static readonly string[] Villages = Enumerable.Range(1, 10).Select(i => $"{SeedDemo.EaTrang}-{i:000}").ToArray();

    public static async Task<PreparedData> PrepareAsync(LoadOptions options, string folder, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var connection = options.Provider == DatabaseProvider.Postgres
            ? await RecreatePostgresDatabaseAsync(options.PostgresServer!, options.PostgresDatabase, ct)
            : "Data Source=" + Path.Combine(folder, "load.db");

        await using var app = PlatformHost.Build([], forCommandLine: true, configure: builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = options.Provider.ToString(),
                ["ConnectionStrings:Default"] = connection,
                ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
                ["Logging:LogLevel:Default"] = "Warning",

                // Migrating a fresh database logs a failed look-up of the history table; seeding warns of its own queries.
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
            });

            // Registered before Identity's own (TryAdd), so only this set-up process uses it.
            builder.Services.AddScoped<IPasswordHasher<AppUser>, OnceHashedPasswordHasher>();
        });

        var migrated = await DatabaseMigrator.MigrateAsync(app.Services, ct);
        if (!migrated.IsSuccess)
        {
            throw new InvalidOperationException("Migration failed: " + migrated.FirstError.Code);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<SeedDemo.Handler>()
                .HandleAsync(new SeedDemo.Command(LearnerPassword, HocVuSo.Web.Cli.CommandLine.DefaultContentDirectory), ct);
            if (!seeded.IsSuccess)
            {
                throw new InvalidOperationException("Demo seed failed: " + seeded.FirstError.Code);
            }
        }

        var names = await RegisterLearnersAsync(app.Services, options.Learners, ct);

        await using var read = app.Services.CreateAsyncScope();
        var db = read.ServiceProvider.GetRequiredService<AppDbContext>();
        var version = await db.Courses.Where(c => c.Slug == "ky-nang-so-co-ban").Select(c => c.CurrentVersionId).SingleAsync(ct)
            ?? throw new InvalidOperationException("The course ky-nang-so-co-ban has no published version.");
        // The learning order opens a module's quiz only after its lessons are done; the step measured
        // here is one lesson, a start and a submission, so the version allows testing out (every quiz
        // open at once). The server still decides the learner's path on every start.
        await db.CourseVersions.Where(v => v.Id == version).ExecuteUpdateAsync(s => s.SetProperty(v => v.TestOutAllowed, true), ct);
        var quizzes = await db.Quizzes.AsNoTracking().Where(q => q.CourseVersionId == version && q.ModuleId != null)
            .Select(q => new { q.Id, ModuleId = q.ModuleId!.Value, q.Module!.Position }).ToListAsync(ct);
        var lessons = await db.Lessons.AsNoTracking().Where(l => l.Module!.CourseVersionId == version)
            .Select(l => new { l.Id, l.ModuleId, l.Position }).ToListAsync(ct);
        var modules = quizzes.OrderBy(q => q.Position)
            .Select(q => new ModulePlan(q.Position, q.Id, lessons.Where(l => l.ModuleId == q.ModuleId).OrderBy(l => l.Position).Select(l => l.Id).ToList()))
            .ToList();

        // The answer key: the Vietnamese texts of the correct options; for ordering questions, every
        // step in its right order. (An attempt shows options under ids of its own, OpaqueOptionIds:
        // the driver finds them by their text.)
        var questions = await db.Questions.AsNoTracking().Where(q => q.CourseVersionId == version)
            .Select(q => new { q.Id, q.Type, q.Options }).ToListAsync(ct);
        var key = questions.ToDictionary(
            q => q.Id,
            q => (q.Type == QuestionTypes.Ordering ? q.Options : q.Options.Where(o => o.Correct)).Select(o => o.Text.Vi).ToArray());

        var units = await db.Units.CountAsync(ct);

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            if (options.SqliteWal)
            {
                await using var sqlite = new SqliteConnection(connection);
                await sqlite.OpenAsync(ct);
                await using var command = sqlite.CreateCommand();
                command.CommandText = "PRAGMA journal_mode=WAL;";
                await command.ExecuteScalarAsync(ct);
            }

            SqliteConnection.ClearAllPools();
        }

        return new PreparedData(connection, LearnerPassword, names, modules, key, units, questions.Count, lessons.Count, clock.Elapsed);
    }

    /// <summary>Learners 0900000000, 0900000001…, spread over Ea Trang's ten villages.</summary>
    private static async Task<IReadOnlyList<string>> RegisterLearnersAsync(IServiceProvider services, int count, CancellationToken ct)
    {
        var names = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var phone = "09" + i.ToString("D8", CultureInfo.InvariantCulture);
            var registered = await scope.ServiceProvider.GetRequiredService<RegisterLearner.Handler>().HandleAsync(
                new RegisterLearner.Command($"Học viên thử {i + 1}", phone, LearnerPassword, Villages[i % Villages.Length]), ct);
            if (!registered.IsSuccess)
            {
                throw new InvalidOperationException($"Registering {phone} failed: {registered.FirstError.Code}");
            }

            names.Add(registered.Value!.UserName);
        }

        return names;
    }

    internal static async Task<string> RecreatePostgresDatabaseAsync(string server, string database, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            foreach (var sql in new[] { $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", $"CREATE DATABASE \"{database}\"" })
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync(ct);
            }
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }

    /// <summary>
    /// Hashes each distinct password once (a real PBKDF2 hash, so the server verifies it at sign-in as
    /// usual) instead of once per account: registering thousands of learners would otherwise take minutes.
    /// </summary>
    private sealed class OnceHashedPasswordHasher : IPasswordHasher<AppUser>
    {
        private static readonly ConcurrentDictionary<string, string> Hashes = new(StringComparer.Ordinal);
        private readonly PasswordHasher<AppUser> _inner = new();

        public string HashPassword(AppUser user, string password) => Hashes.GetOrAdd(password, p => _inner.HashPassword(user, p));

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword) =>
            _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
