using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using HocVuSo.Web.Cli;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>
/// Key rotation: values written under key A are re-encrypted under key B in batches, a stopped run
/// continues, the usage report says when A can go, and a value no key can read stops the run
/// cleanly, naming its row.
/// </summary>
public class KeyRotationTests
{
    private static readonly string KeyA = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyB = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string KeyX = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string HashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static TheoryData<string> Providers => TestApp.Providers;

    private static PersonalDataProtector Protector(string active, params (string Id, string Key)[] keys)
    {
        var options = new PersonalDataOptions { ActiveKeyId = active, HashKey = HashKey };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new PersonalDataProtector(Options.Create(options));
    }

    [Fact]
    public void EveryProtectedColumnPurpose_IsCoveredByRotation()
    {
        var purposes = typeof(PersonalDataPurposes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && !f.Name.StartsWith("SignIn", StringComparison.Ordinal))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        purposes.Count.ShouldBeGreaterThan(10);
        PersonalDataStores.ColumnKinds.SelectMany(k => k.Columns.Select(c => c.Purpose)).Order().ShouldBe(purposes.Order());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rotation_FromAToB_InSmallBatches_ResumesAfterAStop_LeavesNothingUnderA_AndEveryValueReadsTheSame(string provider)
    {
        await using var app = await TestApp.StartOwnAsync(provider, new Dictionary<string, string?>
        {
            ["PersonalData:Keys:key-a"] = KeyA,
            ["PersonalData:Keys:key-b"] = KeyB,
            ["PersonalData:ActiveKeyId"] = "key-a",
            ["PersonalData:HashKey"] = HashKey,
        });
        var underA = app.Services.GetRequiredService<PersonalDataProtector>();
        underA.ActiveKeyId.ShouldBe("key-a");
        var underB = Protector("key-b", ("key-a", KeyA), ("key-b", KeyB));
        var before = await ClearValuesAsync(app, underA);
        foreach (var kind in new[] { PersonalDataStores.IdentityNumbers, "users", "team-members", "certificate-holders" })
        {
            before.Keys.Count(k => k.Kind == kind).ShouldBeGreaterThan(0, kind);
        }

        var usage = await UsageAsync(app, underB);
        var totalUnderA = usage.Keys.Single(k => k.KeyId == "key-a").Total;
        totalUnderA.ShouldBe((long)before.Count);
        usage.Keys.Single(k => k.KeyId == "key-a").State.ShouldBe(PersonalDataKeyUsage.KeyState.InUse);
        usage.Keys.Single(k => k.KeyId == "key-b").State.ShouldBe(PersonalDataKeyUsage.KeyState.Active);
        usage.Retirable.ShouldBeEmpty();
        var refused = await RetireAsync(app, underB, "key-a");
        refused.FirstError.Code.ShouldBe("personal_data.retire_in_use");
        refused.FirstError.Args.ShouldBe(["key-a", totalUnderA]);
        (await RetireAsync(app, underB, "key-b")).FirstError.Code.ShouldBe("personal_data.retire_active");
        (await RetireAsync(app, underB, "key-nobody")).FirstError.Code.ShouldBe("personal_data.unknown_key");

        // A run stopped after its first batch: that batch is done, the rest is still under A.
        using var stop = new CancellationTokenSource();
        var seen = new List<RotatePersonalDataKeys.Progress>();
        await Should.ThrowAsync<OperationCanceledException>(() => RotateAsync(app, underB, 3, p =>
        {
            seen.Add(p);
            stop.Cancel();
        }, stop.Token));
        seen.Count.ShouldBe(1);
        seen[0].Kind.ShouldBe(PersonalDataStores.IdentityNumbers);
        seen[0].Rotated.ShouldBe(3);
        usage = await UsageAsync(app, underB);
        usage.Keys.Single(k => k.KeyId == "key-b").Total.ShouldBe(3L);
        usage.Keys.Single(k => k.KeyId == "key-a").Total.ShouldBe(totalUnderA - 3);

        // Run again: it goes on from there, reporting progress per kind.
        seen.Clear();
        var rotated = await RotateAsync(app, underB, 3, seen.Add, CancellationToken.None);
        rotated.IsSuccess.ShouldBeTrue(string.Join("; ", rotated.Errors.Select(e => e.Code + " " + string.Join(",", e.Args))));
        // Rotation counts rows (a row re-encrypts all its columns at once); the usage report counts values.
        var rows = before.Keys.Select(k => (k.Kind, k.Id)).Distinct().Count();
        rotated.Value!.Total.ShouldBe(rows - 3);
        seen.ShouldContain(p => p.Kind == "users" && p.Remaining == 0);
        seen.Where(p => p.Kind == "users").Select(p => p.Rotated).ShouldBe(seen.Where(p => p.Kind == "users").Select(p => p.Rotated).Order());

        usage = await UsageAsync(app, underB);
        var a = usage.Keys.Single(k => k.KeyId == "key-a");
        a.Total.ShouldBe(0L);
        a.State.ShouldBe(PersonalDataKeyUsage.KeyState.Retirable);
        usage.Retirable.ShouldBe(["key-a"]);
        usage.Keys.Single(k => k.KeyId == "key-b").Total.ShouldBe((long)before.Count);
        CommandLine.KeyUsageText(usage).ShouldContain("retirable");
        var allowed = await RetireAsync(app, underB, "key-a");
        allowed.IsSuccess.ShouldBeTrue();
        allowed.Value!.Total.ShouldBe(0L);

        // The same clear values, read with key B alone (key A could now be removed).
        var after = await ClearValuesAsync(app, Protector("key-b", ("key-b", KeyB)));
        after.ShouldBe(before, ignoreOrder: true);
        (await RotateAsync(app, underB, 3, null, CancellationToken.None)).Value!.Total.ShouldBe(0);

        // The running platform (active key A, both keys configured) still reads everything through EF.
        var names = await app.ExecuteDbAsync(db => db.Users.Select(u => u.FullName).ToListAsync());
        names.ShouldNotContain(n => n.StartsWith(PersonalDataColumns.Marker, StringComparison.Ordinal));

        // A value under a key nobody configured stops the next rotation at its row; that batch writes nothing.
        var members = await app.ExecuteDbAsync(db => db.TeamMembers.OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync());
        var planted = PersonalDataColumns.Protect(Protector("key-x", ("key-x", KeyX)), PersonalDataPurposes.TeamMemberFullName, "Tên Không Đọc Được");
        await ExecuteAsync(app, "UPDATE \"TeamMembers\" SET \"FullName\" = @v WHERE \"Id\" = @id", ("@v", planted), ("@id", members[1]));
        var backToA = Protector("key-a", ("key-a", KeyA), ("key-b", KeyB));
        var failed = await RotateAsync(app, backToA, 1000, null, CancellationToken.None);

        failed.IsSuccess.ShouldBeFalse();
        failed.FirstError.Code.ShouldBe("personal_data.undecryptable");
        failed.FirstError.Args.ShouldBe(["team-members", members[1].ToString(CultureInfo.InvariantCulture), "key-x"]);
        var message = app.Services.GetRequiredService<HocVuSo.Web.Hosting.ErrorMessages>().Describe(failed.FirstError);
        message.ShouldContain("team-members");
        message.ShouldContain(members[1].ToString(CultureInfo.InvariantCulture));
        usage = await UsageAsync(app, backToA);
        usage.Keys.Single(k => k.KeyId == "key-a").ByKind[PersonalDataStores.IdentityNumbers].ShouldBe((long)before.Keys.Count(k => k.Kind == PersonalDataStores.IdentityNumbers));
        usage.Keys.Single(k => k.KeyId == "key-a").ByKind.GetValueOrDefault("team-members").ShouldBe(0L);
        usage.Keys.Single(k => k.KeyId == "key-b").ByKind["team-members"].ShouldBe((long)before.Keys.Count(k => k.Kind == "team-members") - 1);
        var x = usage.Keys.Single(k => k.KeyId == "key-x");
        x.State.ShouldBe(PersonalDataKeyUsage.KeyState.NotConfigured);
        x.Total.ShouldBe(1L);
        usage.Keys.Single(k => k.KeyId == "key-b").State.ShouldBe(PersonalDataKeyUsage.KeyState.InUse);
        usage.Retirable.ShouldBeEmpty();
        CommandLine.KeyUsageText(usage).ShouldContain("NOT CONFIGURED");
    }

    [Fact]
    public async Task Rotation_RefusesABatchSizeOutOfRange()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var protector = app.Services.GetRequiredService<PersonalDataProtector>();
        (await RotateAsync(app, protector, 0, null, CancellationToken.None)).FirstError.Code.ShouldBe("personal_data.bad_batch_size");
    }

    private static async Task<Result<RotatePersonalDataKeys.Report>> RotateAsync(TestApp app, PersonalDataProtector protector, int batch, Action<RotatePersonalDataKeys.Progress>? progress, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var handler = new RotatePersonalDataKeys.Handler(scope.ServiceProvider.GetRequiredService<AppDbContext>(), protector);
        return await handler.HandleAsync(new RotatePersonalDataKeys.Command(batch), progress, ct);
    }

    private static async Task<Result<PersonalDataKeyUsage.KeyUse>> RetireAsync(TestApp app, PersonalDataProtector protector, string keyId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var usage = new PersonalDataKeyUsage.Handler(scope.ServiceProvider.GetRequiredService<AppDbContext>(), protector);
        return await new CheckKeyRetirement.Handler(usage).HandleAsync(new CheckKeyRetirement.Command(keyId), CancellationToken.None);
    }

    private static async Task<PersonalDataKeyUsage.Report> UsageAsync(TestApp app, PersonalDataProtector protector)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await new PersonalDataKeyUsage.Handler(scope.ServiceProvider.GetRequiredService<AppDbContext>(), protector).HandleAsync(CancellationToken.None);
        result.IsSuccess.ShouldBeTrue();
        return result.Value!;
    }

    private static Task<int> ExecuteAsync(TestApp app, string sql, params (string Name, object Value)[] parameters) =>
        app.ExecuteDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return await command.ExecuteNonQueryAsync();
        });

    /// <summary>Every protected value in the database, read past EF with plain SQL and decrypted with <paramref name="protector"/>.</summary>
    private static Task<Dictionary<(string Kind, string Id, string Column), string>> ClearValuesAsync(TestApp app, PersonalDataProtector protector) =>
        app.ExecuteDbAsync(async db =>
        {
            var values = new Dictionary<(string, string, string), string>();
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT \"Id\", \"UserId\", \"KeyId\", \"IdNumberCipher\" FROM \"PersonIdentities\"";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var number = protector.Unprotect(new ProtectedValue(reader.GetString(2), (byte[])reader.GetValue(3)), IdentityTarget.ContextFor(reader.GetString(1)));
                    values[(PersonalDataStores.IdentityNumbers, Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, "IdNumber")] = number;
                }
            }

            foreach (var kind in PersonalDataStores.ColumnKinds)
            {
                foreach (var (column, purpose) in kind.Columns)
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT \"{kind.IdColumn}\", \"{column}\" FROM \"{kind.Table}\" WHERE \"{column}\" IS NOT NULL";
                    await using var reader = await command.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        var stored = reader.GetString(1);
                        PersonalDataColumns.IsProtected(stored).ShouldBeTrue($"{kind.Name} {column} is in clear");
                        values[(kind.Name, Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!, column)] = PersonalDataColumns.Unprotect(protector, purpose, stored);
                    }
                }
            }

            return values;
        });
}
