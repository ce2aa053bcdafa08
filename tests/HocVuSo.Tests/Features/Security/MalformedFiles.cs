using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Tests.Features.Uploads;

namespace HocVuSo.Tests.Features.Security;

/// <summary>
/// Deterministic generators of malformed files for the importer fuzz test: each takes a seeded
/// <see cref="Random"/> and a valid file and yields named variants — damaged bytes, wrong
/// encodings, broken structure, bombs — so a failure names the variant and can be replayed.
/// </summary>
internal static class MalformedFiles
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Byte-level damage of any valid file: cut short, bits flipped, bytes inserted, random bytes, nothing at all.</summary>
    public static IEnumerable<(string Kind, byte[] File)> Damaged(Random random, byte[] valid, int each = 5)
    {
        for (var i = 0; i < each; i++)
        {
            var length = random.Next(0, valid.Length);
            yield return ($"truncated to {length} bytes", valid[..length]);
        }

        for (var i = 0; i < each; i++)
        {
            var file = (byte[])valid.Clone();
            var flips = random.Next(1, 9);
            for (var f = 0; f < flips; f++)
            {
                file[random.Next(file.Length)] ^= (byte)(1 << random.Next(8));
            }

            yield return ($"{flips} bits flipped #{i}", file);
        }

        for (var i = 0; i < each; i++)
        {
            var file = valid.ToList();
            var inserts = random.Next(1, 5);
            for (var n = 0; n < inserts; n++)
            {
                var bytes = new byte[random.Next(1, 64)];
                random.NextBytes(bytes);
                file.InsertRange(random.Next(file.Count + 1), bytes);
            }

            yield return ($"bytes inserted at {inserts} places #{i}", [.. file]);
        }

        for (var i = 0; i < Math.Max(2, each / 2); i++)
        {
            var bytes = new byte[random.Next(1, 8192)];
            random.NextBytes(bytes);
            yield return ($"{bytes.Length} random bytes", bytes);
        }

        yield return ("empty file", []);
    }

    /// <summary>CSV variants of a valid UTF-8 CSV (header line first): encodings, BOMs, bad UTF-8, control characters, huge lines, columns and quotes.</summary>
    public static IEnumerable<(string Kind, byte[] File)> Csv(Random random, string valid, UploadLimits limits)
    {
        var separator = valid.Split('\n')[0].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var header = valid.Split('\n')[0];
        var data = valid[(header.Length + 1)..];
        var line = data.Split('\n')[0];
        var bytes = Utf8.GetBytes(valid);
        byte[] bom = [0xEF, 0xBB, 0xBF];

        yield return ("UTF-16 LE with BOM", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(valid)]);
        yield return ("UTF-16 BE with BOM", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(valid)]);
        yield return ("UTF-16 LE without BOM", Encoding.Unicode.GetBytes(valid));
        yield return ("UTF-32 with BOM", [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(valid)]);
        yield return ("Latin-1", Encoding.Latin1.GetBytes(valid));
        yield return ("UTF-8 read as Latin-1 and encoded again", Utf8.GetBytes(Encoding.Latin1.GetString(bytes)));
        yield return ("UTF-8 BOM", [.. bom, .. bytes]);
        yield return ("two BOMs", [.. bom, .. bom, .. bytes]);
        yield return ("a BOM and nothing else", bom);
        yield return ("invalid UTF-8 (overlong, surrogate, stray continuation, past U+10FFFF)",
            InsertBytes(random, bytes, [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF, 0xFE]));
        yield return ("NUL characters", Text(InsertText(random, valid, "\0", 6)));
        yield return ("control, bidi and invisible characters", Text(InsertText(random, valid, "\u0001\u0007\u001B\u007F\u0085\u2028\u202E\u2067\uFEFF\u200B", 10)));
        yield return ("a line past the line limit", Text(valid + new string('x', limits.MaxCsvLineLength * 3) + "\n"));
        yield return ("one line of a megabyte, no line break", Text(new string('a', 1024 * 1024)));
        yield return ("a quoted value of many lines", Text(header + "\n\"" + string.Concat(Enumerable.Repeat("dòng mới\n", limits.MaxCsvLineLength)) + "\"\n"));
        yield return ("thousands of separators", Text(header + "\n" + new string(separator, 5_000) + "\n"));
        yield return ("two hundred header columns", Text(string.Join(separator, Enumerable.Range(0, 200).Select(i => "cot" + i)) + "\n" + data));
        yield return ("a quote never closed", Text(header + "\n\"" + data + new string('z', 10_000)));
        yield return ("a quote inside an unquoted value", Text(header + "\n" + line.Insert(Math.Min(3, line.Length), "a\"b") + "\n"));
        yield return ("quotes unbalanced on every line", Text(valid.Replace(separator.ToString(), separator + "\"", StringComparison.Ordinal)));
        yield return ("carriage returns only", Text(valid.Replace('\n', '\r')));
        yield return ("header only", Text(header + "\n"));
        yield return ("no header", Text(data));
        yield return ("header columns twice", Text(header + separator + header + "\n" + data));
        yield return ("header in capitals with spaces", Text(" " + header.ToUpperInvariant().Replace(separator.ToString(), " " + separator + " ", StringComparison.Ordinal) + "\n" + data));
        yield return ("the other separator", Text(valid.Replace(separator, separator == ',' ? ';' : ',')));
        yield return ("fifty thousand empty lines", Text(header + "\n" + new string('\n', 50_000) + data));
        yield return ("rows past the row limit", Text(header + "\n" + string.Concat(Enumerable.Repeat(line + "\n", limits.MaxCsvRows + 1))));
        yield return ("formulas and markup as values", Text(header + "\n" + string.Join(separator, Enumerable.Repeat("=HYPERLINK(\"http://x\")<script>alert(1)</script>", Math.Max(1, header.Split(separator).Length))) + "\n"));
        yield return ("separators, quotes and line breaks at random", Text(new string([.. Enumerable.Range(0, 2_000).Select(_ => ",;\"\r\n\t"[random.Next(6)])])));
    }

    /// <summary>Structural damage to an .xlsx: broken or hostile XML in its parts, references out of range, missing parts, a damaged directory, a bomb.</summary>
    public static IEnumerable<(string Kind, byte[] File)> Xlsx(Random random, byte[] valid, string indicatorCode)
    {
        static bool IsSheet(string name) => name.StartsWith("xl/worksheets/", StringComparison.Ordinal) && name.EndsWith(".xml", StringComparison.Ordinal);
        byte[] Sheets(Func<string, string> change) => Rewrite(valid, (name, data) => IsSheet(name) ? Utf8.GetBytes(change(Utf8.GetString(data))) : data);
        byte[] AddRow(string row) => Sheets(xml => xml.Replace("</sheetData>", row + "</sheetData>", StringComparison.Ordinal));

        yield return ("sheet XML cut in half", Sheets(xml => xml[..(xml.Length / 2)]));
        yield return ("shared string indexes out of range", AddRow("<row r=\"990\"><c r=\"A990\" t=\"s\"><v>99999999</v></c><c r=\"E990\" t=\"s\"><v>-1</v></c><c r=\"F990\" t=\"s\"><v>x</v></c></row>"));
        yield return ("a shared string table that claims four billion strings and ends early",
            Rewrite(valid, (_, data) => data, ("xl/sharedStrings.xml", Utf8.GetBytes($"<?xml version=\"1.0\"?><sst xmlns=\"{BadFiles.SpreadsheetNs}\" count=\"4294967295\" uniqueCount=\"4294967295\"><si><t>a</t></si><si><t>"))));
        yield return ("elements nested 100,000 deep between rows", AddRow(string.Concat(Enumerable.Repeat("<d>", 100_000)) + string.Concat(Enumerable.Repeat("</d>", 100_000))));
        yield return ("elements nested 100,000 deep inside a cell", AddRow($"<row r=\"991\"><c r=\"A991\" t=\"inlineStr\"><is>{string.Concat(Enumerable.Repeat("<r>", 100_000))}{string.Concat(Enumerable.Repeat("</r>", 100_000))}</is></c></row>"));
        yield return ("entity expansion (billion laughs)", Sheets(xml => "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\"><!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\"><!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]>"
            + WithoutDeclaration(xml).Replace("</sheetData>", "<row r=\"992\"><c r=\"A992\" t=\"inlineStr\"><is><t>&lol4;</t></is></c></row></sheetData>", StringComparison.Ordinal)));
        yield return ("external entity", Sheets(xml => "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + WithoutDeclaration(xml).Replace("</sheetData>", "<row r=\"993\"><c r=\"A993\" t=\"inlineStr\"><is><t>&x;</t></is></c></row></sheetData>", StringComparison.Ordinal)));
        yield return ("no content types", Rewrite(valid, (name, data) => name == "[Content_Types].xml" ? null : data));
        yield return ("no workbook part", Rewrite(valid, (name, data) => name == "xl/workbook.xml" ? null : data));
        yield return ("relationships to a missing sheet and outside the package", Rewrite(valid, (name, data) => name == "xl/_rels/workbook.xml.rels"
            ? Utf8.GetBytes(Utf8.GetString(data).Replace("worksheets/", "../../../etc/", StringComparison.Ordinal))
            : data));
        yield return ("a sheet that unpacks past the limit", Rewrite(valid, (name, data) => IsSheet(name)
            ? Utf8.GetBytes(Utf8.GetString(data).Replace("<sheetData>", "<sheetData>" + new string(' ', 12 * 1024 * 1024), StringComparison.Ordinal))
            : data));
        foreach (var reference in new[] { "XFD1048576", "A0", "", "A99999999999999", "5A", "AAAAAAAAAAAAAAAAAAAAAAAA1", "GR994" })
        {
            yield return ($"cell reference «{reference}»", AddRow($"<row r=\"994\"><c r=\"{reference}\"><v>1</v></c></row>"));
        }

        foreach (var (type, value) in new[] { ("n", "NaN"), ("n", "Infinity"), ("n", "1e400"), ("n", "-1E+400"), ("n", "79228162514264337593543950336"), ("n", "0x1F"), ("b", "2"), ("d", "không phải ngày"), ("e", "#DIV/0!"), ("s", "7") })
        {
            yield return ($"figure «{value}» of type {type}", AddRow($"<row r=\"995\"><c r=\"A995\" t=\"inlineStr\"><is><t>{indicatorCode}</t></is></c><c r=\"E995\" t=\"{type}\"><v>{value}</v></c></row>"));
        }

        yield return ("a second workbook entry", Rewrite(valid, (_, data) => data, ("xl/workbook.xml", Utf8.GetBytes("<workbook/>"))));
        yield return ("an entry climbing out of the package", Rewrite(valid, (_, data) => data, ("../../hocvuso-evil.xml", "<x/>"u8.ToArray())));
        foreach (var damage in Directories(random, valid))
        {
            yield return damage;
        }
    }

    /// <summary>Damage to a course-folder .zip: bombs, entry floods, lying sizes, hostile names, broken course.json, a damaged directory.</summary>
    public static IEnumerable<(string Kind, byte[] File)> Zip(Random random, byte[] valid, UploadLimits limits)
    {
        var course = OpenEntries(valid).Keys.First(n => n.EndsWith("course.json", StringComparison.Ordinal));
        byte[] Course(string json) => Rewrite(valid, (name, data) => name == course ? Utf8.GetBytes(json) : data);

        yield return ("a bomb past the unpacked limit", BadFiles.ZipBomb(limits.MaxZipUncompressedBytes + 1, course));
        yield return ("an entry compressed past the ratio limit", BadFiles.ZipBomb(8L * 1024 * 1024, course));
        yield return ("more entries than allowed", BadFiles.ZipOfManyEntries(limits.MaxArchiveEntries + 1));
        yield return ("an entry whose declared size lies", DeclareSizes(BadFiles.ZipBomb(30L * 1024 * 1024, course), 1_000));
        yield return ("entries encrypted", PatchEntries(valid, (header, central) => header[central ? 8 : 6] |= 1));
        yield return ("an unknown compression method", PatchEntries(valid, (header, central) => BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(central ? 10 : 8), 99)));
        foreach (var name in new[] { "../../../../tmp/hocvuso-evil.md", "/etc/hocvuso-evil.md", "C:\\hocvuso\\evil.md", course.Split('/')[0] + "/..\\..\\evil.md", "bad\0name.md", new string('n', 2_000) + ".md" })
        {
            yield return ($"an entry named «{(name.Length > 40 ? name[..40] + "…" : name.Replace("\0", "\\0", StringComparison.Ordinal))}»", Rewrite(valid, (_, data) => data, (name, "# x"u8.ToArray())));
        }

        yield return ("a zip inside the zip", Rewrite([.. EmptyZip()], (_, data) => data, ("inner.zip", valid)));
        yield return ("course.json that is not JSON", Course("{ \"slug\": \"thu-nghiem\", "));
        yield return ("course.json nested 100,000 deep", Course(new string('[', 100_000) + new string(']', 100_000)));
        yield return ("course.json with a 5 MB title", Course("{\"slug\":\"thu-nghiem\",\"title\":{\"vi\":\"" + new string('a', 5 * 1024 * 1024) + "\"}}"));
        yield return ("course.json of the wrong types", Course("{\"slug\":42,\"title\":[true],\"modules\":\"nhiều\",\"version\":{}}"));
        yield return ("course.json in UTF-16", Rewrite(valid, (name, data) => name == course ? [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Utf8.GetString(data))] : data));
        yield return ("no course.json", Rewrite(valid, (name, data) => name == course ? null : data));
        yield return ("nothing but the directory end", EmptyZip());
        yield return ("a symbolic link to outside", WithSymlink(valid, course.Split('/')[0] + "/link.md", "/etc/passwd"));
        foreach (var damage in Directories(random, valid))
        {
            yield return damage;
        }
    }

    /// <summary>Images that only look like images: real headers over garbage, declared sizes that would take gigabytes, markup disguised as pictures.</summary>
    public static IEnumerable<(string Kind, byte[] File)> Image(Random random, byte[] validJpeg)
    {
        byte[] Garbage(int length)
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            return bytes;
        }

        byte[] jfif = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        yield return ("JPEG header, garbage body", [.. jfif, .. Garbage(4_000)]);
        yield return ("JPEG header, then HTML", [.. jfif, .. "<html><body><script>alert(document.cookie)</script></body></html>"u8.ToArray()]);
        yield return ("JPEG whose frame declares 65500 × 65500", PatchJpegFrame(validJpeg, 65_500, 65_500));
        yield return ("JPEG whose frame declares 0 × 0", PatchJpegFrame(validJpeg, 0, 0));
        yield return ("JPEG with a 64 KB garbage Exif segment", [.. validJpeg[..2], 0xFF, 0xE1, 0xFF, 0xFF, .. "Exif\0\0"u8.ToArray(), .. Garbage(65_535 - 8), .. validJpeg[2..]]);
        yield return ("JPEG with a zip appended", [.. validJpeg, .. EmptyZip()]);
        yield return ("PNG with an empty image stream", BadFiles.PngDeclaring(64));
        yield return ("PNG declaring 100,000 × 100,000", BadFiles.PngDeclaring(100_000));
        yield return ("PNG declaring 0 × 0", BadFiles.PngDeclaring(0));
        yield return ("PNG declaring 2³¹−1 × 2³¹−1", BadFiles.PngDeclaring(int.MaxValue));
        yield return ("PNG cut to 30 bytes", BadFiles.PngDeclaring(64)[..30]);
        yield return ("PNG header, garbage chunks", [.. BadFiles.PngDeclaring(64)[..33], .. Garbage(3_000)]);
        yield return ("GIF declaring 65535 × 65535, garbage body", [.. "GIF89a"u8.ToArray(), 0xFF, 0xFF, 0xFF, 0xFF, 0xF7, 0, 0, .. Garbage(2_000)]);
        yield return ("BMP declaring 100,000 × 100,000", Bmp(100_000, 100_000));
        yield return ("WebP header, garbage body", [.. "RIFF"u8.ToArray(), 0x00, 0x10, 0x00, 0x00, .. "WEBPVP8 "u8.ToArray(), .. Garbage(4_096)]);
        yield return ("HEIF header, garbage body", [0, 0, 0, 0x18, .. "ftypheic"u8.ToArray(), .. Garbage(2_000)]);
        yield return ("TIFF header, garbage body", [.. "II*\0"u8.ToArray(), .. Garbage(2_000)]);
        yield return ("SVG with a script", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray());
        yield return ("an HTML page", "<!doctype html><html><body><script>alert(1)</script></body></html>"u8.ToArray());
    }

    /// <summary>A zip's central directory damaged: its offset, its entry count, an entry's signature, or gone.</summary>
    private static IEnumerable<(string Kind, byte[] File)> Directories(Random random, byte[] zip)
    {
        var end = LastIndexOf(zip, [0x50, 0x4B, 0x05, 0x06]);
        var offset = (int)BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(end + 16));
        byte[] Patched(Action<byte[]> patch)
        {
            var copy = (byte[])zip.Clone();
            patch(copy);
            return copy;
        }

        yield return ("central directory offset past the end", Patched(z => BinaryPrimitives.WriteUInt32LittleEndian(z.AsSpan(end + 16), (uint)z.Length + 1_000)));
        yield return ("central directory offset at random", Patched(z => BinaryPrimitives.WriteUInt32LittleEndian(z.AsSpan(end + 16), (uint)random.Next(offset))));
        yield return ("central directory claims 65535 entries", Patched(z =>
        {
            BinaryPrimitives.WriteUInt16LittleEndian(z.AsSpan(end + 8), 0xFFFF);
            BinaryPrimitives.WriteUInt16LittleEndian(z.AsSpan(end + 10), 0xFFFF);
        }));
        yield return ("central directory entry signature broken", Patched(z => z[offset + 2] = 0x00));
        yield return ("central directory cut off", zip[..offset]);
    }

    private static string WithoutDeclaration(string xml) => xml.StartsWith("<?xml", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..] : xml;

    private static byte[] Text(string text) => Utf8.GetBytes(text);

    private static string InsertText(Random random, string text, string characters, int count)
    {
        var builder = new StringBuilder(text);
        for (var i = 0; i < count; i++)
        {
            builder.Insert(random.Next(builder.Length + 1), characters[random.Next(characters.Length)]);
        }

        return builder.ToString();
    }

    private static byte[] InsertBytes(Random random, byte[] bytes, params byte[][] sequences)
    {
        var list = bytes.ToList();
        foreach (var sequence in sequences)
        {
            list.InsertRange(random.Next(list.Count + 1), sequence);
        }

        return [.. list];
    }

    /// <summary>The archive rebuilt with each entry changed (null removes it) and entries added.</summary>
    private static byte[] Rewrite(byte[] zip, Func<string, byte[], byte[]?> change, params (string Name, byte[] Data)[] added)
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data) in OpenEntries(zip))
            {
                if (change(name, data) is { } changed)
                {
                    Write(archive, name, changed);
                }
            }

            foreach (var (name, data) in added)
            {
                Write(archive, name, data);
            }
        }

        return output.ToArray();
    }

    private static void Write(ZipArchive archive, string name, byte[] data)
    {
        using var stream = archive.CreateEntry(name, CompressionLevel.Optimal).Open();
        stream.Write(data);
    }

    private static Dictionary<string, byte[]> OpenEntries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            entries[entry.FullName] = copy.ToArray();
        }

        return entries;
    }

    private static byte[] EmptyZip() => [0x50, 0x4B, 0x05, 0x06, .. new byte[18]];

    /// <summary>Every local header (signature PK\3\4) and central directory header (PK\1\2) patched in place.</summary>
    private static byte[] PatchEntries(byte[] zip, Action<byte[], bool> patch)
    {
        var copy = (byte[])zip.Clone();
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            if (copy[i] == 0x50 && copy[i + 1] == 0x4B && (copy[i + 2], copy[i + 3]) is (3, 4) or (1, 2))
            {
                var central = copy[i + 2] == 1;
                var header = copy[i..(i + (central ? 46 : 30))];
                patch(header, central);
                header.CopyTo(copy, i);
            }
        }

        return copy;
    }

    /// <summary>The archive with every entry's declared uncompressed size set to <paramref name="size"/>, whatever it really holds.</summary>
    private static byte[] DeclareSizes(byte[] zip, uint size) =>
        PatchEntries(zip, (header, central) => BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(central ? 24 : 22), size));

    private static byte[] WithSymlink(byte[] zip, string name, string target)
    {
        var withLink = Rewrite(zip, (_, data) => data, (name, Utf8.GetBytes(target)));
        var at = LastIndexOf(withLink, [0x50, 0x4B, 0x01, 0x02]);
        withLink[at + 5] = 3; // made by Unix
        BinaryPrimitives.WriteUInt32LittleEndian(withLink.AsSpan(at + 38), 0xA1FFu << 16);
        return withLink;
    }

    private static byte[] PatchJpegFrame(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        for (var i = 2; i + 9 < copy.Length; i++)
        {
            if (copy[i] == 0xFF && copy[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 5), (ushort)height);
                BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(i + 7), (ushort)width);
                return copy;
            }
        }

        throw new InvalidOperationException("No frame header in the JPEG.");
    }

    private static byte[] Bmp(int width, int height)
    {
        var bmp = new byte[54 + 64];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        return bmp;
    }

    private static int LastIndexOf(byte[] data, byte[] signature)
    {
        for (var i = data.Length - signature.Length; i >= 0; i--)
        {
            if (data.AsSpan(i, signature.Length).SequenceEqual(signature))
            {
                return i;
            }
        }

        throw new InvalidOperationException("Signature not found.");
    }
}
