using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Oversight;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

/// <summary>An item as the API takes it; <c>date</c> is yyyy-MM-dd (or dd/MM/yyyy).</summary>
public sealed record CommunicationRequest(string? Unit, string? Kind, string? Channel, string? Title, string? Date, string? Language, string? Topic, string? Url, int? Reach)
{
    public Result<CommunicationInput> ToInput()
    {
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(Date))
        {
            if (!VietnameseFormat.TryParseDate(Date, out var parsed))
            {
                return Errors.Invalid("communications.bad_date", "date", Date);
            }

            day = parsed;
        }

        return new CommunicationInput(Unit, Kind, Channel, Title, day, Language, Topic, Url, Reach);
    }
}

/// <summary>The communications log (Oversight area): items with their evidence, counted into the indicators beside the reported figures.</summary>
public static class CommunicationsApi
{
    public static IServiceCollection AddCommunicationsEdge(this IServiceCollection services)
    {
        services.AddCommunications();
        services.AddSingleton<ICommunicationSheetReader, CommunicationSheetReader>();
        return services;
    }

    public static IEndpointRouteBuilder MapCommunicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/communications").WithTags("Communications").RequireAuthorization();

        group.MapGet("/", async (string unit, string? month, ListCommunications.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListCommunications.Query(unit, month), ct)).ToHttp(messages, page => TypedResults.Ok(page.Items)))
            .WithName("ListCommunications")
            .WithSummary("The items of a unit's subtree in a month (YYYY-MM, by default this month), newest first; duplicates flagged; scoped.");

        group.MapPost("/", async (CommunicationRequest r, RecordCommunication.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            {
                var input = r.ToInput();
                return input.IsSuccess
                    ? (await handler.HandleAsync(input.Value!, ct)).ToHttp(messages, item => TypedResults.Created($"/api/v1/communications/{item.Id}", item))
                    : messages.ToProblem(input.Errors);
            })
            .WithName("RecordCommunication")
            .WithSummary("Logs one item in a commune or village (commune officers, team members of the village): 201 with the item; a link already logged in the commune that month is saved and flagged (duplicate, duplicateOf).");

        group.MapPut("/{id:guid}", async (Guid id, CommunicationRequest r, ChangeCommunication.Handler handler, ErrorMessages messages, CancellationToken ct) =>
            {
                var input = r.ToInput();
                return input.IsSuccess
                    ? (await handler.HandleAsync(id, input.Value!, ct)).ToHttp(messages, TypedResults.Ok)
                    : messages.ToProblem(input.Errors);
            })
            .WithName("ChangeCommunication")
            .WithSummary("Changes an item (its recorder or the commune's officers); audited with the old and new values.");

        group.MapDelete("/{id:guid}", async (Guid id, DeleteCommunication.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, _ => TypedResults.NoContent()))
            .WithName("DeleteCommunication")
            .WithSummary("Removes an item (its recorder or the commune's officers); audited; a duplicate of it then counts instead.");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        group.MapPost("/{id:guid}/photo", async (Guid id, HttpRequest request, AttachCommunicationPhoto.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AttachCommunicationPhoto.Command(id, UploadRequests.FileOf(request, limits.MaxImageBytes)), ct))
                    .ToHttp(messages, itemId => TypedResults.Created($"/api/v1/communications/{itemId}/photo", new { id = itemId })))
            .DisableAntiforgery()
            .LimitUpload(limits.MaxImageBytes)
            .WithName("AttachCommunicationPhoto")
            .WithSummary("Photo evidence (multipart field file; JPEG/PNG/WebP): stored re-encoded as JPEG without metadata; replaces the item's earlier photo.");

        group.MapGet("/{id:guid}/photo", async (Guid id, HttpResponse response, GetCommunicationPhoto.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, photo =>
                {
                    response.Headers.XContentTypeOptions = "nosniff";
                    response.Headers.ContentDisposition = "inline";
                    SecurityHeaders.MarkAsUploadedFile(response);
                    return Results.File(photo.Bytes, photo.ContentType);
                }))
            .WithName("GetCommunicationPhoto");

        var importLimit = Math.Max(limits.MaxCsvBytes, limits.MaxXlsxBytes);
        group.MapPost("/import", async (string unit, HttpRequest request, ImportCommunications.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportCommunications.Command(unit, UploadRequests.FileOf(request, importLimit)), ct))
                    .ToHttp(messages, report => TypedResults.Ok(new { imported = report.Imported, duplicates = report.Duplicates })))
            .DisableAntiforgery()
            .LimitUpload(importLimit)
            .WithName("ImportCommunications")
            .WithSummary("CSV or .xlsx (multipart field file): kind, channel, title, date, optional unit, language, topic, url, reach; all or nothing, errors by line and column.");
        return app;
    }
}
