namespace HocVuSo.Core.Common.Uploads;

/// <summary>
/// A file a person sends, opened only when the handler asks for it: every import first checks
/// who may send it and only then reads a byte of it, so a caller without the right gets 403 and
/// costs the server nothing. The web edge opens it by reading the request body within its
/// bounds; the command line and tests open a stream they already hold.
/// </summary>
public sealed class Upload(Func<CancellationToken, Task<Result<Stream>>> open)
{
    public static Upload Of(Stream stream) => new(_ => Task.FromResult(Result<Stream>.Ok(stream)));

    public Task<Result<Stream>> OpenAsync(CancellationToken ct) => open(ct);

    public static implicit operator Upload(Stream stream) => Of(stream);
}

/// <summary>The errors every upload can end with; the codes are stable (API clients may rely on them).</summary>
public static class UploadErrors
{
    /// <summary>The file (or what it unpacks to) is larger than <paramref name="limitBytes"/>: 413.</summary>
    public static Error TooLarge(long limitBytes) => new("upload.too_large", ErrorKind.TooLarge, "file", null, Megabytes(limitBytes));

    public static Error TooManyRows(int limit) => new("upload.too_many_rows", ErrorKind.TooLarge, "file", null, limit);

    public static Error TooManyCells(int limit) => new("upload.too_many_cells", ErrorKind.TooLarge, "file", null, limit);

    public static Error TooManyEntries(int limit) => new("upload.too_many_entries", ErrorKind.TooLarge, "file", null, limit);

    public static Error LineTooLong(int line, int limit) => new("upload.line_too_long", ErrorKind.Invalid, null, line, limit);

    public static Error TooManyColumns(int line, int limit) => new("upload.too_many_columns", ErrorKind.Invalid, null, line, limit);

    public static Error CellTooLong(int limit) => new("upload.cell_too_long", ErrorKind.Invalid, "file", null, limit);

    public static Error CompressionRatio(int limit) => new("upload.compression_ratio", ErrorKind.Invalid, "file", null, limit);

    public static Error TooSlow(TimeSpan limit) => new("upload.too_slow", ErrorKind.TooLarge, "file", null, (int)Math.Ceiling(limit.TotalSeconds));

    public static Error Missing() => Errors.Invalid("upload.missing", "file");

    /// <summary>Whole megabytes, rounded up, as the messages show them.</summary>
    public static long Megabytes(long bytes) => Math.Max(1, (bytes + (1024 * 1024) - 1) / (1024 * 1024));
}
