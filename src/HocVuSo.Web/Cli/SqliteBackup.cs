using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HocVuSo.Web.Cli;

/// <summary>
/// Backups of the embedded SQLite database with its key files (docs/BACKUP.md). A backup is a zip:
/// <c>manifest.json</c>, <c>hocvuso.db</c> — a consistent copy taken with SQLite's online backup
/// API while the platform keeps running — and <c>keys.bin</c>, the key folder (data-protection key
/// ring, personal-data keys, certificate signing key) zipped and encrypted with AES-256-GCM under a
/// key derived from a passphrase (PBKDF2-HMAC-SHA256). Without the passphrase the keys cannot be
/// read, and without the keys the personal data in the database cannot either.
/// </summary>
public static class SqliteBackup
{
    public const string Format = "hocvuso-sqlite-backup/1";
    public const string PassphraseVariable = "HOCVUSO_BACKUP_PASSPHRASE";
    public const int MinimumPassphraseLength = 12;
    private const int Iterations = 600_000;
    private static readonly byte[] Magic = "HVK1"u8.ToArray();
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public sealed record Manifest(string Format, DateTime CreatedAt, string LastMigration, int Migrations, int KeyFiles, Dictionary<string, long> RowCounts);

    /// <summary>A backup could not be made or restored; the message says why, for the operator.</summary>
    public sealed class BackupException(string message) : Exception(message);

    public static async Task<Manifest> CreateAsync(string databaseFile, string keysFolder, string backupFile, string passphrase, CancellationToken ct)
    {
        CheckPassphrase(passphrase);
        if (!File.Exists(databaseFile))
        {
            throw new BackupException($"The database file {databaseFile} does not exist.");
        }

        var work = Directory.CreateTempSubdirectory("hocvuso-backup-");
        try
        {
            var copy = Path.Combine(work.FullName, "hocvuso.db");
            await using (var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
            await using (var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                await source.OpenAsync(ct);
                await target.OpenAsync(ct);
                // The online backup API copies a consistent snapshot while other connections keep writing.
                source.BackupDatabase(target);
            }

            var (migrations, last) = await MigrationsAsync(copy, ct);
            if (migrations == 0)
            {
                throw new BackupException($"{databaseFile} is not a HocVuSo database: it has no applied migrations.");
            }

            var keys = Directory.Exists(keysFolder) ? Directory.GetFiles(keysFolder) : [];
            if (keys.Length == 0)
            {
                throw new BackupException($"The key folder {keysFolder} holds no key files: without them the backup's personal data could not be read.");
            }

            var manifest = new Manifest(Format, DateTime.UtcNow, last, migrations, keys.Length, await RowCountsAsync(copy, ct));
            var full = Path.GetFullPath(backupFile);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var partial = full + ".partial";
            await using (var stream = File.Create(partial))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                await using (var entry = zip.CreateEntry("manifest.json").Open())
                {
                    await JsonSerializer.SerializeAsync(entry, manifest, Json, ct);
                }

                zip.CreateEntryFromFile(copy, "hocvuso.db", CompressionLevel.Optimal);
                await using (var entry = zip.CreateEntry("keys.bin", CompressionLevel.NoCompression).Open())
                {
                    var sealedKeys = Seal(ZipFolder(keys), passphrase);
                    await entry.WriteAsync(sealedKeys, ct);
                }
            }

            File.Move(partial, full, overwrite: true);
            OwnerOnly(full);
            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Puts a backup in place of the database file and the key folder. Checks first that the
    /// archive is a HocVuSo backup whose database has exactly the migrations this version knows,
    /// and that the passphrase opens its keys; the current database and keys are kept beside, renamed
    /// <c>*.before-restore-{time}</c>. Refused while the platform runs on that database unless <paramref name="force"/>.
    /// </summary>
    public static async Task<Manifest> RestoreAsync(string backupFile, string databaseFile, string keysFolder, string passphrase, IReadOnlyCollection<string> knownMigrations, bool force, CancellationToken ct)
    {
        if (!force && RunningMarker.Running(databaseFile) is { } pid)
        {
            throw new BackupException($"The platform is running on {databaseFile} (process {pid.ToString(CultureInfo.InvariantCulture)}): stop it first, or pass --force.");
        }

        if (!File.Exists(backupFile))
        {
            throw new BackupException($"The backup {backupFile} does not exist.");
        }

        var work = Directory.CreateTempSubdirectory("hocvuso-restore-");
        try
        {
            Manifest manifest;
            byte[] keys;
            var copy = Path.Combine(work.FullName, "hocvuso.db");
            try
            {
                using var zip = ZipFile.OpenRead(backupFile);
                var manifestEntry = zip.GetEntry("manifest.json") ?? throw new BackupException($"{backupFile} is not a HocVuSo backup (no manifest).");
                await using (var m = manifestEntry.Open())
                {
                    manifest = await JsonSerializer.DeserializeAsync<Manifest>(m, Json, ct) ?? throw new BackupException($"{backupFile} has an empty manifest.");
                }

                if (manifest.Format != Format)
                {
                    throw new BackupException($"{backupFile} is not a HocVuSo SQLite backup (format '{manifest.Format}').");
                }

                (zip.GetEntry("hocvuso.db") ?? throw new BackupException($"{backupFile} holds no database.")).ExtractToFile(copy);
                await using var k = (zip.GetEntry("keys.bin") ?? throw new BackupException($"{backupFile} holds no keys.")).Open();
                using var buffer = new MemoryStream();
                await k.CopyToAsync(buffer, ct);
                keys = Open(buffer.ToArray(), passphrase);
            }
            catch (InvalidDataException)
            {
                throw new BackupException($"{backupFile} is not a HocVuSo backup (not a zip archive).");
            }

            var applied = await AppliedMigrationsAsync(copy, ct);
            if (applied.Count == 0)
            {
                throw new BackupException("The backup's database is not a HocVuSo database: it has no applied migrations.");
            }

            var unknown = applied.Except(knownMigrations).ToList();
            var missing = knownMigrations.Except(applied).ToList();
            if (unknown.Count > 0)
            {
                throw new BackupException($"The backup comes from a newer version (migrations {string.Join(", ", unknown)} are unknown here): restore it with that version.");
            }

            if (missing.Count > 0)
            {
                throw new BackupException($"The backup's database lacks migrations {string.Join(", ", missing)}: restore it, then run 'hocvuso migrate'; or restore with the version that made it.");
            }

            using (var check = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
            {
                await check.OpenAsync(ct);
                await using var command = check.CreateCommand();
                command.CommandText = "PRAGMA integrity_check";
                if (await command.ExecuteScalarAsync(ct) as string != "ok")
                {
                    throw new BackupException("The backup's database fails SQLite's integrity check.");
                }
            }

            var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(databaseFile + suffix))
                {
                    File.Move(databaseFile + suffix, $"{databaseFile}{suffix}.before-restore-{stamp}");
                }
            }

            File.Move(copy, databaseFile);
            if (Directory.Exists(keysFolder) && Directory.EnumerateFileSystemEntries(keysFolder).Any())
            {
                Directory.Move(keysFolder, $"{keysFolder.TrimEnd('/')}.before-restore-{stamp}");
            }

            Directory.CreateDirectory(keysFolder);
            using (var zip = new ZipArchive(new MemoryStream(keys), ZipArchiveMode.Read))
            {
                foreach (var entry in zip.Entries)
                {
                    var target = Path.Combine(keysFolder, Path.GetFileName(entry.FullName));
                    entry.ExtractToFile(target, overwrite: true);
                    OwnerOnly(target);
                }
            }

            return manifest;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>The number of rows of every table (the migrations history excluded), for comparing a restore with its source.</summary>
    public static async Task<Dictionary<string, long>> RowCountsAsync(string databaseFile, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsHistory' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync(ct))!;
        }

        return counts;
    }

    /// <summary>The passphrase from <c>--passphrase-file</c> (first line) or else the environment variable <see cref="PassphraseVariable"/>.</summary>
    public static string ReadPassphrase(FileInfo? file)
    {
        var passphrase = file is not null
            ? (File.Exists(file.FullName) ? File.ReadLines(file.FullName).FirstOrDefault() : throw new BackupException($"The passphrase file {file.FullName} does not exist."))
            : Environment.GetEnvironmentVariable(PassphraseVariable);
        if (string.IsNullOrEmpty(passphrase))
        {
            throw new BackupException($"A passphrase is needed to encrypt or open the backup's keys: --passphrase-file FILE, or the {PassphraseVariable} environment variable.");
        }

        return passphrase;
    }

    private static void OwnerOnly(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static void CheckPassphrase(string passphrase)
    {
        if (passphrase.Length < MinimumPassphraseLength)
        {
            throw new BackupException($"The passphrase must be at least {MinimumPassphraseLength.ToString(CultureInfo.InvariantCulture)} characters long.");
        }
    }

    private static async Task<(int Count, string Last)> MigrationsAsync(string databaseFile, CancellationToken ct)
    {
        var applied = await AppliedMigrationsAsync(databaseFile, ct);
        return (applied.Count, applied.Count == 0 ? string.Empty : applied.Max(StringComparer.Ordinal)!);
    }

    private static async Task<List<string>> AppliedMigrationsAsync(string databaseFile, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY \"MigrationId\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var ids = new List<string>();
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }
        catch (SqliteException)
        {
            // Not a SQLite file, or no migrations table.
            return [];
        }
    }

    private static byte[] ZipFolder(IEnumerable<string> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in files)
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>"HVK1" · salt (16) · nonce (12) · tag (16) · AES-256-GCM ciphertext; the key is PBKDF2-HMAC-SHA256 of the passphrase, 600,000 rounds.</summary>
    internal static byte[] Seal(byte[] plain, string passphrase)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Encrypt(nonce, plain, cipher, tag, Magic);
        }

        return [.. Magic, .. salt, .. nonce, .. tag, .. cipher];
    }

    internal static byte[] Open(byte[] sealedBytes, string passphrase)
    {
        if (sealedBytes.Length < 48 || !sealedBytes.AsSpan(0, 4).SequenceEqual(Magic))
        {
            throw new BackupException("The backup's keys are not in a known format.");
        }

        var salt = sealedBytes[4..20];
        var nonce = sealedBytes[20..32];
        var tag = sealedBytes[32..48];
        var cipher = sealedBytes[48..];
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var plain = new byte[cipher.Length];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(nonce, cipher, tag, plain, Magic);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new BackupException("The passphrase does not open the backup's keys (or the backup was altered).");
        }

        return plain;
    }
}

/// <summary>
/// <c>{database}.running</c> holds the process id of a platform serving that SQLite database while
/// it runs, so that <c>hocvuso restore</c> refuses to replace a database in use.
/// </summary>
public static class RunningMarker
{
    public static string PathFor(string databaseFile) => databaseFile + ".running";

    /// <summary>Writes the marker; disposing removes it.</summary>
    public static IDisposable Hold(string databaseFile)
    {
        var path = PathFor(databaseFile);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        return new Release(path);
    }

    /// <summary>The id of a live process holding the marker, or null (no marker, or its process is gone).</summary>
    public static int? Running(string databaseFile)
    {
        var path = PathFor(databaseFile);
        if (!File.Exists(path) || !int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
        {
            return null;
        }

        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return process.HasExited ? null : pid;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private sealed class Release(string path) : IDisposable
    {
        public void Dispose()
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A marker left behind names a dead process: Running ignores it.
            }
        }
    }
}
