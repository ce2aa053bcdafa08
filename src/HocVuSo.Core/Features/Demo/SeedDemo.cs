using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Features.Demo;

public sealed record DemoAccount(string UserName, string Role, string UnitCode, string UnitName, string? Password);

/// <summary>
/// Builds the demonstration installation: the official unit tree, Xã Ea Trang (Đắk Lắk) with ten
/// villages, one account per role scoped where it belongs (and a Bắc Ninh province officer to show
/// isolation), and 2026 population baselines. Running it again adds nothing twice; with a password
/// it resets every demo account to that password. Village names and figures are illustrative.
/// </summary>
public static class SeedDemo
{
    public const string EaTrang = "24445";
    public const string DakLak = "66";
    public const string BacNinh = "24";
    public const int BaselineYear = 2026;

    private static readonly (string Name, string Kind)[] Villages =
    [
        ("Buôn Ea Trang", "buon"), ("Buôn Tai", "buon"), ("Buôn Sứ", "buon"), ("Buôn Kõ", "buon"), ("Buôn Đắk Phú", "buon"),
        ("Thôn 1", "thon"), ("Thôn 2", "thon"), ("Thôn 3", "thon"), ("Thôn Ea Bar", "thon"), ("Thôn Suối Cát", "thon"),
    ];

    /// <summary>The demo's organisation officer (Phòng Văn hóa – Xã hội of Ea Trang).</summary>
    public const string OrganisationOfficerName = "vhxh.eatrang";

    /// <summary>The demo's help-desk account at Ea Trang's public administrative service centre.</summary>
    public const string ServiceCentreName = "desk.eatrang";

    private static readonly (string UserName, string FullName, StaffRole? Role, string UnitCode)[] Accounts =
    [
        ("admin", "Quản trị hệ thống", StaffRole.SystemAdministrator, "VN"),
        ("viewer", "Theo dõi toàn quốc", StaffRole.NationalViewer, "VN"),
        ("author", "Biên soạn nội dung", StaffRole.ContentAuthor, "VN"),
        ("officer.daklak", "Cán bộ Sở KH&CN Đắk Lắk", StaffRole.ProvinceOfficer, DakLak),
        ("approver.daklak", "Lãnh đạo Sở KH&CN Đắk Lắk", StaffRole.ProvinceApprover, DakLak),
        ("officer.eatrang", "Cán bộ Văn hóa – Xã hội xã Ea Trang", StaffRole.CommuneOfficer, EaTrang),
        ("approver.eatrang", "Phó Chủ tịch UBND xã Ea Trang", StaffRole.CommuneApprover, EaTrang),
        ("team.eatrang", "Tổ Công nghệ số cộng đồng Buôn Ea Trang", StaffRole.TeamMember, EaTrang + "-001"),
        (OrganisationOfficerName, "Cán bộ đầu mối Phòng Văn hóa – Xã hội (minh họa)", StaffRole.OrganisationOfficer, EaTrang),
        (ServiceCentreName, "Trung tâm phục vụ hành chính công xã Ea Trang (minh họa)", StaffRole.ServiceCentreStaff, EaTrang),
        ("learner", "Người học thử", null, EaTrang + "-001"),
        ("certified", "Nguyễn Thị Ngọc Anh", null, EaTrang + "-002"),
        ("officer.bacninh", "Cán bộ Sở KH&CN Bắc Ninh", StaffRole.ProvinceOfficer, BacNinh),
    ];

    /// <param name="ContentDirectory">Folder of the curriculum (content/courses); none: no learning content.</param>
    public sealed record Command(string? Password, string? ContentDirectory = null);

    public sealed class Handler(AppDbContext db, ReferenceUnits referenceUnits, IServiceProvider services, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<DemoAccount>>> HandleAsync(Command command, CancellationToken ct)
        {
            var reference = await referenceUnits.EnsureAsync(ct);
            if (!reference.IsSuccess)
            {
                return Result<IReadOnlyList<DemoAccount>>.Fail(reference.Errors);
            }

            var today = clock.TodayInVietnam();
            var now = clock.UtcNow();
            var commune = await db.Units.ValidOn(today).SingleAsync(u => u.Code == EaTrang, ct);
            var existing = await db.Units.Where(u => u.ParentCode == EaTrang && u.Level == UnitLevel.Village).ToListAsync(ct);
            var number = existing.Select(v => CreateVillage.ParseSuffix(v.Code)).DefaultIfEmpty(0).Max();
            foreach (var (name, kind) in Villages)
            {
                if (!existing.Any(v => v.Name == name || v.FullName == name))
                {
                    var village = CreateVillage.Build(commune, name, kind, ++number, ImportOfficialUnits.OfficialListDate, now);
                    db.Units.Add(village);
                    existing.Add(village);
                }
            }

            await db.SaveChangesAsync(ct);
            await SeedBaselinesAsync(commune, existing, now, ct);

            var users = services.GetRequiredService<UserManager<AppUser>>();
            var unitsByCode = await db.Units.ValidOn(today).Where(u => Accounts.Select(a => a.UnitCode).Contains(u.Code)).ToDictionaryAsync(u => u.Code, ct);
            var result = new List<DemoAccount>();
            foreach (var (userName, fullName, role, unitCode) in Accounts)
            {
                var unit = unitsByCode[unitCode];
                var user = await users.FindByNameAsync(userName);
                string? password = command.Password;
                if (user is null)
                {
                    password ??= PasswordGenerator.Create();
                    user = new AppUser
                    {
                        UserName = userName,
                        FullName = fullName,
                        Email = userName + "@demo.hocvuso.vn",
                        EmailConfirmed = true,
                        HomeUnitId = unit.Id,
                        CreatedAt = now,
                        LockoutEnabled = true,
                    };
                    var created = await users.CreateAsync(user, password);
                    if (!created.Succeeded)
                    {
                        return Result<IReadOnlyList<DemoAccount>>.Fail(created.Errors.Select(IdentityErrors.ToError).ToList());
                    }
                }
                else if (password is not null)
                {
                    var token = await users.GeneratePasswordResetTokenAsync(user);
                    var reset = await users.ResetPasswordAsync(user, token, password);
                    if (!reset.Succeeded)
                    {
                        return Result<IReadOnlyList<DemoAccount>>.Fail(reset.Errors.Select(IdentityErrors.ToError).ToList());
                    }

                    await users.SetLockoutEndDateAsync(user, null);
                    await users.ResetAccessFailedCountAsync(user);
                }

                // The organisation officer's assignment names an organisation: added once the plan's organisations exist.
                if (role is { } r && r != StaffRole.OrganisationOfficer && !await db.StaffAssignments.AnyAsync(a => a.UserId == user.Id && a.Role == r && a.UnitId == unit.Id, ct))
                {
                    db.StaffAssignments.Add(new StaffAssignment { UserId = user.Id, Role = r, UnitId = unit.Id, UnitPath = unit.Path, CreatedAt = now });
                }

                result.Add(new DemoAccount(userName, role?.ToString() ?? StaffRole.Learner.ToString(), unit.Code, unit.FullName, password));
            }

            await db.SaveChangesAsync(ct);
            await DemoConsents.SeedAsync(db, clock, ct);

            var demoVillages = await db.Units.ValidOn(today).Where(u => u.ParentCode == EaTrang && u.Level == UnitLevel.Village).ToListAsync(ct);
            var teamUser = await users.FindByNameAsync("team.eatrang");
            var officerUser = await users.FindByNameAsync("officer.eatrang");
            await new DemoTeams(db, clock).SeedAsync(demoVillages, teamUser!.Id, officerUser!.Id, ct);
            var province = await db.Units.ValidOn(today).SingleAsync(u => u.Code == DakLak, ct);
            var provinceApprover = await users.FindByNameAsync("approver.daklak");
            await Reporting.ReportingServices.EnsureIndicatorsAsync(db, ct);
            await new DemoReporting(db, clock).SeedAsync(commune, officerUser.Id, provinceApprover!.Id, ct);
            await new DemoPlans(db, clock).SeedAsync(province, commune, officerUser.Id, ct);
            await SeedOrganisationOfficerAsync(users, commune, now, ct);
            await new DemoInspections(db, clock).SeedAsync(province, commune, ct);
            await new DemoCommunications(db, clock).SeedAsync(commune, officerUser.Id, ct);
            await new DemoServiceDesk(db, clock).SeedAsync(commune, (await users.FindByNameAsync(ServiceCentreName))!.Id, ct);

            if (command.ContentDirectory is not null && Directory.Exists(command.ContentDirectory))
            {
                var imported = await services.GetRequiredService<ImportContent.Handler>().HandleAsync(new ImportContent.Command(command.ContentDirectory), ct);
                if (!imported.IsSuccess)
                {
                    return Result<IReadOnlyList<DemoAccount>>.Fail(imported.Errors);
                }

                result.AddRange(await new DemoLearners(db, users, clock).SeedAsync(demoVillages, command.Password, ct));
                await DemoConsents.SeedAsync(db, clock, ct);
                await Certification.CertificationServices.EnsureDefaultRuleAsync(db, clock, ct);
                await new DemoCertifications(db, services, clock).SeedAsync(ct);
                await new DemoTeams(db, clock).SeedClassesAsync(commune, officerUser.Id, ct);
                await new DemoPlans(db, clock).SeedMembersAsync(commune, ct);
            }

            await new DemoAwards(db, services, clock).SeedAsync(commune, ct);
            await new DemoContests(db, clock).SeedAsync(province, ct);

            // Dashboards read pre-aggregated figures only: roll the demo's year up once.
            await services.GetRequiredService<Reporting.RollupJob>().RunAsync(Reporting.RollupOptions.DefaultMonths, ct);
            return result;
        }

        /// <summary>The officer of the commune's culture and society office, the lead body of task 1.3 of the demo plan.</summary>
        private async Task SeedOrganisationOfficerAsync(UserManager<AppUser> users, Unit commune, DateTime now, CancellationToken ct)
        {
            var user = await users.FindByNameAsync(OrganisationOfficerName);
            var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.UnitId == commune.Id && o.Name == DemoPlans.CultureOffice, ct);
            if (user is null || organisation is null
                || await db.StaffAssignments.AnyAsync(a => a.UserId == user.Id && a.Role == StaffRole.OrganisationOfficer && a.UnitId == commune.Id, ct))
            {
                return;
            }

            db.StaffAssignments.Add(new StaffAssignment
            {
                UserId = user.Id, Role = StaffRole.OrganisationOfficer, UnitId = commune.Id, UnitPath = commune.Path, OrganisationId = organisation.Id, CreatedAt = now,
            });
            await db.SaveChangesAsync(ct);
        }

        private async Task SeedBaselinesAsync(Unit commune, IReadOnlyList<Unit> villages, DateTime now, CancellationToken ct)
        {
            var unitIds = villages.Select(v => v.Id).Append(commune.Id).ToList();
            var present = await db.PopulationBaselines.Where(b => b.Year == BaselineYear && unitIds.Contains(b.UnitId)).Select(b => b.UnitId).ToListAsync(ct);
            var totals = new PopulationBaseline { UnitId = commune.Id, Year = BaselineYear, UpdatedAt = now };
            var index = 0;
            foreach (var village in villages.OrderBy(v => v.Code))
            {
                // Illustrative figures: villages of 300–700 households, about 2.3 adults per household.
                var households = 320 + (index * 37 % 380);
                var baseline = new PopulationBaseline
                {
                    UnitId = village.Id,
                    Year = BaselineYear,
                    Households = households,
                    Adults = households * 23 / 10,
                    Officials = 4 + (index % 5),
                    StudentsPrimary = households * 4 / 10,
                    StudentsLowerSecondary = households * 3 / 10,
                    StudentsUpperSecondary = households * 2 / 10,
                    StudentsHigherEducation = households / 20,
                    EnterpriseWorkers = households / 8,
                    UpdatedAt = now,
                };
                Add(totals, baseline);
                if (!present.Contains(village.Id))
                {
                    db.PopulationBaselines.Add(baseline);
                }

                index++;
            }

            if (!present.Contains(commune.Id))
            {
                totals.Officials += 42; // commune People's Committee, police and school staff
                db.PopulationBaselines.Add(totals);
            }

            await db.SaveChangesAsync(ct);
        }

        private static void Add(PopulationBaseline total, PopulationBaseline part)
        {
            total.Households += part.Households;
            total.Adults += part.Adults;
            total.Officials += part.Officials;
            total.StudentsPrimary += part.StudentsPrimary;
            total.StudentsLowerSecondary += part.StudentsLowerSecondary;
            total.StudentsUpperSecondary += part.StudentsUpperSecondary;
            total.StudentsHigherEducation += part.StudentsHigherEducation;
            total.EnterpriseWorkers += part.EnterpriseWorkers;
        }
    }

    public static IServiceCollection AddDemo(this IServiceCollection services) => services.AddScoped<Handler>();
}
