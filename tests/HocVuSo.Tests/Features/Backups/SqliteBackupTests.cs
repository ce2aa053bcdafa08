using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Cli;
using HocVuSo.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Backups;

/// <summary><c>hocvuso backup</c> / <c>restore</c> for SQLite: an online backup taken while the platform writes, restored into a fresh folder.</summary>
public class SqliteBackupTests
{
    private const string Passphrase = "mật khẩu sao lưu thử 2026";
    private const string WriterType = "test.backup_writer";

    private static async Task<(string Figures, string OfficerName)> ReadAsync(string databaseFile, string keysFolder)
    {
        await using var app = PlatformHost.Build([], forCommandLine: true, configure: builder =>
        {
            builder.Environment.EnvironmentName = "Testing";
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["ConnectionStrings:Default"] = $"Data Source={databaseFile}",
                ["DataProtection:KeysPath"] = keysFolder,
                ["Logging:LogLevel:Default"] = "Warning",
            });
        });
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var figures = (await db.IndicatorAggregates.AsNoTracking().Select(a => new { a.UnitCode, a.Period, a.Code, a.Source, a.Value }).ToListAsync())
            .OrderBy(a => a.UnitCode, StringComparer.Ordinal).ThenBy(a => a.Period).ThenBy(a => a.Code, StringComparer.Ordinal).ThenBy(a => a.Source)
            .Select(a => $"{a.UnitCode}|{a.Period:yyyy-MM}|{a.Code}|{a.Source}|{a.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
        // Names are encrypted at rest: reading one back proves the restored keys open the restored data.
        var name = await db.Users.AsNoTracking().Where(u => u.UserName == "officer.eatrang").Select(u => u.FullName).SingleAsync();
        return (string.Join("\n", figures), name);
    }

    [Fact]
    public async Task Backup_TakenWhileThePlatformWrites_RestoresIntoAFreshFolder_WithEqualFiguresRowCountsAndReadablePersonalData()
    {
        await using var app = await TestApp.StartOwnAsync("Sqlite");
        var databaseFile = BackupCommands.DatabaseFile(app.App.Configuration["ConnectionStrings:Default"]!);
        var keysFolder = app.App.Configuration["DataProtection:KeysPath"]!;
        var work = Directory.CreateTempSubdirectory("hocvuso-backup-test-");
        try
        {
            using var stop = new CancellationTokenSource();
            var written = 0;
            // Each transaction writes an outbox message and an audit entry: a consistent copy holds as many of one as of the other.
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    await app.ExecuteDbAsync(async db =>
                    {
                        var key = "backup-" + Guid.NewGuid().ToString("N");
                        db.Enqueue(TimeProvider.System, WriterType, new { n = written }, key);
                        db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Action = WriterType, EntityType = "test", EntityKey = key });
                        await db.SaveChangesAsync();
                        return true;
                    });
                    Interlocked.Increment(ref written);
                }
            });
            while (Volatile.Read(ref written) < 20)
            {
                await Task.Delay(20);
            }

            var backup = Path.Combine(work.FullName, "hocvuso-backup.zip");
            var manifest = await SqliteBackup.CreateAsync(databaseFile, keysFolder, backup, Passphrase, CancellationToken.None);
            var writtenAtBackup = Volatile.Read(ref written);
            await Task.Delay(200);
            await stop.CancelAsync();
            await writer;
            Volatile.Read(ref written).ShouldBeGreaterThan(writtenAtBackup, "the platform kept writing during and after the backup");

            var freshDb = Path.Combine(work.FullName, "fresh", "hocvuso.db");
            var freshKeys = Path.Combine(work.FullName, "fresh", "keys");
            var migrations = await app.ExecuteDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
            await SqliteBackup.RestoreAsync(backup, freshDb, freshKeys, Passphrase, migrations, force: false, CancellationToken.None);

            var restored = await SqliteBackup.RowCountsAsync(freshDb, CancellationToken.None);
            restored.ShouldBe(manifest.RowCounts);
            var source = await SqliteBackup.RowCountsAsync(databaseFile, CancellationToken.None);
            restored.Keys.ShouldBe(source.Keys, ignoreOrder: true);
            foreach (var (table, count) in source.Where(t => t.Key is not ("OutboxMessages" or "AuditEntries")))
            {
                restored[table].ShouldBe(count, $"rows of {table}");
            }

            var restoredWriter = await CountWriterRowsAsync(freshDb);
            restoredWriter.Outbox.ShouldBe(restoredWriter.Audit, "a consistent snapshot: both rows of each transaction or neither");
            restoredWriter.Outbox.ShouldBeGreaterThanOrEqualTo(20);
            restoredWriter.Outbox.ShouldBeLessThanOrEqualTo(writtenAtBackup);
            Directory.GetFiles(freshKeys).Select(Path.GetFileName).ShouldBe(Directory.GetFiles(keysFolder).Select(Path.GetFileName), ignoreOrder: true);

            var (sourceFigures, sourceName) = await ReadAsync(databaseFile, keysFolder);
            var (restoredFigures, restoredName) = await ReadAsync(freshDb, freshKeys);
            restoredFigures.ShouldNotBeEmpty();
            restoredFigures.ShouldBe(sourceFigures);
            restoredName.ShouldBe(sourceName);
            restoredName.ShouldBe("Cán bộ Văn hóa – Xã hội xã Ea Trang");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Restore_RefusesAWrongPassphrase_ARunningPlatform_AndAFileThatIsNoBackup_ChangingNothing()
    {
        await using var app = await TestApp.StartOwnAsync("Sqlite");
        var databaseFile = BackupCommands.DatabaseFile(app.App.Configuration["ConnectionStrings:Default"]!);
        var keysFolder = app.App.Configuration["DataProtection:KeysPath"]!;
        var migrations = await app.ExecuteDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        var work = Directory.CreateTempSubdirectory("hocvuso-backup-test-");
        try
        {
            var backup = Path.Combine(work.FullName, "b.zip");
            await SqliteBackup.CreateAsync(databaseFile, keysFolder, backup, Passphrase, CancellationToken.None);
            (await File.ReadAllBytesAsync(backup)).AsSpan().IndexOf("personal-data-keys"u8).ShouldBe(-1, "key file names and contents are inside the encrypted part only");

            var target = Path.Combine(work.FullName, "target", "hocvuso.db");
            var targetKeys = Path.Combine(work.FullName, "target", "keys");
            var wrong = await Should.ThrowAsync<SqliteBackup.BackupException>(() =>
                SqliteBackup.RestoreAsync(backup, target, targetKeys, "not the passphrase at all", migrations, force: false, CancellationToken.None));
            wrong.Message.ShouldContain("passphrase");
            File.Exists(target).ShouldBeFalse();

            using (RunningMarker.Hold(target))
            {
                var running = await Should.ThrowAsync<SqliteBackup.BackupException>(() =>
                    SqliteBackup.RestoreAsync(backup, target, targetKeys, Passphrase, migrations, force: false, CancellationToken.None));
                running.Message.ShouldContain("--force");
                File.Exists(target).ShouldBeFalse();
                await SqliteBackup.RestoreAsync(backup, target, targetKeys, Passphrase, migrations, force: true, CancellationToken.None);
                File.Exists(target).ShouldBeTrue();
            }

            var newer = await Should.ThrowAsync<SqliteBackup.BackupException>(() =>
                SqliteBackup.RestoreAsync(backup, target, targetKeys, Passphrase, migrations.Take(migrations.Count - 1).ToList(), force: false, CancellationToken.None));
            newer.Message.ShouldContain("newer version");

            var notBackup = Path.Combine(work.FullName, "not-a-backup.zip");
            await File.WriteAllTextAsync(notBackup, "hello");
            (await Should.ThrowAsync<SqliteBackup.BackupException>(() =>
                SqliteBackup.RestoreAsync(notBackup, target, targetKeys, Passphrase, migrations, force: false, CancellationToken.None))).Message.ShouldContain("not a HocVuSo backup");
            Directory.GetFiles(Path.GetDirectoryName(target)!, "*.before-restore-*").ShouldBeEmpty("refused restores move nothing aside");

            (await Should.ThrowAsync<SqliteBackup.BackupException>(() =>
                SqliteBackup.CreateAsync(databaseFile, keysFolder, Path.Combine(work.FullName, "short.zip"), "short", CancellationToken.None))).Message.ShouldContain("12");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static async Task<(long Outbox, long Audit)> CountWriterRowsAsync(string databaseFile)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={databaseFile};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT (SELECT COUNT(*) FROM \"OutboxMessages\" WHERE \"Type\" = '{WriterType}'), (SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"Action\" = '{WriterType}')";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
