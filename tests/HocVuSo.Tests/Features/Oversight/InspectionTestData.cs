using HocVuSo.Core.Features.Plans;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Features.Oversight;

/// <summary>
/// Apps of the inspection tests' own (one per provider, shared by the class): the tests add
/// communes, organisations and plans of their own in Đắk Lắk and keep clear of the shared apps.
/// </summary>
public sealed class InspectionApps : IAsyncLifetime
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

/// <summary>Organisations and plans of the inspection tests' communes (built with <see cref="VerificationTestData"/>).</summary>
public static class InspectionTestData
{
    /// <summary>Today in Vietnam, as the handlers see it.</summary>
    public static DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, HocVuSo.Core.Common.VietnameseFormat.TimeZone));

    /// <summary>A deadline after today in this year.</summary>
    public static DateOnly Due => Today.AddDays(10).Year == Today.Year ? Today.AddDays(10) : new DateOnly(Today.Year, 12, 31);

    public static async Task<int> AddOrganisationAsync(this TestApp app, string unitCode, string name) =>
        await app.ExecuteDbAsync(async db =>
        {
            var unit = await db.Units.FirstAsync(u => u.Code == unitCode && u.ValidTo == null);
            var organisation = new Organisation { UnitId = unit.Id, UnitPath = unit.Path, Kind = OrganisationKind.Agency, Name = name };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return organisation.Id;
        });

    /// <summary>An issued plan of the commune for this year with one section and one task.</summary>
    public static async Task<int> AddPlanAsync(this TestApp app, string commune) =>
        await app.ExecuteDbAsync(async db =>
        {
            var unit = await db.Units.FirstAsync(u => u.Code == commune && u.ValidTo == null);
            var plan = new Plan
            {
                UnitId = unit.Id, UnitPath = unit.Path, Year = Today.Year, Number = "12/KH-UBND", Title = "Kế hoạch thử nghiệm", IssuingBody = "UBND xã Thử Nghiệm",
                Status = PlanStatus.Issued, IssuedOn = new DateOnly(Today.Year, 1, 5),
            };
            var section = new PlanSection { Number = "1", Title = "Truyền thông", Position = 1 };
            plan.Sections.Add(section);
            db.Plans.Add(plan);
            await db.SaveChangesAsync();
            db.PlanTasks.Add(new PlanTask { PlanId = plan.Id, SectionId = section.Id, Number = "1.1", Title = "Tuyên truyền", Schedule = ScheduleKind.Regular, Position = 1 });
            await db.SaveChangesAsync();
            return plan.Id;
        });
}
