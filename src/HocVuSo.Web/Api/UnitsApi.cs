using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace HocVuSo.Web.Api;

public sealed record NewVillageRequest(string? Name, string? Kind);

public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/units").WithTags("Units");

        group.MapGet("/", async (int? level, string? parent, DateOnly? asOf, ListUnits.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListUnits.Query(level, parent, asOf), ct)).ToHttp(messages, TypedResults.Ok))
            .CacheOutput(PublicResponseCache.UnitsPolicy)
            .WithName("ListUnits")
            .WithSummary("Units valid on a day (today by default): provinces by default, or by level and/or parent code.");

        group.MapGet("/search", async (string? q, int? limit, DateOnly? asOf, SearchUnits.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SearchUnits.Query(q, limit ?? 20, asOf), ct)).ToHttp(messages,
                    hits => TypedResults.Ok(hits.Select(h => new UnitSearchHit(h.Unit.Code, h.Unit.Name, h.Unit.FullName, h.Unit.Kind, h.Unit.Level, h.Unit.ParentCode, h.ParentName)))))
            .CacheOutput(PublicResponseCache.UnitsPolicy)
            .WithName("SearchUnits")
            .WithSummary("Search by name, with or without diacritics, or by code.");

        group.MapGet("/{code}", async (string code, DateOnly? asOf, GetUnit.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetUnit.Query(code, asOf), ct)).ToHttp(messages,
                    d => TypedResults.Ok(new UnitDetails(d.Unit.Code, d.Unit.Name, d.Unit.FullName, d.Unit.Kind, d.Unit.Level, d.Unit.ParentCode,
                        d.Unit.ProvinceCode, d.Unit.Path, d.Unit.ValidFrom, d.Unit.ValidTo, d.Ancestors, d.Children, d.Versions))))
            .CacheOutput(PublicResponseCache.UnitsPolicy)
            .WithName("GetUnit");

        group.MapPost("/{communeCode}/villages", async (string communeCode, NewVillageRequest request, CreateVillage.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CreateVillage.Command(communeCode, request.Name, request.Kind), ct)).ToHttp(messages,
                    v => TypedResults.Created($"/api/v1/units/{v.Code}", v)))
            .RequireAuthorization()
            .WithName("CreateVillage")
            .WithSummary("A commune officer adds a village (thôn, buôn, bản, ấp, làng, tổ dân phố, khu phố) to a commune in scope.");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        group.MapPost("/villages/import", async (HttpRequest request, ImportVillages.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportVillages.Command(UploadRequests.FileOf(request, limits.MaxCsvBytes)), ct)).ToHttp(messages,
                    r => TypedResults.Ok(new ImportResponse(r.Saved, r.Skipped, r.RowErrors.Select(e => new RowError(e.Row, e.Field, e.Code, messages.Describe(e))).ToList()))))
            .RequireAuthorization()
            .DisableAntiforgery()
            .LimitUpload(limits.MaxCsvBytes)
            .WithName("ImportVillages")
            .WithSummary("CSV with columns commune_code,name,kind; valid rows are saved together, bad rows reported by line.");

        group.MapGet("/{code}/baselines", async (string code, GetBaselines.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetBaselines.Query(code), ct)).ToHttp(messages, a => TypedResults.Ok(a.Baselines)))
            .WithName("GetBaselines");

        group.MapPut("/{code}/baselines/{year:int}", async (string code, int year, [FromBody] BaselineChanges values, SaveBaseline.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SaveBaseline.Command(code, year, values), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("SaveBaseline")
            .WithSummary("Records a unit's baseline for a year: only the figures given change (absent or null keeps the stored one); a first save needs every figure, else 400 naming the missing ones.");

        group.MapGet("/{code}/staff", async (string code, ListStaff.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListStaff.Query(code), ct)).ToHttp(messages,
                    staff => TypedResults.Ok(staff.Select(StaffJson.From))))
            .RequireAuthorization()
            .WithName("ListUnitStaff")
            .WithSummary("Staff assigned in the unit's subtree (contacts masked), for staff whose scope covers the unit.");
        return app;
    }
}

public sealed record UnitSearchHit(string Code, string Name, string FullName, string Kind, int Level, string? ParentCode, string? ParentName);

public sealed record UnitDetails(
    string Code, string Name, string FullName, string Kind, int Level, string? ParentCode, string? ProvinceCode, string Path,
    DateOnly ValidFrom, DateOnly? ValidTo, IReadOnlyList<UnitDto> Ancestors, IReadOnlyList<UnitDto> Children, IReadOnlyList<UnitDto> Versions);

public sealed record RowError(int? Row, string? Field, string Code, string Message);

public sealed record ImportResponse(int Saved, int Skipped, IReadOnlyList<RowError> Errors);

public sealed record StaffJson(string UserName, string FullName, string Role, string UnitCode, string UnitName, string? Email, string? Phone, bool TwoFactorEnabled)
{
    public static StaffJson From(StaffDto s) => new(s.UserName, s.FullName, s.Role.ToString(), s.UnitCode, s.UnitName, s.Email, s.Phone, s.TwoFactorEnabled);
}
