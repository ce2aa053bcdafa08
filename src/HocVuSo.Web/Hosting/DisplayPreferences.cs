namespace HocVuSo.Web.Hosting;

/// <summary>
/// The reader's text size and contrast, remembered per browser in a cookie so that pages are
/// rendered right from the first byte, with or without JavaScript.
/// </summary>
public sealed record DisplayPreferences(string TextSize, bool HighContrast)
{
    public const string CookieName = "hocvuso.display";
    public static readonly string[] Sizes = ["sm", "md", "lg", "xl"];

    public static DisplayPreferences From(HttpContext context)
    {
        var raw = context.Request.Cookies[CookieName] ?? string.Empty;
        var parts = raw.Split('.', StringSplitOptions.RemoveEmptyEntries);
        var size = parts.FirstOrDefault(p => Sizes.Contains(p)) ?? "md";
        return new DisplayPreferences(size, parts.Contains("hc"));
    }

    public string CssClasses => "text-" + TextSize + (HighContrast ? " high-contrast" : string.Empty);

    public DisplayPreferences Step(int direction)
    {
        if (direction == 0)
        {
            return this with { TextSize = "md" };
        }

        var index = Math.Clamp(Array.IndexOf(Sizes, TextSize) + direction, 0, Sizes.Length - 1);
        return this with { TextSize = Sizes[index] };
    }

    public void Save(HttpContext context) => context.Response.Cookies.Append(CookieName, TextSize + (HighContrast ? ".hc" : string.Empty),
        new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = false });
}
