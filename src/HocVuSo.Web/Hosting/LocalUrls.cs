namespace HocVuSo.Web.Hosting;

/// <summary>
/// Return addresses people (or attackers) send in forms and links: only a path on this site is
/// kept, percent-encoded so any text is a valid Location header (Vietnamese, emoji, control
/// characters); anything else (another site, <c>//host</c>, <c>/\host</c>, a scheme) gives the fallback.
/// </summary>
public static class LocalUrls
{
    private static readonly Uri Base = new("http://local.invalid/");

    public static string Safe(string? url, string fallback) => Normalise(url) ?? fallback;

    /// <summary>The path, query and fragment of a local address, escaped; null when it is not local.</summary>
    public static string? Normalise(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || url[0] != '/'
            || (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
            || url.Any(c => char.IsControl(c) || c == '\\'))
        {
            return null;
        }

        try
        {
            if (!Uri.TryCreate(Base, url, out var uri) || uri.Scheme != Base.Scheme || uri.Host != Base.Host || uri.Port != Base.Port)
            {
                return null;
            }

            var local = uri.PathAndQuery + uri.Fragment;
            return local.All(char.IsAscii) && local.StartsWith('/') && !local.StartsWith("//", StringComparison.Ordinal) ? local : null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }
}
