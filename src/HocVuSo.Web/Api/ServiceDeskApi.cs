using System.Text.Json;
using HocVuSo.Core.Features.ServiceDesk;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

/// <summary>A desk visit; <c>service</c> is the service's id or its name in the list.</summary>
public sealed record DeskVisitRequest(string? Unit, string? Date, JsonElement? Service, bool? SelfDone, int? Minutes, string? AgeBand, string? Gender, string? Learner);

public sealed record DeskServiceRequest(string? Name, bool? Active);

public static class ServiceDeskApi
{
    public static IEndpointRouteBuilder MapServiceDeskApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/service-desk").WithTags("ServiceDesk").RequireAuthorization();

        group.MapPost("/visits", async (DeskVisitRequest r, RecordDeskVisit.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(Command(r), ct)).ToHttp(messages, v => TypedResults.Created($"/api/v1/service-desk/visits?unit={v.Unit}&month={v.Date:yyyy-MM}", v)))
            .WithName("RecordDeskVisit")
            .WithSummary("The service centre's staff (or the commune's officers) record a person helped: {\"unit\",\"date\",\"service\",\"selfDone\",\"minutes\",\"ageBand\",\"gender\",\"learner\"} → 201; bad fields are named.");

        group.MapGet("/visits", async (string? unit, string? month, ListDeskVisits.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListDeskVisits.Query(unit, month), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListDeskVisits")
            .WithSummary("A commune's help-desk visits in a month (YYYY-MM, default this month) with the people helped, those who did it themselves and their share.");

        group.MapGet("/services", async (bool? all, DeskServiceList.ListHandler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(all == true, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListDeskServices")
            .WithSummary("The online public services the desk names (a list kept for the communes; ?all=true includes retired ones).");

        group.MapPost("/services", async (DeskServiceRequest r, DeskServiceList.SaveHandler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(null, new DeskServiceList.SaveCommand(r.Name, r.Active), ct)).ToHttp(messages, s => TypedResults.Created($"/api/v1/service-desk/services/{s.Id}", s)))
            .WithName("AddDeskService")
            .WithSummary("Administrators add a service to the list → 201; audited.");

        group.MapPut("/services/{id:int}", async (int id, DeskServiceRequest r, DeskServiceList.SaveHandler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, new DeskServiceList.SaveCommand(r.Name, r.Active), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ChangeDeskService")
            .WithSummary("Administrators rename or retire a service ({\"name\"} and/or {\"active\": false}); retired ones stay for the visits that name them; audited.");
        return app;
    }

    internal static RecordDeskVisit.Command Command(DeskVisitRequest r)
    {
        int? id = r.Service is { ValueKind: JsonValueKind.Number } n && n.TryGetInt32(out var i) ? i : null;
        var name = r.Service is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
        return new RecordDeskVisit.Command(r.Unit, r.Date, id, name, r.SelfDone, r.Minutes, r.AgeBand, r.Gender, r.Learner);
    }
}
