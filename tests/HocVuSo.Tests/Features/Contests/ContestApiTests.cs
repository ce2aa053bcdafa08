using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Contests;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static HocVuSo.Tests.Features.Contests.ContestTestData;

namespace HocVuSo.Tests.Features.Contests;

/// <summary>Contests through the API: the Contract, one entry per person, the server's deadline, idempotent submission, ranking and participation.</summary>
public class ContestApiTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task LearnerEntersARound_TheResultRankAndParticipationFollow_ASecondEntryIsRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var contest = await CreateContestAsync(app);
        var anonymous = app.CreateClient();

        var listed = await JsonAsync(await anonymous.GetAsync($"/api/v1/contests?unit={EaTrang}"));
        var mine = listed.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == contest.Id);
        mine.GetProperty("title").GetString().ShouldStartWith("Cuộc thi thử");
        mine.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ShouldBe([contest.Closed, contest.Open, contest.Upcoming]);
        mine.GetProperty("rounds")[1].GetProperty("opensAt").GetDateTime().ShouldBeLessThan(DateTime.UtcNow);
        mine.GetProperty("rounds")[1].GetProperty("closesAt").GetDateTime().ShouldBeGreaterThan(DateTime.UtcNow);

        var before = await JsonAsync(await anonymous.GetAsync($"/api/v1/contests/rounds/{contest.Open}/participation?unit={EaTrang}"));
        var villageBefore = before.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "24445-002");

        var (learner, _) = await VerifiedLearnerAsync(app);
        var start = await learner.PostAsync($"/api/v1/contests/rounds/{contest.Open}/entries", null);
        start.StatusCode.ShouldBe(HttpStatusCode.Created, await start.Content.ReadAsStringAsync());
        var text = await start.Content.ReadAsStringAsync();
        text.ShouldNotContain("correct", Case.Insensitive);
        text.ShouldNotContain("Giải thích");
        var started = JsonDocument.Parse(text).RootElement;
        var entryId = started.GetProperty("entryId").GetGuid();
        var deadline = started.GetProperty("deadline").GetDateTime();
        deadline.ShouldBeInRange(DateTime.UtcNow.AddMinutes(9), DateTime.UtcNow.AddMinutes(10.1));
        started.GetProperty("questions").GetArrayLength().ShouldBe(4);

        var submitted = await learner.SendAsync(Submit(entryId, new { answers = RightAnswers(started), prediction = 12 }, "k-1"));
        submitted.StatusCode.ShouldBe(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        var firstBody = await submitted.Content.ReadAsStringAsync();
        var result = JsonDocument.Parse(firstBody).RootElement;
        result.GetProperty("answersCounted").GetBoolean().ShouldBeTrue();
        result.GetProperty("correct").GetInt32().ShouldBe(4);
        result.GetProperty("score").GetDecimal().ShouldBe(100m);
        result.GetProperty("rank").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        result.GetProperty("prediction").GetInt64().ShouldBe(12);
        result.GetProperty("explanationsPublished").GetBoolean().ShouldBeFalse();

        // The same key again: the first answer, byte for byte; another key: refused.
        var replay = await learner.SendAsync(Submit(entryId, new { answers = Array.Empty<object>(), prediction = 1 }, "k-1"));
        (await replay.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        var other = await learner.SendAsync(Submit(entryId, new { answers = Array.Empty<object>(), prediction = 1 }, "k-2"));
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(other)).GetProperty("code").GetString().ShouldBe("contests.entry_already_submitted");

        var again = await learner.PostAsync($"/api/v1/contests/rounds/{contest.Open}/entries", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var refusal = await JsonAsync(again);
        refusal.GetProperty("code").GetString().ShouldBe("contests.already_entered");
        refusal.GetProperty("detail").GetString()!.ShouldContain("một lần");

        // The public ranking and participation show it (cached pages are evicted within about a second).
        var row = await EventuallyAsync(async () =>
        {
            var ranking = await JsonAsync(await anonymous.GetAsync($"/api/v1/contests/rounds/{contest.Open}/ranking?page=1"));
            return ranking.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("name").GetString() == "Người H. T.").Cast<JsonElement?>().FirstOrDefault();
        });
        row!.Value.GetProperty("unit").GetString().ShouldBe("Xã Ea Trang");
        row.Value.GetProperty("rank").GetInt32().ShouldBe(1);
        var village = await EventuallyAsync(async () =>
        {
            var after = await JsonAsync(await anonymous.GetAsync($"/api/v1/contests/rounds/{contest.Open}/participation?unit={EaTrang}"));
            var v = after.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "24445-002");
            return v.GetProperty("entries").GetInt32() > villageBefore.GetProperty("entries").GetInt32() ? v : (JsonElement?)null;
        });
        village!.Value.GetProperty("perThousandAdults").GetDecimal().ShouldBeGreaterThan(villageBefore.GetProperty("perThousandAdults").GetDecimal());
        (await anonymous.GetStringAsync($"/api/v1/contests/rounds/{contest.Open}/ranking")).ShouldNotContain("Người Học Thử");

        var certificate = await learner.GetAsync($"/api/v1/contests/entries/{entryId}/certificate.pdf");
        certificate.StatusCode.ShouldBe(HttpStatusCode.OK);
        certificate.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BadInput_IsRefusedWithTheFieldNamed_AndNothingIsWritten(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var contest = await CreateContestAsync(app);
        var (learner, _) = await VerifiedLearnerAsync(app);

        var early = await learner.PostAsync($"/api/v1/contests/rounds/{contest.Upcoming}/entries", null);
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(early)).GetProperty("code").GetString().ShouldBe("contests.round_not_open");
        var late = await learner.PostAsync($"/api/v1/contests/rounds/{contest.Closed}/entries", null);
        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(late)).GetProperty("code").GetString().ShouldBe("contests.round_closed");

        // Someone with no verified identity, and someone living outside the organiser's area.
        var (unverified, _) = await app.CreateLearnerAsync();
        var noIdentity = await unverified.PostAsync($"/api/v1/contests/rounds/{contest.Open}/entries", null);
        noIdentity.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(noIdentity)).GetProperty("code").GetString().ShouldBe("contests.identity_required");
        var elsewhere = await app.ExecuteDbAsync(db => db.Units.Where(u => u.ParentCode == Province && u.Level == 2 && u.Code != EaTrang && u.ValidTo == null).Select(u => u.Code).FirstAsync());
        var otherCommune = await CreateContestAsync(app, elsewhere);
        var outside = await learner.PostAsync($"/api/v1/contests/rounds/{otherCommune.Open}/entries", null);
        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(outside)).GetProperty("code").GetString().ShouldBe("contests.outside_area");
        var officials = await CreateContestAsync(app, audience: "officials");
        var notOfficial = await learner.PostAsync($"/api/v1/contests/rounds/{officials.Open}/entries", null);
        notOfficial.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await JsonAsync(notOfficial)).GetProperty("code").GetString().ShouldBe("contests.not_in_audience");

        var start = await learner.PostAsync($"/api/v1/contests/rounds/{contest.Open}/entries", null);
        start.StatusCode.ShouldBe(HttpStatusCode.Created);
        var started = await JsonAsync(start);
        var entryId = started.GetProperty("entryId").GetGuid();
        var second = await CreateContestAsync(app);
        var open = await learner.PostAsync($"/api/v1/contests/rounds/{second.Open}/entries", null);
        open.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await JsonAsync(open)).GetProperty("code").GetString().ShouldBe("contests.entry_open");

        foreach (var (prediction, field) in new (object?, string)[] { (-1, "prediction"), (1.5, "prediction"), ("nhiều", "prediction"), (null, "prediction") })
        {
            var bad = await learner.SendAsync(Submit(entryId, new { answers = RightAnswers(started), prediction }, "bad-" + field + prediction));
            bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await bad.Content.ReadAsStringAsync());
            (await JsonAsync(bad)).GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue();
        }

        var notDrawn = await app.ExecuteDbAsync(db => db.Set<ContestQuestion>().Where(q => q.ContestId == contest.Id).Select(q => q.Id).ToListAsync());
        var drawn = started.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetInt32()).ToList();
        var stranger = notDrawn.Except(drawn).First();
        var foreign = await learner.SendAsync(Submit(entryId, new { answers = new[] { new { questionId = stranger, optionIds = new[] { "a" } } }, prediction = 3 }, "foreign"));
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(foreign)).GetProperty("code").GetString().ShouldBe("contests.answer_not_drawn");
        var noKey = await learner.SendAsync(Submit(entryId, new { answers = RightAnswers(started), prediction = 3 }, null));
        noKey.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(noKey)).GetProperty("errors").TryGetProperty("Idempotency-Key", out _).ShouldBeTrue();
        (await app.ExecuteDbAsync(db => db.Set<ContestEntry>().Where(e => e.Id == entryId).Select(e => e.SubmittedAt).FirstAsync())).ShouldBeNull();

        // After the deadline the answers are recorded but not counted, and the result says so.
        await app.ExecuteDbAsync(db => db.Set<ContestEntry>().Where(e => e.Id == entryId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.StartedAt, DateTime.UtcNow.AddMinutes(-30)).SetProperty(e => e.Deadline, DateTime.UtcNow.AddMinutes(-20))));
        var afterDeadline = await learner.SendAsync(Submit(entryId, new { answers = RightAnswers(started), prediction = 3 }, "late"));
        afterDeadline.StatusCode.ShouldBe(HttpStatusCode.OK, await afterDeadline.Content.ReadAsStringAsync());
        var lateResult = await JsonAsync(afterDeadline);
        lateResult.GetProperty("answersCounted").GetBoolean().ShouldBeFalse();
        lateResult.GetProperty("notCountedReason").GetString().ShouldBe("submitted-after-deadline");
        lateResult.GetProperty("correct").GetInt32().ShouldBe(0);
        lateResult.GetProperty("timeTakenSeconds").GetDouble().ShouldBe(600, 1);

        // Bad contests and rounds from staff name their fields.
        var staff = await app.CreateClientAsync("officer.daklak");
        var badContest = await staff.PostAsJsonAsync("/api/v1/contests", new { unit = Province, title = "", audience = "children", questionsPerEntry = 0, minutes = 999 });
        badContest.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await JsonAsync(badContest)).GetProperty("errors");
        foreach (var field in new[] { "title", "audience", "questionsPerEntry", "minutes", "predictionQuestion" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        var badRound = await staff.PostAsJsonAsync($"/api/v1/contests/{contest.Id}/rounds", new { opensAt = "mai", closesAt = Iso(DateTime.UtcNow) });
        badRound.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await JsonAsync(badRound)).GetProperty("errors").TryGetProperty("opensAt", out _).ShouldBeTrue();
        var fixedPool = await staff.PostAsync($"/api/v1/contests/{contest.Id}/questions", CsvFile(Pool));
        fixedPool.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var badCsv = await CreateBareContestAsync(staff);
        var badPool = await staff.PostAsync($"/api/v1/contests/{badCsv}/questions",
            CsvFile("id;type;text;option_1;option_2;correct;explanation\nx1;single;Câu?;A;B;;Vì\nx2;boolean;Câu?;A;B;1;Vì\n"));
        badPool.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var rows = (await JsonAsync(badPool)).GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("code").GetString())).ToList();
        rows.ShouldContain((2, "content.question_no_correct"));
        rows.ShouldContain((3, "content.question_bad_type"));
        (await app.ExecuteDbAsync(db => db.Set<ContestQuestion>().CountAsync(q => q.ContestId == badCsv))).ShouldBe(0);

        // A learner may not organise; the ranking page must be a positive number.
        var learnerContest = await learner.PostAsJsonAsync("/api/v1/contests", new { unit = Province, title = "x", questionsPerEntry = 1, minutes = 1, predictionQuestion = "?" });
        learnerContest.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.CreateClient().GetAsync($"/api/v1/contests/rounds/{contest.Open}/ranking?page=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ThousandsOfRequestsFromOneAccount_AreRateLimitedWithAClearMessage(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _) = await VerifiedLearnerAsync(app);
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            var response = await learner.PostAsync("/api/v1/contests/rounds/999999/entries", null);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            }
        }

        limited.ShouldNotBeNull();
        limited.Headers.RetryAfter.ShouldNotBeNull();
        var problem = await JsonAsync(limited);
        problem.GetProperty("code").GetString().ShouldBe("contests.rate_limited");
        problem.GetProperty("detail").GetString()!.ShouldContain("quá nhiều");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AClosedRound_PublishesExplanations_FixesPredictionDistances_AndAwardsPrizesByDecision(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var contest = await CreateContestAsync(app);
        var (learner, _) = await VerifiedLearnerAsync(app);
        var started = await JsonAsync(await learner.PostAsync($"/api/v1/contests/rounds/{contest.Open}/entries", null));
        var entryId = started.GetProperty("entryId").GetGuid();
        (await learner.SendAsync(Submit(entryId, new { answers = RightAnswers(started), prediction = 5 }, "k"))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var staff = await app.CreateClientAsync("officer.daklak");
        var early = await staff.PostAsJsonAsync($"/api/v1/contests/rounds/{contest.Open}/prizes", new { entryId, prize = "Giải Nhất", decisionNumber = "15/QĐ-UBND", decisionDate = Iso(DateTime.UtcNow)[..10] });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await app.ExecuteDbAsync(db => db.Set<ContestRound>().Where(r => r.Id == contest.Open).ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosesAt, DateTime.UtcNow.AddSeconds(-1))));
        var ranking = await JsonAsync(await app.CreateClient().GetAsync($"/api/v1/contests/rounds/{contest.Open}/ranking?page=2"));
        ranking.GetProperty("final").GetBoolean().ShouldBeTrue();
        ranking.GetProperty("participants").GetInt32().ShouldBe(1);
        var result = await JsonAsync(await learner.GetAsync($"/api/v1/contests/entries/{entryId}"));
        result.GetProperty("predictionDistance").GetInt64().ShouldBe(4);
        result.GetProperty("explanationsPublished").GetBoolean().ShouldBeTrue();
        result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("explanation").GetString()).ShouldAllBe(e => e!.StartsWith("Giải thích"));
        result.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.GetProperty("correct").GetBoolean());

        var awarded = await staff.PostAsJsonAsync($"/api/v1/contests/rounds/{contest.Open}/prizes", new { entryId, prize = "Giải Nhất", decisionNumber = "15/QĐ-UBND", decisionDate = Iso(DateTime.UtcNow.AddHours(7))[..10] });
        awarded.StatusCode.ShouldBe(HttpStatusCode.Created, await awarded.Content.ReadAsStringAsync());
        var twice = await staff.PostAsJsonAsync($"/api/v1/contests/rounds/{contest.Open}/prizes", new { entryId, prize = "Giải Nhì", decisionNumber = "16/QĐ-UBND", decisionDate = Iso(DateTime.UtcNow.AddHours(7))[..10] });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var csv = await staff.GetStringAsync($"/api/v1/contests/rounds/{contest.Open}/results.csv");
        csv.ShouldContain("Người H. T.");
        csv.ShouldContain("Giải Nhất");
        csv.ShouldNotContain("Người Học Thử");
        var xlsx = await staff.GetAsync($"/api/v1/contests/rounds/{contest.Open}/results.xlsx");
        xlsx.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await xlsx.Content.ReadAsByteArrayAsync())[..2].ShouldBe("PK"u8.ToArray());
        (await learner.GetAsync($"/api/v1/contests/rounds/{contest.Open}/results.csv")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var audited = await app.ExecuteDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "contests.prize_awarded" && a.EntityKey == entryId.ToString()));
        audited.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task FiftySimultaneousStartsByOnePerson_CreateExactlyOneEntry(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var contest = await CreateContestAsync(app);
        var (learner, _) = await VerifiedLearnerAsync(app);
        using var gate = new SemaphoreSlim(0);
        var starts = Enumerable.Range(0, 50).Select(async _ =>
        {
            await gate.WaitAsync();
            return await learner.PostAsync($"/api/v1/contests/rounds/{contest.Open}/entries", null);
        }).ToList();
        gate.Release(50);
        var responses = await Task.WhenAll(starts);
        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1, string.Join(",", statuses));
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(49, string.Join(",", statuses));
        (await app.ExecuteDbAsync(db => db.Set<ContestEntry>().CountAsync(e => e.RoundId == contest.Open)) ).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TheSamePersonFromAnotherAccount_CannotHoldASecondEntry(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var contest = await CreateContestAsync(app);
        var (learner, _) = await VerifiedLearnerAsync(app);
        var started = await JsonAsync(await learner.PostAsync($"/api/v1/contests/rounds/{contest.Open}/entries", null));
        var (other, phone) = await app.CreateLearnerAsync();
        var stored = app.StoredUserName(phone);
        var otherId = await app.ExecuteDbAsync(async db => await db.Users.Where(u => u.UserName == stored).Select(u => u.Id).FirstAsync());
        var failed = await app.ExecuteDbAsync(async db =>
        {
            var first = await db.Set<ContestEntry>().AsNoTracking().FirstAsync(e => e.Id == started.GetProperty("entryId").GetGuid());
            db.Add(new ContestEntry
            {
                Id = Guid.NewGuid(), RoundId = first.RoundId, UserId = otherId, PersonKey = first.PersonKey, HomeUnitId = first.HomeUnitId, HomeUnitPath = first.HomeUnitPath,
                PublicName = "X.", PublicUnit = "Xã Ea Trang", StartedAt = DateTime.UtcNow, Deadline = DateTime.UtcNow.AddMinutes(1),
            });
            try
            {
                await db.SaveChangesAsync();
                return false;
            }
            catch (DbUpdateException)
            {
                return true;
            }
        });
        failed.ShouldBeTrue();
        other.Dispose();
    }

    private static async Task<int> CreateBareContestAsync(HttpClient staff)
    {
        var created = await staff.PostAsJsonAsync("/api/v1/contests", new { unit = Province, title = "Không có câu hỏi", questionsPerEntry = 1, minutes = 5, predictionQuestion = "Bao nhiêu người?" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await JsonAsync(created)).GetProperty("id").GetInt32();
    }

    private static async Task<T?> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : struct
    {
        for (var i = 0; i < 40; i++)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        return await probe();
    }
}
