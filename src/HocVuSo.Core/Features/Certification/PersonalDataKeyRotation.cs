using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// Every place where personal data is stored encrypted, by kind of row: the columns that the EF
/// converters protect (<see cref="PersonalDataColumns"/>, stored <c>pd1:&lt;keyId&gt;:…</c>) and the
/// identification numbers (<see cref="PersonIdentity"/>, a cipher beside its key id). Keyed hashes
/// are not here: they are not encrypted and do not rotate.
/// </summary>
public static class PersonalDataStores
{
    /// <summary>A kind of row: its table, its key column and the protected text columns with the purpose bound to their ciphers.</summary>
    public sealed record Kind(string Name, string Table, string IdColumn, IReadOnlyList<(string Column, string Purpose)> Columns);

    public static readonly IReadOnlyList<Kind> ColumnKinds =
    [
        new("users", "AspNetUsers", "Id", [("FullName", PersonalDataPurposes.UserFullName), ("PhoneNumber", PersonalDataPurposes.UserPhone), ("Email", PersonalDataPurposes.UserEmail)]),
        new("team-members", "TeamMembers", "Id", [("FullName", PersonalDataPurposes.TeamMemberFullName), ("Phone", PersonalDataPurposes.TeamMemberPhone)]),
        new("walk-ins", "ClassAttendance", "Id", [("WalkInName", PersonalDataPurposes.WalkInName)]),
        new("organisations", "Organisations", "Id", [("ContactName", PersonalDataPurposes.OrganisationContactName), ("ContactPhone", PersonalDataPurposes.OrganisationContactPhone), ("ContactEmail", PersonalDataPurposes.OrganisationContactEmail)]),
        new("certificate-holders", "Certifications", "Id", [("HolderName", PersonalDataPurposes.CertificationHolderName)]),
        new("outbox-payloads", "OutboxMessages", "Id", [("Payload", PersonalDataPurposes.OutboxPayload)]),
        new("sandbox-confirmations", "VneidSandboxConfirmations", "Id", [("FullName", PersonalDataPurposes.SandboxFullName)]),
        new("award-nominees", "Nomination", "Id", [("NomineeName", PersonalDataPurposes.AwardNomineeName)]),
        new("award-recipients", "DecisionItem", "Id", [("RecipientName", PersonalDataPurposes.AwardRecipientName)]),
        // Identity's account secrets (authenticator keys): keyed by user and token name; a row is
        // still identified by its user and its old cipher, which no other row shares (random nonces).
        new("account-secrets", "AspNetUserTokens", "UserId", [("Value", PersonalDataPurposes.UserToken)]),
    ];

    /// <summary>The kind name of identification numbers (table PersonIdentities: IdNumberCipher under KeyId, bound to the owner's user id).</summary>
    public const string IdentityNumbers = "identity-numbers";

    /// <summary>All kind names, in the order rotation and the usage report go through them.</summary>
    public static IReadOnlyList<string> KindNames { get; } = [IdentityNumbers, .. ColumnKinds.Select(k => k.Name)];

    internal static string Quote(string identifier) => "\"" + identifier + "\"";

    /// <summary>SQL that is true when <paramref name="column"/> holds a protected value not made with the key of prefix parameter <c>@prefix</c> (length <c>@prefixLength</c>).</summary>
    internal static string UnderOtherKey(string column) =>
        $"(SUBSTR({Quote(column)}, 1, 4) = '{PersonalDataColumns.Marker}' AND SUBSTR({Quote(column)}, 1, @prefixLength) <> @prefix)";

    internal static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    internal static async Task<DbConnection> OpenAsync(AppDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        return connection;
    }

    internal static string IdText(object id) => Convert.ToString(id, CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>
/// Re-encrypts every protected value under the active key (<c>PersonalData:ActiveKeyId</c>), kind
/// by kind, in batches of its own transaction each. The work left is simply the rows that still
/// hold a value under another key, so a run that is stopped continues where it was when started
/// again. A value that cannot be decrypted (its key is not configured, or it was altered) stops the
/// run with an error naming the kind, the row and the key; that batch writes nothing, and the
/// batches before it stay done. A row changed meanwhile by the platform is left to the next pass.
/// </summary>
public static class RotatePersonalDataKeys
{
    public const int DefaultBatchSize = 500;

    public sealed record Command(int BatchSize = DefaultBatchSize);

    /// <summary>Progress after each batch: <paramref name="Kind"/>, rows re-encrypted so far in this run, and rows of that kind still under other keys.</summary>
    public sealed record Progress(string Kind, int Rotated, int Remaining);

    public sealed record Report(string ActiveKeyId, IReadOnlyDictionary<string, int> Rotated)
    {
        public int Total => Rotated.Values.Sum();
    }

    public sealed class Handler(AppDbContext db, PersonalDataProtector protector)
    {
        public async Task<Result<Report>> HandleAsync(Command command, Action<Progress>? progress, CancellationToken ct)
        {
            if (command.BatchSize is < 1 or > 100_000)
            {
                return Errors.Invalid("personal_data.bad_batch_size", "batch", command.BatchSize);
            }

            var connection = await PersonalDataStores.OpenAsync(db, ct);
            var rotated = new Dictionary<string, int>(StringComparer.Ordinal);
            var identities = await RotateIdentitiesAsync(connection, command.BatchSize, progress, ct);
            if (!identities.IsSuccess)
            {
                return Result<Report>.Fail(identities.Errors);
            }

            rotated[PersonalDataStores.IdentityNumbers] = identities.Value;
            foreach (var kind in PersonalDataStores.ColumnKinds)
            {
                var done = await RotateColumnsAsync(connection, kind, command.BatchSize, progress, ct);
                if (!done.IsSuccess)
                {
                    return Result<Report>.Fail(done.Errors);
                }

                rotated[kind.Name] = done.Value;
            }

            return new Report(protector.ActiveKeyId, rotated);
        }

        private async Task<Result<int>> RotateIdentitiesAsync(DbConnection connection, int batchSize, Action<Progress>? progress, CancellationToken ct)
        {
            var active = protector.ActiveKeyId;
            const string Where = "\"KeyId\" <> @active";
            var total = 0;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var rows = new List<(object Id, string UserId, string KeyId, byte[] Cipher)>();
                await using (var select = PersonalDataStores.Command(connection, null,
                    $"SELECT \"Id\", \"UserId\", \"KeyId\", \"IdNumberCipher\" FROM \"PersonIdentities\" WHERE {Where} ORDER BY \"Id\" LIMIT {batchSize.ToString(CultureInfo.InvariantCulture)}",
                    ("@active", active)))
                await using (var reader = await select.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        rows.Add((reader.GetValue(0), reader.GetString(1), reader.GetString(2), (byte[])reader.GetValue(3)));
                    }
                }

                if (rows.Count == 0)
                {
                    return total;
                }

                // Everything is decrypted and encrypted again before the batch writes anything.
                var updates = new List<(object Id, string OldKeyId, byte[] Cipher)>(rows.Count);
                foreach (var row in rows)
                {
                    string number;
                    try
                    {
                        number = protector.Unprotect(new ProtectedValue(row.KeyId, row.Cipher), IdentityTarget.ContextFor(row.UserId));
                    }
                    catch (Exception e) when (e is InvalidOperationException or CryptographicException)
                    {
                        return Undecryptable(PersonalDataStores.IdentityNumbers, row.Id, row.KeyId);
                    }

                    var cipher = protector.Protect(number, IdentityTarget.ContextFor(row.UserId));
                    updates.Add((row.Id, row.KeyId, cipher.Cipher));
                }

                var written = 0;
                await using (var transaction = await connection.BeginTransactionAsync(ct))
                {
                    foreach (var (id, oldKeyId, cipher) in updates)
                    {
                        await using var update = PersonalDataStores.Command(connection, transaction,
                            "UPDATE \"PersonIdentities\" SET \"IdNumberCipher\" = @cipher, \"KeyId\" = @active WHERE \"Id\" = @id AND \"KeyId\" = @old",
                            ("@cipher", cipher), ("@active", active), ("@id", id), ("@old", oldKeyId));
                        written += await update.ExecuteNonQueryAsync(ct);
                    }

                    await transaction.CommitAsync(ct);
                }

                if (written == 0)
                {
                    return Busy(PersonalDataStores.IdentityNumbers);
                }

                total += written;
                progress?.Invoke(new Progress(PersonalDataStores.IdentityNumbers, total, await CountAsync(connection, "PersonIdentities", Where, ct, ("@active", active))));
            }
        }

        private async Task<Result<int>> RotateColumnsAsync(DbConnection connection, PersonalDataStores.Kind kind, int batchSize, Action<Progress>? progress, CancellationToken ct)
        {
            var prefix = PersonalDataColumns.Marker + protector.ActiveKeyId + ":";
            var prefixParameters = new[] { ("@prefix", (object?)prefix), ("@prefixLength", prefix.Length) };
            var where = string.Join(" OR ", kind.Columns.Select(c => PersonalDataStores.UnderOtherKey(c.Column)));
            var columns = string.Join(", ", kind.Columns.Select(c => PersonalDataStores.Quote(c.Column)));
            var table = PersonalDataStores.Quote(kind.Table);
            var idColumn = PersonalDataStores.Quote(kind.IdColumn);
            var total = 0;
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                var rows = new List<(object Id, string?[] Values)>();
                await using (var select = PersonalDataStores.Command(connection, null,
                    $"SELECT {idColumn}, {columns} FROM {table} WHERE {where} ORDER BY {idColumn} LIMIT {batchSize.ToString(CultureInfo.InvariantCulture)}",
                    prefixParameters))
                await using (var reader = await select.ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        var values = new string?[kind.Columns.Count];
                        for (var i = 0; i < values.Length; i++)
                        {
                            values[i] = reader.IsDBNull(i + 1) ? null : reader.GetString(i + 1);
                        }

                        rows.Add((reader.GetValue(0), values));
                    }
                }

                if (rows.Count == 0)
                {
                    return total;
                }

                var updates = new List<(object Id, string?[] Old, string?[] New)>(rows.Count);
                foreach (var (id, values) in rows)
                {
                    var fresh = new string?[values.Length];
                    for (var i = 0; i < values.Length; i++)
                    {
                        var stored = values[i];
                        if (stored is null || !PersonalDataColumns.IsProtected(stored) || stored.StartsWith(prefix, StringComparison.Ordinal))
                        {
                            fresh[i] = stored;
                            continue;
                        }

                        try
                        {
                            var clear = PersonalDataColumns.Unprotect(protector, kind.Columns[i].Purpose, stored);
                            fresh[i] = PersonalDataColumns.Protect(protector, kind.Columns[i].Purpose, clear);
                        }
                        catch (Exception e) when (e is InvalidOperationException or CryptographicException or FormatException)
                        {
                            return Undecryptable(kind.Name, id, KeyIdOf(stored));
                        }
                    }

                    updates.Add((id, values, fresh));
                }

                var written = 0;
                await using (var transaction = await connection.BeginTransactionAsync(ct))
                {
                    foreach (var (id, old, fresh) in updates)
                    {
                        // Written only if no column changed since it was read (the platform keeps running meanwhile).
                        var set = string.Join(", ", kind.Columns.Select((c, i) => $"{PersonalDataStores.Quote(c.Column)} = @n{i}"));
                        var unchanged = string.Join(" AND ", kind.Columns.Select((c, i) => old[i] is null ? $"{PersonalDataStores.Quote(c.Column)} IS NULL" : $"{PersonalDataStores.Quote(c.Column)} = @o{i}"));
                        var parameters = new List<(string, object?)> { ("@id", id) };
                        for (var i = 0; i < kind.Columns.Count; i++)
                        {
                            parameters.Add(($"@n{i}", fresh[i]));
                            if (old[i] is not null)
                            {
                                parameters.Add(($"@o{i}", old[i]));
                            }
                        }

                        await using var update = PersonalDataStores.Command(connection, transaction,
                            $"UPDATE {table} SET {set} WHERE {idColumn} = @id AND {unchanged}", [.. parameters]);
                        written += await update.ExecuteNonQueryAsync(ct);
                    }

                    await transaction.CommitAsync(ct);
                }

                if (written == 0)
                {
                    return Busy(kind.Name);
                }

                total += written;
                progress?.Invoke(new Progress(kind.Name, total, await CountAsync(connection, kind.Table, where, ct, prefixParameters)));
            }
        }

        private static async Task<int> CountAsync(DbConnection connection, string table, string where, CancellationToken ct, params (string, object?)[] parameters)
        {
            await using var count = PersonalDataStores.Command(connection, null, $"SELECT COUNT(*) FROM {PersonalDataStores.Quote(table)} WHERE {where}", parameters);
            return Convert.ToInt32(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }

        private static Error Undecryptable(string kind, object id, string keyId) =>
            Errors.Invalid("personal_data.undecryptable", "key", kind, PersonalDataStores.IdText(id), keyId);

        /// <summary>Every row of a batch changed while it was re-encrypted: something else writes under another key (an instance still configured with the old active key?).</summary>
        private static Error Busy(string kind) => Errors.Conflict("personal_data.rotation_busy", "key", kind);

        private static string KeyIdOf(string stored)
        {
            var separator = stored.IndexOf(':', PersonalDataColumns.Marker.Length);
            return separator < 0 ? "?" : stored[PersonalDataColumns.Marker.Length..separator];
        }
    }
}

/// <summary>
/// How many protected values each key encrypted, by kind, and which keys can be retired: a
/// configured key that is not the active one and that no value uses any more. A key id found in
/// the data but missing from the configuration is reported too (those values cannot be read).
/// </summary>
public static class PersonalDataKeyUsage
{
    public enum KeyState
    {
        Active,
        InUse,
        Retirable,
        NotConfigured,
    }

    public sealed record KeyUse(string KeyId, KeyState State, IReadOnlyDictionary<string, long> ByKind)
    {
        public long Total => ByKind.Values.Sum();
    }

    /// <summary><paramref name="InClear"/>: values by kind not encrypted yet (written before encryption; <c>hocvuso migrate</c> encrypts them).</summary>
    public sealed record Report(string ActiveKeyId, IReadOnlyList<KeyUse> Keys, IReadOnlyDictionary<string, long> InClear)
    {
        public IEnumerable<string> Retirable => Keys.Where(k => k.State == KeyState.Retirable).Select(k => k.KeyId);
    }

    public sealed class Handler(AppDbContext db, PersonalDataProtector protector)
    {
        public async Task<Result<Report>> HandleAsync(CancellationToken ct)
        {
            var connection = await PersonalDataStores.OpenAsync(db, ct);
            var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
            var inClear = new Dictionary<string, long>(StringComparer.Ordinal);

            void Add(string keyId, string kind, long count)
            {
                if (!counts.TryGetValue(keyId, out var byKind))
                {
                    counts[keyId] = byKind = new Dictionary<string, long>(StringComparer.Ordinal);
                }

                byKind[kind] = byKind.GetValueOrDefault(kind) + count;
            }

            await using (var identities = PersonalDataStores.Command(connection, null, "SELECT \"KeyId\", COUNT(*) FROM \"PersonIdentities\" GROUP BY \"KeyId\""))
            await using (var reader = await identities.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    Add(reader.GetString(0), PersonalDataStores.IdentityNumbers, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
                }
            }

            // The key id sits between "pd1:" and the next ':'; SQLite finds a character with instr, PostgreSQL with strpos.
            var find = db.Database.IsNpgsql() ? "STRPOS" : "INSTR";
            foreach (var kind in PersonalDataStores.ColumnKinds)
            {
                var table = PersonalDataStores.Quote(kind.Table);
                foreach (var (column, _) in kind.Columns)
                {
                    var c = PersonalDataStores.Quote(column);
                    var sql = $"SELECT SUBSTR({c}, 5, {find}(SUBSTR({c}, 5), ':') - 1) AS k, COUNT(*) FROM {table} WHERE SUBSTR({c}, 1, 4) = '{PersonalDataColumns.Marker}' GROUP BY SUBSTR({c}, 5, {find}(SUBSTR({c}, 5), ':') - 1)";
                    await using (var keyed = PersonalDataStores.Command(connection, null, sql))
                    await using (var reader = await keyed.ExecuteReaderAsync(ct))
                    {
                        while (await reader.ReadAsync(ct))
                        {
                            Add(reader.IsDBNull(0) ? string.Empty : reader.GetString(0), kind.Name, Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture));
                        }
                    }

                    await using var clear = PersonalDataStores.Command(connection, null, $"SELECT COUNT(*) FROM {table} WHERE {c} IS NOT NULL AND SUBSTR({c}, 1, 4) <> '{PersonalDataColumns.Marker}'");
                    var clearCount = Convert.ToInt64(await clear.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
                    if (clearCount > 0)
                    {
                        inClear[kind.Name] = inClear.GetValueOrDefault(kind.Name) + clearCount;
                    }
                }
            }

            var configured = protector.KeyIds;
            var keys = configured.Union(counts.Keys, StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .Select(id =>
                {
                    var byKind = counts.TryGetValue(id, out var found) ? found : new Dictionary<string, long>(StringComparer.Ordinal);
                    var used = byKind.Values.Sum() > 0;
                    var state = !configured.Contains(id) ? KeyState.NotConfigured
                        : id == protector.ActiveKeyId ? KeyState.Active
                        : used ? KeyState.InUse
                        : KeyState.Retirable;
                    return new KeyUse(id, state, byKind);
                })
                .ToList();
            return new Report(protector.ActiveKeyId, keys, inClear);
        }
    }
}

/// <summary>
/// The check before a key is removed from <c>PersonalData:Keys</c>: refused while it is the active
/// key or while any protected value still uses it (those values could no longer be read); allowed
/// when the usage report says the key is retirable. It changes nothing: the operator then removes
/// the key from the configuration.
/// </summary>
public static class CheckKeyRetirement
{
    public sealed record Command(string KeyId);

    public sealed class Handler(PersonalDataKeyUsage.Handler usage)
    {
        public async Task<Result<PersonalDataKeyUsage.KeyUse>> HandleAsync(Command command, CancellationToken ct)
        {
            var report = await usage.HandleAsync(ct);
            if (!report.IsSuccess)
            {
                return Result<PersonalDataKeyUsage.KeyUse>.Fail(report.Errors);
            }

            var key = report.Value!.Keys.SingleOrDefault(k => string.Equals(k.KeyId, command.KeyId, StringComparison.Ordinal));
            return key?.State switch
            {
                null => Errors.NotFound("personal_data.unknown_key", command.KeyId),
                PersonalDataKeyUsage.KeyState.Active => Errors.Conflict("personal_data.retire_active", "key", command.KeyId),
                PersonalDataKeyUsage.KeyState.Retirable => key,
                _ => Errors.Conflict("personal_data.retire_in_use", "key", command.KeyId, key.Total),
            };
        }
    }
}
