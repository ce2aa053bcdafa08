using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Features.Teams;

public class ClassesTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Demo_HasAHeldClassWhoseAttendeesWentOnToLearn(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");

        var classes = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/teams/classes?unit=24445");

        // The demo's class, by its title: other tests schedule classes on the same topic in parallel.
        var held = classes!.Single(c => c.GetProperty("topic").GetString() == "install-vneid"
            && c.GetProperty("title").GetString() == "Lớp Bình dân học vụ số: VNeID và dịch vụ công");
        held.GetProperty("attendees").GetInt32().ShouldBe(10);
        held.GetProperty("registeredAttendees").GetInt32().ShouldBe(9);
        held.GetProperty("startedLearning").GetInt32().ShouldBeGreaterThan(0);
        held.GetProperty("startedLearning").GetInt32().ShouldBeLessThan(9);
        var dashboard = await officer.GetFromJsonAsync<JsonElement>("/api/v1/teams/dashboard?unit=24445");
        dashboard.GetProperty("classesHeldThisYear").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Officer_SchedulesAClass_AndMarksAttendance_OnceEach(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var officer = await app.CreateClientAsync("officer.eatrang");
        var (_, phone) = await app.CreateLearnerAsync("24445-005");
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var created = await officer.PostAsJsonAsync("/api/v1/teams/classes", new { unitCode = "24445-005", title = "Lớp chữ ký số", topic = "digital-signature", date, capacity = 2 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        (await officer.PostAsJsonAsync($"/api/v1/teams/classes/{id}/attendance", new { learner = phone })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsJsonAsync($"/api/v1/teams/classes/{id}/attendance", new { learner = phone })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await officer.PostAsJsonAsync($"/api/v1/teams/classes/{id}/attendance", new { name = "Bà Hai" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var full = await officer.PostAsJsonAsync($"/api/v1/teams/classes/{id}/attendance", new { name = "Ông Ba" });
        full.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await full.Content.ReadAsStringAsync()).ShouldContain("đủ 2 người");
        var bad = await officer.PostAsJsonAsync("/api/v1/teams/classes", new { unitCode = "24445", title = "", topic = "dancing", date = "2001-01-01", capacity = 0 });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await app.CreateClientAsync("officer.bacninh")).PostAsJsonAsync("/api/v1/teams/classes", new { unitCode = "24445", title = "X", topic = "other", date, capacity = 5 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
