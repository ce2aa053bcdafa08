using System.Security.Cryptography;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// The per-attempt ids of shown options. The browser sees only these: random, all of one length
/// and form, drawn anew for every attempt, so neither the ids, nor their order, nor their shape
/// tells which options are right or in which order steps go. The server maps them back.
/// </summary>
internal static class OpaqueOptionIds
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
    private const int Length = 10;

    public static List<string> Draw(int count)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        while (ids.Count < count)
        {
            ids.Add(RandomNumberGenerator.GetString(Alphabet, Length));
        }

        return ids.ToList();
    }

    /// <summary>The id the learner sees for the authored option <paramref name="optionId"/>.</summary>
    public static string Shown(AttemptItem item, string optionId)
    {
        var index = item.ShownOptions.IndexOf(optionId);
        return index < 0 || item.ShownIds.Count != item.ShownOptions.Count ? optionId : item.ShownIds[index];
    }

    /// <summary>The authored option behind a shown id, or null when the attempt showed no such id.</summary>
    public static string? Authored(AttemptItem item, string shownId)
    {
        var ids = item.ShownIds.Count == item.ShownOptions.Count ? item.ShownIds : item.ShownOptions;
        var index = ids.IndexOf(shownId);
        return index < 0 ? null : item.ShownOptions[index];
    }
}
