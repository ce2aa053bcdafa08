using System.Diagnostics;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>Reads a generated PDF back as text with poppler's pdftotext (installed by .ci/run).</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf, bool layout = false)
    {
        pdf.AsSpan(0, 5).SequenceEqual("%PDF-"u8).ShouldBeTrue("the bytes are not a PDF");
        var file = Path.Combine(Path.GetTempPath(), $"hocvuso-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            if (layout)
            {
                start.ArgumentList.Add("-layout");
            }

            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start.");
            var text = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.ExitCode.ShouldBe(0, $"pdftotext failed: {error}");
            return text.Normalize(System.Text.NormalizationForm.FormC);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The number of pages, from pdfinfo.</summary>
    public static async Task<string> InfoAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"hocvuso-test-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo("pdfinfo") { RedirectStandardOutput = true };
            start.ArgumentList.Add(file);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdfinfo did not start.");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return text;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
