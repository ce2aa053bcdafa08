namespace HocVuSo.Core.Common.Uploads;

/// <summary>A read-only view of a stream that fails once more than <c>limit</c> bytes were read from it, whatever the stream claims its length is.</summary>
public sealed class BoundedStream(Stream inner, long limit, bool leaveOpen = true) : Stream
{
    private long _read;

    /// <summary>Thrown when the bound is passed; callers turn it into <see cref="UploadErrors.TooLarge"/>.</summary>
    public sealed class LimitExceededException(long limit) : IOException($"More than {limit} bytes.")
    {
        public long Limit { get; } = limit;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw new LimitExceededException(limit) : read;
    }

    /// <summary>Copies at most <paramref name="limit"/> bytes of <paramref name="source"/> into memory; more is <see cref="UploadErrors.TooLarge"/>.</summary>
    public static async Task<Result<MemoryStream>> BufferAsync(Stream source, long limit, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        try
        {
            await using var bounded = new BoundedStream(source, limit);
            await bounded.CopyToAsync(buffer, ct);
        }
        catch (LimitExceededException)
        {
            await buffer.DisposeAsync();
            return UploadErrors.TooLarge(limit);
        }

        buffer.Position = 0;
        return buffer;
    }
}
