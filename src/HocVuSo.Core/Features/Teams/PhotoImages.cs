using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using SkiaSharp;

namespace HocVuSo.Core.Features.Teams;

/// <summary>
/// Turns an uploaded photo into the image the platform stores: the header is read first (format,
/// width, height) and checked against the pixel bounds, then the whole image is decoded — a file
/// that does not decode completely is refused — and drawn upright, on white, at most
/// <see cref="UploadLimits.StoredImageSide"/> pixels on its longer side, into a new JPEG. Nothing
/// of the original file (metadata, trailing bytes) is kept.
/// </summary>
public static class PhotoImages
{
    public const string StoredType = "image/jpeg";
    private const int Quality = 85;

    public static Result<byte[]> Reencode(byte[] bytes, UploadLimits limits, CancellationToken ct)
    {
        var undecodable = Errors.Invalid("teams.photo_type", "file");
        if (bytes.Length == 0)
        {
            return UploadErrors.Missing();
        }

        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat is not (SKEncodedImageFormat.Jpeg or SKEncodedImageFormat.Png or SKEncodedImageFormat.Webp))
        {
            return undecodable;
        }

        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || info.Width > limits.MaxImageSide || info.Height > limits.MaxImageSide
            || (long)info.Width * info.Height > limits.MaxImagePixels)
        {
            return new Error("teams.photo_pixels", ErrorKind.TooLarge, "file", null, limits.MaxImageSide, limits.MaxImagePixels / 1_000_000);
        }

        ct.ThrowIfCancellationRequested();
        var decodeInfo = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        if (codec.GetPixels(decodeInfo, decoded.GetPixels()) != SKCodecResult.Success)
        {
            return undecodable;
        }

        ct.ThrowIfCancellationRequested();
        var upright = codec.EncodedOrigin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom;
        var (width, height) = upright ? (info.Height, info.Width) : (info.Width, info.Height);
        var scale = Math.Min(1d, (double)limits.StoredImageSide / Math.Max(width, height));
        var target = new SKImageInfo(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var output = new SKBitmap(target);
        using (var canvas = new SKCanvas(output))
        {
            canvas.Clear(SKColors.White);
            canvas.Scale((float)scale);
            Orient(canvas, codec.EncodedOrigin, info.Width, info.Height);
            using var image = SKImage.FromBitmap(decoded);
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        }

        using var encoded = output.Encode(SKEncodedImageFormat.Jpeg, Quality);
        return encoded is null ? undecodable : encoded.ToArray();
    }

    /// <summary>Maps the decoded pixels (as stored) onto the upright picture the Exif orientation describes: x' = a·x + b·y + c, y' = d·x + e·y + f.</summary>
    private static void Orient(SKCanvas canvas, SKEncodedOrigin origin, int width, int height)
    {
        float w = width, h = height;
        (float A, float B, float C, float D, float E, float F) m = origin switch
        {
            SKEncodedOrigin.TopRight => (-1, 0, w, 0, 1, 0),
            SKEncodedOrigin.BottomRight => (-1, 0, w, 0, -1, h),
            SKEncodedOrigin.BottomLeft => (1, 0, 0, 0, -1, h),
            SKEncodedOrigin.LeftTop => (0, 1, 0, 1, 0, 0),
            SKEncodedOrigin.RightTop => (0, -1, h, 1, 0, 0),
            SKEncodedOrigin.RightBottom => (0, -1, h, -1, 0, w),
            SKEncodedOrigin.LeftBottom => (0, 1, 0, -1, 0, w),
            _ => (1, 0, 0, 0, 1, 0),
        };
        canvas.Concat(new SKMatrix(m.A, m.B, m.C, m.D, m.E, m.F, 0, 0, 1));
    }
}

/// <summary>The place a photo was taken, from its Exif GPS tags (JPEG APP1, PNG eXIf, WebP EXIF); null when it has none or they do not read.</summary>
public static class ExifLocation
{
    public sealed record Location(double Latitude, double Longitude);

    public static Location? Read(byte[] file)
    {
        try
        {
            return Tiff(file) is { } tiff ? Gps(tiff) : null;
        }
        catch (IndexOutOfRangeException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>The TIFF block that holds the Exif tags, wherever the format keeps it.</summary>
    private static ArraySegment<byte>? Tiff(byte[] b)
    {
        if (b.Length > 4 && b[0] == 0xFF && b[1] == 0xD8)
        {
            var i = 2;
            while (i + 4 <= b.Length && b[i] == 0xFF && b[i + 1] != 0xDA)
            {
                var length = (b[i + 2] << 8) | b[i + 3];
                if (b[i + 1] == 0xE1 && length > 8 && i + 2 + length <= b.Length && b.AsSpan(i + 4, 6).SequenceEqual("Exif\0\0"u8))
                {
                    return new ArraySegment<byte>(b, i + 10, length - 8);
                }

                i += 2 + length;
            }
        }
        else if (b.Length > 8 && b[0] == 0x89 && b[1] == (byte)'P')
        {
            for (var i = 8; i + 12 <= b.Length;)
            {
                var length = (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
                if (length < 0 || i + 12 + length > b.Length)
                {
                    break;
                }

                if (b.AsSpan(i + 4, 4).SequenceEqual("eXIf"u8))
                {
                    return new ArraySegment<byte>(b, i + 8, length);
                }

                i += 12 + length;
            }
        }
        else if (b.Length > 12 && b.AsSpan(0, 4).SequenceEqual("RIFF"u8))
        {
            for (var i = 12; i + 8 <= b.Length;)
            {
                var length = b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24);
                if (length < 0 || i + 8 + length > b.Length)
                {
                    break;
                }

                if (b.AsSpan(i, 4).SequenceEqual("EXIF"u8))
                {
                    var start = b.AsSpan(i + 8, 6).SequenceEqual("Exif\0\0"u8) ? 6 : 0;
                    return new ArraySegment<byte>(b, i + 8 + start, length - start);
                }

                i += 8 + length + (length % 2);
            }
        }

        return null;
    }

    private static Location? Gps(ArraySegment<byte> segment)
    {
        var t = segment.ToArray();
        if (t.Length < 8 || t[0] != t[1] || t[0] is not ((byte)'I' or (byte)'M'))
        {
            return null;
        }

        var little = t[0] == (byte)'I';
        int U16(int at) => little ? t[at] | (t[at + 1] << 8) : (t[at] << 8) | t[at + 1];
        long U32(int at) => little
            ? (uint)(t[at] | (t[at + 1] << 8) | (t[at + 2] << 16) | (t[at + 3] << 24))
            : (uint)((t[at] << 24) | (t[at + 1] << 16) | (t[at + 2] << 8) | t[at + 3]);

        int? Find(long ifd, int tag)
        {
            if (ifd < 8 || ifd + 2 > t.Length)
            {
                return null;
            }

            var count = Math.Min(U16((int)ifd), 512);
            for (var k = 0; k < count; k++)
            {
                var at = (int)ifd + 2 + (k * 12);
                if (at + 12 > t.Length)
                {
                    return null;
                }

                if (U16(at) == tag)
                {
                    return at;
                }
            }

            return null;
        }

        if (Find(U32(4), 0x8825) is not { } pointer)
        {
            return null;
        }

        var gps = U32(pointer + 8);
        double? Coordinate(int refTag, int valueTag, char negative)
        {
            if (Find(gps, refTag) is not { } r || Find(gps, valueTag) is not { } v || U32(v + 4) != 3)
            {
                return null;
            }

            var offset = U32(v + 8);
            if (offset < 8 || offset + 24 > t.Length)
            {
                return null;
            }

            double Rational(long at) => U32((int)at + 4) == 0 ? double.NaN : (double)U32((int)at) / U32((int)at + 4);
            var degrees = Rational(offset) + (Rational(offset + 8) / 60) + (Rational(offset + 16) / 3600);
            return double.IsFinite(degrees) ? (t[r + 8] == (byte)negative ? -degrees : degrees) : null;
        }

        var latitude = Coordinate(1, 2, 'S');
        var longitude = Coordinate(3, 4, 'W');
        return latitude is { } lat and >= -90 and <= 90 && longitude is { } lon and >= -180 and <= 180 ? new Location(lat, lon) : null;
    }
}
