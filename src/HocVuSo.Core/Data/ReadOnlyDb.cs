using HocVuSo.Core.Features.Certification;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Core.Data;

/// <summary>
/// The database that reads which may lag a little behind the last write are served from: the
/// read replica named by <c>ConnectionStrings:ReadOnly</c> (a PostgreSQL hot standby), or, when it
/// is not set, the primary itself. Dashboards, rankings, the unit tree and the public figures read
/// here; every write, and every page that shows what its user just wrote, stays on the primary
/// <see cref="AppDbContext"/>. The replica's context never tracks what it reads.
/// </summary>
public sealed class ReadOnlyDb(IServiceProvider services, ReadOnlyDbOptions options) : IAsyncDisposable
{
    private AppDbContext? _replica;

    /// <summary>Whether reads go to a replica (true) or to the primary (no <c>ConnectionStrings:ReadOnly</c>).</summary>
    public bool OnReplica => options.Configured;

    public AppDbContext Context => options.Configured
        ? _replica ??= options.Create(services.GetRequiredService<PersonalDataProtector>())
        : services.GetRequiredService<AppDbContext>();

    public async ValueTask DisposeAsync()
    {
        if (_replica is not null)
        {
            await _replica.DisposeAsync();
        }
    }
}

/// <summary>The replica's context options, built once.</summary>
public sealed class ReadOnlyDbOptions
{
    private readonly DbContextOptions? _options;
    private readonly DatabaseProvider _provider;

    public ReadOnlyDbOptions(DatabaseOptions database)
    {
        _provider = database.Provider;
        if (string.IsNullOrWhiteSpace(database.ReadOnlyConnectionString))
        {
            return;
        }

        _options = database.Provider == DatabaseProvider.Postgres
            ? Configure(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database.ReadOnlyConnectionString)).Options
            : Configure(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(database.ReadOnlyConnectionString)).Options;
    }

    public bool Configured => _options is not null;

    internal AppDbContext Create(PersonalDataProtector protector) => _provider == DatabaseProvider.Postgres
        ? new PostgresAppDbContext((DbContextOptions<PostgresAppDbContext>)_options!, protector)
        : new SqliteAppDbContext((DbContextOptions<SqliteAppDbContext>)_options!, protector);

    private static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder)
        where T : AppDbContext =>
        builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
            .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();
}

public static class ReadOnlyDbServiceCollectionExtensions
{
    /// <summary>Registers a read-only query handler so that the <see cref="AppDbContext"/> it is given is <see cref="ReadOnlyDb.Context"/>.</summary>
    public static IServiceCollection AddReadOnlyScoped<THandler>(this IServiceCollection services)
        where THandler : class =>
        services.AddScoped(sp => ActivatorUtilities.CreateInstance<THandler>(sp, sp.GetRequiredService<ReadOnlyDb>().Context));
}
