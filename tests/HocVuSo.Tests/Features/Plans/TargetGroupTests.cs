using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Plans;

/// <summary>Join codes, and the target-group indicators computed from people enrolled in organisations.</summary>
public class TargetGroupTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private static async Task<int> OrganisationAsync(HttpClient client, string name)
    {
        var list = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/organisations?unit=24445");
        return list!.Single(o => o.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();
    }

    private static async Task<string> MessageAsync(HttpResponseMessage response) => await response.Content.ReadAsStringAsync();

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task JoinCode_EnrolsTheLearnerOnce_WrongExpiredAndRevokedCodesAreRefused(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var economy = await OrganisationAsync(officer, "Phòng Kinh tế");
        var youth = await OrganisationAsync(officer, "Đoàn Thanh niên xã");
        var (learner, learnerName) = await app.CreateLearnerAsync();
        var (second, _) = await app.CreateLearnerAsync();

        var issued = await officer.PostAsJsonAsync($"/api/v1/organisations/{economy}/join-codes", new { group = "officials", role = "Công chức", days = 10 });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await MessageAsync(issued));
        var issuedCode = JsonDocument.Parse(await MessageAsync(issued)).RootElement;
        var code = issuedCode.GetProperty("code").GetString()!;
        var codeId = issuedCode.GetProperty("id").GetInt32();
        var outside = await (await app.CreateClientAsync("officer.bacninh")).PostAsJsonAsync($"/api/v1/organisations/{economy}/join-codes", new { });
        var badDays = await officer.PostAsJsonAsync($"/api/v1/organisations/{economy}/join-codes", new { days = 400 });

        var wrong = await learner.PostAsJsonAsync("/api/v1/organisations/join", new { code = "ZZZZZZZZZZ" });
        var joined = await learner.PostAsJsonAsync("/api/v1/organisations/join", new { code = code[..5].ToLowerInvariant() + "-" + code[5..] });
        var again = await learner.PostAsJsonAsync("/api/v1/organisations/join", new { code });

        outside.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        badDays.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MessageAsync(badDays)).ShouldContain("Số ngày hiệu lực phải từ 1 đến 365");
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MessageAsync(wrong)).ShouldContain("Mã tham gia không đúng");
        joined.StatusCode.ShouldBe(HttpStatusCode.OK, await MessageAsync(joined));
        JsonDocument.Parse(await MessageAsync(joined)).RootElement.GetProperty("alreadyMember").GetBoolean().ShouldBeFalse();
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyMember").GetBoolean().ShouldBeTrue();
        var userId = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(learnerName)).Select(u => u.Id).SingleAsync());
        var member = await app.ExecuteDbAsync(db => db.OrganisationMembers.Where(m => m.UserId == userId).ToListAsync());
        member.ShouldHaveSingleItem().OrganisationId.ShouldBe(economy);
        member[0].Group.ShouldBe(MemberGroup.Officials);
        member[0].Role.ShouldBe("Công chức");

        // Only a keyed hash is kept: the code itself is nowhere in the row.
        var stored = await app.ExecuteDbAsync(db => db.OrganisationJoinCodes.SingleAsync(c => c.Id == codeId));
        stored.CodeHash.Length.ShouldBe(32);
        System.Text.Encoding.UTF8.GetString(stored.CodeHash).ShouldNotContain(code);
        stored.Uses.ShouldBe(1);

        // A person enrolled in one organisation cannot join another.
        var youthCode = (await (await officer.PostAsJsonAsync($"/api/v1/organisations/{youth}/join-codes", new { })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
        var elsewhere = await learner.PostAsJsonAsync("/api/v1/organisations/join", new { code = youthCode });
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await MessageAsync(elsewhere)).ShouldContain("đã là thành viên của «Phòng Kinh tế»");

        // Revoked: refused, and the list says so; expired: refused with its date.
        (await officer.DeleteAsync($"/api/v1/organisations/{economy}/join-codes/{codeId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var revoked = await second.PostAsJsonAsync("/api/v1/organisations/join", new { code });
        revoked.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MessageAsync(revoked)).ShouldContain("Mã tham gia đã bị thu hồi");
        var list = await officer.GetFromJsonAsync<JsonElement[]>($"/api/v1/organisations/{economy}/join-codes");
        list!.Single(c => c.GetProperty("id").GetInt32() == codeId).GetProperty("active").GetBoolean().ShouldBeFalse();
        (await officer.GetStringAsync($"/api/v1/organisations/{economy}/join-codes")).ShouldNotContain(code);

        var later = (await (await officer.PostAsJsonAsync($"/api/v1/organisations/{economy}/join-codes", new { days = 1 })).Content.ReadFromJsonAsync<JsonElement>());
        var laterId = later.GetProperty("id").GetInt32();
        await app.ExecuteDbAsync(db => db.OrganisationJoinCodes.Where(c => c.Id == laterId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var expired = await second.PostAsJsonAsync("/api/v1/organisations/join", new { code = later.GetProperty("code").GetString() });
        expired.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await MessageAsync(expired)).ShouldContain("Mã tham gia đã hết hạn");
        var secondId = await app.ExecuteDbAsync(db => db.OrganisationMembers.CountAsync(m => m.OrganisationId == economy));
        secondId.ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TargetGroupFigures_CountAPersonEnrolledTwiceOnce_OverTheOrganisationsHeadcounts(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var year = DateTime.UtcNow.AddHours(7).Year;
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

        // A commune of its own for this test, far from the demo's.
        var commune = await app.ExecuteDbAsync(db => db.Units.Where(u => u.Level == 2 && u.ProvinceCode == "66" && u.Code != "24445").OrderByDescending(u => u.Code).FirstAsync());
        var (_, passedName) = await app.CreateLearnerAsync();
        var (_, learningName) = await app.CreateLearnerAsync();
        var (_, studentName) = await app.CreateLearnerAsync();
        var ids = await app.ExecuteDbAsync(db => db.Users.Where(u => u.UserName == app.StoredUserName(passedName) || u.UserName == app.StoredUserName(learningName) || u.UserName == app.StoredUserName(studentName))
            .ToDictionaryAsync(u => u.UserName!, u => u.Id));
        var passed = ids[app.StoredUserName(passedName)];
        var learning = ids[app.StoredUserName(learningName)];
        var student = ids[app.StoredUserName(studentName)];
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await app.ExecuteDbAsync(async db =>
        {
            var office = new Organisation { UnitId = commune.Id, UnitPath = commune.Path, Kind = OrganisationKind.Agency, Name = "Văn phòng thử " + suffix };
            var police = new Organisation { UnitId = commune.Id, UnitPath = commune.Path, Kind = OrganisationKind.Police, Name = "Công an thử " + suffix };
            var school = new Organisation { UnitId = commune.Id, UnitPath = commune.Path, Kind = OrganisationKind.School, Name = "Trường thử " + suffix };
            office.Headcounts.Add(new OrganisationHeadcount { Year = year, Group = MemberGroup.Officials, Count = 10 });
            police.Headcounts.Add(new OrganisationHeadcount { Year = year, Group = MemberGroup.Officials, Count = 6 });
            police.Headcounts.Add(new OrganisationHeadcount { Year = year - 1, Group = MemberGroup.Officials, Count = 100 });
            school.Headcounts.Add(new OrganisationHeadcount { Year = year, Group = MemberGroup.Students, Level = "primary", Count = 40 });
            db.Organisations.AddRange(office, police, school);
            await db.SaveChangesAsync();

            // The official who passed is in two organisations (as after two communes merged).
            db.OrganisationMembers.AddRange(
                new OrganisationMember { OrganisationId = office.Id, UserId = passed, Group = MemberGroup.Officials, JoinedOn = today },
                new OrganisationMember { OrganisationId = police.Id, UserId = passed, Group = MemberGroup.Officials, JoinedOn = today },
                new OrganisationMember { OrganisationId = office.Id, UserId = learning, Group = MemberGroup.Officials, JoinedOn = today },
                new OrganisationMember { OrganisationId = school.Id, UserId = student, Group = MemberGroup.Students, JoinedOn = today });
            var rule = await db.CertificationRules.FirstAsync();
            foreach (var userId in new[] { passed, student })
            {
                db.Certifications.Add(new PersonCertification
                {
                    UserId = userId, RuleId = rule.Id, RuleVersion = rule.Version, Status = CertificationStatus.Certified, CertifiedOn = today, UnitPath = commune.Path,
                    CommuneCode = commune.Code, EvaluatedAt = DateTime.UtcNow,
                });
            }

            db.DigitalIdentityStatuses.Add(new DigitalIdentityStatus { UserId = passed, UnitPath = commune.Path, DigitalSignatureOn = today, DigitalSignatureSource = StatusSource.Officer });

            // The MOOC: the one who passed completed every lesson of a course, the other fewer than 80% of them.
            var lessons = await db.Lessons.Where(l => l.Module!.CourseVersion!.Course!.CurrentVersionId == l.Module.CourseVersionId)
                .Select(l => new { l.Slug, Course = l.Module!.CourseVersion!.Course!.Slug }).ToListAsync();
            var course = lessons.GroupBy(l => l.Course).OrderByDescending(g => g.Count()).First();
            var at = DateTime.UtcNow.AddMinutes(-30);
            foreach (var (lesson, index) in course.Select((l, i) => (l, i)))
            {
                db.LessonProgress.Add(new HocVuSo.Core.Features.Learning.LessonProgress { UserId = passed, CourseSlug = course.Key, LessonSlug = lesson.Slug, FirstOpenedAt = at, LastOpenedAt = at, CompletedAt = at.AddSeconds(index) });
                if (index * 100 < (course.Count() * 80) - 100)
                {
                    db.LessonProgress.Add(new HocVuSo.Core.Features.Learning.LessonProgress { UserId = learning, CourseSlug = course.Key, LessonSlug = lesson.Slug, FirstOpenedAt = at, LastOpenedAt = at, CompletedAt = at.AddSeconds(index) });
                }
            }

            await db.SaveChangesAsync();
            return 0;
        });

        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ScopeService>().UseSystemScope();
        var figures = await scope.ServiceProvider.GetRequiredService<GetTargetGroupFigures.Handler>().HandleAsync(new GetTargetGroupFigures.Query(commune.Code, year), CancellationToken.None);
        figures.IsSuccess.ShouldBeTrue();
        var byCode = figures.Value!.ToDictionary(f => f.Indicator);

        byCode["officials_digital_skills"].ShouldBe(new TargetGroupFigureDto("officials_digital_skills", "Officials", 2, 1, 16, 6.3m, null));
        byCode["officials_signature_registered"].Computed.ShouldBe(1);
        byCode["officials_mooc"].Computed.ShouldBe(1);
        byCode["students_digital_skills"].ShouldBe(new TargetGroupFigureDto("students_digital_skills", "Students", 1, 1, 40, 2.5m, null));
        byCode["workers_digital_skills"].ShouldBe(new TargetGroupFigureDto("workers_digital_skills", "Workers", 0, 0, null, null, null));

        // The roll-up counts the same (one GROUP BY over every commune) and adds nothing twice up the tree.
        var period = new DateOnly(today.Year, today.Month, 1);
        await scope.ServiceProvider.GetRequiredService<RollupJob>().RunAsync([period], computed: true, CancellationToken.None);
        var rolled = await app.ExecuteDbAsync(db => db.IndicatorAggregates.Where(a => a.UnitId == commune.Id && a.Period == period && a.Source == AggregateSource.Computed)
            .ToDictionaryAsync(a => a.Code, a => a.Value));
        rolled["officials_digital_skills"].ShouldBe(1);
        rolled["officials_mooc"].ShouldBe(1);
        rolled["students_digital_skills"].ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Demo_EaTrangsOfficialsWorkersAndStudentsFigures_AreComputedFromEnrolledPeople(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var figures = (await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/organisations/figures?unit=24445&year=2026"))!
            .ToDictionary(f => f.GetProperty("indicator").GetString()!);
        var outside = await (await app.CreateClientAsync("officer.bacninh")).GetAsync("/api/v1/organisations/figures?unit=24445&year=2026");

        // Headcounts of the demo's organisations: six agencies' officials, the telecom companies' workers, the schools' students.
        figures["officials_digital_skills"].GetProperty("headcount").GetDecimal().ShouldBe(54);
        figures["officials_digital_skills"].GetProperty("computed").GetDecimal().ShouldBeGreaterThanOrEqualTo(4);
        figures["officials_signature_registered"].GetProperty("computed").GetDecimal().ShouldBe(2);
        figures["officials_mooc"].GetProperty("computed").GetDecimal().ShouldBeGreaterThanOrEqualTo(4);
        figures["workers_digital_skills"].GetProperty("headcount").GetDecimal().ShouldBe(24);
        figures["workers_digital_skills"].GetProperty("computed").GetDecimal().ShouldBe(2);
        figures["students_digital_skills"].GetProperty("headcount").GetDecimal().ShouldBe(1360);
        figures["students_digital_skills"].GetProperty("computed").GetDecimal().ShouldBe(1);
        figures["officials_signature_registered"].GetProperty("reported").GetDecimal().ShouldBeGreaterThan(0);
        outside.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }
}
