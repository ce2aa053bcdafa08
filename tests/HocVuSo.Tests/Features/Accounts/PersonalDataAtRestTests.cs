using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Accounts;

/// <summary>Names and phone numbers are encrypted at rest; phone learners still sign in and are found by their phone.</summary>
public class PersonalDataAtRestTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static string NewPhone() => "09" + Random.Shared.NextInt64(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    private static async Task<string> RegisterAsync(TestApp app, string fullName, string typedPhone, string village = "24445-001")
    {
        await using var scope = app.Services.CreateAsyncScope();
        var registered = await scope.ServiceProvider.GetRequiredService<RegisterLearner.Handler>()
            .HandleAsync(new RegisterLearner.Command(fullName, typedPhone, TestApp.Password, village), CancellationToken.None);
        registered.IsSuccess.ShouldBeTrue(string.Join("; ", registered.Errors.Select(e => e.Code)));
        return registered.Value!.UserId;
    }

    /// <summary>The stored text of <paramref name="columns"/>, read with plain SQL past the EF converters.</summary>
    private static Task<Dictionary<string, string?>> RawAsync(TestApp app, string table, object id, params string[] columns) =>
        app.ExecuteDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            try
            {
                await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" WHERE \"Id\" = @id";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@id";
                parameter.Value = id;
                command.Parameters.Add(parameter);
                await using var reader = await command.ExecuteReaderAsync();
                (await reader.ReadAsync()).ShouldBeTrue();
                return columns.ToDictionary(c => c, c => reader.IsDBNull(reader.GetOrdinal(c)) ? null : reader.GetString(reader.GetOrdinal(c)));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

    private static async Task<HttpClient> SignInAsync(TestApp app, string userName)
    {
        var client = app.CreateClient();
        (await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = TestApp.Password }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return client;
    }

    private static async Task<HttpStatusCode> TokenAsync(TestApp app, string userName) =>
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password = TestApp.Password })).StatusCode;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task PhoneLearner_IsStoredWithoutClearPhoneOrName_AndSignsInWithThePhoneInAnyFormat(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var phone = NewPhone();
        var name = "Hoàng Thị Kín Đáo " + phone[^4..];
        var userId = await RegisterAsync(app, name, phone[..4] + " " + phone[4..7] + " " + phone[7..]);

        var raw = await RawAsync(app, "AspNetUsers", userId, "UserName", "NormalizedUserName", "PhoneNumber", "FullName");
        var keyId = app.Services.GetRequiredService<PersonalDataProtector>().ActiveKeyId;
        foreach (var (column, value) in raw)
        {
            value.ShouldNotBeNull(column);
            value.ShouldNotContain(phone, customMessage: column);
            value.ShouldNotContain(phone[1..], customMessage: column);
            value.ShouldNotContain("Kín Đáo", customMessage: column);
        }

        raw["PhoneNumber"].ShouldStartWith(PersonalDataColumns.Marker + keyId + ":");
        raw["FullName"].ShouldStartWith(PersonalDataColumns.Marker + keyId + ":");
        raw["UserName"].ShouldBe(app.StoredUserName(phone));
        raw["UserName"].ShouldStartWith(LoginNames.PhoneHandlePrefix);

        // Through the model the values read back in clear, for the pages that need them.
        var read = await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => new { u.FullName, u.PhoneNumber }).SingleAsync());
        read.FullName.ShouldBe(name);
        read.PhoneNumber.ShouldBe(phone);

        // Token API and sign-in page, with the phone typed in different formats.
        (await TokenAsync(app, phone)).ShouldBe(HttpStatusCode.OK);
        (await TokenAsync(app, "+84 " + phone[1..4] + "." + phone[4..7] + "." + phone[7..])).ShouldBe(HttpStatusCode.OK);
        var web = app.CreateClient();
        var login = await web.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = phone[..4] + " " + phone[4..], ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The same phone cannot register twice, whatever its format.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<RegisterLearner.Handler>()
                .HandleAsync(new RegisterLearner.Command("Người Khác", "+84" + phone[1..], TestApp.Password, "24445-001"), CancellationToken.None);
            again.Errors.ShouldContain(e => e.Code == "learner.already_registered");
        }

        // No audit entry of the sign-ins carries the phone.
        var audit = await app.ExecuteDbAsync(db => db.AuditEntries.Where(a => a.EntityKey == userId || a.ActorUserId == userId).Select(a => (a.ActorName ?? string.Empty) + " " + (a.NewValue ?? string.Empty)).ToListAsync());
        audit.ShouldNotBeEmpty();
        audit.ShouldAllBe(text => !text.Contains(phone) && !text.Contains("Kín Đáo"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Helper_FindsTheLearnerByTypedPhone(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var phone = NewPhone();
        await RegisterAsync(app, "Y Niê Tìm Thấy", phone);
        var member = await SignInAsync(app, "team.eatrang");

        var started = await member.SubmitFormAsync("/assist", new Dictionary<string, string> { ["learner"] = "+84 " + phone[1..] }, actionContains: "Start");

        started.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await member.GetPageAsync("/learn")).QuerySelector(".assist-banner")!.TextContent.ShouldContain("Y Niê Tìm Thấy");
        (await member.SubmitFormAsync("/learn", new Dictionary<string, string>(), actionContains: "End")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        member = await SignInAsync(app, "team.eatrang");
        var unknown = await member.SubmitFormAsync("/assist", new Dictionary<string, string> { ["learner"] = NewPhone() }, actionContains: "Start");
        unknown.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProtectStep_EncryptsRowsStillInClear_AndIsIdempotent(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var phone = NewPhone();
        var userId = await RegisterAsync(app, "Người Cũ", phone);
        // A demo team member (their phone is put back afterwards).
        var original = await app.ExecuteDbAsync(db => db.TeamMembers.OrderBy(m => m.Id).Select(m => new { m.Id, m.FullName, m.Phone }).FirstAsync());
        var member = new { original.Id, original.FullName, Phone = (string?)NewPhone() };

        // As a database written before encryption holds them: phone as user name, name and phone in clear.
        await app.ExecuteDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AspNetUsers\" SET \"UserName\" = {0}, \"NormalizedUserName\" = {0}, \"PhoneNumber\" = {0}, \"FullName\" = {1} WHERE \"Id\" = {2}",
            phone, "Người Cũ", userId));
        await app.ExecuteDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"TeamMembers\" SET \"FullName\" = {0}, \"Phone\" = {1} WHERE \"Id\" = {2}", member.FullName, member.Phone!, member.Id));
        (await RawAsync(app, "AspNetUsers", userId, "FullName"))["FullName"].ShouldBe("Người Cũ");
        var walkIn = await app.ExecuteDbAsync(db => db.ClassAttendance.Where(w => w.WalkInName != null).OrderBy(w => w.Id).Select(w => new { w.Id, w.WalkInName }).FirstAsync());
        await app.ExecuteDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"ClassAttendance\" SET \"WalkInName\" = {0} WHERE \"Id\" = {1}", walkIn.WalkInName!, walkIn.Id));
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.FullName).SingleAsync())).ShouldBe("Người Cũ");

        var first = await ProtectAsync(app);

        first.Users.ShouldBeGreaterThanOrEqualTo(1);
        first.TeamMembers.ShouldBeGreaterThanOrEqualTo(1);
        first.WalkIns.ShouldBeGreaterThanOrEqualTo(1);
        var user = await RawAsync(app, "AspNetUsers", userId, "UserName", "NormalizedUserName", "PhoneNumber", "FullName");
        user["UserName"].ShouldBe(app.StoredUserName(phone));
        user["NormalizedUserName"].ShouldBe(app.StoredUserName(phone).ToUpperInvariant());
        user["PhoneNumber"].ShouldStartWith(PersonalDataColumns.Marker);
        user["FullName"].ShouldStartWith(PersonalDataColumns.Marker);
        var teamMember = await RawAsync(app, "TeamMembers", member.Id, "FullName", "Phone");
        teamMember["FullName"].ShouldStartWith(PersonalDataColumns.Marker);
        teamMember["Phone"].ShouldStartWith(PersonalDataColumns.Marker);
        (await app.ExecuteDbAsync(db => db.TeamMembers.Where(m => m.Id == member.Id).Select(m => new { m.FullName, m.Phone }).SingleAsync()))
            .ShouldBe(new { member.FullName, member.Phone });
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => new { u.FullName, u.PhoneNumber }).SingleAsync()))
            .ShouldBe(new { FullName = "Người Cũ", PhoneNumber = (string?)phone });
        (await TokenAsync(app, phone)).ShouldBe(HttpStatusCode.OK);
        (await RawAsync(app, "ClassAttendance", walkIn.Id, "WalkInName"))["WalkInName"].ShouldStartWith(PersonalDataColumns.Marker);
        (await app.ExecuteDbAsync(db => db.ClassAttendance.Where(w => w.Id == walkIn.Id).Select(w => w.WalkInName).SingleAsync())).ShouldBe(walkIn.WalkInName);

        var second = await ProtectAsync(app);

        second.ShouldBe(new PersonalDataAtRest.Report(0, 0, 0));
        (await RawAsync(app, "AspNetUsers", userId, "FullName"))["FullName"].ShouldBe(user["FullName"]);
        await app.ExecuteDbAsync(async db =>
        {
            var row = await db.TeamMembers.SingleAsync(m => m.Id == member.Id);
            row.Phone = original.Phone;
            return await db.SaveChangesAsync();
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task EmailLearner_IsStoredWithoutClearEmail_SignsInWithItInAnyCase_AndRegistersOnce(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var email = "kin.dao." + Guid.NewGuid().ToString("N")[..8] + "@example.vn";
        var userId = await RegisterAsync(app, "Lương Thị Kín Thư", email);

        var raw = await RawAsync(app, "AspNetUsers", userId, "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "FullName");
        foreach (var (column, value) in raw)
        {
            value.ShouldNotBeNull(column);
            value.ShouldNotContain(email, Case.Insensitive, column);
            value.ShouldNotContain(email.Split('@')[0], Case.Insensitive, column);
        }

        raw["UserName"].ShouldStartWith(LoginNames.EmailHandlePrefix);
        raw["Email"].ShouldStartWith(PersonalDataColumns.Marker);
        raw["NormalizedEmail"].ShouldBe(raw["NormalizedUserName"]);
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync())).ShouldBe(email);

        (await TokenAsync(app, email)).ShouldBe(HttpStatusCode.OK);
        (await TokenAsync(app, " " + email.ToUpperInvariant())).ShouldBe(HttpStatusCode.OK);
        await SignInAsync(app, email);
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>().FindByEmailAsync(email.ToUpperInvariant()))!.Id.ShouldBe(userId);
        var again = await scope.ServiceProvider.GetRequiredService<RegisterLearner.Handler>()
            .HandleAsync(new RegisterLearner.Command("Người Khác", email.ToUpperInvariant(), TestApp.Password, "24445-001"), CancellationToken.None);
        again.Errors.ShouldContain(e => e.Code == "learner.already_registered");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ProtectStep_EncryptsEmailsHolderNamesAndPayloadsStillInClear_AndIsIdempotent(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var email = "cu." + Guid.NewGuid().ToString("N")[..8] + "@example.vn";
        var userId = await RegisterAsync(app, "Người Cũ Thư", email);
        var certification = await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.HolderName != null && c.Serial != null).OrderBy(c => c.Id).Select(c => new { c.Id, c.HolderName, c.Serial }).FirstAsync());
        var message = await app.ExecuteDbAsync(db => db.OutboxMessages.OrderBy(m => m.Id).Select(m => new { m.Id, m.Payload }).FirstAsync());

        // As a database written before this release holds them: the e-mail as user name and in clear, the holder's name and the payload in clear.
        await app.ExecuteDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AspNetUsers\" SET \"UserName\" = {0}, \"NormalizedUserName\" = {1}, \"Email\" = {0}, \"NormalizedEmail\" = {1} WHERE \"Id\" = {2}",
            email, email.ToUpperInvariant(), userId));
        await app.ExecuteDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"Certifications\" SET \"HolderName\" = {0} WHERE \"Id\" = {1}", certification.HolderName!, certification.Id));
        await app.ExecuteDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"OutboxMessages\" SET \"Payload\" = {0} WHERE \"Id\" = {1}", message.Payload, message.Id));
        (await RawAsync(app, "Certifications", certification.Id, "HolderName"))["HolderName"].ShouldBe(certification.HolderName);

        var first = await ProtectAsync(app);

        first.Users.ShouldBeGreaterThanOrEqualTo(1);
        first.Certifications.ShouldBeGreaterThanOrEqualTo(1);
        first.OutboxMessages.ShouldBeGreaterThanOrEqualTo(1);
        var user = await RawAsync(app, "AspNetUsers", userId, "UserName", "NormalizedUserName", "Email", "NormalizedEmail");
        user["UserName"].ShouldBe(app.StoredUserName(email));
        user["NormalizedEmail"].ShouldBe(app.StoredUserName(email).ToUpperInvariant());
        user["Email"].ShouldStartWith(PersonalDataColumns.Marker);
        (await TokenAsync(app, email)).ShouldBe(HttpStatusCode.OK);
        (await RawAsync(app, "Certifications", certification.Id, "HolderName"))["HolderName"].ShouldStartWith(PersonalDataColumns.Marker);
        (await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Id == certification.Id).Select(c => c.HolderName).SingleAsync())).ShouldBe(certification.HolderName);
        (await RawAsync(app, "OutboxMessages", message.Id, "Payload"))["Payload"].ShouldStartWith(PersonalDataColumns.Marker);
        (await app.ExecuteDbAsync(db => db.OutboxMessages.Where(m => m.Id == message.Id).Select(m => m.Payload).SingleAsync())).ShouldBe(message.Payload);

        // The public check still knows the certificate (its signature covers the name, which reads back the same).
        var verify = await app.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/certificates/{certification.Serial}/verify");
        verify.GetProperty("status").GetString().ShouldNotBe("unknown", verify.ToString());

        var second = await ProtectAsync(app);
        second.ShouldBe(new PersonalDataAtRest.Report(0, 0, 0));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AuthenticatorKeys_AreStoredEncrypted_AndOldClearOnesAreEncryptedByTheProtectStep(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        string userId, key;
        await using (var setup = app.Services.CreateAsyncScope())
        {
            var manager = setup.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var user = new AppUser { UserName = "khoa.thu." + Guid.NewGuid().ToString("N")[..8], FullName = "Người Giữ Khóa", CreatedAt = DateTime.UtcNow };
            (await manager.CreateAsync(user, TestApp.Password)).Succeeded.ShouldBeTrue();
            await manager.ResetAuthenticatorKeyAsync(user);
            key = (await manager.GetAuthenticatorKeyAsync(user))!;
            userId = user.Id;
        }

        async Task<string> StoredKeyAsync() => await app.ExecuteDbAsync(db => db.Database.SqlQueryRaw<string>(
            "SELECT \"Value\" AS \"Value\" FROM \"AspNetUserTokens\" WHERE \"UserId\" = {0} AND \"Name\" = 'AuthenticatorKey'", userId).SingleAsync());

        (await StoredKeyAsync()).ShouldStartWith(PersonalDataColumns.Marker);
        (await StoredKeyAsync()).ShouldNotContain(key);

        // As a database written before this release holds it: the key in clear. It still works, and the step encrypts it.
        await app.ExecuteDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AspNetUserTokens\" SET \"Value\" = {0} WHERE \"UserId\" = {1} AND \"Name\" = 'AuthenticatorKey'", key, userId));
        (await StoredKeyAsync()).ShouldBe(key);
        var report = await ProtectAsync(app);
        report.AccountSecrets.ShouldBeGreaterThanOrEqualTo(1);
        (await StoredKeyAsync()).ShouldStartWith(PersonalDataColumns.Marker);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
        (await users.GetAuthenticatorKeyAsync((await users.FindByIdAsync(userId))!)).ShouldBe(key);
    }

    private static async Task<PersonalDataAtRest.Report> ProtectAsync(TestApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await PersonalDataAtRest.ProtectAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<LoginNames>(), CancellationToken.None);
    }
}
