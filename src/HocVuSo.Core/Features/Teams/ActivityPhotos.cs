using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Teams;

/// <summary>Optional photo evidence of a field activity: small, an image, and without location data unless the team keeps it on purpose.</summary>
public sealed class ActivityPhoto
{
    public int Id { get; set; }

    public Guid ActivityId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }

    public bool LocationKept { get; set; }

    public required string UploadedByUserId { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>
/// Attaches a photo to an activity the caller may record in. Only JPEG, PNG and WebP are taken
/// (checked by their first bytes, not the file name), at most 2 MB, three per activity. Metadata
/// blocks that carry the place a photo was taken (Exif, XMP) are removed unless the team chooses
/// to keep them.
/// </summary>
public static class AttachActivityPhoto
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxPerActivity = 3;

    public sealed record Command(Guid ActivityId, byte[] Bytes, bool KeepLocation);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<int>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var activity = await db.FieldActivities.AsNoTracking().Where(a => a.Id == command.ActivityId).Select(a => new { a.UnitPath }).FirstOrDefaultAsync(ct);
            if (activity is null)
            {
                return Errors.NotFound("teams.activity_not_found", command.ActivityId);
            }

            if (scope.UserId is null || scope.Check(Permission.RecordActivities, activity.UnitPath) is not null)
            {
                return Errors.Forbidden();
            }

            if (command.Bytes.Length is 0 or > MaxBytes)
            {
                return Errors.Invalid("teams.photo_size", "file", MaxBytes / 1024 / 1024);
            }

            var kind = ImageMetadata.Detect(command.Bytes);
            if (kind is null)
            {
                return Errors.Invalid("teams.photo_type", "file");
            }

            if (await db.ActivityPhotos.CountAsync(p => p.ActivityId == command.ActivityId, ct) >= MaxPerActivity)
            {
                return Errors.Conflict("teams.photo_limit", "file", MaxPerActivity);
            }

            var bytes = command.KeepLocation ? command.Bytes : ImageMetadata.StripLocation(command.Bytes, kind);
            var photo = new ActivityPhoto
            {
                ActivityId = command.ActivityId,
                ContentType = kind,
                Bytes = bytes,
                LocationKept = command.KeepLocation,
                UploadedByUserId = scope.UserId,
                UploadedAt = clock.UtcNow(),
            };
            db.ActivityPhotos.Add(photo);
            await db.SaveChangesAsync(ct);
            return photo.Id;
        }
    }
}

/// <summary>Recognises image formats by their signature and removes metadata blocks that can hold a location.</summary>
public static class ImageMetadata
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Webp = "image/webp";

    public static string? Detect(byte[] b) =>
        b.Length > 12 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? Jpeg
        : b.Length > 8 && b[0] == 0x89 && b[1] == (byte)'P' && b[2] == (byte)'N' && b[3] == (byte)'G' ? Png
        : b.Length > 12 && b[0] == (byte)'R' && b[1] == (byte)'I' && b[2] == (byte)'F' && b[3] == (byte)'F' && b[8] == (byte)'W' && b[9] == (byte)'E' && b[10] == (byte)'B' && b[11] == (byte)'P' ? Webp
        : null;

    public static byte[] StripLocation(byte[] bytes, string kind) => kind switch
    {
        Jpeg => StripJpeg(bytes),
        Png => StripPngChunks(bytes),
        _ => StripWebpChunks(bytes),
    };

    /// <summary>Drops APP1 (Exif/XMP) and APP13 (IPTC) segments; everything else is copied as is.</summary>
    private static byte[] StripJpeg(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 2);
        var i = 2;
        while (i + 4 <= b.Length && b[i] == 0xFF)
        {
            var marker = b[i + 1];
            if (marker == 0xDA)
            {
                break; // start of scan: the rest is image data
            }

            var length = (b[i + 2] << 8) | b[i + 3];
            if (length < 2 || i + 2 + length > b.Length)
            {
                break;
            }

            if (marker is not (0xE1 or 0xED))
            {
                output.Write(b, i, 2 + length);
            }

            i += 2 + length;
        }

        output.Write(b, i, b.Length - i);
        return output.ToArray();
    }

    /// <summary>Drops eXIf, iTXt, tEXt and zTXt chunks.</summary>
    private static byte[] StripPngChunks(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 8);
        var i = 8;
        while (i + 12 <= b.Length)
        {
            var length = (b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3];
            var type = System.Text.Encoding.ASCII.GetString(b, i + 4, 4);
            var total = 12 + length;
            if (length < 0 || i + total > b.Length)
            {
                break;
            }

            if (type is not ("eXIf" or "iTXt" or "tEXt" or "zTXt"))
            {
                output.Write(b, i, total);
            }

            i += total;
        }

        return output.ToArray();
    }

    /// <summary>Drops EXIF and XMP chunks and fixes the RIFF size.</summary>
    private static byte[] StripWebpChunks(byte[] b)
    {
        using var output = new MemoryStream(b.Length);
        output.Write(b, 0, 12);
        var i = 12;
        while (i + 8 <= b.Length)
        {
            var type = System.Text.Encoding.ASCII.GetString(b, i, 4);
            var length = b[i + 4] | (b[i + 5] << 8) | (b[i + 6] << 16) | (b[i + 7] << 24);
            var total = 8 + length + (length % 2);
            if (length < 0 || i + 8 + length > b.Length)
            {
                break;
            }

            if (type is not ("EXIF" or "XMP "))
            {
                output.Write(b, i, Math.Min(total, b.Length - i));
            }

            i += total;
        }

        var result = output.ToArray();
        var size = result.Length - 8;
        result[4] = (byte)size;
        result[5] = (byte)(size >> 8);
        result[6] = (byte)(size >> 16);
        result[7] = (byte)(size >> 24);
        return result;
    }
}
