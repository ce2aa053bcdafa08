using BenchmarkDotNet.Attributes;
using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HocVuSo.Bench;

/// <summary>
/// The public unit tree on the embedded SQLite store with the full official list (34 provinces,
/// 3,321 communes, the dated changes): what a citizen's "find your commune" and the tree pages cost.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class UnitTreeBenchmarks
{
    private Microsoft.AspNetCore.Builder.WebApplication _app = null!;
    private string _folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "hocvuso-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _app = PlatformHost.Build([], forCommandLine: true, configure: builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "Data Source=" + Path.Combine(_folder, "bench.db"),
            ["DataProtection:KeysPath"] = Path.Combine(_folder, "keys"),
            ["Logging:LogLevel:Default"] = "Warning",
        }));
        var migrated = DatabaseMigrator.MigrateAsync(_app.Services, CancellationToken.None).GetAwaiter().GetResult();
        if (!migrated.IsSuccess)
        {
            throw new InvalidOperationException("Migration failed: " + migrated.FirstError.Code);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "Fold a commune name for search")]
    public string Fold() => VietnameseText.Fold("Xã Ea Trang, Tỉnh Đắk Lắk");

    [Benchmark(Description = "Search 'ea trang' (no diacritics)")]
    public async Task<int> Search()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var hits = await scope.ServiceProvider.GetRequiredService<SearchUnits.Handler>().HandleAsync(new SearchUnits.Query("ea trang"), CancellationToken.None);
        return hits.Value!.Count;
    }

    [Benchmark(Description = "List a province's communes (parent=66)")]
    public async Task<int> ListCommunes()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var units = await scope.ServiceProvider.GetRequiredService<ListUnits.Handler>().HandleAsync(new ListUnits.Query(null, "66"), CancellationToken.None);
        return units.Value!.Count;
    }

    [Benchmark(Description = "Unit page data (24445: ancestors, children, versions)")]
    public async Task<int> GetUnit()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var unit = await scope.ServiceProvider.GetRequiredService<GetUnit.Handler>().HandleAsync(new GetUnit.Query("24445"), CancellationToken.None);
        return unit.Value!.Children.Count;
    }
}
