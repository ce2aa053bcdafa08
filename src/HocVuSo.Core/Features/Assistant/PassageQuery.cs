using Lucene.Net.Index;
using Lucene.Net.Search;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>
/// The Lucene query for a question: every term of it (and of the meanings of its abbreviations)
/// against the title and the text, accented and folded. Matching the accented form counts more
/// than the folded one, a title more than the text, and a two-syllable term more than a syllable.
/// </summary>
public static class PassageQuery
{
    public const float AccentedText = 1.0f;
    public const float FoldedText = 0.6f;
    public const float AccentedTitle = 1.6f;
    public const float FoldedTitle = 1.0f;
    public const float AccentedTopic = 1.4f;
    public const float FoldedTopic = 0.9f;
    public const float Bigram = 1.5f;

    /// <summary>Terms beyond this many (per form) are left out: a long question is still answered, quickly.</summary>
    public const int MaxTerms = 40;

    /// <summary>Words people put around a question that say little about what they look for ("làm sao", "cho tôi hỏi").</summary>
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "làm", "sao", "thế", "nào", "gì", "như", "tôi", "em", "mình", "ạ", "à", "ơi", "nhé", "vậy", "hả", "giúp", "cho", "hỏi", "biết", "muốn",
        "được", "không", "có", "cách", "là", "và", "bị", "thì", "mà", "của", "với", "phải", "nên", "ai", "chỉ", "bác", "cháu", "con",
    };

    /// <summary>Fillers typed without tone marks that could as well be another word ("the": thế or thẻ, "la": là or lá): not treated as fillers.</summary>
    private static readonly HashSet<string> Ambiguous = new(StringComparer.Ordinal) { "the", "la", "co", "cho", "con", "ai", "chi", "ma", "nen" };

    public static Query Build(string question)
    {
        var text = string.Join(" . ", new[] { question }.Concat(QueryExpansion.Meanings(question)));
        var fillers = FillerSyllables(question);
        var f = VietnameseAnalyzer.FoldedSuffix;

        // One clause per word of the question (its accented and folded forms, in every field, the
        // best match counting): a passage matching more of the words ranks above one matching one
        // word many times in a short title.
        var words = new Dictionary<string, DisjunctionMaxQuery>(StringComparer.Ordinal);
        DisjunctionMaxQuery WordOf(string folded)
        {
            if (!words.TryGetValue(folded, out var word))
            {
                word = new DisjunctionMaxQuery(0.2f);
                words[folded] = word;
            }

            return word;
        }

        foreach (var term in VietnameseTokens.Terms(text, folded: false).Distinct(StringComparer.Ordinal).Take(MaxTerms))
        {
            var weight = Weight(term, fillers);
            var word = WordOf(FoldTerm(term));
            foreach (var (field, boost) in new[] { ("text", AccentedText), ("title", AccentedTitle), ("topic", AccentedTopic) })
            {
                word.Add(new TermQuery(new Term(field, term)) { Boost = boost * weight });
            }
        }

        foreach (var term in VietnameseTokens.Terms(text, folded: true).Distinct(StringComparer.Ordinal).Take(MaxTerms))
        {
            var weight = Weight(term, fillers);
            var word = WordOf(term);
            foreach (var (field, boost) in new[] { ("text_" + f, FoldedText), ("title_" + f, FoldedTitle), ("topic_" + f, FoldedTopic) })
            {
                word.Add(new TermQuery(new Term(field, term)) { Boost = boost * weight });
            }
        }

        var query = new BooleanQuery();
        foreach (var word in words.Values)
        {
            query.Add(word, Occur.SHOULD);
        }

        return query;
    }

    private static string FoldTerm(string term) => string.Join('_', term.Split('_').Select(VietnameseTokens.Fold));

    // A filler alone ("làm", "sao") barely counts; inside a bigram ("làm_sao") it may.
    private static float Weight(string term, HashSet<string> fillers) =>
        term.Contains('_', StringComparison.Ordinal) ? Bigram : fillers.Contains(VietnameseTokens.Fold(term)) ? 0.15f : 1f;

    /// <summary>The question's folded syllables that say something (fillers left out), for choosing the snippet.</summary>
    public static IReadOnlySet<string> FoldedSyllables(string question)
    {
        var fillers = FillerSyllables(question);
        return VietnameseTokens.Runs(question + " " + string.Join(' ', QueryExpansion.Meanings(question)))
            .SelectMany(r => r).Select(VietnameseTokens.Fold).Where(s => !fillers.Contains(s)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The folded forms of the question's filler syllables: accented as typed, or typed without marks and not ambiguous.</summary>
    private static HashSet<string> FillerSyllables(string question)
    {
        var folded = Fillers.Select(VietnameseTokens.Fold).ToHashSet(StringComparer.Ordinal);
        var fillers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var syllable in VietnameseTokens.Runs(question).SelectMany(r => r))
        {
            var fold = VietnameseTokens.Fold(syllable);
            if (Fillers.Contains(syllable) || (syllable == fold && folded.Contains(fold) && !Ambiguous.Contains(fold)))
            {
                fillers.Add(fold);
            }
        }

        return fillers;
    }
}

/// <summary>The part of a passage to show: the sentences that hold most of the question's words, about two sentences long.</summary>
public static class Snippets
{
    public const int MaxLength = 280;

    public static string Best(string text, IReadOnlySet<string> words)
    {
        var sentences = Sentences(text);
        if (sentences.Count == 0)
        {
            return string.Empty;
        }

        var best = 0;
        var bestScore = -1;
        for (var i = 0; i < sentences.Count; i++)
        {
            var score = VietnameseTokens.Runs(sentences[i]).SelectMany(r => r).Select(VietnameseTokens.Fold).Distinct(StringComparer.Ordinal).Count(words.Contains);
            if (score > bestScore)
            {
                best = i;
                bestScore = score;
            }
        }

        var snippet = sentences[best];
        for (var i = best + 1; i < sentences.Count && snippet.Length + sentences[i].Length + 1 <= MaxLength; i++)
        {
            snippet += " " + sentences[i];
        }

        return snippet.Length <= MaxLength ? snippet : snippet[..(MaxLength - 1)].TrimEnd() + "…";
    }

    private static List<string> Sentences(string text)
    {
        var sentences = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\n' || (text[i] is '.' or '?' or '!' && (i + 1 == text.Length || char.IsWhiteSpace(text[i + 1]))))
            {
                Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }

        Add(text[start..]);
        return sentences;

        void Add(string sentence)
        {
            var clean = Common.VietnameseText.Clean(sentence.TrimStart('-', '*', ' '));
            if (clean.Length > 0)
            {
                sentences.Add(clean);
            }
        }
    }
}
