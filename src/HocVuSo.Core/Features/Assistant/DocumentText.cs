using System.Text;
using DocumentFormat.OpenXml.Packaging;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>
/// The text of an uploaded document, page by page, read with maintained libraries (PdfPig for
/// PDF, the Open XML SDK for .docx). What the file is comes from its first bytes, never from its
/// name alone, and the two must agree. An encrypted PDF is refused (its text cannot be read, and a
/// password would have to travel); a .docx is checked as an archive first (entries, unpacked size,
/// ratio), so a zip bomb is refused before anything is unpacked. A .docx and a text file have no
/// pages: their text is cut into sections of about <see cref="SectionLength"/> characters at
/// paragraph ends, numbered like pages.
/// </summary>
public static class DocumentText
{
    public const int SectionLength = 1500;
    public const int MaxPages = 2000;
    public const long MaxDocxUncompressedBytes = 30 * 1024 * 1024;
    public const int MaxDocxEntries = 500;

    public sealed record Extracted(string Kind, string ContentType, IReadOnlyList<string> Pages);

    public static Result<Extracted> Read(byte[] bytes, string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        var kind = Sniff(bytes);
        var expected = extension switch
        {
            ".pdf" => "pdf",
            ".docx" => "docx",
            ".txt" => "txt",
            _ => null,
        };
        if (expected is null)
        {
            return Errors.Invalid("assistant.document_type", "file", extension);
        }

        if (kind != expected)
        {
            return Errors.Invalid("assistant.document_not_what_it_says", "file", extension);
        }

        var pages = kind switch
        {
            "pdf" => Pdf(bytes),
            "docx" => Docx(bytes),
            _ => Text(bytes),
        };
        if (!pages.IsSuccess)
        {
            return Result<Extracted>.Fail(pages.Errors);
        }

        var text = pages.Value!.Select(p => VietnameseText.Clean(p)).ToList();
        if (text.All(p => p.Length == 0))
        {
            return Errors.Invalid("assistant.document_no_text", "file");
        }

        var contentType = kind switch
        {
            "pdf" => "application/pdf",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _ => "text/plain; charset=utf-8",
        };
        return new Extracted(kind, contentType, text);
    }

    /// <summary>pdf (starts "%PDF-"), docx (a zip, "PK\x03\x04"), txt (UTF-8 with no NUL byte), or null.</summary>
    public static string? Sniff(byte[] bytes)
    {
        if (bytes.Length >= 5 && bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8))
        {
            return "pdf";
        }

        if (bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4)
        {
            return "docx";
        }

        return !bytes.AsSpan().Contains((byte)0) && IsUtf8(bytes) ? "txt" : null;
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Result<IReadOnlyList<string>> Pdf(byte[] bytes)
    {
        try
        {
            using var document = PdfDocument.Open(bytes);
            if (document.IsEncrypted)
            {
                return Errors.Invalid("assistant.document_encrypted", "file");
            }

            if (document.NumberOfPages > MaxPages)
            {
                return UploadErrors.TooManyEntries(MaxPages);
            }

            return document.GetPages().Select(p => p.Text).ToList();
        }
        catch (PdfDocumentEncryptedException)
        {
            return Errors.Invalid("assistant.document_encrypted", "file");
        }
        catch (Exception e) when (e is PdfDocumentFormatException or InvalidOperationException or ArgumentException or IndexOutOfRangeException or InvalidCastException or NullReferenceException or KeyNotFoundException or FormatException or IOException)
        {
            return Errors.Invalid("assistant.document_unreadable", "file");
        }
    }

    private static Result<IReadOnlyList<string>> Docx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        var refused = ArchiveGuard.Check(stream, MaxDocxUncompressedBytes, MaxDocxEntries, UploadLimits.Default.MaxCompressionRatio, Errors.Invalid("assistant.document_unreadable", "file"));
        if (refused is not null)
        {
            return refused;
        }

        try
        {
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body;
            if (body is null)
            {
                return Errors.Invalid("assistant.document_unreadable", "file");
            }

            return Sections(body.Descendants<W.Paragraph>().Select(p => p.InnerText));
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or FileFormatException or InvalidOperationException)
        {
            return Errors.Invalid("assistant.document_unreadable", "file");
        }
    }

    private static Result<IReadOnlyList<string>> Text(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        return Sections(text.Split('\n'));
    }

    /// <summary>Paragraphs gathered into sections of about <see cref="SectionLength"/> characters.</summary>
    private static Result<IReadOnlyList<string>> Sections(IEnumerable<string> paragraphs)
    {
        var sections = new List<string>();
        var current = new StringBuilder();
        foreach (var paragraph in paragraphs.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (current.Length > 0 && current.Length + paragraph.Length > SectionLength)
            {
                sections.Add(current.ToString());
                current.Clear();
                if (sections.Count >= MaxPages)
                {
                    return UploadErrors.TooManyEntries(MaxPages);
                }
            }

            current.Append(paragraph).Append('\n');
        }

        if (current.Length > 0)
        {
            sections.Add(current.ToString());
        }

        return sections;
    }
}
