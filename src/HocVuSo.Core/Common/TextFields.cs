using System.Diagnostics.CodeAnalysis;

namespace HocVuSo.Core.Common;

/// <summary>The checks of free-text fields that the areas' commands share; errors name their field.</summary>
public static class TextFields
{
    /// <summary>Trimmed, NFC, one space between words; blank is null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : VietnameseText.Clean(text);

    /// <summary>A text that must be given and may not exceed <paramref name="max"/> characters (<paramref name="tooLongCode"/>, with the field and the limit).</summary>
    public static string? Required(string? text, string field, int max, string tooLongCode, List<Error> errors)
    {
        var value = Clean(text);
        if (value is null)
        {
            errors.Add(Errors.Invalid("field.required", field));
        }
        else if (value.Length > max)
        {
            errors.Add(Errors.Invalid(tooLongCode, field, max));
        }

        return value;
    }

    /// <summary>A text that may be left out but may not exceed <paramref name="max"/> characters.</summary>
    public static string? Optional(string? text, string field, int max, string tooLongCode, List<Error> errors)
    {
        var value = Clean(text);
        if (value is { Length: var length } && length > max)
        {
            errors.Add(Errors.Invalid(tooLongCode, field, max));
        }

        return value;
    }
}

/// <summary>The one rule for links that people attach as evidence or publish.</summary>
public static class WebLinks
{
    /// <summary>
    /// An absolute http or https address with a host and no user name or password in it: no
    /// javascript:, data: or file: links, and no "https://trusted.example@elsewhere" disguises.
    /// </summary>
    public static bool IsWebLink(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Length > 0
        && uri.UserInfo.Length == 0;
}
