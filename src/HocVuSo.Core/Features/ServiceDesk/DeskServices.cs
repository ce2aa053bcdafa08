using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.ServiceDesk;

public sealed record DeskServiceDto(int Id, string Name, bool Active);

/// <summary>
/// The online public services the help desk names, by their names in the national public-service
/// portal (Cổng Dịch vụ công quốc gia): a short starting list loaded into an empty database, kept
/// for the communes and changed by administrators.
/// </summary>
public static class DeskServiceList
{
    public static IReadOnlyList<string> Starting { get; } =
    [
        "Đăng ký khai sinh",
        "Đăng ký khai tử",
        "Đăng ký kết hôn",
        "Đăng ký thường trú",
        "Đăng ký tạm trú",
        "Cấp đổi giấy phép lái xe",
        "Cấp bản sao trích lục hộ tịch",
        "Cấp phiếu lý lịch tư pháp",
    ];

    /// <summary>Loads the starting list into an empty table (reference data, like the indicators).</summary>
    public static async Task<int> EnsureAsync(AppDbContext db, CancellationToken ct)
    {
        if (await db.DeskServices.AnyAsync(ct))
        {
            return 0;
        }

        db.DeskServices.AddRange(Starting.Select((name, i) => new DeskService { Name = name, Position = i + 1 }));
        await db.SaveChangesAsync(ct);
        return Starting.Count;
    }

    public sealed class ListHandler(AppDbContext db)
    {
        public async Task<Result<IReadOnlyList<DeskServiceDto>>> HandleAsync(bool includeRetired, CancellationToken ct) =>
            await db.DeskServices.AsNoTracking().Where(s => includeRetired || s.Active).OrderBy(s => s.Position).ThenBy(s => s.Id)
                .Select(s => new DeskServiceDto(s.Id, s.Name, s.Active)).ToListAsync(ct);
    }

    public sealed record SaveCommand(string? Name, bool? Active);

    /// <summary>Administrators add a service to the list, or retire one (kept for the visits that name it). Audited.</summary>
    public sealed class SaveHandler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public const int NameMaxLength = 200;

        public async Task<Result<DeskServiceDto>> HandleAsync(int? id, SaveCommand command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            if (!scope.Can(Permission.ManageUnits, "/"))
            {
                return Errors.Forbidden();
            }

            var name = VietnameseText.Clean(command.Name);
            DeskService? service = null;
            if (id is { } existing)
            {
                service = await db.DeskServices.FirstOrDefaultAsync(s => s.Id == existing, ct);
                if (service is null)
                {
                    return Errors.NotFound("service_desk.service_not_found", existing);
                }
            }

            if (service is null || name.Length > 0)
            {
                if (name.Length == 0 || name.Length > NameMaxLength)
                {
                    return Errors.Invalid("service_desk.service_name", "name", NameMaxLength);
                }

                if (await db.DeskServices.AnyAsync(s => s.Name == name && (service == null || s.Id != service.Id), ct))
                {
                    return Errors.Conflict("service_desk.service_exists", "name", name);
                }
            }

            var now = clock.UtcNow();
            if (service is null)
            {
                service = new DeskService { Name = name, Position = (await db.DeskServices.MaxAsync(s => (int?)s.Position, ct) ?? 0) + 1 };
                db.DeskServices.Add(service);
            }
            else if (name.Length > 0)
            {
                service.Name = name;
            }

            if (command.Active is { } active)
            {
                service.Active = active;
            }

            AuditLog.Record(db, scope, now, "service_desk.service_saved", nameof(DeskService), id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? name, "/",
                newValue: new { service.Name, service.Active });
            await db.SaveChangesAsync(ct);
            return new DeskServiceDto(service.Id, service.Name, service.Active);
        }
    }
}
