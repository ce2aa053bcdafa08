using System.Globalization;

namespace HocVuSo.Core.Common;

/// <summary>
/// One place for how numbers, percentages and dates read in Vietnamese: 1.234.567; 85,7%;
/// dd/MM/yyyy; "tháng 3/2026". The JSON API stays culture-invariant and never uses this.
/// </summary>
public static class VietnameseFormat
{
    public static readonly CultureInfo Culture = CreateCulture();

    public static readonly TimeZoneInfo TimeZone = FindTimeZone();

    public static string Number(long value) => value.ToString("#,0", Culture);

    public static string Number(decimal value, int decimals = 1) =>
        value.ToString(decimals == 0 ? "#,0" : "#,0." + new string('#', decimals), Culture);

    public static string Percent(decimal ratio, int decimals = 1) => Number(ratio * 100m, decimals) + "%";

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone);
        return local.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
    }

    public static string Month(DateOnly period) => "tháng " + MonthAndYear(period);

    /// <summary>"3/2026": the month as it follows the word "tháng" (which the sentence around it carries).</summary>
    public static string MonthAndYear(DateOnly period) =>
        string.Create(CultureInfo.InvariantCulture, $"{period.Month}/{period.Year}");

    /// <summary>"3/2026" for the period "2026-03" of URLs and the API; anything else is shown as given.</summary>
    public static string MonthAndYear(string? period) =>
        TryParsePeriod(period, out var month) ? MonthAndYear(month) : period ?? string.Empty;

    /// <summary>The period of URLs and the API, "2026-03" (culture-invariant, never shown as text).</summary>
    public static string PeriodKey(DateOnly period) => period.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>Reads "2026-03" (URLs, the API) into the first day of that month.</summary>
    public static bool TryParsePeriod(string? text, out DateOnly period) =>
        DateOnly.TryParseExact((text ?? string.Empty) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out period);

    /// <summary>
    /// Reads a month as people type it, "12/2026", "3/2026" or "03-2026" (and "2026-12" as URLs
    /// carry it), into the first day of that month.
    /// </summary>
    public static bool TryParseMonth(string? text, out DateOnly period)
    {
        period = default;
        var value = (text ?? string.Empty).Trim();
        if (TryParsePeriod(value, out period))
        {
            return true;
        }

        var parts = value.Split(['/', '-', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12
            && parts[1].Length == 4 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 9999)
        {
            period = new DateOnly(year, month, 1);
            return true;
        }

        return false;
    }

    /// <summary>Reads a day as people type it, "05/03/2026" or "5/3/2026" (and "2026-03-05" as browsers send it).</summary>
    public static bool TryParseDate(string? text, out DateOnly date)
    {
        var value = (text ?? string.Empty).Trim();
        return DateOnly.TryParseExact(value, ["d/M/yyyy", "dd/MM/yyyy", "d-M-yyyy", "d.M.yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static CultureInfo CreateCulture()
    {
        var culture = (CultureInfo)CultureInfo.GetCultureInfo("vi-VN").Clone();
        culture.NumberFormat.NumberGroupSeparator = ".";
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        return CultureInfo.ReadOnly(culture);
    }

    private static TimeZoneInfo FindTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "ICT");
        }
    }
}
