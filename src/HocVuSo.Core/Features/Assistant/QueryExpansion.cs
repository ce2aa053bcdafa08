using System.Reflection;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>
/// The abbreviations and common misspellings people type (synonyms.tsv, kept as data): "dvc"
/// also searches "dịch vụ công", "ko" also "không". Matched on folded syllables, one to three at a
/// time; the meaning is added to the question, what was typed is searched too.
/// </summary>
public static class QueryExpansion
{
    private static readonly Lazy<Dictionary<string, string>> Synonyms = new(Load);

    /// <summary>The meanings of the abbreviations in <paramref name="question"/>, to search beside it (empty when there are none).</summary>
    public static IReadOnlyList<string> Meanings(string question)
    {
        var meanings = new List<string>();
        foreach (var run in VietnameseTokens.Runs(question))
        {
            var folded = run.Select(VietnameseTokens.Fold).ToList();
            for (var i = 0; i < folded.Count; i++)
            {
                for (var n = Math.Min(3, folded.Count - i); n >= 1; n--)
                {
                    if (Synonyms.Value.TryGetValue(string.Join(' ', folded.Skip(i).Take(n)), out var meaning))
                    {
                        meanings.Add(meaning);
                        break;
                    }
                }
            }
        }

        return meanings.Distinct(StringComparer.Ordinal).ToList();
    }

    private static Dictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("HocVuSo.Assistant.synonyms.tsv")
            ?? throw new InvalidOperationException("The assistant's synonyms.tsv is not embedded.");
        using var reader = new StreamReader(stream);
        var synonyms = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var parts = line.Split('\t');
            if (parts.Length == 2)
            {
                synonyms[string.Join(' ', VietnameseTokens.Runs(parts[0]).SelectMany(r => r).Select(VietnameseTokens.Fold))] = parts[1].Trim();
            }
        }

        return synonyms;
    }
}
