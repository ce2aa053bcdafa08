using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace HocVuSo.Tests.Features.Uploads;

/// <summary>Files made to hurt an importer: bombs that are small as sent and huge once unpacked, too many rows, endless lines, broken images.</summary>
internal static class BadFiles
{
    public const string SpreadsheetNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A .zip with one entry of <paramref name="bytes"/> repeated bytes: a few hundred kilobytes that unpack to <paramref name="bytes"/>.</summary>
    public static byte[] ZipBomb(long bytes, string name = "course/course.json")
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
            WriteRepeated(entry, (byte)' ', bytes);
        }

        return output.ToArray();
    }

    /// <summary>A .zip with <paramref name="count"/> empty files.</summary>
    public static byte[] ZipOfManyEntries(int count)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                zip.CreateEntry($"course/f{i}.md", CompressionLevel.NoCompression);
            }
        }

        return output.ToArray();
    }

    /// <summary>
    /// The given workbook with every worksheet replaced by <paramref name="rows"/> rows of
    /// inline-string cells (each row also padded with <paramref name="padding"/> spaces): with
    /// padding it is a bomb (a sheet of hundreds of megabytes in a file of a few hundred kilobytes).
    /// </summary>
    public static byte[] XlsxWithSheet(byte[] workbook, int rows, int padding = 0)
    {
        using var output = new MemoryStream();
        output.Write(workbook);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)).ToList())
            {
                var name = sheet.FullName;
                sheet.Delete();
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(Encoding.UTF8.GetBytes($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{SpreadsheetNs}\"><sheetData>"));
                var pad = new string(' ', padding);
                for (var r = 1; r <= rows; r++)
                {
                    stream.Write(Encoding.UTF8.GetBytes($"<row r=\"{r}\"><c r=\"A{r}\" t=\"inlineStr\"><is><t>x{pad}</t></is></c></row>"));
                }

                stream.Write("</sheetData></worksheet>"u8);
            }
        }

        return output.ToArray();
    }

    /// <summary>A CSV with the given header and <paramref name="rows"/> copies of <paramref name="row"/>.</summary>
    public static byte[] Csv(string header, string row, int rows)
    {
        var text = new StringBuilder(header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append(row).Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A real JPEG of <paramref name="width"/> × <paramref name="height"/>, optionally with an Exif block placing it at 12.68° N, 108.04° E.</summary>
    public static byte[] Jpeg(int width = 64, int height = 48, bool withGps = false)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SkyBlue);
            using var paint = new SKPaint { Color = SKColors.DarkGreen };
            canvas.DrawRect(0, height / 2f, width, height / 2f, paint);
        }

        var jpeg = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();
        if (!withGps)
        {
            return jpeg;
        }

        var tiff = GpsTiff();
        var app1 = new List<byte> { 0xFF, 0xE1, (byte)((tiff.Length + 8) >> 8), (byte)(tiff.Length + 8) };
        app1.AddRange("Exif\0\0"u8.ToArray());
        app1.AddRange(tiff);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    /// <summary>A PNG header declaring <paramref name="side"/> × <paramref name="side"/> pixels, with one tiny data chunk: a pixel bomb of a few dozen bytes.</summary>
    public static byte[] PngDeclaring(int side)
    {
        var png = new List<byte>([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        byte[] ihdr = [.. BigEndian(side), .. BigEndian(side), 8, 2, 0, 0, 0];
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND", []);
        return [.. png];
    }

    /// <summary>The Exif TIFF block: IFD0 pointing to a GPS IFD with 12°40'48" N and 108°2'24" E.</summary>
    private static byte[] GpsTiff()
    {
        var t = new byte[128];
        "II*\0"u8.CopyTo(t);
        Le32(t, 4, 8);
        Le16(t, 8, 1);
        Entry(t, 10, 0x8825, 4, 1, 26);
        Le16(t, 26, 4);
        Entry(t, 28, 1, 2, 2, 'N');
        Entry(t, 40, 2, 5, 3, 80);
        Entry(t, 52, 3, 2, 2, 'E');
        Entry(t, 64, 4, 5, 3, 104);
        uint[] values = [12, 1, 40, 1, 48, 1, 108, 1, 2, 1, 24, 1];
        for (var i = 0; i < values.Length; i++)
        {
            Le32(t, 80 + (i * 4), values[i]);
        }

        return t;
    }

    private static void Entry(byte[] t, int at, int tag, int type, int count, uint value)
    {
        Le16(t, at, tag);
        Le16(t, at + 2, type);
        Le32(t, at + 4, (uint)count);
        Le32(t, at + 8, value);
    }

    private static void Le16(byte[] t, int at, int v) => (t[at], t[at + 1]) = ((byte)v, (byte)(v >> 8));

    private static void Le32(byte[] t, int at, uint v) => (t[at], t[at + 1], t[at + 2], t[at + 3]) = ((byte)v, (byte)(v >> 8), (byte)(v >> 16), (byte)(v >> 24));

    private static byte[] BigEndian(int v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    private static void Chunk(List<byte> png, string type, byte[] data)
    {
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.AddRange(BigEndian(data.Length));
        png.AddRange(typed);
        png.AddRange(BigEndian((int)Crc32(typed)));
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteRepeated(Stream stream, byte value, long bytes)
    {
        var block = Enumerable.Repeat(value, 64 * 1024).ToArray();
        for (long written = 0; written < bytes; written += block.Length)
        {
            stream.Write(block, 0, (int)Math.Min(block.Length, bytes - written));
        }
    }
}
