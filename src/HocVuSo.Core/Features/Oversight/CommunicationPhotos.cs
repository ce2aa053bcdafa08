using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

/// <summary>
/// Photo evidence of a communications item (a poster on the village hall, a loudspeaker
/// session): one per item, a new one replaces the old. The caller's right to change the item is
/// checked before the file is read; only a real JPEG, PNG or WebP image within the upload bounds
/// is taken and stored re-encoded as JPEG without metadata, as team photos are (<see cref="PhotoImages"/>).
/// </summary>
public static class AttachCommunicationPhoto
{
    public sealed record Command(Guid ItemId, Upload File);

    public sealed class Handler(AppDbContext db, ScopeService scopes, UploadLimits limits, TimeProvider clock)
    {
        public async Task<Result<Guid>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var item = await db.CommunicationItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == command.ItemId, ct);
            if (CommunicationQueries.Refuse(scope, item, command.ItemId) is { } refused)
            {
                return refused;
            }

            var opened = await command.File.OpenAsync(ct);
            if (!opened.IsSuccess)
            {
                return Result<Guid>.Fail(opened.Errors);
            }

            var buffered = await BoundedStream.BufferAsync(opened.Value!, limits.MaxImageBytes, ct);
            if (!buffered.IsSuccess)
            {
                return Result<Guid>.Fail(buffered.Errors);
            }

            byte[] original;
            await using (var buffer = buffered.Value!)
            {
                original = buffer.ToArray();
            }

            var image = PhotoImages.Reencode(original, limits, ct);
            if (!image.IsSuccess)
            {
                return Result<Guid>.Fail(image.Errors);
            }

            var now = clock.UtcNow();
            var photo = await db.CommunicationPhotos.FirstOrDefaultAsync(p => p.ItemId == command.ItemId, ct);
            if (photo is null)
            {
                photo = new CommunicationPhoto { ItemId = command.ItemId, ContentType = PhotoImages.StoredType, Bytes = image.Value!, UploadedByUserId = scope.UserId!, UploadedAt = now };
                db.CommunicationPhotos.Add(photo);
            }
            else
            {
                photo.Bytes = image.Value!;
                photo.UploadedByUserId = scope.UserId!;
                photo.UploadedAt = now;
            }

            AuditLog.Record(db, scope, now, "communications.photo_attached", nameof(CommunicationItem), command.ItemId.ToString(), item!.UnitPath);
            await db.SaveChangesAsync(ct);
            return command.ItemId;
        }
    }
}

/// <summary>An item's photo, for someone who may see the item's unit.</summary>
public static class GetCommunicationPhoto
{
    public sealed record PhotoFile(byte[] Bytes, string ContentType);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<PhotoFile>> HandleAsync(Guid itemId, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var photo = await db.CommunicationPhotos.AsNoTracking().Where(p => p.ItemId == itemId)
                .Join(db.CommunicationItems, p => p.ItemId, i => i.Id, (p, i) => new { p.Bytes, p.ContentType, i.UnitPath })
                .FirstOrDefaultAsync(ct);
            return photo is null || !scope.Can(Permission.ViewStaffData, photo.UnitPath)
                ? Errors.NotFound("communications.photo_not_found", itemId)
                : new PhotoFile(photo.Bytes, photo.ContentType);
        }
    }
}
