using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HocVuSo.Web.Vneid;

public sealed record VneidSandboxSwitchRequest(string? Mode, string? KeyPrefix);

public sealed record VneidSandboxSwitches(string Mode, IReadOnlyDictionary<string, string> Prefixes);

/// <summary>A confirmation the sandbox received, as its listing shows it (number masked).</summary>
public sealed record VneidSandboxConfirmationView(
    string IdempotencyKey, string AcknowledgementId, int ReceivedCount, DateTime FirstReceivedAt, DateTime LastReceivedAt,
    string PersonalIdMasked, string FullName, string CertificateSerial, DateOnly CertifiedOn, string RuleVersion, string CommuneCode);

/// <summary>
/// The sandbox's machine endpoints, mapped only when the sandbox is on: the OAuth token and
/// userinfo endpoints, the confirmation API and its listing, and the switches.
/// </summary>
public static class VneidSandboxApi
{
    public const string HashPurpose = "vneid-sandbox";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapVneidSandboxApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(VneidEndpoints.SandboxPath).WithTags("VNeID sandbox").AllowAnonymous();
        group.MapPost("/token", TokenAsync).WithName("VneidSandboxToken").WithSummary("OAuth 2.0 token endpoint of the sandbox (authorization code, client secret, PKCE S256).");
        group.MapGet("/userinfo", UserInfo).WithName("VneidSandboxUserInfo").WithSummary("Claims of the signed-in test citizen: sub, name, cccd, birth_year, gender.");
        group.MapPost("/api/confirmations", ConfirmAsync).WithName("VneidSandboxConfirm").WithSummary("Records a confirmation once per Idempotency-Key: 201 the first time, 200 with the same acknowledgement after.");
        group.MapGet("/api/confirmations", ListAsync).WithName("VneidSandboxConfirmations").WithSummary("What the sandbox received (numbers masked); filter by keyPrefix or certificateSerial.");
        group.MapGet("/switches", (VneidSandbox sandbox) => TypedResults.Ok(Switches(sandbox))).WithName("VneidSandboxSwitches");
        group.MapPost("/switches", (VneidSandboxSwitchRequest request, VneidSandbox sandbox) =>
            {
                if (!VneidSandbox.TryParseMode(request.Mode, out var mode))
                {
                    return Results.BadRequest(new { code = "unknown_mode", modes = new[] { "normal", "timeout", "error500", "duplicateAck" } });
                }

                sandbox.SetMode(mode, string.IsNullOrWhiteSpace(request.KeyPrefix) ? null : request.KeyPrefix.Trim());
                return Results.Ok(Switches(sandbox));
            })
            .WithName("SetVneidSandboxSwitch")
            .WithSummary("{\"mode\": \"normal\"|\"timeout\"|\"error500\"|\"duplicateAck\", \"keyPrefix\": optional — only idempotency keys starting with it}.");
        return app;
    }

    public static VneidSandboxSwitches Switches(VneidSandbox sandbox) => new(
        VneidSandbox.ModeName(sandbox.GlobalMode),
        sandbox.PrefixModes.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => VneidSandbox.ModeName(p.Value)));

    private static async Task<IResult> TokenAsync(HttpContext http, VneidSandbox sandbox, VneidEndpoints endpoints)
    {
        if (!http.Request.HasFormContentType)
        {
            return OAuthError("invalid_request", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var (clientId, secret) = ClientCredentials(http.Request, form["client_id"], form["client_secret"]);
        if (clientId != endpoints.ClientId || !FixedEquals(secret, endpoints.ClientSecret))
        {
            return OAuthError("invalid_client", StatusCodes.Status401Unauthorized);
        }

        if (form["grant_type"] != "authorization_code")
        {
            return OAuthError("unsupported_grant_type", StatusCodes.Status400BadRequest);
        }

        var pending = sandbox.RedeemCode(form["code"].ToString());
        if (pending is null || pending.ClientId != clientId || pending.RedirectUri != form["redirect_uri"].ToString())
        {
            return OAuthError("invalid_grant", StatusCodes.Status400BadRequest);
        }

        if (pending.CodeChallenge is not null)
        {
            var verifier = form["code_verifier"].ToString();
            var expected = pending.CodeChallengeMethod == "S256"
                ? Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)))
                : verifier;
            if (verifier.Length == 0 || !FixedEquals(expected, pending.CodeChallenge))
            {
                return OAuthError("invalid_grant", StatusCodes.Status400BadRequest);
            }
        }

        var (token, expiresIn) = sandbox.IssueToken(pending.Citizen, clientId);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new Dictionary<string, object> { ["access_token"] = token, ["token_type"] = "Bearer", ["expires_in"] = expiresIn, ["scope"] = "openid profile cccd" });
    }

    private static IResult UserInfo(HttpContext http, VneidSandbox sandbox)
    {
        var header = http.Request.Headers.Authorization.ToString();
        var citizen = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? sandbox.CitizenFor(header[7..].Trim()) : null;
        if (citizen is null)
        {
            return OAuthError("invalid_token", StatusCodes.Status401Unauthorized);
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new Dictionary<string, object>
        {
            ["sub"] = citizen.Subject,
            ["name"] = citizen.FullName,
            ["cccd"] = citizen.PersonalIdNumber,
            ["birth_year"] = citizen.BirthYear,
            ["gender"] = citizen.Gender,
        });
    }

    private static async Task<IResult> ConfirmAsync(
        HttpContext http, VneidSandbox sandbox, VneidEndpoints endpoints, AppDbContext db, PersonalDataProtector protector,
        TimeProvider clock, IOptions<VneidOptions> options)
    {
        var (clientId, secret) = ClientCredentials(http.Request, default, default);
        if (clientId != endpoints.ClientId || !FixedEquals(secret, endpoints.ClientSecret))
        {
            return Problem(StatusCodes.Status401Unauthorized, "invalid_client");
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString().Trim();
        if (key.Length is 0 or > 100)
        {
            return Problem(StatusCodes.Status400BadRequest, "idempotency_key_required");
        }

        VneidConfirmationRequest? body;
        try
        {
            body = await http.Request.ReadFromJsonAsync<VneidConfirmationRequest>(Json, http.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            body = null;
        }

        if (body is null || string.IsNullOrWhiteSpace(body.FullName) || string.IsNullOrWhiteSpace(body.CertificateSerial)
            || string.IsNullOrWhiteSpace(body.RuleVersion) || string.IsNullOrWhiteSpace(body.CommuneCode))
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid_payload");
        }

        if (body.PersonalIdNumber is not { Length: 12 } number || !number.All(char.IsAsciiDigit))
        {
            return Problem(StatusCodes.Status400BadRequest, "invalid_personal_id");
        }

        var mode = sandbox.ModeFor(key);
        if (mode == VneidSandboxMode.Error500)
        {
            return Problem(StatusCodes.Status500InternalServerError, "sandbox_error500");
        }

        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            number, body.FullName, body.CertificateSerial, body.CertifiedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), body.RuleVersion, body.CommuneCode))));
        var now = clock.UtcNow();
        var (record, repeated) = await RecordAsync(db, protector, key, number, body, payloadHash, now, http.RequestAborted);
        if (record.PayloadHash != payloadHash)
        {
            return Problem(StatusCodes.Status422UnprocessableEntity, "idempotency_key_reused");
        }

        if (mode == VneidSandboxMode.Timeout)
        {
            // Recorded, but the answer comes too late: the client gives up and will send it again.
            await Task.Delay(TimeSpan.FromSeconds(options.Value.Sandbox.TimeoutDelaySeconds), http.RequestAborted);
        }

        var answer = new VneidConfirmationResponse(record.AcknowledgementId, record.FirstReceivedAt, repeated || mode == VneidSandboxMode.DuplicateAck, null);
        if (mode == VneidSandboxMode.DuplicateAck)
        {
            return Results.Json(answer with { Code = "already_recorded" }, Json, statusCode: StatusCodes.Status409Conflict);
        }

        return Results.Json(answer, Json, statusCode: repeated ? StatusCodes.Status200OK : StatusCodes.Status201Created);
    }

    private static async Task<(VneidSandboxConfirmation Record, bool Repeated)> RecordAsync(
        AppDbContext db, PersonalDataProtector protector, string key, string number, VneidConfirmationRequest body, string payloadHash, DateTime now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var existing = await db.VneidSandboxConfirmations.FirstOrDefaultAsync(c => c.IdempotencyKey == key, ct);
            if (existing is not null)
            {
                if (existing.PayloadHash == payloadHash)
                {
                    existing.ReceivedCount++;
                    existing.LastReceivedAt = now;
                    await db.SaveChangesAsync(ct);
                }

                return (existing, true);
            }

            var record = new VneidSandboxConfirmation
            {
                IdempotencyKey = key,
                AcknowledgementId = "ack-" + Guid.NewGuid().ToString("N")[..20],
                ReceivedCount = 1,
                FirstReceivedAt = now,
                LastReceivedAt = now,
                PersonalIdHash = Convert.ToHexStringLower(protector.Hash(HashPurpose, number)),
                PersonalIdMasked = Mask.PersonalIdNumber(number)!,
                FullName = body.FullName.Trim(),
                CertificateSerial = body.CertificateSerial.Trim(),
                CertifiedOn = body.CertifiedOn,
                RuleVersion = body.RuleVersion.Trim(),
                CommuneCode = body.CommuneCode.Trim(),
                PayloadHash = payloadHash,
            };
            db.VneidSandboxConfirmations.Add(record);
            try
            {
                await db.SaveChangesAsync(ct);
                return (record, false);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // The same key arrived twice at the same moment: the other request recorded it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static async Task<IResult> ListAsync(AppDbContext db, string? keyPrefix, string? certificateSerial, CancellationToken ct) =>
        TypedResults.Ok(await ListConfirmationsAsync(db, keyPrefix, certificateSerial, 500, ct));

    public static async Task<IReadOnlyList<VneidSandboxConfirmationView>> ListConfirmationsAsync(AppDbContext db, string? keyPrefix, string? certificateSerial, int limit, CancellationToken ct)
    {
        var query = db.VneidSandboxConfirmations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(keyPrefix))
        {
            query = query.Where(c => c.IdempotencyKey.StartsWith(keyPrefix));
        }

        if (!string.IsNullOrWhiteSpace(certificateSerial))
        {
            query = query.Where(c => c.CertificateSerial == certificateSerial);
        }

        return await query.OrderByDescending(c => c.LastReceivedAt).ThenByDescending(c => c.Id).Take(limit)
            .Select(c => new VneidSandboxConfirmationView(c.IdempotencyKey, c.AcknowledgementId, c.ReceivedCount, c.FirstReceivedAt, c.LastReceivedAt,
                c.PersonalIdMasked, c.FullName, c.CertificateSerial, c.CertifiedOn, c.RuleVersion, c.CommuneCode))
            .ToListAsync(ct);
    }

    private static (string? ClientId, string? Secret) ClientCredentials(HttpRequest request, string? formId, string? formSecret)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization.ToString(), out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is not null)
        {
            try
            {
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
                var colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(text[..colon]), Uri.UnescapeDataString(text[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (formId, formSecret);
    }

    private static bool FixedEquals(string? a, string? b) =>
        a is not null && b is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static IResult OAuthError(string error, int status) => Results.Json(new Dictionary<string, string> { ["error"] = error }, statusCode: status);

    private static IResult Problem(int status, string code) => Results.Json(new { code }, Json, statusCode: status);
}
