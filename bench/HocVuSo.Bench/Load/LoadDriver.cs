using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace HocVuSo.Bench.Load;

/// <summary>
/// The virtual users. Phase 1 signs every learner in (one bearer token each); phase 2 has each
/// virtual user repeat a learner's step of the course: open a lesson of a module, start that
/// module's quiz and submit right answers, with a fresh Idempotency-Key. Work items go round the
/// learners first, so a learner is never used by two virtual users at once and meets each quiz at
/// most once per round (3 rounds at most: the quiz allows 3 attempts in 24 hours).
/// </summary>
internal sealed class LoadDriver(HttpClient http, PreparedData data, int concurrency)
{
    private const int Rounds = 3;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public bool RanOutOfWork { get; private set; }

    public static HttpClient CreateClient(Uri address, int concurrency) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Signs in every learner; all of the phase is measured.</summary>
    public async Task<(PhaseReport Report, string?[] Tokens)> SignInAsync(CancellationToken ct)
    {
        var tokens = new string?[data.LearnerNames.Count];
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        var logs = Enumerable.Range(0, concurrency).Select(_ => new WorkerLog(started, long.MaxValue)).ToList();
        await Task.WhenAll(logs.Select(async log =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < tokens.Length && !ct.IsCancellationRequested)
            {
                tokens[i] = await SignInAsync(data.LearnerNames[i], log, ct);
            }
        }));
        return (new PhaseReport(logs, Stopwatch.GetElapsedTime(started)), tokens);
    }

    /// <summary>Learning for <paramref name="warmup"/> (not measured), then for <paramref name="window"/> (measured).</summary>
    /// <param name="onWindow">Called when the window opens (true) and closes (false), e.g. to read CPU counters.</param>
    public async Task<PhaseReport> LearnAsync(string?[] tokens, TimeSpan warmup, TimeSpan window, Action<bool> onWindow, CancellationToken ct)
    {
        var learners = tokens.Length;
        var modules = data.Modules.Count;
        var capacity = (long)learners * modules * Rounds;
        var start = Stopwatch.GetTimestamp();
        var windowStart = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(window.TotalSeconds * Stopwatch.Frequency);
        var logs = Enumerable.Range(0, concurrency).Select(_ => new WorkerLog(windowStart, windowEnd)).ToList();
        var next = -1L;
        var marker = Task.Run(async () =>
        {
            await Task.Delay(warmup, ct);
            onWindow(true);
            await Task.Delay(window, ct);
            onWindow(false);
        }, ct);
        await Task.WhenAll(logs.Select(async log =>
        {
            while (Stopwatch.GetTimestamp() < windowEnd && !ct.IsCancellationRequested)
            {
                var k = Interlocked.Increment(ref next);
                if (k >= capacity)
                {
                    RanOutOfWork = true;
                    return;
                }

                var learner = (int)(k % learners);
                var round = (int)(k / ((long)learners * modules));
                var module = data.Modules[(int)((k / learners + learner) % modules)];
                var token = tokens[learner];
                if (token is not null)
                {
                    await LearnAsync(token, module.LessonIds[(learner + round) % module.LessonIds.Count], module.QuizId, log, ct);
                }
            }
        }));
        await marker;
        return new PhaseReport(logs, window);
    }

    private async Task<string?> SignInAsync(string userName, WorkerLog log, CancellationToken ct)
    {
        var body = await SendAsync(Operation.Token, HttpMethod.Post, "/api/v1/auth/token", null,
            JsonContent.Create(new { userName, password = data.Password }), null, HttpStatusCode.OK, log, ct);
        if (body is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("accessToken").GetString();
    }

    private async Task LearnAsync(string token, int lessonId, int quizId, WorkerLog log, CancellationToken ct)
    {
        var lesson = await SendAsync(Operation.Lesson, HttpMethod.Get, "/api/v1/learning/lessons/" + lessonId.ToString(CultureInfo.InvariantCulture),
            token, null, null, HttpStatusCode.OK, log, ct);
        if (lesson is null)
        {
            return;
        }

        var started = await SendAsync(Operation.Start, HttpMethod.Post, "/api/v1/learning/quizzes/" + quizId.ToString(CultureInfo.InvariantCulture) + "/attempts",
            token, null, null, HttpStatusCode.Created, log, ct);
        if (started is null)
        {
            return;
        }

        string attemptId;
        ByteArrayContent answers;
        using (var attempt = JsonDocument.Parse(started))
        {
            attemptId = attempt.RootElement.GetProperty("attemptId").GetString()!;
            answers = RightAnswers(attempt.RootElement.GetProperty("questions"));
        }

        var graded = await SendAsync(Operation.Submit, HttpMethod.Post, "/api/v1/learning/attempts/" + attemptId + "/submit",
            token, answers, Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture), HttpStatusCode.OK, log, ct);
        if (graded is not null)
        {
            using var result = JsonDocument.Parse(graded);
            log.Graded(result.RootElement.GetProperty("passed").GetBoolean(), Stopwatch.GetTimestamp());
        }
    }

    /// <summary>{"answers":[{"questionId":…,"optionIds":[…]}]} from the answer key, under the ids this attempt shows.</summary>
    private ByteArrayContent RightAnswers(JsonElement questions)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("answers");
            foreach (var question in questions.EnumerateArray())
            {
                var id = question.GetProperty("id").GetInt32();
                json.WriteStartObject();
                json.WriteNumber("questionId", id);
                json.WriteStartArray("optionIds");
                var shown = question.GetProperty("options").EnumerateArray()
                    .Select(o => (Id: o.GetProperty("id").GetString()!, Text: o.GetProperty("text").GetString() ?? string.Empty)).ToList();
                foreach (var text in data.AnswerKey[id])
                {
                    json.WriteStringValue(shown.First(o => o.Text == text).Id);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = Json;
        return content;
    }

    /// <summary>One request; its latency counts from sending to the last byte of the answer read.</summary>
    private async Task<byte[]?> SendAsync(Operation operation, HttpMethod method, string path, string? token, HttpContent? content,
        string? idempotencyKey, HttpStatusCode expected, WorkerLog log, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode != expected)
            {
                log.Error(operation, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
                return null;
            }

            log.Success(operation, started, Stopwatch.GetTimestamp());
            return body;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.Error(operation, e.GetType().Name);
            return null;
        }
    }
}
