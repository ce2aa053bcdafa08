using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace HocVuSo.Web.Exports.Pdf;

/// <summary>
/// The one typeface of our PDFs: Be Vietnam Pro, embedded in the assembly (FrontEnd.targets), so
/// Vietnamese text renders the same on any server without system fonts. Text is written as
/// Unicode, so PDF readers can search and copy it.
/// </summary>
public static class PdfFonts
{
    public const string Family = "Be Vietnam Pro";

    private static readonly Lock Gate = new();
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    /// <summary>Installs the font resolver once per process; safe to call from any thread.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }
        }
    }

    public static XFont Regular(double size) => Create(size, XFontStyleEx.Regular);

    public static XFont Bold(double size) => Create(size, XFontStyleEx.Bold);

    public static XFont Italic(double size) => Create(size, XFontStyleEx.Italic);

    public static XFont BoldItalic(double size) => Create(size, XFontStyleEx.BoldItalic);

    private static XFont Create(double size, XFontStyleEx style)
    {
        EnsureInstalled();
        return new XFont(Family, size, style, Unicode);
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private static readonly ConcurrentDictionary<string, byte[]> Faces = new();

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
        {
            // Every family asked for is drawn with Be Vietnam Pro: it is the only one we ship.
            var face = (bold, italic) switch
            {
                (true, true) => "BeVietnamPro-BoldItalic",
                (true, false) => "BeVietnamPro-Bold",
                (false, true) => "BeVietnamPro-Italic",
                _ => "BeVietnamPro-Regular",
            };
            return new FontResolverInfo(face);
        }

        public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, static name =>
        {
            var resource = $"HocVuSo.Fonts.{name}.ttf";
            using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded font {resource} is missing from the build.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        });
    }
}
