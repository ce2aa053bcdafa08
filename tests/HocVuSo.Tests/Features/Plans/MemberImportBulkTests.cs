using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>
/// The organisation member import at size: a file of more than one batch is checked whole, then
/// saved all or nothing; new people get accounts without a password and an activation code sent
/// to their own phone or e-mail, with which they activate.
/// </summary>
public class MemberImportBulkTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, int organisationId, string csv)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "thanh-vien.csv");
        return await client.PostAsync($"/api/v1/organisations/{organisationId}/members/import", content);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task MembersCsv_OfTwelveHundredPeople_IsAllOrNothing_AndNewPeopleActivateWithTheCodeSentToThem(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var schools = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/organisations?unit=24445"))!
            .Single(o => o.GetProperty("name").GetString() == "Các trường Tiểu học, THCS trên địa bàn xã").GetProperty("id").GetInt32();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var phoneBase = Random.Shared.Next(10_000_000, 89_000_000);
        var (_, existingLearner) = await app.CreateLearnerAsync();
        string Phone(int i) => "08" + (phoneBase + i).ToString(CultureInfo.InvariantCulture);
        string File(bool withError)
        {
            var csv = new StringBuilder("full_name,phone_or_email,role\n");
            csv.Append(CultureInfo.InvariantCulture, $"Học Sinh Cũ {tag},{existingLearner},lớp 9\n");
            for (var i = 1; i <= 1200; i++)
            {
                var contact = i % 2 == 0 ? Phone(i) : $"hs{i}.{tag}@example.vn";
                var name = withError && i == 900 ? string.Empty : $"Học Sinh {i} {tag}";
                csv.Append(CultureInfo.InvariantCulture, $"{name},{contact},lớp {1 + (i % 9)}\n");
            }

            return csv.ToString();
        }

        var handles = Enumerable.Range(1, 1200).Select(i => app.StoredUserName(i % 2 == 0 ? Phone(i) : $"hs{i}.{tag}@example.vn")).ToList();
        Task<int> UsersAsync() => app.ExecuteDbAsync(db => db.Users.CountAsync(u => handles.Contains(u.UserName!)));
        var existingId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(existingLearner)).Select(u => u.Id).SingleAsync());
        Task<int> MembersAsync() => app.ExecuteDbAsync(db => db.OrganisationMembers.CountAsync(m => m.OrganisationId == schools
            && (m.UserId == existingId || db.Users.Any(u => u.Id == m.UserId && handles.Contains(u.UserName!)))));

        var refused = await ImportAsync(officer, schools, File(withError: true));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToList();
        rows.ShouldHaveSingleItem().GetProperty("row").GetInt32().ShouldBe(902, "data row 900 after the existing learner's row, below the header");
        rows[0].GetProperty("field").GetString().ShouldBe("full_name");
        (await UsersAsync()).ShouldBe(0);
        (await MembersAsync()).ShouldBe(0);

        var saved = await ImportAsync(officer, schools, File(withError: false));

        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var report = await saved.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("enrolled").GetInt32().ShouldBe(1201);
        report.GetProperty("accountsCreated").GetInt32().ShouldBe(1200);
        (await UsersAsync()).ShouldBe(1200);
        (await MembersAsync()).ShouldBe(1201);
        var members = await app.ExecuteDbAsync(db => db.OrganisationMembers.Where(m => m.OrganisationId == schools)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.Group, u.FullName, u.PasswordHash, u.HomeUnitId, u.UserName }).ToListAsync());
        var mine = members.Where(m => m.FullName.EndsWith(" " + tag, StringComparison.Ordinal)).ToList();
        mine.Count.ShouldBe(1200, "the existing learner keeps their own name");
        mine.ShouldAllBe(m => m.Group == MemberGroup.Students && m.PasswordHash == null && m.HomeUnitId != null);
        mine.ShouldAllBe(m => m.UserName!.StartsWith("tel-") || m.UserName!.StartsWith("mail-"), "phones and e-mails only as keyed handles");

        // Person 2 (a phone) activates with the code sent to them, and signs in by typing the phone.
        var stored = app.StoredUserName(Phone(2));
        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == stored).Select(u => u.Id).SingleAsync());
        var message = await app.ExecuteDbAsync(db => db.OutboxMessages.AsNoTracking()
            .SingleAsync(m => m.Type == Notifications.SmsType && m.IdempotencyKey.StartsWith("account-activation:") && m.Reference == userId));
        var payload = JsonSerializer.Deserialize<JsonElement>(message.Payload);
        payload.GetProperty("recipient").GetString().ShouldBe(Phone(2));
        var code = Regex.Match(payload.GetProperty("body").GetString()!, @"\b\d{8}\b").Value;
        var activated = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/activate", new { phoneOrEmail = Phone(2), code, password = "Rieng@2026tu" });
        activated.StatusCode.ShouldBe(HttpStatusCode.OK, await activated.Content.ReadAsStringAsync());
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = Phone(2), password = "Rieng@2026tu" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.ExecuteDbAsync(db => db.OutboxMessages.CountAsync(m => m.IdempotencyKey.StartsWith("account-activation:")
            && db.Users.Any(u => u.Id == m.Reference && handles.Contains(u.UserName!))))).ShouldBe(1200);

        // The same file again: everyone is found, no account is created twice.
        var again = await ImportAsync(officer, schools, File(withError: false));
        again.StatusCode.ShouldBe(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        second.GetProperty("accountsCreated").GetInt32().ShouldBe(0);
        second.GetProperty("alreadyMembers").GetInt32().ShouldBe(1201);
        (await UsersAsync()).ShouldBe(1200);
    }
}
