using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// Certificates: <c>Certificates:SigningKey</c> (base64 of at least 32 random bytes) signs them;
/// <c>Certificates:PublicBaseUrl</c> (optional, e.g. https://hocvuso.example.vn) is where their QR
/// codes point, otherwise the address of the request. With no signing key configured, one is
/// generated once into a file beside the data-protection keys, for the embedded demo.
/// </summary>
public sealed class CertificateOptions
{
    public const string Section = "Certificates";

    public string? SigningKey { get; set; }

    public string? PublicBaseUrl { get; set; }
}

/// <summary>The fields of a certificate its signature covers, in one canonical text form.</summary>
public sealed record CertificateFields(string Serial, string MaskedIdNumber, string HolderName, string CommuneCode, DateOnly CertifiedOn, string RuleVersion)
{
    public string Canonical() => string.Join(
        '\n',
        "hocvuso-certificate-v1",
        Serial,
        MaskedIdNumber,
        HolderName.Normalize(NormalizationForm.FormC),
        CommuneCode,
        CertifiedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        RuleVersion);

    public static CertificateFields Of(PersonCertification c) =>
        new(c.Serial ?? string.Empty, c.MaskedIdNumber ?? string.Empty, c.HolderName ?? string.Empty, c.CommuneCode ?? string.Empty, c.CertifiedOn ?? default, c.RuleVersion);
}

/// <summary>
/// Signs certificates with HMAC-SHA256 over their canonical fields. The key id (derived from the
/// key, so it needs no configuration) is kept with each certificate: a certificate signed with a
/// key no longer configured can no longer be shown as valid.
/// </summary>
public sealed class CertificateSigner
{
    /// <summary>Characters of the signature carried in the QR link (96 bits).</summary>
    public const int ShortLength = 16;

    private readonly byte[] _key;

    public CertificateSigner(IOptions<CertificateOptions> options)
    {
        _key = Decode(options.Value.SigningKey);
        KeyId = "c-" + Convert.ToHexStringLower(SHA256.HashData(_key))[..10];
    }

    public string KeyId { get; }

    public string Sign(CertificateFields fields) =>
        Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(fields.Canonical())));

    public static string Abbreviate(string signature) => signature.Length <= ShortLength ? signature : signature[..ShortLength];

    /// <summary>True when <paramref name="signature"/> is this key's signature of <paramref name="fields"/>.</summary>
    public bool Verify(CertificateFields fields, string? keyId, string? signature) =>
        keyId == KeyId && signature is not null && FixedEquals(Sign(fields), signature);

    /// <summary>True when <paramref name="presented"/> is the short form (or the whole) of <paramref name="signature"/>.</summary>
    public static bool MatchesShort(string signature, string? presented)
    {
        var given = (presented ?? string.Empty).Trim();
        return given.Length >= ShortLength && given.Length <= signature.Length && FixedEquals(signature[..given.Length], given);
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] Decode(string? text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text?.Trim() ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{CertificateOptions.Section}:SigningKey is not base64.");
        }

        return bytes.Length >= 32 ? bytes : throw new InvalidOperationException($"{CertificateOptions.Section}:SigningKey must be base64 of 32 or more random bytes.");
    }
}

/// <summary>Certificate serials: "HVS-2026-K7QM-3XPA-R" — 40 random bits in an unambiguous alphabet, and a check character.</summary>
public static class CertificateSerials
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public static string New(int year)
    {
        var chars = new char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var body = string.Create(CultureInfo.InvariantCulture, $"HVS-{year}-{new string(chars, 0, 4)}-{new string(chars, 4, 4)}");
        return body + "-" + Check(body);
    }

    /// <summary>True for a serial of the right shape whose check character matches (catches typing mistakes before any look-up).</summary>
    public static bool IsWellFormed(string? serial) => HasShape(serial) && serial![19] == Check(serial[..18]);

    /// <summary>
    /// True when the serial may have been issued: well formed, or carrying the check character of the
    /// first release (whose weights let one typo in sixteen through), so certificates issued before
    /// the change still verify. Look-ups use this; a typo that passes only the old check is then
    /// simply not found.
    /// </summary>
    public static bool MayHaveBeenIssued(string? serial) => HasShape(serial) && (serial![19] == Check(serial[..18]) || serial[19] == FirstReleaseCheck(serial[..18]));

    private static bool HasShape(string? serial)
    {
        if (serial is not { Length: 20 } || !serial.StartsWith("HVS-", StringComparison.Ordinal) || serial[8] != '-' || serial[13] != '-' || serial[18] != '-')
        {
            return false;
        }

        if (!serial.Substring(4, 4).All(char.IsAsciiDigit))
        {
            return false;
        }

        var random = string.Concat(serial.AsSpan(9, 4), serial.AsSpan(14, 4));
        return random.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
    }

    /// <summary>The first release's check character: weights 1..7 over the character codes.</summary>
    internal static char FirstReleaseCheck(string body)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in body)
        {
            sum += c * weight;
            weight = weight % 7 + 1;
        }

        return Alphabet[sum % Alphabet.Length];
    }

    /// <summary>
    /// Weighted sum modulo 32 with odd weights only: an odd weight is invertible modulo 32, so any
    /// single mistyped character changes the check character. Characters of the alphabet count by
    /// their place in it (never two alike modulo 32); the others (prefix, year, dashes) by their code.
    /// </summary>
    private static char Check(string body)
    {
        var sum = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var index = Alphabet.IndexOf(body[i], StringComparison.Ordinal);
            var value = index >= 0 && i >= 9 ? index : body[i];
            sum += value * (2 * (i % 8) + 1);
        }

        return Alphabet[sum % Alphabet.Length];
    }
}

/// <summary>Generates the certificate signing key into the key folder when none is configured (demo, development).</summary>
internal sealed partial class GeneratedCertificateKey(IConfiguration configuration, ILogger<GeneratedCertificateKey> logger) : IPostConfigureOptions<CertificateOptions>
{
    public const string FileName = "certificate-signing-key.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void PostConfigure(string? name, CertificateOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return;
        }

        var path = Path.Combine(configuration["DataProtection:KeysPath"] ?? Path.GetFullPath("data/keys"), FileName);
        if (!File.Exists(path))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            Directory.CreateDirectory(folder);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var fileOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, fileOptions))
            {
                JsonSerializer.Serialize(stream, new Stored(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))), Json);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        options.SigningKey = JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json)?.SigningKey;
        LogGenerated(logger, path);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificates:SigningKey is not configured: certificates are signed with a key generated in {KeyFile}. "
        + "Production should configure Certificates:SigningKey and keep it with the backups: without it, issued certificates no longer verify.")]
    private static partial void LogGenerated(ILogger logger, string keyFile);

    private sealed record Stored([property: JsonPropertyName("signingKey")] string? SigningKey);
}
