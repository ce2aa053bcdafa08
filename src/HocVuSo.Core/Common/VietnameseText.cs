using System.Globalization;
using System.Text;

namespace HocVuSo.Core.Common;

/// <summary>
/// Text rules for Vietnamese: everything is stored in NFC, and search compares a "folded" form
/// with tone marks and diacritics removed, đ → d, lower case ("EA TRANG" and "ea trang" both find
/// "Ea Trang"; "dak lak" finds "Đắk Lắk").
/// </summary>
public static class VietnameseText
{
    /// <summary>Trims, collapses inner white space and normalises to NFC.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var nfc = text.Normalize(NormalizationForm.FormC);
        var builder = new StringBuilder(nfc.Length);
        var lastWasSpace = false;
        foreach (var c in nfc.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
            }
            else
            {
                builder.Append(c);
                lastWasSpace = false;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The rule for text people type, checked by every use case that stores it: the value is
    /// trimmed and normalised to NFC (a single line also has its inner white space collapsed; a
    /// multi-line text keeps its line breaks, each line cleaned), and refused when it is longer than
    /// <paramref name="maxLength"/>, holds a control character (C0, DEL, C1; only line feeds and tabs
    /// in a multi-line text), a bidirectional override or isolate (U+202A–U+202E, U+2066–U+2069) or
    /// an unpaired surrogate, starts with a combining mark that has no letter to sit on, or holds
    /// only invisible characters (zero-width spaces and joiners, word joiners, byte-order marks).
    /// White space alone is no text: the answer is the empty string, which the caller treats as
    /// missing. The errors name <paramref name="field"/> (the message names it through its
    /// <c>field.label.*</c> resource).
    /// </summary>
    public static Result<string> Check(string? text, string field, int maxLength, TextShape shape = TextShape.SingleLine)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        // A value far longer than allowed is refused before any work on it.
        if (text.Length > (maxLength * 4) + 64)
        {
            return TooLong(field, maxLength);
        }

        // Line breaks and tabs around a single line (a pasted name) are trimmed, not refused.
        text = text.Trim();
        foreach (var c in text)
        {
            if (IsBidiControl(c))
            {
                return Errors.Invalid("text.bidi_control", field, new FieldLabel(field));
            }

            if (char.IsControl(c) && !(shape == TextShape.MultiLine && c is '\n' or '\r' or '\t'))
            {
                return Errors.Invalid("text.control_character", field, new FieldLabel(field));
            }
        }

        if (!IsWellFormed(text))
        {
            return Errors.Invalid("text.control_character", field, new FieldLabel(field));
        }

        var clean = shape == TextShape.SingleLine
            ? Clean(text)
            : string.Join('\n', text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').Select(Clean)).Trim();
        if (clean.All(c => char.IsWhiteSpace(c) || IsInvisible(c)))
        {
            return Errors.Invalid("text.invisible_only", field, new FieldLabel(field));
        }

        if (CharUnicodeInfo.GetUnicodeCategory(clean, 0) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
        {
            return Errors.Invalid("text.lone_mark", field, new FieldLabel(field));
        }

        return clean.Length > maxLength ? TooLong(field, maxLength) : clean;
    }

    private static Error TooLong(string field, int maxLength) => Errors.Invalid("text.too_long", field, new FieldLabel(field), maxLength);

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>Characters that show nothing: format characters (zero-width space, joiners, word joiner, byte-order mark, marks of direction) and the Hangul and Braille blanks.</summary>
    private static bool IsInvisible(char c) =>
        CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format || c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E';

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The search key: no diacritics, đ → d, lower case, single spaces.</summary>
    public static string Fold(string? text)
    {
        var clean = Clean(text);
        var decomposed = clean.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(c switch
            {
                'đ' or 'Đ' => 'd',
                '\'' or '’' or '‘' => '\'',
                _ => char.ToLowerInvariant(c),
            });
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}

/// <summary>The longest texts people may type, in characters (after <see cref="VietnameseText.Check"/> cleans them).</summary>
public static class TextLimits
{
    /// <summary>A person's full name.</summary>
    public const int PersonName = 200;

    /// <summary>The name of a village, a team, a class or a place.</summary>
    public const int PlaceName = 150;

    /// <summary>A title or a short line (class title, trainers, languages).</summary>
    public const int Line = 200;

    /// <summary>A comment, a note, a reason.</summary>
    public const int Comment = 1000;
}

/// <summary>Whether a typed text is one line (names, titles) or may hold line breaks and tabs (comments, notes).</summary>
public enum TextShape
{
    SingleLine,
    MultiLine,
}

/// <summary>An error argument that the UI replaces with the field's label (<c>field.label.&lt;field&gt;</c>), so a message names the field in the reader's language.</summary>
public sealed record FieldLabel(string Field)
{
    public override string ToString() => Field;
}
