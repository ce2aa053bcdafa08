using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>
/// Apps of the verification tests' own (one per provider, shared by the class): the tests write
/// certifications, activities, classes and reports of communes of their own, and the dashboards and
/// signals they check read whole provinces, so they keep clear of the shared apps.
/// </summary>
public sealed class VerificationApps : IAsyncLifetime
{
    private readonly Dictionary<string, Lazy<Task<TestApp>>> _apps = new()
    {
        ["Sqlite"] = new(() => TestApp.StartOwnAsync("Sqlite")),
        ["Postgres"] = new(() => TestApp.StartOwnAsync("Postgres")),
    };

    public Task<TestApp> GetAsync(string provider) => _apps[provider].Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values.Where(a => a.IsValueCreated))
        {
            await (await app.Value).DisposeAsync();
        }
    }
}

/// <summary>Builds communes, villages, people and records of the tests' own in Đắk Lắk (province 66).</summary>
public static class VerificationTestData
{
    public const string Province = "66";

    /// <summary>A new commune with <paramref name="villages"/> villages ("&lt;code&gt;-001"…); returns its code.</summary>
    public static async Task<string> CreateCommuneAsync(this TestApp app, int villages = 3)
    {
        var code = "9" + Random.Shared.Next(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);
        await app.ExecuteDbAsync(async db =>
        {
            while (await db.Units.AnyAsync(u => u.Code == code))
            {
                code = "9" + Random.Shared.Next(0, 10_000).ToString("D4", CultureInfo.InvariantCulture);
            }

            var province = await db.Units.FirstAsync(u => u.Code == Province && u.ValidTo == null);
            var name = "Xã Thử Nghiệm " + code;
            var commune = new Unit
            {
                Code = code, Name = "Thử Nghiệm " + code, FullName = name, Kind = "xa", Level = UnitLevel.Commune, ParentId = province.Id,
                ParentCode = province.Code, Path = province.Path + code + "/", ProvinceCode = province.Code, SearchName = VietnameseText.Fold(name),
                ValidFrom = new DateOnly(2025, 7, 1), CreatedAt = DateTime.UtcNow,
            };
            db.Units.Add(commune);
            await db.SaveChangesAsync();
            for (var i = 1; i <= villages; i++)
            {
                var villageCode = $"{code}-{i:D3}";
                db.Units.Add(new Unit
                {
                    Code = villageCode, Name = $"Thôn {i}", FullName = $"Thôn {i}", Kind = "thon", Level = UnitLevel.Village, ParentId = commune.Id,
                    ParentCode = code, Path = commune.Path + villageCode + "/", ProvinceCode = province.Code, SearchName = VietnameseText.Fold($"Thôn {i}"),
                    ValidFrom = commune.ValidFrom, CreatedAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });
        return code;
    }

    /// <summary>A staff account with <paramref name="role"/> at the unit; signs in with <see cref="TestApp.Password"/>.</summary>
    public static async Task<string> CreateStaffAsync(this TestApp app, StaffRole role, string unitCode)
    {
        var userName = "xacminh." + Guid.NewGuid().ToString("N")[..10];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, FullName = "Cán Bộ Xác Minh", CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
        (await users.CreateAsync(user, TestApp.Password)).Succeeded.ShouldBeTrue();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unit = await db.Units.FirstAsync(u => u.Code == unitCode && u.ValidTo == null);
        db.StaffAssignments.Add(new StaffAssignment { UserId = user.Id, Role = role, UnitId = unit.Id, UnitPath = unit.Path, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return userName;
    }

    /// <summary>Certified people living in a village of the commune (village 0: at commune level), certified on <paramref name="on"/>.</summary>
    public static async Task<List<string>> AddCertifiedAsync(this TestApp app, string commune, int village, int count, DateOnly on, string? assistedBy = null)
    {
        return await app.ExecuteDbAsync(async db =>
        {
            var ids = new List<string>();
            var rule = await db.CertificationRules.OrderBy(r => r.Id).FirstAsync();
            var path = $"/{Province}/{commune}/" + (village == 0 ? string.Empty : $"{commune}-{village:D3}/");
            for (var i = 0; i < count; i++)
            {
                var user = new AppUser
                {
                    UserName = "hv." + Guid.NewGuid().ToString("N")[..12], FullName = $"Người Học Số {i + 1}",
                    PhoneNumber = "09" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture), CreatedAt = DateTime.UtcNow,
                };
                db.Users.Add(user);
                ids.Add(user.Id);
                db.Certifications.Add(new PersonCertification
                {
                    UserId = user.Id, RuleId = rule.Id, RuleVersion = rule.Version, Status = CertificationStatus.Certified, Assisted = assistedBy is not null,
                    SignedOffByUserId = assistedBy, UnitPath = path, CommuneCode = commune, EvaluatedAt = DateTime.UtcNow, CertifiedOn = on,
                    HolderName = user.FullName, Serial = "HVS-T-" + Guid.NewGuid().ToString("N")[..10],
                });
            }

            await db.SaveChangesAsync();
            return ids;
        });
    }

    /// <summary>Guidance sessions recorded in a village of the commune, one a day from <paramref name="from"/>.</summary>
    public static async Task AddSessionsAsync(this TestApp app, string commune, int village, int count, DateOnly from, int participants = 12, DateTime? recordedAt = null, bool vary = false)
    {
        await app.ExecuteDbAsync(async db =>
        {
            var villageCode = $"{commune}-{village:D3}";
            var unit = await db.Units.FirstAsync(u => u.Code == villageCode);
            var recorder = await db.Users.Where(u => u.UserName == "team.eatrang").Select(u => u.Id).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                db.FieldActivities.Add(new FieldActivity
                {
                    Id = Guid.NewGuid(), ClientId = Guid.NewGuid().ToString("N"), RecordedByUserId = recorder, Type = ActivityType.GuidanceSession,
                    UnitId = unit.Id, UnitPath = unit.Path, VillageCode = villageCode, Date = from.AddDays(i), Place = "Nhà văn hóa thôn",
                    DurationMinutes = 60, Topics = "install-vneid", Participants = vary ? participants + i : participants,
                    RecordedAt = recordedAt ?? from.AddDays(i).ToDateTime(new TimeOnly(10, 0), DateTimeKind.Utc), UpdatedAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });
    }

    /// <summary>Classes held in a village of the commune on <paramref name="on"/>.</summary>
    public static async Task AddClassesAsync(this TestApp app, string commune, int village, int count, DateOnly on)
    {
        await app.ExecuteDbAsync(async db =>
        {
            var villageCode = $"{commune}-{village:D3}";
            var unit = await db.Units.FirstAsync(u => u.Code == villageCode);
            var creator = await db.Users.Where(u => u.UserName == "officer.eatrang").Select(u => u.Id).FirstAsync();
            for (var i = 0; i < count; i++)
            {
                db.TrainingClasses.Add(new TrainingClass
                {
                    UnitId = unit.Id, UnitPath = unit.Path, Title = $"Lớp cài đặt VNeID số {i + 1}", Topic = "install-vneid", Place = "Nhà văn hóa",
                    Date = on, Capacity = 30, Trainers = "Giảng Viên Thử", CreatedByUserId = creator, CreatedAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
            return 0;
        });
    }

    /// <summary>A figure of the commune in the pre-aggregated table, as the roll-up or an approved report leaves it.</summary>
    public static async Task AddFigureAsync(this TestApp app, string commune, string period, string code, AggregateSource source, decimal value)
    {
        await app.ExecuteDbAsync(async db =>
        {
            var unit = await db.Units.FirstAsync(u => u.Code == commune);
            db.IndicatorAggregates.Add(new IndicatorAggregate
            {
                UnitId = unit.Id, UnitCode = unit.Code, ParentCode = unit.ParentCode, Level = unit.Level, Code = code, Source = source, Value = value,
                Period = DateOnly.ParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return 0;
        });
    }
}
