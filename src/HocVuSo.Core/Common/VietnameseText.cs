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
