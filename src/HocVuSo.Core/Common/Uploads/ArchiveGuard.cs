using System.IO.Compression;

namespace HocVuSo.Core.Common.Uploads;

/// <summary>
/// Checks a .zip (a content archive, or an .xlsx, which is one) from its central directory
/// before anything is unpacked: the number of entries, the unpacked size of all of them, and the
/// ratio of unpacked to packed size of each. The sizes read here are also the most the runtime's
/// decompressor produces for each entry, so an entry that lies about its size cannot unpack to more.
/// </summary>
public static class ArchiveGuard
{
    /// <summary>Entries smaller than this unpacked are not checked for their ratio (a small file of spaces compresses very well).</summary>
    private const long RatioFloor = 1024 * 1024;

    /// <summary>Null when the archive is within bounds; otherwise the error. <paramref name="corrupt"/> is returned for what is not a readable .zip.</summary>
    public static Error? Check(Stream zip, long maxUncompressedBytes, int maxEntries, int maxRatio, Error corrupt)
    {
        var start = zip.Position;
        try
        {
            using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > maxEntries)
            {
                return UploadErrors.TooManyEntries(maxEntries);
            }

            long total = 0;
            foreach (var entry in archive.Entries)
            {
                total += entry.Length;
                if (entry.Length < 0 || total > maxUncompressedBytes)
                {
                    return UploadErrors.TooLarge(maxUncompressedBytes);
                }

                if (entry.Length > RatioFloor && (entry.CompressedLength <= 0 || entry.Length / entry.CompressedLength > maxRatio))
                {
                    return UploadErrors.CompressionRatio(maxRatio);
                }
            }

            return null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return corrupt;
        }
        finally
        {
            zip.Position = start;
        }
    }

    /// <summary>
    /// Unpacks a checked archive into <paramref name="directory"/>, counting the bytes actually
    /// written against the bound; entries whose path would leave the folder are refused.
    /// </summary>
    public static async Task<Error?> ExtractAsync(Stream zip, string directory, long maxUncompressedBytes, Error corrupt, CancellationToken ct)
    {
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        long remaining = maxUncompressedBytes;
        try
        {
            await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, ct);
            foreach (var entry in archive.Entries)
            {
                ct.ThrowIfCancellationRequested();
                var target = Path.GetFullPath(Path.Combine(root, entry.FullName));
                if (!target.StartsWith(root, StringComparison.Ordinal))
                {
                    return corrupt;
                }

                if (entry.FullName.EndsWith('/') || entry.FullName.EndsWith('\\'))
                {
                    Directory.CreateDirectory(target);
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await using var source = await entry.OpenAsync(ct);
                await using var bounded = new BoundedStream(source, remaining);
                await using var file = File.Create(target);
                await bounded.CopyToAsync(file, ct);
                remaining -= bounded.Position;
            }

            return null;
        }
        catch (BoundedStream.LimitExceededException)
        {
            return UploadErrors.TooLarge(maxUncompressedBytes);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentException or PathTooLongException)
        {
            return corrupt;
        }
    }
}
