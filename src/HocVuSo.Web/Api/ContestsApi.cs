using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Threading.RateLimiting;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Contests;
using HocVuSo.Web.Exports;
using HocVuSo.Web.Exports.Pdf;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Api;

public sealed record ContestRequest(string? Unit, string? Title, string? Description, string? Audience, int? QuestionsPerEntry, int? Minutes, string? PredictionQuestion);

public sealed record RoundRequest(string? OpensAt, string? ClosesAt);

/// <summary>A submission: the answers and the prediction, a non-negative integer (anything else is named as the bad field).</summary>
public sealed record SubmitEntryRequest(IReadOnlyList<ContestAnswerInput>? Answers, JsonElement? Prediction);

public sealed record PrizeRequest(Guid? EntryId, string? Prize, string? DecisionNumber, string? DecisionDate);

/// <summary>Online contests (Contests area): contests and rounds, entries with the server's deadline, results, ranking, participation, prizes, exports.</summary>
public static class ContestsApi
{
    public const string PublicCachePolicy = "contests-public";
    public const string RateLimitSection = "RateLimits:Contests";

    public static string RoundTag(int roundId) => "contest-round-" + roundId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The contests' use cases, the output-cache policy of the public ranking and participation
    /// (evicted by round when results change), and the per-account limit on starting and submitting.
    /// </summary>
    public static IServiceCollection AddContests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddContestsCore();
        services.AddSingleton<ContestCacheEviction>();
        services.AddSingleton<IContestResultsChanged>(sp => sp.GetRequiredService<ContestCacheEviction>());
        services.AddSingleton(new ContestAccountLimiter(configuration.GetSection(RateLimitSection).Get<RateLimit>() ?? new RateLimit { PermitLimit = 60, WindowSeconds = 60 }));
        services.AddOutputCache(o => o.AddPolicy(PublicCachePolicy, new RoundCachePolicy()));
        return services;
    }

    public static IEndpointRouteBuilder MapContestsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/contests").WithTags("Contests");

        group.MapGet("/", async (string? unit, ListContests.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(unit, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("ListContests")
            .WithSummary("Public: the contests open to the people of a unit (organised by it or a unit above it) and those organised in its area, with their rounds.");

        group.MapGet("/{id:int}", async (int id, GetContest.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(id, ct)).ToHttp(messages, TypedResults.Ok))
            .WithName("GetContest");

        group.MapPost("/", async (ContestRequest r, CreateContest.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new CreateContest.Command(r.Unit, r.Title, r.Description, r.Audience, r.QuestionsPerEntry, r.Minutes, r.PredictionQuestion), ct))
                .ToHttp(messages, c => TypedResults.Created($"/api/v1/contests/{c.Id}", c)))
            .RequireAuthorization()
            .WithName("CreateContest")
            .WithSummary("Creates a contest of a province or commune (staff who manage plans there): audience everyone, officials, students or workers; questions per entry; minutes; prediction question. Audited.");

        group.MapPost("/{id:int}/rounds", async (int id, RoundRequest r, AddContestRound.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AddContestRound.Command(id, r.OpensAt, r.ClosesAt), ct))
                .ToHttp(messages, round => TypedResults.Created($"/api/v1/contests/{id}", round)))
            .RequireAuthorization()
            .WithName("AddContestRound")
            .WithSummary("Adds a round: opensAt and closesAt as local times in Asia/Ho_Chi_Minh (yyyy-MM-ddTHH:mm) or instants with an offset; no overlap. Audited.");

        var limits = app.ServiceProvider.GetRequiredService<UploadLimits>();
        group.MapPost("/{id:int}/questions", async (int id, HttpRequest request, ImportContestQuestions.Handler handler, UploadLimits limits, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new ImportContestQuestions.Command(id, UploadRequests.FileOf(request, limits.MaxCsvBytes)), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .DisableAntiforgery()
            .LimitUpload(limits.MaxCsvBytes)
            .WithName("ImportContestQuestions")
            .WithSummary("Replaces the contest's question pool from the question-bank CSV (multipart field file; id;type;competency;text;option_1..6;correct;explanation): all rows or none; refused while a round is open or once entries exist.");

        group.MapPost("/rounds/{roundId:int}/entries", async (int roundId, StartEntry.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new StartEntry.Command(roundId, Language()), ct))
                .ToHttp(messages, e => TypedResults.Created($"/api/v1/contests/entries/{e.EntryId}", e)))
            .RequireAuthorization()
            .AddEndpointFilter<ContestAccountLimiter.Filter>()
            .WithName("StartContestEntry")
            .WithSummary("Starts the signed-in person's entry in an open round: 201 with entryId, the server's deadline and the questions drawn (no key); a second entry by the same person, from any account, is 409.");

        group.MapGet("/rounds/{roundId:int}/me", async (int roundId, FindMyEntry.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                await handler.HandleAsync(roundId, ct) is { } id ? Results.Ok(new { entryId = id }) : messages.ToProblem([Errors.NotFound("contests.entry_not_found", roundId)]))
            .RequireAuthorization()
            .WithName("FindMyContestEntry");

        group.MapPost("/entries/{entryId:guid}/submit", async (Guid entryId, SubmitEntryRequest r, HttpRequest request, SubmitEntry.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new SubmitEntry.Command(entryId, request.Headers[IdempotentReplay.Header].ToString(), r.Answers, PredictionText(r.Prediction), Language()), ct))
                .ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .AddEndpointFilter<ContestAccountLimiter.Filter>()
            .WithIdempotentReplay()
            .WithName("SubmitContestEntry")
            .WithSummary("Submits the answers and the prediction with an Idempotency-Key: the result (score, time taken, rank); after the deadline the answers are not counted and the result says so (answersCounted false, notCountedReason).");

        group.MapGet("/entries/{entryId:guid}", async (Guid entryId, GetEntryResult.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(entryId, Language(), ct)).ToHttp(messages, TypedResults.Ok))
            .RequireAuthorization()
            .WithName("GetContestEntry");

        group.MapGet("/entries/{entryId:guid}/certificate.pdf", async (Guid entryId, GetParticipationCertificate.Handler handler, IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
                ReportExportApi.FileOr(await handler.HandleAsync(entryId, ct), c => ContestCertificatePdf.Render(c, localizer), ContestCertificatePdf.ContentType, $"chung-nhan-tham-gia-{entryId:N}.pdf", messages))
            .RequireAuthorization()
            .WithName("ContestParticipationCertificate");

        group.MapGet("/rounds/{roundId:int}/ranking", async (int roundId, int? page, GetRanking.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(roundId, page, ct)).ToHttp(messages, TypedResults.Ok))
            .CacheOutput(PublicCachePolicy)
            .WithName("ContestRanking")
            .WithSummary("Public: the round's ranking (more correct, then less time, then the closest prediction), 50 a page, names masked.");

        group.MapGet("/rounds/{roundId:int}/participation", async (int roundId, string? unit, GetParticipation.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(roundId, unit, ct)).ToHttp(messages, TypedResults.Ok))
            .CacheOutput(PublicCachePolicy)
            .WithName("ContestParticipation")
            .WithSummary("Public: entries per 1,000 adults and the share of officials, students and workers taking part, for the communes of a province or the villages of a commune.");

        group.MapPost("/rounds/{roundId:int}/prizes", async (int roundId, PrizeRequest r, AwardPrize.Handler handler, ErrorMessages messages, CancellationToken ct) =>
                (await handler.HandleAsync(new AwardPrize.Command(roundId, r.EntryId, r.Prize, r.DecisionNumber, r.DecisionDate), ct))
                .ToHttp(messages, p => TypedResults.Created($"/api/v1/contests/rounds/{roundId}/ranking", p)))
            .RequireAuthorization()
            .WithName("AwardContestPrize")
            .WithSummary("Awards a prize to an entry of a closed round by decision (number, date yyyy-MM-dd): the organiser's staff; one per entry; audited.");

        group.MapGet("/rounds/{roundId:int}/results.xlsx", async (int roundId, ExportRoundResults.Handler handler, IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
                ReportExportApi.FileOr(await handler.HandleAsync(roundId, ct), r => TableExport.ToXlsx(Table(r, localizer)), TableExport.XlsxType, $"ket-qua-vong-{roundId}.xlsx", messages))
            .RequireAuthorization()
            .WithName("ExportContestResultsXlsx");

        group.MapGet("/rounds/{roundId:int}/results.csv", async (int roundId, ExportRoundResults.Handler handler, IStringLocalizer<SharedResource> localizer, ErrorMessages messages, CancellationToken ct) =>
                ReportExportApi.FileOr(await handler.HandleAsync(roundId, ct), r => TableExport.ToCsv(Table(r, localizer)), TableExport.CsvType, $"ket-qua-vong-{roundId}.csv", messages))
            .RequireAuthorization()
            .WithName("ExportContestResultsCsv");
        return app;
    }

    /// <summary>The prediction as sent: a JSON number or string is passed on as text for the use case to judge; anything else is passed so that it fails as text.</summary>
    private static string? PredictionText(JsonElement? prediction) => prediction switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
        { ValueKind: JsonValueKind.String } p => p.GetString(),
        { } p => p.GetRawText(),
    };

    private static string Language() => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "vi";

    public static ExportTable Table(ResultsExport results, IStringLocalizer localizer)
    {
        string[] headers = ["rank", "name", "unit", "home_unit", "group", "correct", "total", "time_seconds", "prediction", "prediction_distance", "late", "prize", "decision"];
        return new ExportTable(localizer["contests.export.title", results.RoundNumber, results.ContestTitle],
            headers.Select(h => localizer["contests.export." + h].Value).ToList(),
            results.Rows.Select(r => (IReadOnlyList<object?>)[r.Rank, r.Name, r.Unit, r.HomeUnit, localizer["contests.audience." + r.Group].Value, r.Correct, r.Total,
                Math.Round(r.TimeTakenSeconds, 1), r.Prediction, r.PredictionDistance, r.Late ? localizer["contests.export.yes"].Value : string.Empty, r.Prize, r.Decision]).ToList());
    }

    /// <summary>
    /// Public rankings and participation are the same for everyone: cached whoever asks (signed in or
    /// not), varied by page and unit, tagged by round so results that change evict them; 30 s at most.
    /// </summary>
    private sealed class RoundCachePolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var request = context.HttpContext.Request;
            context.EnableOutputCaching = true;
            context.AllowCacheLookup = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            context.AllowCacheStorage = context.AllowCacheLookup;
            context.AllowLocking = true;
            context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(30);
            context.CacheVaryByRules.QueryKeys = new Microsoft.Extensions.Primitives.StringValues(["page", "unit"]);
            context.CacheVaryByRules.HeaderNames = new Microsoft.Extensions.Primitives.StringValues("Accept-Language");
            if (context.HttpContext.Request.RouteValues.TryGetValue("roundId", out var id) && id is not null)
            {
                context.Tags.Add("contest-round-" + id);
            }

            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var response = context.HttpContext.Response;
            if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
            {
                context.AllowCacheStorage = false;
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// Drops a round's cached ranking and participation when its results change. At a peak a round
/// changes hundreds of times a second, so evictions of one round are at most one a second: a
/// change inside that second is evicted when the second is over (the public pages lag by at most
/// about a second, and the cache still absorbs the readers).
/// </summary>
public sealed class ContestCacheEviction(IOutputCacheStore store, TimeProvider clock) : IContestResultsChanged
{
    private static readonly TimeSpan Spacing = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<int, (DateTime Last, bool Pending)> _rounds = new();

    public async ValueTask RoundChangedAsync(int roundId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var state = _rounds.GetOrAdd(roundId, (DateTime.MinValue, false));
        if (now - state.Last >= Spacing)
        {
            _rounds[roundId] = (now, false);
            await store.EvictByTagAsync(ContestsApi.RoundTag(roundId), CancellationToken.None);
            return;
        }

        if (!state.Pending && _rounds.TryUpdate(roundId, (state.Last, true), state))
        {
            var wait = state.Last + Spacing - now;
            _ = Task.Run(async () =>
            {
                await Task.Delay(wait, CancellationToken.None);
                _rounds[roundId] = (clock.GetUtcNow().UtcDateTime, false);
                await store.EvictByTagAsync(ContestsApi.RoundTag(roundId), CancellationToken.None);
            }, CancellationToken.None);
        }
    }
}

/// <summary>
/// The per-account limit on starting and submitting entries (<c>RateLimits:Contests</c>, a
/// <see cref="RateLimit"/> like the other limits): thousands of requests from one account are
/// refused with 429, Retry-After and a clear message, whatever addresses they come from.
/// </summary>
public sealed class ContestAccountLimiter(RateLimit limit) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, limit.PermitLimit), Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)), QueueLimit = 0, AutoReplenishment = true,
        }));

    public void Dispose() => _limiter.Dispose();

    public sealed class Filter(ContestAccountLimiter limiter, ScopeService scopes, ErrorMessages messages) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var user = (await scopes.GetAsync(context.HttpContext.RequestAborted)).UserId;
            if (user is null)
            {
                return await next(context);
            }

            using var lease = limiter._limiter.AttemptAcquire(user);
            if (lease.IsAcquired)
            {
                return await next(context);
            }

            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromSeconds(limiter.WindowSeconds);
            context.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return messages.ToProblem([Errors.Invalid("contests.rate_limited", null, Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)))], StatusCodes.Status429TooManyRequests);
        }
    }

    private int WindowSeconds => Math.Max(1, limit.WindowSeconds);
}
