using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Privacy;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static HocVuSo.Tests.Features.Certification.CertificationHelpers;

namespace HocVuSo.Tests.Features.Privacy;

/// <summary>
/// A learner's deletion request from asking to completion: the confirmation step, the deadline, the
/// officers who may see and complete it (the commune's, not another province's), and what completion
/// leaves behind — an anonymous, locked account, a certificate revoked at the holder's request, the
/// same indicator totals, an audit entry, and a second completion refused.
/// Each test lives in a village of its own, so the indicator totals it compares are its own.
/// </summary>
public class DeletionRequestTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static readonly string[] Computations =
        [IndicatorComputations.AdultsCertified, IndicatorComputations.AdultsPassedFinal, IndicatorComputations.AdultsVneidConfirmed];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Asking_needs_the_confirmation_and_shows_the_open_request_with_its_deadline(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var village = await NewVillageAsync(app);
        var (learner, phone) = await app.CreateLearnerAsync(village.Code);
        var userId = await UserIdAsync(app, phone);

        foreach (var body in new object?[] { new { confirm = false }, new { } })
        {
            var refused = await learner.PostAsJsonAsync("/api/v1/me/deletion-request", body);
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("code").GetString().ShouldBe("privacy.deletion_confirm_required");
            problem.GetProperty("detail").GetString().ShouldBe("Hãy đánh dấu ô xác nhận rằng bạn hiểu tài khoản sẽ bị xóa.");
            problem.GetProperty("errors").GetProperty("confirm").EnumerateArray().ShouldHaveSingleItem().GetString().ShouldBe("Hãy đánh dấu ô xác nhận rằng bạn hiểu tài khoản sẽ bị xóa.");
        }

        (await app.ExecuteDbAsync(db => db.DeletionRequests.CountAsync(r => r.UserId == userId))).ShouldBe(0);
        (await learner.GetAsync("/api/v1/me/deletion-request")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var before = DateTime.UtcNow;
        var asked = await learner.PostAsJsonAsync("/api/v1/me/deletion-request", new { confirm = true });
        asked.StatusCode.ShouldBe(HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
        asked.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var requestId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetInt32();
        var again = await learner.PostAsJsonAsync("/api/v1/me/deletion-request", new { confirm = true });
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetInt32().ShouldBe(requestId);

        var mine = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/deletion-request");
        mine.GetProperty("requestId").GetInt32().ShouldBe(requestId);
        mine.GetProperty("status").GetString().ShouldBe("open");
        var requestedAt = mine.GetProperty("requestedAt").GetDateTime();
        var dueAt = mine.GetProperty("dueAt").GetDateTime();
        requestedAt.ShouldBeInRange(before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        app.Services.GetRequiredService<IOptions<PrivacyOptions>>().Value.DeletionDeadline.ShouldBe(TimeSpan.FromDays(30));
        (dueAt - requestedAt).ShouldBe(TimeSpan.FromDays(30));

        var row = await app.ExecuteDbAsync(db => db.DeletionRequests.AsNoTracking().SingleAsync(r => r.UserId == userId));
        row.UnitPath.ShouldBe(village.Path);
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityKey == userId && a.Action == PrivacyAuditActions.DeletionRequested))).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Another_provinces_officer_finds_the_request_nowhere_the_same_as_an_unknown_one(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var village = await NewVillageAsync(app);
        var (learner, phone) = await app.CreateLearnerAsync(village.Code);
        var requestId = await AskAsync(learner);
        var outsider = await app.CreateClientAsync("officer.bacninh");
        var unknownId = await app.ExecuteDbAsync(db => db.DeletionRequests.MaxAsync(r => r.Id)) + 1_000_000;

        var foreignUnit = await outsider.GetAsync("/api/v1/privacy/deletion-requests?unit=24445");
        foreignUnit.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var ownProvince = await outsider.GetFromJsonAsync<JsonElement>("/api/v1/privacy/deletion-requests?unit=24");
        ownProvince.GetProperty("requests").EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetInt32() == requestId);

        var completed = await outsider.PostAsync(new Uri($"/api/v1/privacy/deletion-requests/{requestId}/complete", UriKind.Relative), null);
        var unknown = await outsider.PostAsync(new Uri($"/api/v1/privacy/deletion-requests/{unknownId}/complete", UriKind.Relative), null);
        completed.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()
            .ShouldBe((await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        // Neither can another learner, nor the learner themselves.
        var (other, _) = await app.CreateLearnerAsync(village.Code);
        (await other.PostAsync(new Uri($"/api/v1/privacy/deletion-requests/{requestId}/complete", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await learner.PostAsync(new Uri($"/api/v1/privacy/deletion-requests/{requestId}/complete", UriKind.Relative), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var userId = await UserIdAsync(app, phone);
        (await app.ExecuteDbAsync(db => db.DeletionRequests.Where(r => r.Id == requestId).Select(r => r.Status).SingleAsync())).ShouldBe(DeletionRequestStatus.Open);
        (await app.ExecuteDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PhoneNumber).SingleAsync())).ShouldNotBeNull();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_communes_officer_completes_it_the_account_is_anonymised_the_certificate_revoked_and_the_counts_kept(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var village = await NewVillageAsync(app);
        var (learner, phone) = await app.CreateLearnerAsync(village.Code);
        var userId = await UserIdAsync(app, phone);
        var suffix = Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var fullName = "Hà Thị Xóa Thử " + suffix;
        var email = "xoa.thu." + suffix + "@example.vn";
        var number = NewNumber();
        (await learner.PatchAsJsonAsync("/api/v1/me", new { fullName, email })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
        await PassFinalAsync(app, learner);
        var certification = await MyCertificationAsync(learner);
        certification.GetProperty("status").GetString().ShouldBe("certified");
        var serial = certification.GetProperty("certificateSerial").GetString()!;
        var verifyUrl = new Uri(certification.GetProperty("verifyUrl").GetString()!);
        // VNeID acknowledged it, so the "confirmed on VNeID" count has this person too.
        await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).ExecuteUpdateAsync(s => s.SetProperty(c => c.VneidConfirmedAt, DateTime.UtcNow.AddMinutes(-1))));
        var countsBefore = await CountsAsync(app, village.Path);
        countsBefore.ShouldAllBe(c => c == 1);
        var communeBefore = await CountsAsync(app, "/66/24445/");
        var rawUserBefore = await RawRowAsync(app, "AspNetUsers", "Id", userId);
        var certificationId = await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.UserId == userId).Select(c => c.Id).SingleAsync());
        var rawCertificationBefore = await RawRowAsync(app, "Certifications", "Id", certificationId);
        (await app.ExecuteDbAsync(db => db.PersonIdentities.CountAsync(p => p.UserId == userId))).ShouldBe(1);

        var requestId = await AskAsync(learner);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var officerId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == "officer.eatrang").Select(u => u.Id).SingleAsync());

        var listing = await officer.GetFromJsonAsync<JsonElement>("/api/v1/privacy/deletion-requests?unit=" + village.Code);
        var listed = listing.GetProperty("requests").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("id").GetInt32().ShouldBe(requestId);
        listed.GetProperty("status").GetString().ShouldBe("open");
        listed.GetProperty("overdue").GetBoolean().ShouldBeFalse();
        (listed.GetProperty("dueAt").GetDateTime() - listed.GetProperty("requestedAt").GetDateTime()).ShouldBe(TimeSpan.FromDays(30));
        listed.GetProperty("learner").GetString().ShouldBe(Mask.Phone(phone));
        listed.GetProperty("learner").GetString()!.ShouldNotContain(phone[2..]);
        listing.GetProperty("open").GetInt32().ShouldBe(1);
        (await officer.GetFromJsonAsync<JsonElement>("/api/v1/privacy/deletion-requests?unit=24445"))
            .GetProperty("requests").EnumerateArray().ShouldContain(r => r.GetProperty("id").GetInt32() == requestId);

        var started = DateTime.UtcNow;
        var completed = await officer.PostAsync(new Uri($"/api/v1/privacy/deletion-requests/{requestId}/complete", UriKind.Relative), null);
        completed.StatusCode.ShouldBe(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        var finished = DateTime.UtcNow;
        (await completed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revokedSerial").GetString().ShouldBe(serial);

        // The account: nothing that names or reaches the person, in the stored row itself.
        var user = await app.ExecuteDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == userId));
        user.FullName.ShouldBeEmpty();
        user.PhoneNumber.ShouldBeNull();
        user.Email.ShouldBeNull();
        user.NormalizedEmail.ShouldBeNull();
        user.UserName.ShouldBe("deleted-" + userId);
        user.PasswordHash.ShouldBeNull();
        var rawUser = await RawRowAsync(app, "AspNetUsers", "Id", userId);
        foreach (var column in new[] { "FullName", "PhoneNumber", "Email", "NormalizedEmail", "UserName", "NormalizedUserName", "PasswordHash" })
        {
            if (rawUserBefore[column] is { Length: > 0 } old)
            {
                rawUser.Values.ShouldNotContain(old, $"{column} still holds its old stored value");
            }
        }

        var rawUserText = string.Join("|", rawUser.Values);
        foreach (var clear in new[] { phone, phone[1..], email, fullName, number, app.StoredUserName(phone) })
        {
            rawUserText.ShouldNotContain(clear, Case.Insensitive);
        }

        (await app.ExecuteDbAsync(db => db.PersonIdentities.CountAsync(p => p.UserId == userId))).ShouldBe(0);

        // No sign-in any more: not with the password, not with the token issued before.
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = phone, password = TestApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = email, password = TestApp.Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await learner.GetAsync("/api/v1/me/consents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The certificate: revoked at the holder's request, its holder's name and number erased; public verification says revoked.
        var revoked = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.UserId == userId));
        revoked.Status.ShouldBe(CertificationStatus.Revoked);
        revoked.RevocationReason.ShouldBe("Xóa theo yêu cầu của người được cấp");
        revoked.RevokedByUserId.ShouldBe(officerId);
        revoked.RevokedAt.ShouldNotBeNull().ShouldBeInRange(started.AddSeconds(-1), finished.AddSeconds(1));
        revoked.HolderName.ShouldBeNull();
        revoked.MaskedIdNumber.ShouldBeNull();
        revoked.ErasedAtHolderRequest.ShouldBeTrue();
        var rawCertification = await RawRowAsync(app, "Certifications", "Id", certificationId);
        rawCertification["HolderName"].ShouldBeNull();
        rawCertificationBefore["HolderName"].ShouldNotBeNull();
        rawCertification.Values.ShouldNotContain(rawCertificationBefore["HolderName"]);
        var verified = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}/verify{verifyUrl.Query}");
        verified.GetProperty("status").GetString().ShouldBe("revoked");
        verified.ToString().ShouldNotContain("Xóa Thử");

        // The indicators keep their totals, in the village and in the commune around it.
        (await CountsAsync(app, village.Path)).ShouldBe(countsBefore);
        (await CountsAsync(app, "/66/24445/")).ShouldBe(communeBefore);

        // Audited: who completed it and when; the request shows it.
        var audit = (await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityKey == userId && a.Action == PrivacyAuditActions.DeletionCompleted).ToListAsync())).ShouldHaveSingleItem();
        audit.ActorUserId.ShouldBe(officerId);
        audit.ActorName.ShouldBe("officer.eatrang");
        audit.At.ShouldBeInRange(started.AddSeconds(-1), finished.AddSeconds(1));
        audit.UnitPath.ShouldBe(village.Path);
        audit.NewValue!.ShouldContain(serial);
        var request = await app.ExecuteDbAsync(db => db.DeletionRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        request.Status.ShouldBe(DeletionRequestStatus.Completed);
        request.CompletedByUserId.ShouldBe(officerId);
        request.CompletedAt.ShouldNotBeNull().ShouldBeInRange(started.AddSeconds(-1), finished.AddSeconds(1));
        var listedAfter = (await officer.GetFromJsonAsync<JsonElement>("/api/v1/privacy/deletion-requests?unit=" + village.Code))
            .GetProperty("requests").EnumerateArray().ShouldHaveSingleItem();
        listedAfter.GetProperty("status").GetString().ShouldBe("completed");
        listedAfter.GetProperty("completedAt").GetDateTime().ShouldBe(request.CompletedAt!.Value, TimeSpan.FromMilliseconds(1));
        listedAfter.GetProperty("completedBy").GetString().ShouldBe("officer.eatrang");

        // Every audit entry about the person names them no more.
        var trail = string.Join("|", await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityKey == userId || a.ActorUserId == userId)
            .Select(a => a.ActorName + "|" + a.OldValue + "|" + a.NewValue + "|" + a.Reason).ToListAsync()));
        foreach (var clear in new[] { phone, email, fullName, number, app.StoredUserName(phone) })
        {
            trail.ShouldNotContain(clear, Case.Insensitive);
        }

        var twice = await officer.PostAsync(new Uri($"/api/v1/privacy/deletion-requests/{requestId}/complete", UriKind.Relative), null);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("privacy.request_already_completed");
        (await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityKey == userId && a.Action == PrivacyAuditActions.DeletionCompleted))).ShouldBe(1);
    }

    internal sealed record Village(string Code, string Path);

    /// <summary>A village of the test's own under Ea Trang, created by the commune's officer.</summary>
    internal static async Task<Village> NewVillageAsync(TestApp app)
    {
        var officer = await app.CreateClientAsync("officer.eatrang");
        var name = "Thôn Xóa Dữ Liệu " + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var created = await officer.PostAsJsonAsync("/api/v1/units/24445/villages", new { name, kind = "thon" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var code = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        return new Village(code, $"/66/24445/{code}/");
    }

    /// <summary>The learner asks for deletion, confirmed; returns the request's id.</summary>
    internal static async Task<int> AskAsync(HttpClient learner)
    {
        var asked = await learner.PostAsJsonAsync("/api/v1/me/deletion-request", new { confirm = true });
        asked.StatusCode.ShouldBe(HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
        return (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requestId").GetInt32();
    }

    private static async Task<decimal?[]> CountsAsync(TestApp app, string path)
    {
        var today = DateTime.UtcNow.AddHours(7);
        var month = new DateOnly(today.Year, today.Month, 1);
        var counts = new List<decimal?>();
        foreach (var computation in Computations)
        {
            await using var scope = app.Services.CreateAsyncScope();
            counts.Add(await scope.ServiceProvider.GetRequiredService<IndicatorComputations>().ComputeAsync(computation, path, month, CancellationToken.None));
        }

        return [.. counts];
    }

    /// <summary>One row as the database stores it (before any column converter decrypts it): column → text, binary as base64.</summary>
    private static Task<Dictionary<string, string?>> RawRowAsync(TestApp app, string table, string keyColumn, object key) => app.ExecuteDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\" WHERE \"{keyColumn}\" = @key";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@key";
        parameter.Value = key;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue($"no {table} row {key}");
        var row = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null
                : reader.GetValue(i) is byte[] bytes ? Convert.ToBase64String(bytes)
                : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
        }

        return row;
    });
}
