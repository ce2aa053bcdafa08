using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Teams;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

public sealed record SyncRequest(IReadOnlyList<ActivityInput>? Items);

public sealed record SyncItemResponse(string? ClientId, string Status, Guid? Id, string? Reason, string? Message, ActivityDto? Server);

public sealed record NewClassRequest(string? UnitCode, string? Title, string? Topic, string? Place, DateOnly? Date, int? Capacity, string? Trainers);

public sealed record AttendanceRequest(string? Learner, string? Name);

public sealed record NewMemberRequest(string? FullName, string? Role, string? Organisation, string? Phone, string? Languages, DateOnly? ActiveFrom);

public static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/teams").WithTags("Teams").RequireAuthorization();

        group.MapPost("/activities/sync", async (SyncRequest request, SyncActivities.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SyncActivities.Command(request.Items), ct)).ToHttp(messages, results => TypedResults.Ok(new
                {
                    results = results.Select(r => new SyncItemResponse(r.ClientId, r.Status, r.Id, r.Problem?.Code, r.Problem is null ? null : messages.Describe(r.Problem), r.Server)).ToList(),
                })))
            .WithIdempotentReplay()
            .WithName("SyncActivities")
            .WithSummary("Team members send activities recorded offline: one result per item (accepted, duplicate, conflict or rejected with a reason); the same batch again creates nothing; with an Idempotency-Key, the same batch again gets the first response byte for byte.");

        group.MapGet("/activities", async (string? village, string? unit, DateOnly? from, DateOnly? to, ListActivities.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListActivities.Query(village ?? unit ?? string.Empty, from, to), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListActivities")
            .WithSummary("Activities in a village (or any unit's subtree) between two dates; scoped.");

        group.MapGet("/dashboard", async (string unit, GetTeamsDashboard.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetTeamsDashboard.Query(unit), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("TeamsDashboard")
            .WithSummary("Per village: active members, sessions this week and month, guidance sessions this year, quiet villages; computed from activities.");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        group.MapPost("/activities/{id:guid}/photos", async (Guid id, bool? keepLocation, HttpRequest request, AttachActivityPhoto.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AttachActivityPhoto.Command(id, UploadRequests.FileOf(request, limits.MaxImageBytes), keepLocation ?? false), ct))
                    .ToHttp(messages, photoId => TypedResults.Created($"/api/v1/teams/photos/{photoId}", new { id = photoId })))
            .DisableAntiforgery()
            .LimitUpload(limits.MaxImageBytes)
            .WithName("AttachActivityPhoto")
            .WithSummary("Photo evidence (JPEG/PNG/WebP, ≤ 2 MB, ≤ 3 per activity): decoded and stored re-encoded as JPEG without any metadata; keepLocation=true keeps the photo's GPS position as fields.");

        group.MapGet("/photos/{id:int}", async (int id, HttpResponse response, GetActivityPhoto.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, photo =>
                {
                    // A stored photo is always an image the server encoded; browsers must not guess otherwise.
                    response.Headers.XContentTypeOptions = "nosniff";
                    response.Headers.ContentDisposition = "inline";
                    SecurityHeaders.MarkAsUploadedFile(response);
                    return Results.File(photo.Bytes, photo.ContentType);
                }))
            .WithName("GetActivityPhoto");

        group.MapGet("/classes", async (string unit, ListClasses.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ListClasses.Query(unit), ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListClasses")
            .WithSummary("Classes in a unit's subtree with attendance and outcome (attendees who started learning, passed a test afterwards).");

        group.MapPost("/classes", async (NewClassRequest r, ScheduleClass.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ScheduleClass.Command(r.UnitCode ?? string.Empty, r.Title, r.Topic, r.Place, r.Date, r.Capacity, r.Trainers), ct))
                .ToHttp(messages, id => TypedResults.Created($"/api/v1/teams/classes/{id}", new { id })))
            .WithName("ScheduleClass");

        group.MapPost("/classes/{id:int}/attendance", async (int id, AttendanceRequest r, RecordAttendance.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new RecordAttendance.Command(id, r.Learner, r.Name), ct)).ToHttp(messages, count => TypedResults.Ok(new { attendees = count })))
            .WithName("RecordAttendance");

        group.MapGet("/{unitCode}", async (string unitCode, GetTeam.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new GetTeam.Query(unitCode), ct)).ToHttp(messages, team => team is null ? Results.NotFound() : TypedResults.Ok(team)))
            .WithName("GetTeam");

        group.MapPost("/{unitCode}/members", async (string unitCode, NewMemberRequest r, AddTeamMember.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AddTeamMember.Command(unitCode, r.FullName, r.Role, r.Organisation, r.Phone, r.Languages, r.ActiveFrom), ct))
                .ToHttp(messages, m => TypedResults.Created($"/api/v1/teams/{unitCode}", m)))
            .WithName("AddTeamMember");
        return app;
    }
}
