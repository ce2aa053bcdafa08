using System.Globalization;
using System.Text;
using HocVuSo.Core.Common;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>
/// How the assistant cuts Vietnamese text into search terms. Text is NFC and lower case; each
/// syllable is kept with its tone marks (field <c>text</c>) and folded without them, đ → d (field
/// <c>folded</c>), so "cai vneid" and "cài VNeID" both match while the accented form scores higher;
/// two neighbouring syllables also make one term ("cài_vneid"), because Vietnamese words are mostly
/// two syllables and a bigram match says far more than two loose syllables. Bigrams never cross
/// punctuation.
/// </summary>
public static class VietnameseTokens
{
    /// <summary>Terms of <paramref name="text"/>: syllables, then the bigrams of each run of syllables.</summary>
    public static List<string> Terms(string? text, bool folded)
    {
        var terms = new List<string>();
        foreach (var run in Runs(text))
        {
            var syllables = folded ? run.Select(Fold).ToList() : run;
            terms.AddRange(syllables);
            for (var i = 0; i + 1 < syllables.Count; i++)
            {
                terms.Add(syllables[i] + "_" + syllables[i + 1]);
            }
        }

        return terms;
    }

    /// <summary>The runs of syllables between punctuation, lower case NFC.</summary>
    public static List<List<string>> Runs(string? text)
    {
        var runs = new List<List<string>>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return runs;
        }

        var nfc = text.Normalize(NormalizationForm.FormC).ToLowerInvariant();
        var current = new List<string>();
        var word = new StringBuilder();
        void EndWord()
        {
            if (word.Length > 0)
            {
                current.Add(word.ToString());
                word.Clear();
            }
        }

        void EndRun()
        {
            EndWord();
            if (current.Count > 0)
            {
                runs.Add(current);
                current = [];
            }
        }

        foreach (var c in nfc)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsLetterOrDigit(c) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(c);
            }
            else if (char.IsWhiteSpace(c) || c is '-' or '\'' or '’' or '"' or '“' or '”' or '(' or ')' or '*' or '/')
            {
                EndWord();
            }
            else
            {
                EndRun();
            }
        }

        EndRun();
        return runs;
    }

    /// <summary>A syllable without tone marks and diacritics, đ → d (the platform's one folding rule).</summary>
    public static string Fold(string syllable) => VietnameseText.Fold(syllable);

    /// <summary>True when the text holds at least one letter or digit (a query of only punctuation or emoji holds none).</summary>
    public static bool HasWords(string? text) => Runs(text).Count > 0;
}

/// <summary>The Lucene analyzer over <see cref="VietnameseTokens"/>: fields whose name ends in <c>folded</c> get the folded terms.</summary>
public sealed class VietnameseAnalyzer : Analyzer
{
    public const string FoldedSuffix = "folded";

    /// <summary>
    /// Components kept per field: Lucene's default keeps one set for every field of a thread, which
    /// would give the folded fields the accented tokenizer (or the other way round) after the first field.
    /// </summary>
    public VietnameseAnalyzer()
        : base(PER_FIELD_REUSE_STRATEGY)
    {
    }

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader) =>
        new(new VietnameseTokenizer(reader, fieldName.EndsWith(FoldedSuffix, StringComparison.Ordinal)));

    private sealed class VietnameseTokenizer : Tokenizer
    {
        private readonly bool _folded;
        private readonly ICharTermAttribute _term;
        private List<string>? _terms;
        private int _next;

        public VietnameseTokenizer(TextReader input, bool folded)
            : base(input)
        {
            _folded = folded;
            _term = AddAttribute<ICharTermAttribute>();
        }

        public override bool IncrementToken()
        {
            ClearAttributes();
            _terms ??= VietnameseTokens.Terms(m_input.ReadToEnd(), _folded);
            if (_next >= _terms.Count)
            {
                return false;
            }

            _term.SetEmpty().Append(_terms[_next++]);
            return true;
        }

        public override void Reset()
        {
            base.Reset();
            _terms = null;
            _next = 0;
        }
    }
}
