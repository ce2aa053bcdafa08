using HocVuSo.Core.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>System administrators of the tests' own (the demo's "admin" must keep its state): created once per app, signed in with two-factor.</summary>
public static class TestAdmins
{
    private static readonly Dictionary<TestApp, Task<string>> Created = [];

    /// <summary>A bearer client of a system administrator with an authenticator enrolled (administrators must use two-factor sign-in).</summary>
    public static async Task<HttpClient> CreateAdminClientAsync(this TestApp app)
    {
        Task<string> created;
        lock (Created)
        {
            if (!Created.TryGetValue(app, out created!))
            {
                created = CreateAsync(app);
                Created[app] = created;
            }
        }

        return await app.CreateTwoFactorClientAsync(await created);
    }

    private static async Task<string> CreateAsync(TestApp app)
    {
        var userName = "quantri.thu." + Guid.NewGuid().ToString("N")[..8];
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = userName, FullName = "Quản Trị Thử", CreatedAt = DateTime.UtcNow, LockoutEnabled = true };
        (await users.CreateAsync(user, TestApp.Password)).Succeeded.ShouldBeTrue();
        var db = scope.ServiceProvider.GetRequiredService<HocVuSo.Core.Data.AppDbContext>();
        var nation = await db.Units.Where(u => u.Level == 0).OrderBy(u => u.Id).FirstAsync();
        db.StaffAssignments.Add(new StaffAssignment { UserId = user.Id, Role = StaffRole.SystemAdministrator, UnitId = nation.Id, UnitPath = nation.Path, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return userName;
    }
}
