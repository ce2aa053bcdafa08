namespace HocVuSo.Core.Common;

public static class ClockExtensions
{
    /// <summary>Now, in UTC, for storing.</summary>
    public static DateTime UtcNow(this TimeProvider clock) => clock.GetUtcNow().UtcDateTime;

    /// <summary>Today's date in Viet Nam (Asia/Ho_Chi_Minh), for validity and deadlines.</summary>
    public static DateOnly TodayInVietnam(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), VietnameseFormat.TimeZone).DateTime);
}
