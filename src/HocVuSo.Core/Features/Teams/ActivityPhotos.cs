using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Teams;

/// <summary>Optional photo evidence of a field activity: small, a real image, and without location data unless the team keeps it on purpose.</summary>
public sealed class ActivityPhoto
{
    public int Id { get; set; }

    public Guid ActivityId { get; set; }

    public required string ContentType { get; set; }

    public required byte[] Bytes { get; set; }

    /// <summary>The team chose to keep where the photo was taken: then <see cref="Latitude"/> and <see cref="Longitude"/> hold it, when the photo had it.</summary>
    public bool LocationKept { get; set; }

    /// <summary>Degrees north (WGS 84), read from the photo's own metadata; the stored image never carries it.</summary>
    public double? Latitude { get; set; }

    /// <summary>Degrees east (WGS 84).</summary>
    public double? Longitude { get; set; }

    public required string UploadedByUserId { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>
/// Attaches a photo to an activity the caller may record in: the activity and the caller's right
/// are checked before the file is read. Only what decodes as a JPEG, PNG or WebP image within the
/// size and pixel bounds is taken, three per activity; it is stored re-encoded as a JPEG (at most
/// <see cref="UploadLimits.StoredImageSide"/> pixels on its longer side), so no metadata of the
/// original survives. When the team keeps the location, it is read from the original's Exif GPS
/// tags and stored as fields beside the photo.
/// </summary>
public static class AttachActivityPhoto
{
    public const int MaxPerActivity = 3;

    public sealed record Command(Guid ActivityId, Upload File, bool KeepLocation);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UploadLimits limits, TimeProvider clock)
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

            if (await db.ActivityPhotos.CountAsync(p => p.ActivityId == command.ActivityId, ct) >= MaxPerActivity)
            {
                return Errors.Conflict("teams.photo_limit", "file", MaxPerActivity);
            }

            var opened = await command.File.OpenAsync(ct);
            if (!opened.IsSuccess)
            {
                return Result<int>.Fail(opened.Errors);
            }

            var buffered = await BoundedStream.BufferAsync(opened.Value!, limits.MaxImageBytes, ct);
            if (!buffered.IsSuccess)
            {
                return Result<int>.Fail(buffered.Errors);
            }

            byte[] original;
            await using (var buffer = buffered.Value!)
            {
                original = buffer.ToArray();
            }

            var image = PhotoImages.Reencode(original, limits, ct);
            if (!image.IsSuccess)
            {
                return Result<int>.Fail(image.Errors);
            }

            var location = command.KeepLocation ? ExifLocation.Read(original) : null;
            var photo = new ActivityPhoto
            {
                ActivityId = command.ActivityId,
                ContentType = PhotoImages.StoredType,
                Bytes = image.Value!,
                LocationKept = command.KeepLocation,
                Latitude = location?.Latitude,
                Longitude = location?.Longitude,
                UploadedByUserId = scope.UserId,
                UploadedAt = clock.UtcNow(),
            };
            db.ActivityPhotos.Add(photo);
            await db.SaveChangesAsync(ct);
            return photo.Id;
        }
    }
}

/// <summary>An activity's photo for someone who may see the activity's unit.</summary>
public static class GetActivityPhoto
{
    public sealed record PhotoFile(byte[] Bytes, string ContentType, bool LocationKept, double? Latitude, double? Longitude);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<PhotoFile>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var photo = await db.ActivityPhotos.AsNoTracking().Where(p => p.Id == id)
                .Join(db.FieldActivities, p => p.ActivityId, a => a.Id, (p, a) => new { p.Bytes, p.ContentType, p.LocationKept, p.Latitude, p.Longitude, Path = a.UnitPath })
                .FirstOrDefaultAsync(ct);
            if (photo is null)
            {
                return Errors.NotFound("teams.photo_not_found", id);
            }

            return scope.Check(Permission.ViewStaffData, photo.Path) is { } forbidden
                ? forbidden
                : new PhotoFile(photo.Bytes, photo.ContentType, photo.LocationKept, photo.Latitude, photo.Longitude);
        }
    }
}
