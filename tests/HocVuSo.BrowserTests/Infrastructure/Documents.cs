using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace HocVuSo.BrowserTests.Infrastructure;

/// <summary>Reads files the browser downloaded: PDFs through poppler's pdftotext, workbooks through the OpenXml SDK.</summary>
public static class Documents
{
    /// <summary>The text of a PDF, with runs of white space folded to one space.</summary>
    public static async Task<string> PdfTextAsync(string path)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-enc", "UTF-8", path, "-" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start.");
        var text = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"pdftotext could not read {path}: {error}");
        return System.Text.RegularExpressions.Regex.Replace(text.Normalize(NormalizationForm.FormC), @"\s+", " ");
    }

    /// <summary>The text of every cell of a workbook.</summary>
    public static IReadOnlyList<string> XlsxCells(string path)
    {
        using var workbook = SpreadsheetDocument.Open(path, false);
        return workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Cell>()).Select(c => c.InnerText).Where(t => t.Length > 0).ToList();
    }
}

/// <summary>RFC 6238 one-time codes, as an authenticator app computes them from the shared key the enrolment page shows.</summary>
public static class Authenticator
{
    public static string Code(string base32Key, DateTimeOffset now)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var key = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant().TrimEnd('='))
        {
            buffer = (buffer << 5) | Alphabet.IndexOf(c, StringComparison.Ordinal);
            bits += 5;
            if (bits >= 8)
            {
                key.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        var counter = BitConverter.GetBytes(now.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

#pragma warning disable CA5350 // Authenticator apps use HMAC-SHA1 (RFC 6238).
        var hash = HMACSHA1.HashData(key.ToArray(), counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
