namespace HocVuSo.Core.Features.Geography;

/// <summary>A unit as the API and pages show it (culture-invariant; no internal ids).</summary>
public sealed record UnitDto(
    string Code,
    string Name,
    string FullName,
    string Kind,
    int Level,
    string? ParentCode,
    string? ProvinceCode,
    string Path,
    DateOnly ValidFrom,
    DateOnly? ValidTo);

public static class UnitProjections
{
    public static IQueryable<Unit> ValidOn(this IQueryable<Unit> units, DateOnly day) =>
        units.Where(u => u.ValidFrom <= day && (u.ValidTo == null || u.ValidTo > day));

    public static IQueryable<UnitDto> ToDto(this IQueryable<Unit> units) =>
        units.Select(u => new UnitDto(u.Code, u.Name, u.FullName, u.Kind, u.Level, u.ParentCode, u.ProvinceCode, u.Path, u.ValidFrom, u.ValidTo));

    public static UnitDto ToDto(this Unit u) =>
        new(u.Code, u.Name, u.FullName, u.Kind, u.Level, u.ParentCode, u.ProvinceCode, u.Path, u.ValidFrom, u.ValidTo);
}
