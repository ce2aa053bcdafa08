using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Demo;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Security;

/// <summary>
/// The database scan: after the journeys that put personal data in (learners registering by phone
/// and by e-mail, recording their identification numbers, signing in, failing to sign in with a
/// number, a phone and an e-mail typed as user names, staff created with a name, e-mail and phone,
/// a learner certified), the whole database (every byte of the SQLite file and its journal; every
/// text column of every PostgreSQL table) and everything the app logged hold none of those
/// identification numbers, phones, e-mails or names, nor those of the seeded demo, in clear.
/// </summary>
public class DatabaseScanTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DatabaseScan_FindsNoIdentityNumberPhoneEmailOrNameInClear_AfterTheJourneys(string provider)
    {
        await using var app = await TestApp.StartOwnAsync(provider);
        var logs = LogCapture.For(app);
        var people = new[]
        {
            (Name: "Phùng Thị Hoài Xuân", Phone: "0987654321", Email: "hoai.xuan.scan@example.vn", Number: "066185700123"),
            (Name: "Ksor H'Blí Niê", Phone: "0356789012", Email: "hbli.scan@example.vn", Number: "066190800456"),
        };

        var learners = new List<HttpClient>();
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            foreach (var (login, name) in new[] { (person.Phone, person.Name), (person.Email, person.Name + " Hai") })
            {
                // Before registering: a sign-in with the phone or e-mail fails (and is audited).
                var early = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = login, password = TestApp.Password });
                early.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
                await using var scope = app.Services.CreateAsyncScope();
                var registered = await scope.ServiceProvider.GetRequiredService<RegisterLearner.Handler>()
                    .HandleAsync(new RegisterLearner.Command(name, login, TestApp.Password, "24445-003"), CancellationToken.None);
                registered.IsSuccess.ShouldBeTrue(string.Join("; ", registered.Errors.Select(e => e.Code)));
            }

            // Signs in with the e-mail typed in another case, and with the phone in another format.
            var byEmail = await TokenClientAsync(app, person.Email.ToUpperInvariant());
            var byPhone = await TokenClientAsync(app, "+84 " + person.Phone[1..4] + " " + person.Phone[4..]);
            (await byPhone.PutAsJsonAsync("/api/v1/identity/me", new { cccd = person.Number, birthYear = i == 0 ? 1985 : 1990, gender = "nữ" })).StatusCode
                .ShouldBe(HttpStatusCode.OK);
            learners.Add(byPhone);
            learners.Add(byEmail);
        }

        // A second registration with the same e-mail is refused, whatever its case.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<RegisterLearner.Handler>()
                .HandleAsync(new RegisterLearner.Command("Ai Đó", people[0].Email.ToUpperInvariant(), TestApp.Password, "24445-003"), CancellationToken.None);
            again.IsSuccess.ShouldBeFalse();
            again.FirstError.Code.ShouldBe("learner.already_registered");
        }

        // Failed sign-ins with identity numbers, a phone and an e-mail typed as the user name, on the API and the web.
        var stranger = new[] { "079203001234", "0911222333", "khong.co.ai@example.vn" };
        foreach (var typed in stranger.Concat(people.Select(p => p.Number)))
        {
            (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = typed, password = "Sai-mat-khau-1" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            await app.CreateClient().SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = typed, ["Input.Password"] = "Sai-mat-khau-1" });
        }

        // Staff created with a name, an e-mail and a phone.
        var officer = await app.CreateClientAsync("officer.eatrang");
        var staff = (Name: "Mai Hoàng Yến Nhi", Email: "yen.nhi.scan@eatrang.example.vn", Phone: "0977001122");
        (await officer.PostAsJsonAsync("/api/v1/staff", new { userName = "nhi.scan", fullName = staff.Name, email = staff.Email, phone = staff.Phone, role = "TeamMember", unitCode = "24445-003" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        // One learner is certified; the certificate still shows the holder's initials and verifies.
        await CertificationHelpers.PassFinalAsync(app, learners[0]);
        var me = await learners[0].GetFromJsonAsync<JsonElement>("/api/v1/certification/me");
        me.GetProperty("certified").GetBoolean().ShouldBeTrue(me.ToString());

        // What to look for: these journeys' people, and the seeded demo's.
        var needles = people.SelectMany(p => new[] { p.Name, p.Name + " Hai", p.Phone, p.Email, p.Number })
            .Concat(stranger)
            .Concat([staff.Name, staff.Email, staff.Phone])
            .Concat(DemoIdentities())
            .Distinct(StringComparer.Ordinal)
            .ToList();

        // A control: a unit's name is stored in clear, so a scan that reads the data finds it.
        const string control = "Xã Ea Trang";
        var found = new List<string>();
        needles.Add(control);
        if (app.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            var path = new SqliteConnectionStringBuilder(app.Services.GetRequiredService<IConfiguration>().GetConnectionString("Default")).DataSource;
            foreach (var file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                found.AddRange(needles.Where(n => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(n)) >= 0).Select(n => Path.GetFileName(file) + ": " + n));
            }
        }
        else
        {
            found.AddRange(await app.ExecuteDbAsync(db => PostgresTextHitsAsync(db, needles)));
        }

        found.ShouldContain(hit => hit.EndsWith(": " + control, StringComparison.Ordinal));
        found.RemoveAll(hit => hit.EndsWith(": " + control, StringComparison.Ordinal));
        needles.Remove(control);

        var logText = string.Join("\n", logs.Entries.Select(e => e.Message));
        logText.Length.ShouldBeGreaterThan(0);
        found.AddRange(needles.Where(n => logText.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => "log: " + n));

        found.ShouldBeEmpty();
    }

    /// <summary>The seeded demo's learner names, identification numbers, staff names and e-mail addresses.</summary>
    private static IEnumerable<string> DemoIdentities()
    {
        var names = (string[])typeof(DemoLearners).GetField("Names", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        foreach (var name in names)
        {
            yield return name;
        }

        var accounts = (Array)typeof(SeedDemo).GetField("Accounts", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        foreach (var account in accounts)
        {
            var tuple = (System.Runtime.CompilerServices.ITuple)account!;
            var userName = (string)tuple[0]!;
            var fullName = (string)tuple[1]!;
            yield return userName + "@demo.hocvuso.vn";
            // The demo's staff accounts are named after their office ("Cán bộ Sở KH&CN Đắk Lắk"), which also names units and teams; its learners have people's names.
            if (tuple[2] is null)
            {
                yield return fullName;
            }
        }

        // DemoCertifications' numbers: "066", sex, two digits of the birth year, six more.
        for (var index = 0; index < 7; index++)
        {
            var birthYear = 1962 + index * 2;
            foreach (var sex in new[] { "0", "1" })
            {
                yield return "066" + sex + (birthYear % 100).ToString("00", CultureInfo.InvariantCulture) + (204_000 + index * 7_919).ToString("D6", CultureInfo.InvariantCulture);
            }
        }
    }

    private static async Task<HttpClient> TokenClientAsync(TestApp app, string typed)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = typed, password = TestApp.Password });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, typed);
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Every text column of every table, read back and searched.</summary>
    private static async Task<List<string>> PostgresTextHitsAsync(AppDbContext db, IReadOnlyList<string> needles)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'character', 'jsonb', 'json')";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        columns.Count.ShouldBeGreaterThan(50);
        var hits = new List<string>();
        foreach (var (table, column) in columns)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"{column}\"::text FROM \"{table}\" WHERE \"{column}\" IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var value = reader.GetString(0);
                hits.AddRange(needles.Where(n => value.Contains(n, StringComparison.OrdinalIgnoreCase)).Select(n => $"{table}.{column}: {n}"));
            }
        }

        return hits.Distinct().ToList();
    }
}
