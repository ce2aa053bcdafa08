using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HocVuSo.Core.Common.Uploads;

/// <summary>
/// The bounds on every file people send: what the server reads, unpacks, parses and for how
/// long. A file past any bound is refused whole with a clear error (413 or 400); nothing of it is
/// saved. One small set of numbers for CSV, .xlsx, .zip and images (section <c>Uploads</c>).
/// </summary>
public sealed class UploadLimits
{
    public const string Section = "Uploads";

    /// <summary>The defaults: generous for real files (a commune's report template is a few kilobytes, a province's staff list a few hundred rows).</summary>
    public static UploadLimits Default { get; } = new();

    /// <summary>Largest CSV file, in bytes.</summary>
    public long MaxCsvBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Data rows of a CSV file (the header not counted).</summary>
    public int MaxCsvRows { get; set; } = 20_000;

    /// <summary>Characters of one CSV record (a line, or several when a quoted value holds line breaks).</summary>
    public int MaxCsvLineLength { get; set; } = 4_096;

    /// <summary>Values of one CSV record.</summary>
    public int MaxCsvColumns { get; set; } = 32;

    /// <summary>Largest .xlsx file as sent (compressed), in bytes.</summary>
    public long MaxXlsxBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>All parts of an .xlsx together once unpacked, in bytes.</summary>
    public long MaxXlsxUncompressedBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Rows read from one worksheet.</summary>
    public int MaxXlsxRows { get; set; } = 2_000;

    /// <summary>Cells read from one worksheet, and strings in the shared string table.</summary>
    public int MaxXlsxCells { get; set; } = 20_000;

    /// <summary>Columns of a row (a cell further right is refused: the template uses six).</summary>
    public int MaxXlsxColumns { get; set; } = 64;

    /// <summary>Characters of one cell's text.</summary>
    public int MaxCellLength { get; set; } = 4_096;

    /// <summary>Largest content archive (.zip of course folders) as sent, in bytes.</summary>
    public long MaxZipBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>All files of a content archive or course folder together once unpacked, in bytes.</summary>
    public long MaxZipUncompressedBytes { get; set; } = 100 * 1024 * 1024;

    /// <summary>Entries (files and folders) of any archive, .xlsx included, and files of a course folder.</summary>
    public int MaxArchiveEntries { get; set; } = 2_000;

    /// <summary>Largest unpacked-to-packed ratio of one archive entry larger than 1 MiB unpacked; text compresses about 10:1, bombs 1000:1.</summary>
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>Largest photo as sent, in bytes.</summary>
    public long MaxImageBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest document sent as evidence (a PDF, or a photo before it is re-encoded), in bytes.</summary>
    public long MaxDocumentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>Pixels of a photo (width × height), checked from its header before it is decoded.</summary>
    public long MaxImagePixels { get; set; } = 24_000_000;

    /// <summary>Longest side of a photo, in pixels, checked from its header.</summary>
    public int MaxImageSide { get; set; } = 8_000;

    /// <summary>Longest side of a photo as stored: larger photos are scaled down when re-encoded.</summary>
    public int StoredImageSide { get; set; } = 1_600;

    /// <summary>Time allowed to read and check one file; past it the upload is refused.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A token cancelled when the caller gives up or <see cref="ProcessingTimeout"/> has passed.</summary>
    public CancellationTokenSource Deadline(CancellationToken ct)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(ct);
        source.CancelAfter(ProcessingTimeout);
        return source;
    }
}

/// <summary>Refuses to start with bounds that are missing, negative or inconsistent.</summary>
public sealed class UploadLimitsValidator : IValidateOptions<UploadLimits>
{
    public ValidateOptionsResult Validate(string? name, UploadLimits options)
    {
        var problems = new List<string>();
        void Positive(string setting, double value)
        {
            if (value <= 0)
            {
                problems.Add($"{UploadLimits.Section}:{setting} must be positive; it is {value}.");
            }
        }

        Positive(nameof(options.MaxCsvBytes), options.MaxCsvBytes);
        Positive(nameof(options.MaxCsvRows), options.MaxCsvRows);
        Positive(nameof(options.MaxCsvLineLength), options.MaxCsvLineLength);
        Positive(nameof(options.MaxCsvColumns), options.MaxCsvColumns);
        Positive(nameof(options.MaxXlsxBytes), options.MaxXlsxBytes);
        Positive(nameof(options.MaxXlsxUncompressedBytes), options.MaxXlsxUncompressedBytes);
        Positive(nameof(options.MaxXlsxRows), options.MaxXlsxRows);
        Positive(nameof(options.MaxXlsxCells), options.MaxXlsxCells);
        Positive(nameof(options.MaxXlsxColumns), options.MaxXlsxColumns);
        Positive(nameof(options.MaxCellLength), options.MaxCellLength);
        Positive(nameof(options.MaxZipBytes), options.MaxZipBytes);
        Positive(nameof(options.MaxZipUncompressedBytes), options.MaxZipUncompressedBytes);
        Positive(nameof(options.MaxArchiveEntries), options.MaxArchiveEntries);
        Positive(nameof(options.MaxCompressionRatio), options.MaxCompressionRatio);
        Positive(nameof(options.MaxImageBytes), options.MaxImageBytes);
        Positive(nameof(options.MaxDocumentBytes), options.MaxDocumentBytes);
        Positive(nameof(options.MaxImagePixels), options.MaxImagePixels);
        Positive(nameof(options.MaxImageSide), options.MaxImageSide);
        Positive(nameof(options.StoredImageSide), options.StoredImageSide);
        Positive(nameof(options.ProcessingTimeout), options.ProcessingTimeout.TotalMilliseconds);
        if (options.MaxXlsxUncompressedBytes < options.MaxXlsxBytes)
        {
            problems.Add($"{UploadLimits.Section}:MaxXlsxUncompressedBytes ({options.MaxXlsxUncompressedBytes}) is below MaxXlsxBytes ({options.MaxXlsxBytes}).");
        }

        if (options.MaxZipUncompressedBytes < options.MaxZipBytes)
        {
            problems.Add($"{UploadLimits.Section}:MaxZipUncompressedBytes ({options.MaxZipUncompressedBytes}) is below MaxZipBytes ({options.MaxZipBytes}).");
        }

        if (options.StoredImageSide > options.MaxImageSide)
        {
            problems.Add($"{UploadLimits.Section}:StoredImageSide ({options.StoredImageSide}) is above MaxImageSide ({options.MaxImageSide}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

public static class UploadServices
{
    /// <summary>The upload bounds from configuration, checked at start, and as a plain singleton for handlers.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services)
    {
        services.AddOptions<UploadLimits>().BindConfiguration(UploadLimits.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<UploadLimits>, UploadLimitsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<UploadLimits>>().Value);
        return services;
    }
}
