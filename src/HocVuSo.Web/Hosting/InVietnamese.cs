using System.Globalization;

namespace HocVuSo.Web.Hosting;

/// <summary>Reads resource strings in Vietnamese whatever the request's language: messages sent to people (SMS, e-mail) are in Vietnamese first.</summary>
public static class InVietnamese
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi");

    public static T Read<T>(Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Vietnamese;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
