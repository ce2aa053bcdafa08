using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Oversight;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// An illustrative communications log for Ea Trang's last full month: twelve items (news on the
/// commune portal, short videos on its fanpage, Zalo posts) and ten visual propaganda activities this
/// year, so that the computed "posts per month" and "visual propaganda" behind the plan's
/// communications task and the dashboards come from records, as they do for a
/// real commune. Titles say "(minh họa)"; links are on the documentation domain example.org. Runs once.
/// </summary>
public sealed class DemoCommunications(AppDbContext db, TimeProvider clock)
{
    private const int Items = 12;

    private const int VisualItems = 10;

    public async Task SeedAsync(Unit commune, string officerUserId, CancellationToken ct)
    {
        if (await db.CommunicationItems.AnyAsync(i => i.CommuneId == commune.Id, ct))
        {
            return;
        }

        var today = clock.TodayInVietnam();
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var now = clock.UtcNow();
        for (var n = 1; n <= Items; n++)
        {
            var (kind, channel) = n switch
            {
                <= 8 => (CommunicationKinds.NewsArticle, "portal"),
                <= 10 => (CommunicationKinds.ShortVideo, "fanpage"),
                _ => (CommunicationKinds.SocialPost, "zalo"),
            };
            var url = string.Create(CultureInfo.InvariantCulture, $"https://example.org/minh-hoa/ea-trang/{month:yyyy-MM}/{n:00}");
            Add(kind, channel, string.Create(CultureInfo.InvariantCulture, $"Tuyên truyền phong trào “Bình dân học vụ số”, bài {n} (minh họa)"), month.AddDays((n * 2) - 1), url);
        }

        // Visual propaganda (panels, posters, village activities) is counted from January: ten this year.
        var january = new DateOnly(today.Year, 1, 1);
        for (var n = 1; n <= VisualItems; n++)
        {
            var date = today.AddDays(-9 * n);
            date = date < january ? january : date;
            var url = string.Create(CultureInfo.InvariantCulture, $"https://example.org/minh-hoa/ea-trang/truc-quan/{today.Year}/{n:00}");
            Add(n % 2 == 0 ? CommunicationKinds.Poster : CommunicationKinds.VisualActivity, "pano",
                string.Create(CultureInfo.InvariantCulture, $"Hoạt động tuyên truyền trực quan số {n} (minh họa)"), date, url);
        }

        await db.SaveChangesAsync(ct);

        void Add(string kind, string channel, string title, DateOnly date, string url) => db.CommunicationItems.Add(new CommunicationItem
        {
            Id = Guid.NewGuid(),
            Kind = kind,
            Channel = channel,
            Title = title,
            Date = date,
            Period = new DateOnly(date.Year, date.Month, 1),
            UnitId = commune.Id,
            UnitPath = commune.Path,
            CommuneId = commune.Id,
            Language = CommunicationLanguages.Vietnamese,
            Url = url,
            UrlKey = CommunicationLinks.Key(url),
            RecordedByUserId = officerUserId,
            RecordedAt = now,
        });
    }
}
