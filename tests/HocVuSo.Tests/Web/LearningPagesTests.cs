using System.Net;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>A citizen's path without JavaScript: sign up, read, complete lessons, take and pass a test.</summary>
public class LearningPagesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Citizen_SignsUp_Learns_AndPassesAModuleTest(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        await app.ImportFixtureCourseAsync();
        var client = app.CreateClient();
        var phone = "08" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var search = await client.GetPageAsync("/Account/Register?q=ea+trang");
        search.QuerySelector("#communes a")!.GetAttribute("href").ShouldBe("?commune=24445");
        var signedUp = await client.SubmitFormAsync("/Account/Register?commune=24445", new Dictionary<string, string>
        {
            ["Input.UnitCode"] = "24445-003", ["Input.FullName"] = "H'Hoa Niê", ["Input.PhoneOrEmail"] = phone[..4] + " " + phone[4..], ["Input.Password"] = TestApp.Password,
            ["Input.ConsentLearning"] = "true",
        });
        signedUp.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedUp.Headers.Location!.ToString().ShouldBe("/learn");

        var catalogue = await client.GetPageAsync("/learn?group=officials");
        var continueLink = catalogue.QuerySelector("#course-thu-nghiem #continue")!;
        continueLink.TextContent.ShouldContain("Bài A");
        var lessonUrl = continueLink.GetAttribute("href")!;
        var lesson = await client.GetPageAsync(lessonUrl);
        lesson.QuerySelector("#lesson-body strong")!.TextContent.ShouldBe("Cài đặt");
        var next = await client.SubmitFormAsync(lessonUrl, new Dictionary<string, string>());
        next.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.SubmitFormAsync(next.Headers.Location!.ToString(), new Dictionary<string, string>())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var quizLink = (await client.GetPageAsync("/learn?group=officials")).QuerySelector("#module-01-mot a[href^='/learn/quizzes/']")!.GetAttribute("href")!;
        var start = await client.SubmitFormAsync(quizLink, new Dictionary<string, string>());
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var attemptUrl = start.Headers.Location!.ToString();
        var form = await client.GetPageAsync(attemptUrl);
        var attemptId = Guid.Parse(attemptUrl["/learn/attempts/".Length..]);
        var items = await app.ExecuteDbAsync(db => db.QuizAttempts.Where(a => a.Id == attemptId).Select(a => a.Items).SingleAsync());
        var itemIds = items.Select(i => i.QuestionId).ToList();
        var bank = await app.ExecuteDbAsync(db => db.Questions.Where(q => itemIds.Contains(q.Id)).ToDictionaryAsync(q => q.Id));
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            // The form names options by this attempt's own ids.
            var q = bank[item.QuestionId];
            string Shown(string id) => item.ShownIds[item.ShownOptions.IndexOf(id)];
            form.QuerySelector($"#question-{q.Id}").ShouldNotBeNull();
            if (q.Type == "ordering")
            {
                fields.AddRange(q.Options.Select((o, i) => new KeyValuePair<string, string>($"o{q.Id}_{Shown(o.Id)}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }
            else
            {
                fields.AddRange(q.Options.Where(o => o.Correct).Select(o => new KeyValuePair<string, string>($"q{q.Id}", Shown(o.Id))));
            }
        }

        fields.Add(new("key", form.QuerySelector("input[name='key']")!.GetAttribute("value")!));
        fields.Add(new("__RequestVerificationToken", form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!));
        var submitted = await client.PostAsync(attemptUrl, new FormUrlEncodedContent(fields));
        var resubmitted = await client.PostAsync(attemptUrl, new FormUrlEncodedContent(fields));

        submitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        resubmitted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var result = await client.GetPageAsync(attemptUrl);
        result.QuerySelector("#result")!.ClassList.ShouldContain("passed");
        result.QuerySelector("#result .score")!.TextContent.ShouldContain("100");
        result.QuerySelectorAll(".review .explanation").Length.ShouldBe(4);
        var attempts = await app.ExecuteDbAsync(db => db.QuizAttempts.CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == app.StoredUserName(phone))));
        attempts.ShouldBe(1);
        var home = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(phone)).Select(u => u.HomeUnitId).SingleAsync());
        (await app.ExecuteDbAsync(db => db.Units.Where(u => u.Id == home).Select(u => u.Code).SingleAsync())).ShouldBe("24445-003");
    }

    [Fact]
    public async Task SignUp_WithBadInput_SaysWhatIsWrong()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();

        var response = await client.SubmitFormAsync("/Account/Register?commune=24445", new Dictionary<string, string>
        {
            ["Input.UnitCode"] = "24445", ["Input.FullName"] = "", ["Input.PhoneOrEmail"] = "12345", ["Input.Password"] = "ngan",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await response.ParseAsync();
        page.QuerySelector("[data-valmsg-for='Input.PhoneOrEmail']")!.TextContent.ShouldContain("không phải số điện thoại");
        page.QuerySelector("[data-valmsg-for='Input.FullName']")!.TextContent.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Officer_SeesTheVillageTable_AndExportsIt()
    {
        var app = await TestApp.GetAsync("Sqlite");
        var client = app.CreateClient();
        await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });

        var page = await client.GetPageAsync("/units/24445/learning");
        var csv = await client.GetAsync("/units/24445/learning?handler=Csv");
        var xlsx = await client.GetAsync("/units/24445/learning?handler=Xlsx");

        page.QuerySelectorAll("#progress-table tbody tr").Length.ShouldBeGreaterThanOrEqualTo(11);
        page.QuerySelector("#progress-table tbody")!.TextContent.ShouldContain("Buôn Ea Trang");
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await csv.Content.ReadAsStringAsync()).ShouldContain("24445-001;Buôn Ea Trang;");
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var text = document.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText;
        text.ShouldContain("Buôn Ea Trang");
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/units/24445/learning")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
    }
}
