using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>The personal identification number over HTTP: validation, recording, masking, de-duplication, scoped and audited full views.</summary>
public class IdentityApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    /// <summary>A fresh valid number for a woman born 1985 in Đắk Lắk: 066 + 1 + 85 + six random digits.</summary>
    private static string NewNumber() => "066185" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    private static object Body(string number) => new { cccd = number, birthYear = 1985, gender = "nữ" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Validate_IsPublic_ExplainsEachProblem_AndStoresNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var anonymous = app.CreateClient();
        var number = NewNumber();

        var valid = await anonymous.PostAsJsonAsync("/api/v1/identity/cccd/validate", Body(number));
        var invalid = await anonymous.PostAsJsonAsync("/api/v1/identity/cccd/validate", new { cccd = "003" + number[3..], birthYear = 1986, gender = "male" });
        var english = await anonymous.PostAsJsonAsync("/api/v1/identity/cccd/validate?ui-culture=en", new { cccd = "12345" });
        var formatOnly = await anonymous.PostAsJsonAsync("/api/v1/identity/cccd/validate", new { cccd = number });

        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ok = await valid.Content.ReadFromJsonAsync<JsonElement>();
        ok.GetProperty("valid").GetBoolean().ShouldBeTrue();
        ok.GetProperty("errors").GetArrayLength().ShouldBe(0);
        (await formatOnly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("valid").GetBoolean().ShouldBeTrue();

        invalid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var problems = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        problems.GetProperty("valid").GetBoolean().ShouldBeFalse();
        var errors = problems.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("message").GetString()!);
        errors.Keys.ShouldBe(["identity.province_unknown", "identity.gender_mismatch", "identity.year_mismatch"]);
        errors["identity.province_unknown"].ShouldBe("Ba chữ số đầu (003) không phải mã tỉnh, thành phố nơi đăng ký khai sinh.");
        errors["identity.gender_mismatch"].ShouldContain("chữ số lẻ dành cho nữ");
        errors["identity.year_mismatch"].ShouldBe("Chữ số thứ năm và thứ sáu (85) phải là hai số cuối của năm sinh 1986.");
        (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors")[0].GetProperty("message").GetString()
            .ShouldBe("A personal identification number has exactly 12 digits, with no letters or punctuation.");

        var hash = app.Services.GetRequiredService<PersonalDataProtector>().Hash(PersonalIdNumbers.Purpose, number);
        (await app.ExecuteDbAsync(db => db.PersonIdentities.AnyAsync(p => p.IdNumberHash == hash))).ShouldBeFalse();
        (await AuditTextAsync(app)).ShouldNotContain(number);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Learner_RecordsTheirNumber_AndReadsItBackMasked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        var number = NewNumber();

        (await learner.GetAsync("/api/v1/identity/me")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var saved = await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number[..3] + " " + number[3..], birthYear = 1985, gender = "Nữ" });
        var again = await learner.PutAsJsonAsync("/api/v1/identity/me", Body(number));
        var read = await learner.GetAsync("/api/v1/identity/me");

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        read.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var body = await read.Content.ReadAsStringAsync();
        body.ShouldNotContain(number);
        var view = JsonSerializer.Deserialize<JsonElement>(body);
        view.GetProperty("masked").GetString().ShouldBe("066•••••••" + number[^2..]);
        view.GetProperty("userName").GetString().ShouldBe(app.StoredUserName(userName));
        view.GetProperty("birthYear").GetInt32().ShouldBe(1985);
        view.GetProperty("gender").GetString().ShouldBe("female");
        (await saved.Content.ReadAsStringAsync()).ShouldNotContain(number);
        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(userName)).Select(u => u.Id).SingleAsync());
        var recorded = (await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityKey == userId && a.Action == IdentityAuditActions.NumberRecorded).ToListAsync())).ShouldHaveSingleItem();
        JsonSerializer.Deserialize<JsonElement>(recorded.NewValue!).GetProperty("number").GetString().ShouldBe("066•••••••" + number[^2..]);
        recorded.ActorName.ShouldBe(app.StoredUserName(userName));

        var wrong = await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nam" });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("identity.gender_mismatch");
        var incomplete = await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number });
        (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["birthYear", "gender"], ignoreOrder: true);
        (await learner.GetFromJsonAsync<JsonElement>("/api/v1/identity/me")).GetProperty("birthYear").GetInt32().ShouldBe(1985, "a refused partial PUT changes nothing");

        var corrected = NewNumber();
        (await learner.PutAsJsonAsync("/api/v1/identity/me", Body(corrected))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await learner.GetFromJsonAsync<JsonElement>("/api/v1/identity/me")).GetProperty("masked").GetString().ShouldBe("066•••••••" + corrected[^2..]);
        var changed = (await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityKey == userId && a.Action == IdentityAuditActions.NumberChanged).ToListAsync())).ShouldHaveSingleItem();
        JsonSerializer.Deserialize<JsonElement>(changed.OldValue!).GetProperty("number").GetString().ShouldBe("066•••••••" + number[^2..]);
        (await app.ExecuteDbAsync(db => db.PersonIdentities.CountAsync(p => p.UserId == userId))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ANumberHeldByAnotherPerson_IsAConflict_ThatNamesNoOne(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (first, firstName) = await app.CreateLearnerAsync();
        var (second, _) = await app.CreateLearnerAsync("24445-003");
        var number = NewNumber();
        (await first.PutAsJsonAsync("/api/v1/identity/me", Body(number))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var duplicate = await second.PutAsJsonAsync("/api/v1/identity/me", Body(number));

        duplicate.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var text = await duplicate.Content.ReadAsStringAsync();
        var problem = JsonSerializer.Deserialize<JsonElement>(text);
        problem.GetProperty("code").GetString().ShouldBe("identity.duplicate");
        problem.GetProperty("detail").GetString()!.ShouldStartWith("Số định danh cá nhân này đã được khai cho một người khác.");
        text.ShouldNotContain(firstName);
        text.ShouldNotContain(number);
        (await second.GetAsync("/api/v1/identity/me")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheNumber_NeverAppearsInPlainText_InTheDatabaseTheAuditTrailOrTheLogs(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var log = LogCapture.For(app);
        var (learner, userName) = await app.CreateLearnerAsync();
        var (other, _) = await app.CreateLearnerAsync();
        var officer = await app.CreateClientAsync("officer.eatrang");
        var number = NewNumber();

        (await app.CreateClient().PostAsJsonAsync("/api/v1/identity/cccd/validate", Body(number))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await learner.PutAsJsonAsync("/api/v1/identity/me", Body(number))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await other.PutAsJsonAsync("/api/v1/identity/me", Body(number))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.PostAsJsonAsync($"/api/v1/identity/users/{userName}/reveal", new { reason = "Đối chiếu thẻ căn cước" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var rows = await TableAsync(app, "PersonIdentities");
        rows.Count.ShouldBeGreaterThan(0);
        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(userName)).Select(u => u.Id).SingleAsync());
        rows.ShouldContain(r => r.Contains(userId, StringComparison.Ordinal));
        rows.ShouldAllBe(r => !r.Contains(number, StringComparison.Ordinal));
        (await TableAsync(app, "AuditEntries")).ShouldAllBe(r => !r.Contains(number, StringComparison.Ordinal));
        log.Entries.ShouldContain(e => e.Category == "Microsoft.EntityFrameworkCore.Database.Command" && e.Message.Contains("PersonIdentities", StringComparison.Ordinal));
        log.Entries.ShouldContain(e => e.Category == "Microsoft.AspNetCore.Hosting.Diagnostics" && e.Message.Contains("/api/v1/identity/me", StringComparison.Ordinal));
        log.Entries.ShouldAllBe(e => !e.Message.Contains(number, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Reveal_OutsideScopeLooksUnknown_OthersAreForbidden_AndAuditedInside(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync();
        var (otherLearner, _) = await app.CreateLearnerAsync();
        var number = NewNumber();
        (await learner.PutAsJsonAsync("/api/v1/identity/me", Body(number))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(userName)).Select(u => u.Id).SingleAsync());

        var outside = await (await app.CreateClientAsync("officer.bacninh")).PostAsync($"/api/v1/identity/users/{userName}/reveal", null);
        var byLearner = await otherLearner.PostAsync($"/api/v1/identity/users/{userName}/reveal", null);
        var byTeamMember = await (await app.CreateClientAsync("team.eatrang")).PostAsync($"/api/v1/identity/users/{userName}/reveal", null);

        outside.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        byLearner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        byTeamMember.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await outside.Content.ReadAsStringAsync()).ShouldNotContain(number);
        (await RevealsAsync(app, userId)).ShouldBeEmpty();

        var inside = await (await app.CreateClientAsync("officer.eatrang")).PostAsJsonAsync($"/api/v1/identity/users/{userName}/reveal", new { reason = "Đối chiếu thẻ căn cước" });
        var withoutReason = await (await app.CreateClientAsync("officer.daklak")).PostAsync($"/api/v1/identity/users/{userName}/reveal", null);

        inside.StatusCode.ShouldBe(HttpStatusCode.OK);
        inside.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var revealed = await inside.Content.ReadFromJsonAsync<JsonElement>();
        revealed.GetProperty("cccd").GetString().ShouldBe(number);
        revealed.GetProperty("masked").GetString().ShouldBe("066•••••••" + number[^2..]);
        withoutReason.StatusCode.ShouldBe(HttpStatusCode.OK);
        var audit = await RevealsAsync(app, userId);
        audit.Select(a => a.ActorName).ShouldBe(["officer.eatrang", "officer.daklak"], ignoreOrder: true);
        audit.Single(a => a.ActorName == "officer.eatrang").Reason.ShouldBe("Đối chiếu thẻ căn cước");
        audit.ShouldAllBe(a => a.UnitPath == "/66/24445/24445-002/");

        (await (await app.CreateClientAsync("officer.eatrang")).PostAsync("/api/v1/identity/users/0900000000/reveal", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Officer_RecordsANumberForALearnerOfTheirCommune_OnlyThere(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, userName) = await app.CreateLearnerAsync("24445-004");
        var (otherLearner, otherName) = await app.CreateLearnerAsync();
        var number = NewNumber();

        (await (await app.CreateClientAsync("officer.bacninh")).PutAsJsonAsync($"/api/v1/identity/users/{userName}", Body(number))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await otherLearner.PutAsJsonAsync($"/api/v1/identity/users/{userName}", Body(number))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var saved = await (await app.CreateClientAsync("officer.eatrang")).PutAsJsonAsync($"/api/v1/identity/users/{userName}", Body(number));

        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await learner.GetFromJsonAsync<JsonElement>("/api/v1/identity/me")).GetProperty("masked").GetString().ShouldBe("066•••••••" + number[^2..]);
        var recordedBy = await app.ExecuteDbAsync(db => db.PersonIdentities.Where(p => db.Users.Any(u => u.Id == p.UserId && u.UserName == app.StoredUserName(userName))).Select(p => p.RecordedByUserId).SingleAsync());
        var officerId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == "officer.eatrang").Select(u => u.Id).SingleAsync());
        recordedBy.ShouldBe(officerId);
        (await otherLearner.PutAsJsonAsync($"/api/v1/identity/users/{otherName}", Body(NewNumber()))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithoutConfiguredKeys_TheAppGeneratesThemAtStart_BesideTheDataProtectionKeys(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        var file = Path.Combine(app.App.Configuration["DataProtection:KeysPath"]!, "personal-data-keys.json");

        File.Exists(file).ShouldBeTrue();
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        app.Services.GetRequiredService<PersonalDataProtector>().ActiveKeyId.ShouldStartWith("local-");
    }

    private static Task<List<Core.Features.Audit.AuditEntry>> RevealsAsync(TestApp app, string userId) =>
        app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == IdentityAuditActions.NumberRevealed && a.EntityKey == userId).ToListAsync());

    private static async Task<string> AuditTextAsync(TestApp app) => string.Join("\n", await TableAsync(app, "AuditEntries"));

    /// <summary>Every row of a table as the database holds it, all columns as text (byte columns as their bytes read as text, and in hex).</summary>
    private static Task<List<string>> TableAsync(TestApp app, string table) => app.ExecuteDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new StringBuilder();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var value = reader.GetValue(i);
                row.Append(value is byte[] bytes ? Encoding.Latin1.GetString(bytes) + "|" + Convert.ToHexString(bytes) : Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\t');
            }

            rows.Add(row.ToString());
        }

        return rows;
    });
}
