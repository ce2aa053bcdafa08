using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Certification;

/// <summary>A value encrypted by <see cref="PersonalDataProtector"/>, with the id of the key that encrypted it.</summary>
public readonly record struct ProtectedValue(string KeyId, byte[] Cipher);

/// <summary>
/// Protects personal data at rest (ARCHITECTURE rule 7): AES-256-GCM with the active configured
/// key, the key id kept beside each value so that keys can rotate (any configured key still
/// decrypts), and a keyed hash (HMAC-SHA256, its own key) for look-up and de-duplication.
/// </summary>
public sealed class PersonalDataProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly PersonalDataKeys _keys;

    public PersonalDataProtector(IOptions<PersonalDataOptions> options)
    {
        _keys = options.Value.ToKeys();
    }

    public string ActiveKeyId => _keys.ActiveKeyId;

    /// <summary>The ids of every configured key (the active one and those kept to read older values).</summary>
    public IReadOnlySet<string> KeyIds => _keys.Keys.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Encrypts <paramref name="value"/> with the active key. <paramref name="context"/> (e.g. the
    /// purpose and the owner's id) is bound to the cipher: it decrypts only with the same context,
    /// so a cipher copied onto another person's record is useless.
    /// </summary>
    public ProtectedValue Protect(string value, string context)
    {
        var key = _keys.Keys[_keys.ActiveKeyId];
        var plain = Encoding.UTF8.GetBytes(value);
        var output = new byte[1 + NonceSize + plain.Length + TagSize];
        output[0] = FormatVersion;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize, plain.Length), output.AsSpan(1 + NonceSize + plain.Length, TagSize), AssociatedData(_keys.ActiveKeyId, context));
        CryptographicOperations.ZeroMemory(plain);
        return new ProtectedValue(_keys.ActiveKeyId, output);
    }

    /// <summary>Decrypts with whichever configured key made the value. A missing key or a tampered value is an operations fault, not an input error.</summary>
    public string Unprotect(ProtectedValue value, string context)
    {
        if (!_keys.Keys.TryGetValue(value.KeyId, out var key))
        {
            throw new InvalidOperationException($"The personal data key '{value.KeyId}' is not configured ({PersonalDataOptions.Section}:Keys:{value.KeyId}); keep retired keys configured while values encrypted with them remain.");
        }

        var cipher = value.Cipher;
        if (cipher.Length < 1 + NonceSize + TagSize || cipher[0] != FormatVersion)
        {
            throw new CryptographicException("Unknown format of protected personal data.");
        }

        var length = cipher.Length - 1 - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(cipher.AsSpan(1, NonceSize), cipher.AsSpan(1 + NonceSize, length), cipher.AsSpan(1 + NonceSize + length, TagSize), plain, AssociatedData(value.KeyId, context));
        var text = Encoding.UTF8.GetString(plain);
        CryptographicOperations.ZeroMemory(plain);
        return text;
    }

    /// <summary>The same value and purpose always give the same 32 bytes; without the hash key they cannot be computed or reversed.</summary>
    public byte[] Hash(string purpose, string value) =>
        HMACSHA256.HashData(_keys.HashKey, Encoding.UTF8.GetBytes(purpose + "\n" + value));

    private static byte[] AssociatedData(string keyId, string context) =>
        Encoding.UTF8.GetBytes("hocvuso/personal-data/v1\n" + keyId + "\n" + context);
}

/// <summary>The keys in use: encryption keys by id, the active one, and the hash key.</summary>
internal sealed partial record PersonalDataKeys(string ActiveKeyId, IReadOnlyDictionary<string, byte[]> Keys, byte[] HashKey)
{
    public const int KeySize = 32;
    public const int MaxKeyIdLength = 40;

    public static bool IsValidKeyId(string id) => KeyIdPattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,40}$")]
    private static partial Regex KeyIdPattern();
}

/// <summary>
/// Keys generated for an installation that configured none (the embedded SQLite demo): one JSON
/// file beside the data-protection keys (<c>DataProtection:KeysPath</c>), created once, readable
/// by the platform's account only, in the shape of the configuration so the keys can be moved
/// into configuration later unchanged. Runs when the options are first built, at start-up, and
/// warns that production should configure keys. Configured keys are left alone.
/// </summary>
internal sealed partial class GeneratedPersonalDataKeys(IConfiguration configuration, ILogger<GeneratedPersonalDataKeys> logger) : IPostConfigureOptions<PersonalDataOptions>
{
    public const string FileName = "personal-data-keys.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public void PostConfigure(string? name, PersonalDataOptions options)
    {
        if (options.IsConfigured)
        {
            return;
        }

        var file = Path.Combine(configuration["DataProtection:KeysPath"] ?? Path.GetFullPath("data/keys"), FileName);
        var stored = LoadOrCreate(file, out var created);
        options.ActiveKeyId = stored.ActiveKeyId;
        options.HashKey = stored.HashKey;
        foreach (var (id, key) in stored.Keys ?? [])
        {
            options.Keys[id] = key;
        }

        LogGeneratedKeys(logger, created ? "generated now" : "generated earlier", file);
        if (IsReadableByOthers(file))
        {
            LogLooseFile(logger, file);
        }
    }

    private static Stored LoadOrCreate(string path, out bool created)
    {
        created = !File.Exists(path) && TryCreate(path);
        return JsonSerializer.Deserialize<Stored>(File.ReadAllText(path), Json)
            ?? throw new InvalidOperationException($"The personal data key file {path} is empty.");
    }

    private static bool IsReadableByOthers(string path) =>
        !OperatingSystem.IsWindows()
        && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0;

    /// <summary>Writes a new key file beside <paramref name="path"/> and moves it in place; false when another process was first.</summary>
    private static bool TryCreate(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var keyId = "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var stored = new Stored(
            keyId,
            new Dictionary<string, string> { [keyId] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(PersonalDataKeys.KeySize)) },
            Convert.ToBase64String(RandomNumberGenerator.GetBytes(PersonalDataKeys.KeySize)));
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, stored, Json);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another instance created the file first: use its keys.
            File.Delete(temporary);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Personal data keys are not configured: identity numbers are protected with keys {State} in {KeyFile}. "
        + "Production should configure PersonalData:Keys:<keyId>, PersonalData:ActiveKeyId and PersonalData:HashKey, and keep the keys with the backups: without them the recorded numbers cannot be read.")]
    private static partial void LogGeneratedKeys(ILogger logger, string state, string keyFile);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The personal data key file {KeyFile} can be read by other users of this machine; allow only the platform's own account (chmod 600).")]
    private static partial void LogLooseFile(ILogger logger, string keyFile);

    private sealed record Stored(
        [property: JsonPropertyName("activeKeyId")] string? ActiveKeyId,
        [property: JsonPropertyName("keys")] Dictionary<string, string>? Keys,
        [property: JsonPropertyName("hashKey")] string? HashKey);
}
