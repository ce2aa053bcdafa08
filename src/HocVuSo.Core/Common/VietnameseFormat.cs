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

    public static string Month(DateOnly period) =>
        string.Create(CultureInfo.InvariantCulture, $"tháng {period.Month}/{period.Year}");

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
