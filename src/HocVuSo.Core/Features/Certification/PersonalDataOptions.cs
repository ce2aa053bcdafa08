using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// The keys that protect personal data at rest: <c>PersonalData:Keys:&lt;keyId&gt;</c> (base64 of 32
/// random bytes, one or more), <c>PersonalData:ActiveKeyId</c> (the key new values are encrypted
/// with) and <c>PersonalData:HashKey</c> (base64, at least 32 bytes; never change it, or look-ups
/// of recorded numbers stop matching). Configure all three, or none: then keys are generated once
/// into a file beside the data-protection keys, for the embedded demo.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    public Dictionary<string, string> Keys { get; init; } = new(StringComparer.Ordinal);

    public string? ActiveKeyId { get; set; }

    public string? HashKey { get; set; }

    public bool IsConfigured => Keys.Count > 0 || !string.IsNullOrWhiteSpace(ActiveKeyId) || !string.IsNullOrWhiteSpace(HashKey);

    /// <summary>The key ring these options describe, or what is wrong with them (the message names settings, never values).</summary>
    internal PersonalDataKeys ToKeys()
    {
        var keys = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (id, text) in Keys)
        {
            if (!PersonalDataKeys.IsValidKeyId(id))
            {
                throw new InvalidOperationException($"{Section}:Keys: the key id '{id}' must be 1–{PersonalDataKeys.MaxKeyIdLength} letters, digits, '-' or '_'.");
            }

            keys[id] = Decode(text, $"{Section}:Keys:{id}", exactly: PersonalDataKeys.KeySize);
        }

        if (keys.Count == 0)
        {
            throw new InvalidOperationException($"{Section}:Keys has no key; add {Section}:Keys:<keyId> with a base64 key of {PersonalDataKeys.KeySize} bytes.");
        }

        if (string.IsNullOrWhiteSpace(ActiveKeyId) || !keys.ContainsKey(ActiveKeyId))
        {
            throw new InvalidOperationException($"{Section}:ActiveKeyId must name one of the keys in {Section}:Keys.");
        }

        var hashKey = Decode(HashKey, $"{Section}:HashKey", atLeast: PersonalDataKeys.KeySize);
        return new PersonalDataKeys(ActiveKeyId, keys, hashKey);
    }

    private static byte[] Decode(string? text, string setting, int? exactly = null, int? atLeast = null)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text?.Trim() ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"{setting} is not base64.");
        }

        if ((exactly is { } size && bytes.Length != size) || (atLeast is { } least && bytes.Length < least) || bytes.Length == 0)
        {
            throw new InvalidOperationException($"{setting} must be base64 of {exactly ?? atLeast} {(exactly is null ? "or more " : string.Empty)}random bytes.");
        }

        return bytes;
    }
}

/// <summary>Refuses to start with half-configured or malformed personal data keys.</summary>
internal sealed class PersonalDataOptionsValidator : IValidateOptions<PersonalDataOptions>
{
    public ValidateOptionsResult Validate(string? name, PersonalDataOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            options.ToKeys();
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
