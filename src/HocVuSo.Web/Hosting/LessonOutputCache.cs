using System.Globalization;
using HocVuSo.Core.Features.Learning;
using Microsoft.AspNetCore.OutputCaching;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Anonymous lesson reads (<c>GET /api/v1/learning/lessons/{id}</c>) answered from memory, per
/// lesson, requested language and the visitor's interface language. (The lesson's HTML page is not
/// output-cached: its layout carries per-visitor antiforgery tokens and display preferences; it
/// gets the lesson's HTML rendered once per version from <see cref="PublishedCourses"/>.) Only for
/// visitors: the output cache's default rules skip signed-in requests (their progress is recorded
/// and shown), anything but GET/HEAD, answers other than 200 and answers that set a cookie. A
/// lesson id belongs to one published version, which never changes (an edit publishes a new
/// version with new lesson ids), so a cached lesson can only outlive a repair made in place; the
/// instance that publishes evicts every cached lesson at once, the others within
/// <see cref="Lifetime"/>. Bounded by the output cache's size limit.
/// </summary>
public static class LessonOutputCache
{
    public const string Policy = "lesson";
    public const string Tag = "lessons";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static IServiceCollection AddLessonOutputCache(this IServiceCollection services)
    {
        services.AddOutputCache(o =>
        {
            // The memory limit of the whole output cache is set once, by OutputCache:SizeLimitMegabytes (PublicResponseCache).
            o.MaximumBodySize = 1024 * 1024;
            o.AddPolicy(Policy, b => b
                .Expire(Lifetime)
                .SetVaryByRouteValue("id")
                .SetVaryByQuery("lang")
                .VaryByValue(_ => new KeyValuePair<string, string>("ui", CultureInfo.CurrentUICulture.Name))
                .Tag(Tag));
        });
        services.AddScoped<ICoursePublishedObserver, EvictLessons>();
        return services;
    }

    private sealed class EvictLessons(IOutputCacheStore store) : ICoursePublishedObserver
    {
        public async Task CoursesPublishedAsync(IReadOnlyList<int> replacedVersionIds, CancellationToken ct) =>
            await store.EvictByTagAsync(Tag, ct);
    }
}
