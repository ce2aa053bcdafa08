using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// A community digital technology team in every Ea Trang village, members from the police, youth,
/// women's and farmers' unions and schools, and six weeks of visits and sessions — two villages
/// left quiet this last week so the dashboard has something to flag. Names are illustrative.
/// </summary>
internal sealed class DemoTeams(AppDbContext db, TimeProvider clock)
{
    private static readonly (string Name, TeamRole Role, MemberOrganisation Organisation, string Languages)[] Members =
    [
        ("Y Phôn Niê", TeamRole.Leader, MemberOrganisation.YouthUnion, "ede"),
        ("H'Lan Êban", TeamRole.Deputy, MemberOrganisation.WomensUnion, "ede"),
        ("Trần Minh Quân", TeamRole.Member, MemberOrganisation.CommunePolice, string.Empty),
        ("Nguyễn Thị Mai", TeamRole.Member, MemberOrganisation.School, string.Empty),
        ("Y Dhăm Mlô", TeamRole.Member, MemberOrganisation.FarmersUnion, "ede"),
    ];

    private static readonly string[][] TopicSets =
    [
        ["install-vneid", "vneid-level2"], ["online-public-services"], ["cashless-payment", "online-safety"], ["learning-platform"], ["digital-signature"],
    ];

    public async Task SeedAsync(IReadOnlyList<Unit> villages, string teamMemberUserId, string officerUserId, CancellationToken ct)
    {
        if (await db.CommunityTeams.AnyAsync(t => villages.Select(v => v.Id).Contains(t.UnitId), ct))
        {
            return;
        }

        var now = clock.UtcNow();
        var today = clock.TodayInVietnam();
        var index = 0;
        foreach (var village in villages.OrderBy(v => v.Code, StringComparer.Ordinal))
        {
            var team = new CommunityTeam
            {
                UnitId = village.Id, UnitPath = village.Path, Name = "Tổ Công nghệ số cộng đồng " + village.FullName, Kind = TeamKind.Village, CreatedAt = now.AddDays(-120),
            };
            db.CommunityTeams.Add(team);
            foreach (var (name, role, organisation, languages) in Members.Take(3 + (index % 3)))
            {
                db.TeamMembers.Add(new TeamMember
                {
                    Team = team, FullName = name, Role = role, Organisation = organisation, Languages = languages,
                    ActiveFrom = today.AddDays(-100 + (index * 7 % 90)), AddedAt = now.AddDays(-100),
                    UserId = index == 0 && role == TeamRole.Leader ? teamMemberUserId : null,
                });
            }

            await db.SaveChangesAsync(ct);
            var quiet = index is 3 or 7;
            for (var week = 0; week < 6; week++)
            {
                if (quiet && week == 0)
                {
                    continue;
                }

                var day = today.AddDays(-(week * 7) - (index % 4));
                var topics = TopicSets[(index + week) % TopicSets.Length];
                var recorder = index == 0 ? teamMemberUserId : officerUserId;
                db.FieldActivities.Add(Activity(village, team, recorder, ActivityType.WeeklySession, day, topics, 8 + index, $"demo-{village.Code}-w{week}", now));
                if (week % 2 == 0)
                {
                    db.FieldActivities.Add(Activity(village, team, recorder, ActivityType.GuidanceSession, day.AddDays(-1), topics, 15 + (index * 3 % 20), $"demo-{village.Code}-g{week}", now));
                }

                db.FieldActivities.Add(Activity(village, team, recorder, ActivityType.DoorToDoorVisit, day.AddDays(-2), topics, 3 + (week % 3), $"demo-{village.Code}-v{week}", now));
            }

            index++;
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Two classes in the commune: one held three weeks ago with attendees who then learned, one coming up.</summary>
    public async Task SeedClassesAsync(Unit commune, string officerUserId, CancellationToken ct)
    {
        if (await db.TrainingClasses.AnyAsync(c => c.UnitId == commune.Id, ct))
        {
            return;
        }

        var today = clock.TodayInVietnam();
        var now = clock.UtcNow();
        var held = new TrainingClass
        {
            UnitId = commune.Id, UnitPath = commune.Path, Title = "Lớp Bình dân học vụ số: VNeID và dịch vụ công", Topic = "install-vneid",
            Place = "Hội trường UBND xã Ea Trang", Date = today.AddDays(-21), Capacity = 40, Trainers = "Tổ Công nghệ số cộng đồng xã", CreatedByUserId = officerUserId, CreatedAt = now.AddDays(-30),
        };
        var learners = await db.Users.Where(u => u.UserName!.StartsWith("hocvien") && u.UserName.EndsWith(".eatrang")).OrderBy(u => u.UserName).Select(u => u.Id).Take(9).ToListAsync(ct);
        foreach (var learner in learners)
        {
            held.Attendance.Add(new ClassAttendance { LearnerUserId = learner, RecordedAt = now.AddDays(-21) });
        }

        held.Attendance.Add(new ClassAttendance { WalkInName = "Ama Hùng", RecordedAt = now.AddDays(-21) });
        db.TrainingClasses.Add(held);
        db.TrainingClasses.Add(new TrainingClass
        {
            UnitId = commune.Id, UnitPath = commune.Path, Title = "Lớp thanh toán không dùng tiền mặt an toàn", Topic = "cashless-payment",
            Place = "Nhà văn hóa Buôn Tai", Date = today.AddDays(7), Capacity = 30, Trainers = "Đoàn Thanh niên xã", CreatedByUserId = officerUserId, CreatedAt = now,
        });
        await db.SaveChangesAsync(ct);
    }

    private static FieldActivity Activity(Unit village, CommunityTeam team, string recorder, ActivityType type, DateOnly date, string[] topics, int participants, string clientId, DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        ClientId = clientId,
        RecordedByUserId = recorder,
        Type = type,
        UnitId = village.Id,
        UnitPath = village.Path,
        VillageCode = village.Code,
        TeamId = team.Id == 0 ? null : team.Id,
        Date = date,
        Place = type == ActivityType.DoorToDoorVisit ? null : "Nhà văn hóa " + village.FullName,
        DurationMinutes = type == ActivityType.DoorToDoorVisit ? 45 : 90,
        Topics = string.Join(',', topics),
        Participants = participants,
        HelpedByTopic = topics.ToDictionary(t => t, _ => participants),
        Revision = 1,
        RecordedAt = now,
        UpdatedAt = now,
    };
}
