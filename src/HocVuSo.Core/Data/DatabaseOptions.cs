using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HocVuSo.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the data lives. With no configuration the platform uses an embedded SQLite file,
/// ./data/hocvuso.db; production sets Database__Provider=Postgres and ConnectionStrings__Default.
/// </summary>
public sealed class DatabaseOptions
{
    public const string DefaultSqliteConnection = "Data Source=data/hocvuso.db";

    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; init; } = DefaultSqliteConnection;

    /// <summary>A read replica for dashboards and public reads (<c>ConnectionStrings:ReadOnly</c>); null: everything reads the primary.</summary>
    public string? ReadOnlyConnectionString { get; init; }

    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not known; use Sqlite or Postgres.");
        }

        var connection = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connection))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Default is not set.");
            }

            connection = DefaultSqliteConnection;
        }

        var readOnly = configuration.GetConnectionString("ReadOnly");
        if (provider == DatabaseProvider.Postgres)
        {
            connection = WithPostgresDefaults(connection);
            readOnly = string.IsNullOrWhiteSpace(readOnly) ? readOnly : WithPostgresDefaults(readOnly);
        }

        return new DatabaseOptions { Provider = provider, ConnectionString = connection, ReadOnlyConnectionString = string.IsNullOrWhiteSpace(readOnly) ? null : readOnly };
    }

    /// <summary>Statements prepared automatically when a connection string does not say otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 100;

    /// <summary>
    /// The platform's PostgreSQL connection defaults, chosen by measurement (docs/BENCHMARKS.md):
    /// <c>Max Auto Prepare=100</c> unless the connection string sets it (Npgsql then prepares a
    /// statement on the server once it has run a few times, skipping its parse and plan; the
    /// learner's step cost 30–40% less PostgreSQL CPU). <c>No Reset On Close</c> is left as the
    /// operator sets it (off by default): it gave nothing measurable on top of automatic
    /// preparation, and it would let session state leak from one pooled use to the next.
    /// Behind PgBouncer in transaction mode set <c>Max Auto Prepare=0</c> unless PgBouncer tracks
    /// prepared statements (1.21 and later with <c>max_prepared_statements</c>).
    /// </summary>
    public static string WithPostgresDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.ConnectionString;
    }

    /// <summary>Makes sure the folder of a SQLite file exists (the file itself is created on migration).</summary>
    public void EnsureStorage()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>Registers <see cref="AppDbContext"/> on the configured provider.</summary>
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseOptions options)
    {
        options.EnsureStorage();
        services.AddSingleton(options);
        services.AddSingleton<Features.Reporting.ReportChangeInterceptor>();
        services.TryAddSingleton<Common.IPublicContentCache, Common.NoPublicContentCache>();
        services.AddSingleton<Common.PublicContentChangeInterceptor>();
        services.AddSingleton<Features.Accounts.StaffGrantStamps>();
        services.AddSingleton<ReadOnlyDbOptions>();
        services.AddScoped<ReadOnlyDb>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(options.ConnectionString)
                .AddInterceptors(sp.GetRequiredService<Features.Reporting.ReportChangeInterceptor>(), sp.GetRequiredService<Common.PublicContentChangeInterceptor>(),
                    sp.GetRequiredService<Features.Accounts.StaffGrantStamps>())
                .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>());
        }
        else
        {
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(options.ConnectionString)
                .AddInterceptors(sp.GetRequiredService<Features.Reporting.ReportChangeInterceptor>(), sp.GetRequiredService<Common.PublicContentChangeInterceptor>(),
                    sp.GetRequiredService<Features.Accounts.StaffGrantStamps>())
                .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>());
        }

        return services;
    }
}
