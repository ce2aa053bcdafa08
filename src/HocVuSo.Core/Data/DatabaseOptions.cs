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
        return new DatabaseOptions { Provider = provider, ConnectionString = connection, ReadOnlyConnectionString = string.IsNullOrWhiteSpace(readOnly) ? null : readOnly };
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
        services.AddSingleton<ReadOnlyDbOptions>();
        services.AddScoped<ReadOnlyDb>();
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o.UseNpgsql(options.ConnectionString)
                .AddInterceptors(sp.GetRequiredService<Features.Reporting.ReportChangeInterceptor>(), sp.GetRequiredService<Common.PublicContentChangeInterceptor>())
                .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>());
        }
        else
        {
            services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o.UseSqlite(options.ConnectionString)
                .AddInterceptors(sp.GetRequiredService<Features.Reporting.ReportChangeInterceptor>(), sp.GetRequiredService<Common.PublicContentChangeInterceptor>())
                .ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>());
        }

        return services;
    }
}
