using System.Text.Json;

namespace HocVuSo.BrowserTests.Infrastructure;

/// <summary>A rule that axe-core found broken on a page, with the CSS selectors of the offending elements.</summary>
public sealed record AxeViolation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help} — {string.Join(" | ", Targets)}";
}

/// <summary>Runs the axe-core accessibility engine (from npm, copied next to the tests) inside a page.</summary>
public static class Axe
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string RunScript = """
        async () => {
          const results = await axe.run(document, { resultTypes: ["violations"] });
          return JSON.stringify(results.violations.map(v => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            targets: v.nodes.map(n => n.target.flat().join(" "))
          })));
        }
        """;

    public static async Task<IReadOnlyList<AxeViolation>> AuditAsync(IPage page)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "axe.min.js");
        if (!File.Exists(script))
        {
            throw new InvalidOperationException($"{script} is missing: the build copies it from node_modules/axe-core (npm ci).");
        }

        // Evaluated through the debugging protocol, not added as an inline <script>: the site's
        // Content-Security-Policy rightly refuses inline scripts.
        await page.EvaluateAsync("() => { " + await File.ReadAllTextAsync(script) + "\n}");
        var json = await page.EvaluateAsync<string>(RunScript);
        return JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
    }
}
