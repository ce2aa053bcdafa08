using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace HocVuSo.Web.Vneid;

/// <summary>How the sandbox's confirmation API behaves (its switches).</summary>
public enum VneidSandboxMode
{
    /// <summary>201 for a new key, 200 with the same acknowledgement for a repeated one.</summary>
    Normal,

    /// <summary>Records the confirmation, then waits longer than the client's timeout before answering (an answer lost on the way).</summary>
    Timeout,

    /// <summary>500, nothing recorded.</summary>
    Error500,

    /// <summary>Records it, but answers 409 "already_recorded" as if it had it before (a duplicate acknowledgement).</summary>
    DuplicateAck,
}

/// <summary>A test citizen as the sandbox's sign-in page hands it to the platform.</summary>
public sealed record VneidSandboxCitizen(string FullName, string PersonalIdNumber, int BirthYear, string Gender)
{
    /// <summary>The stable subject VNeID would give this person: derived from the number, so the same citizen always has the same one.</summary>
    public string Subject => "sbx-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("vneid-sandbox\n" + PersonalIdNumber)))[..24];
}

/// <summary>
/// The in-process VNeID sandbox's state: whether it is on, its switches and the short-lived
/// authorization codes and access tokens of its identity provider. On only in Development, or
/// with <c>Vneid:Sandbox:Enabled=true</c> outside Production — never in Production.
/// Switches can apply to every call or only to idempotency keys with a given prefix, so that
/// tests sharing one application do not disturb each other.
/// </summary>
public sealed class VneidSandbox(bool enabled, TimeProvider clock)
{
    private static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, VneidSandboxMode> _prefixModes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private volatile int _globalMode;

    public bool Enabled { get; } = enabled;

    public VneidSandboxMode GlobalMode => (VneidSandboxMode)_globalMode;

    public IReadOnlyDictionary<string, VneidSandboxMode> PrefixModes => _prefixModes;

    /// <summary>Prefilled test citizens for the sign-in page (valid numbers; none belongs to a real person's record here).</summary>
    public static IReadOnlyList<VneidSandboxCitizen> DemoCitizens { get; } =
    [
        new("H'Hen Niê", "066190001234", 1990, "female"),
        new("Y Bhin Mlô", "066085004321", 1985, "male"),
        new("Nguyễn Thị Lan", "066165007788", 1965, "female"),
        new("Trần Văn Minh", "027072005566", 1972, "male"),
    ];

    public static bool IsEnabled(IHostEnvironment environment, IConfiguration configuration) =>
        !environment.IsProduction()
        && (environment.IsDevelopment() || configuration.GetValue<bool>($"{VneidOptions.Section}:Sandbox:Enabled"));

    public static bool TryParseMode(string? text, out VneidSandboxMode mode)
    {
        mode = VneidSandboxMode.Normal;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "normal": mode = VneidSandboxMode.Normal; return true;
            case "timeout": mode = VneidSandboxMode.Timeout; return true;
            case "error500" or "500": mode = VneidSandboxMode.Error500; return true;
            case "duplicateack" or "duplicate_ack": mode = VneidSandboxMode.DuplicateAck; return true;
            default: return false;
        }
    }

    public static string ModeName(VneidSandboxMode mode) => mode switch
    {
        VneidSandboxMode.Timeout => "timeout",
        VneidSandboxMode.Error500 => "error500",
        VneidSandboxMode.DuplicateAck => "duplicateAck",
        _ => "normal",
    };

    /// <summary>Sets the mode for every key (no prefix) or for keys starting with <paramref name="keyPrefix"/>; "normal" with a prefix removes that switch.</summary>
    public void SetMode(VneidSandboxMode mode, string? keyPrefix)
    {
        if (string.IsNullOrEmpty(keyPrefix))
        {
            _globalMode = (int)mode;
        }
        else if (mode == VneidSandboxMode.Normal)
        {
            _prefixModes.TryRemove(keyPrefix, out _);
        }
        else
        {
            _prefixModes[keyPrefix] = mode;
        }
    }

    /// <summary>The mode for one request: the longest matching prefix switch, else the global one.</summary>
    public VneidSandboxMode ModeFor(string idempotencyKey) =>
        _prefixModes.Where(p => idempotencyKey.StartsWith(p.Key, StringComparison.Ordinal))
            .OrderByDescending(p => p.Key.Length).Select(p => (VneidSandboxMode?)p.Value).FirstOrDefault() ?? GlobalMode;

    public string IssueCode(VneidSandboxCitizen citizen, string clientId, string redirectUri, string? codeChallenge, string? codeChallengeMethod)
    {
        Sweep();
        var code = Token();
        _codes[code] = new PendingCode(citizen, clientId, redirectUri, codeChallenge, codeChallengeMethod, clock.GetUtcNow() + CodeLifetime);
        return code;
    }

    /// <summary>Takes a code out (codes work once), if it exists and has not expired.</summary>
    public PendingCode? RedeemCode(string code) =>
        _codes.TryRemove(code, out var pending) && pending.ExpiresAt > clock.GetUtcNow() ? pending : null;

    public (string Token, int ExpiresIn) IssueToken(VneidSandboxCitizen citizen, string clientId)
    {
        var token = Token();
        _tokens[token] = new IssuedToken(citizen, clientId, clock.GetUtcNow() + TokenLifetime);
        return (token, (int)TokenLifetime.TotalSeconds);
    }

    public VneidSandboxCitizen? CitizenFor(string token) =>
        _tokens.TryGetValue(token, out var issued) && issued.ExpiresAt > clock.GetUtcNow() ? issued.Citizen : null;

    private void Sweep()
    {
        var now = clock.GetUtcNow();
        foreach (var (key, value) in _codes.Where(c => c.Value.ExpiresAt <= now))
        {
            _codes.TryRemove(new KeyValuePair<string, PendingCode>(key, value));
        }

        foreach (var (key, value) in _tokens.Where(c => c.Value.ExpiresAt <= now))
        {
            _tokens.TryRemove(new KeyValuePair<string, IssuedToken>(key, value));
        }
    }

    private static string Token() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public sealed record PendingCode(VneidSandboxCitizen Citizen, string ClientId, string RedirectUri, string? CodeChallenge, string? CodeChallengeMethod, DateTimeOffset ExpiresAt);

    private sealed record IssuedToken(VneidSandboxCitizen Citizen, string ClientId, DateTimeOffset ExpiresAt);
}
