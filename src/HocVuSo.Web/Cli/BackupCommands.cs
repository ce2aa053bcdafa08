using System.CommandLine;
using HocVuSo.Core.Data;
using HocVuSo.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Web.Cli;

/// <summary>
/// <c>hocvuso backup FILE</c> and <c>hocvuso restore FILE</c> for the embedded SQLite database and
/// its key folder (docs/BACKUP.md); PostgreSQL is backed up with its own tools (base backup + WAL).
/// </summary>
public static class BackupCommands
{
    public static Command Backup()
    {
        var file = new Argument<FileInfo>("file") { Description = "The backup to write (a zip: database, manifest, keys encrypted with the passphrase)." };
        var passphrase = new Option<FileInfo?>("--passphrase-file") { Description = $"A file whose first line is the passphrase that encrypts the keys (or set {SqliteBackup.PassphraseVariable})." };
        var command = new Command("backup", "Back up the SQLite database (online: the platform may keep running) and its key files, the keys encrypted with a passphrase.") { file, passphrase };
        command.SetAction(async (result, ct) => await RunAsync(async (databaseFile, keys, _) =>
        {
            var manifest = await SqliteBackup.CreateAsync(databaseFile, keys, result.GetRequiredValue(file).FullName, SqliteBackup.ReadPassphrase(result.GetValue(passphrase)), ct);
            Console.WriteLine($"Backup written to {result.GetRequiredValue(file).FullName}: {manifest.RowCounts.Count} tables, {manifest.RowCounts.Values.Sum()} rows, {manifest.KeyFiles} key files, last migration {manifest.LastMigration}.");
        }));
        return command;
    }

    public static Command Restore()
    {
        var file = new Argument<FileInfo>("file") { Description = "A backup written by 'hocvuso backup'." };
        var passphrase = new Option<FileInfo?>("--passphrase-file") { Description = $"A file whose first line is the backup's passphrase (or set {SqliteBackup.PassphraseVariable})." };
        var force = new Option<bool>("--force") { Description = "Restore even though the platform seems to be running on this database." };
        var command = new Command("restore", "Replace the SQLite database and the key files with a backup, after checking it (the current ones are kept beside, renamed *.before-restore-TIME).") { file, passphrase, force };
        command.SetAction(async (result, ct) => await RunAsync(async (databaseFile, keys, migrations) =>
        {
            var manifest = await SqliteBackup.RestoreAsync(result.GetRequiredValue(file).FullName, databaseFile, keys,
                SqliteBackup.ReadPassphrase(result.GetValue(passphrase)), migrations, result.GetValue(force), ct);
            Console.WriteLine($"Restored the backup of {manifest.CreatedAt:u}: {manifest.RowCounts.Count} tables, {manifest.RowCounts.Values.Sum()} rows, {manifest.KeyFiles} key files.");
        }));
        return command;
    }

    /// <summary>The SQLite database file of the configured connection string.</summary>
    public static string DatabaseFile(string connectionString) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);

    public static string KeysFolder(IConfiguration configuration) => configuration["DataProtection:KeysPath"] ?? Path.GetFullPath("data/keys");

    private static async Task<int> RunAsync(Func<string, string, IReadOnlyCollection<string>, Task> action)
    {
        await using var app = PlatformHost.Build([], forCommandLine: true);
        var database = DatabaseOptions.FromConfiguration(app.Configuration);
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await Console.Error.WriteLineAsync("hocvuso backup/restore are for the embedded SQLite database; back up PostgreSQL with a base backup and WAL archiving (docs/BACKUP.md).");
            return 2;
        }

        IReadOnlyCollection<string> migrations;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            migrations = scope.ServiceProvider.GetRequiredService<AppDbContext>().Database.GetMigrations().ToList();
        }

        try
        {
            await action(DatabaseFile(database.ConnectionString), KeysFolder(app.Configuration), migrations);
            return 0;
        }
        catch (SqliteBackup.BackupException e)
        {
            await Console.Error.WriteLineAsync("error: " + e.Message);
            return 1;
        }
    }
}
