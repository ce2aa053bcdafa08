using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Geography;

/// <summary>
/// Reading the unit tree is public: citizens pick their commune. Every query answers for one day
/// (today in Viet Nam unless asked otherwise), so earlier states of the tree stay readable.
/// </summary>
public static class ListUnits
{
    public sealed record Query(int? Level = null, string? ParentCode = null, DateOnly? AsOf = null);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<UnitDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var day = query.AsOf ?? clock.TodayInVietnam();
            var units = db.Units.AsNoTracking().ValidOn(day);
            if (query.ParentCode is not null)
            {
                var parentExists = await db.Units.AnyAsync(u => u.Code == query.ParentCode, ct);
                if (!parentExists)
                {
                    return Errors.NotFound("units.not_found", query.ParentCode);
                }

                units = units.Where(u => u.ParentCode == query.ParentCode);
            }

            if (query.Level is not null)
            {
                units = units.Where(u => u.Level == query.Level);
            }

            if (query.ParentCode is null && query.Level is null)
            {
                units = units.Where(u => u.Level == UnitLevel.Province);
            }

            var list = await units.OrderBy(u => u.Code).ToDto().ToListAsync(ct);
            return list;
        }
    }
}

/// <summary>One unit with its ancestors, its children and its earlier or later versions.</summary>
public static class GetUnit
{
    public sealed record Query(string Code, DateOnly? AsOf = null);

    public sealed record Details(
        UnitDto Unit,
        IReadOnlyList<UnitDto> Ancestors,
        IReadOnlyList<UnitDto> Children,
        IReadOnlyList<UnitDto> Versions,
        DateOnly AsOf);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<Details>> HandleAsync(Query query, CancellationToken ct)
        {
            var day = query.AsOf ?? clock.TodayInVietnam();
            var versions = await db.Units.AsNoTracking().Where(u => u.Code == query.Code)
                .OrderBy(u => u.ValidFrom).ToDto().ToListAsync(ct);
            if (versions.Count == 0)
            {
                return Errors.NotFound("units.not_found", query.Code);
            }

            var unit = versions.LastOrDefault(v => v.ValidFrom <= day && (v.ValidTo is null || v.ValidTo > day)) ?? versions[^1];
            var ancestorPaths = AncestorPaths(unit.Path);
            var ancestors = await db.Units.AsNoTracking().ValidOn(day)
                .Where(u => ancestorPaths.Contains(u.Path))
                .OrderBy(u => u.Level).ToDto().ToListAsync(ct);
            var children = await db.Units.AsNoTracking().ValidOn(day)
                .Where(u => u.ParentCode == unit.Code)
                .OrderBy(u => u.Code).ToDto().ToListAsync(ct);
            return new Details(unit, ancestors, children, versions, day);
        }
    }

    /// <summary>"/66/24445/24445-003/" → "/", "/66/", "/66/24445/".</summary>
    internal static List<string> AncestorPaths(string path)
    {
        var result = new List<string>();
        for (var i = path.IndexOf('/', StringComparison.Ordinal); i >= 0 && i < path.Length - 1; i = path.IndexOf('/', i + 1))
        {
            result.Add(path[..(i + 1)]);
        }

        return result;
    }
}

/// <summary>Search by name with or without diacritics, in any case ("ea trang" finds "Xã Ea Trang"); or by code.</summary>
public static class SearchUnits
{
    public sealed record Query(string? Text, int Limit = 20, DateOnly? AsOf = null);

    public sealed record Hit(UnitDto Unit, string? ParentName);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<Hit>>> HandleAsync(Query query, CancellationToken ct)
        {
            var folded = VietnameseText.Fold(query.Text);
            if (folded.Length < 2)
            {
                return Errors.Invalid("search.too_short", "q");
            }

            var day = query.AsOf ?? clock.TodayInVietnam();
            var limit = Math.Clamp(query.Limit, 1, 100);
            var units = db.Units.AsNoTracking().ValidOn(day);
            if (folded.All(c => char.IsAsciiDigit(c) || c == '-'))
            {
                units = units.Where(u => u.Code.StartsWith(folded));
            }
            else
            {
                foreach (var token in folded.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    units = units.Where(u => u.SearchName.Contains(token));
                }
            }

            var candidates = await units
                .OrderBy(u => u.Level).ThenBy(u => u.SearchName)
                .Take(200)
                .Select(u => new { Unit = u, ParentName = u.Parent != null ? u.Parent.FullName : null })
                .ToListAsync(ct);

            // Whole-name matches first ("Ea Trang" before "Ea Trang Thượng"), then higher levels.
            return candidates
                .OrderByDescending(c => c.Unit.SearchName.EndsWith(" " + folded, StringComparison.Ordinal) || c.Unit.SearchName == folded)
                .ThenBy(c => c.Unit.Level)
                .ThenBy(c => c.Unit.SearchName, StringComparer.Ordinal)
                .Take(limit)
                .Select(c => new Hit(c.Unit.ToDto(), c.ParentName))
                .ToList();
        }
    }
}
