using System.Text;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Teams;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// An evidence file of a task update (minh chứng): a PDF kept as sent, or a JPEG, PNG or WebP photo
/// re-encoded as JPEG without its metadata, as team photos are (<see cref="PhotoImages"/>). The type is
/// judged by the file's content, never by its name; anything else, an empty file or one past
/// <see cref="UploadLimits.MaxDocumentBytes"/> is refused.
/// </summary>
public static class TaskEvidence
{
    public const string PdfType = "application/pdf";

    public sealed record File(string FileName, string ContentType, byte[] Bytes);

    /// <summary>Reads and checks the file; the caller has already checked the right to record the update.</summary>
    public static async Task<Result<File>> ReadAsync(Upload upload, string? fileName, UploadLimits limits, CancellationToken ct)
    {
        var opened = await upload.OpenAsync(ct);
        if (!opened.IsSuccess)
        {
            return Result<File>.Fail(opened.Errors.Select(e => e with { Field = "evidenceFile" }).ToList());
        }

        byte[] bytes;
        await using (var source = opened.Value!)
        {
            var buffered = await BoundedStream.BufferAsync(source, limits.MaxDocumentBytes, ct);
            if (!buffered.IsSuccess)
            {
                return Errors.Invalid("plans.evidence_file_too_large", "evidenceFile", UploadErrors.Megabytes(limits.MaxDocumentBytes)) with { Kind = ErrorKind.TooLarge };
            }

            await using var buffer = buffered.Value!;
            bytes = buffer.ToArray();
        }

        var name = SafeName(fileName);
        if (IsPdf(bytes))
        {
            return new File(Path.ChangeExtension(name, ".pdf"), PdfType, bytes);
        }

        if (!LooksLikeImage(bytes))
        {
            return Errors.Invalid("plans.evidence_file_type", "evidenceFile", name);
        }

        var image = PhotoImages.Reencode(bytes, limits, ct);
        return image.IsSuccess
            ? new File(Path.ChangeExtension(name, ".jpg"), PhotoImages.StoredType, image.Value!)
            : Errors.Invalid("plans.evidence_file_type", "evidenceFile", name);
    }

    /// <summary>A PDF starts with its header (%PDF-1.x or %PDF-2.x) and ends with an end-of-file marker.</summary>
    public static bool IsPdf(byte[] bytes)
    {
        if (bytes.Length < 16 || !bytes.AsSpan(0, 5).SequenceEqual("%PDF-"u8) || bytes[5] is not ((byte)'1' or (byte)'2') || bytes[6] != (byte)'.')
        {
            return false;
        }

        var tail = bytes.AsSpan(Math.Max(0, bytes.Length - 1024));
        return tail.IndexOf("%%EOF"u8) >= 0;
    }

    /// <summary>The signatures of the image formats taken: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A), WebP (RIFF….WEBP).</summary>
    public static bool LooksLikeImage(byte[] bytes) =>
        (bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        || (bytes.Length > 8 && bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        || (bytes.Length > 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8) && bytes.AsSpan(8, 4).SequenceEqual("WEBP"u8));

    /// <summary>The name without any folder, control or path characters, at most 120 characters; "minh-chung" when nothing is left.</summary>
    public static string SafeName(string? fileName)
    {
        var bare = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/'));
        var builder = new StringBuilder();
        foreach (var c in VietnameseText.Clean(bare))
        {
            if (!char.IsControl(c) && c is not ('/' or ':' or '"' or '<' or '>' or '|' or '*' or '?'))
            {
                builder.Append(c);
            }
        }

        var name = builder.ToString().Trim().TrimStart('.');
        if (name.Length > 120)
        {
            name = name[^120..];
        }

        return name.Length == 0 ? "minh-chung" : name;
    }
}

/// <summary>The evidence file of a task update, for those who may read the plan.</summary>
public static class GetTaskEvidence
{
    public sealed record Query(int PlanId, int TaskId, int UpdateId);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<TaskEvidence.File>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.TaskUpdates.AsNoTracking()
                .Where(u => u.Id == query.UpdateId && u.TaskId == query.TaskId && u.EvidenceFile != null)
                .Join(db.PlanTasks.Where(t => t.PlanId == query.PlanId), u => u.TaskId, t => t.Id, (u, t) => new { u.EvidenceFileName, u.EvidenceContentType, u.EvidenceFile, t.PlanId })
                .Join(db.Plans, x => x.PlanId, p => p.Id, (x, p) => new { x.EvidenceFileName, x.EvidenceContentType, x.EvidenceFile, p.UnitPath })
                .FirstOrDefaultAsync(ct);
            if (found is null)
            {
                return Errors.NotFound("plans.evidence_not_found", query.UpdateId);
            }

            return scope.Check(Permission.ViewPlans, found.UnitPath) is { } forbidden
                ? forbidden
                : new TaskEvidence.File(found.EvidenceFileName ?? "minh-chung", found.EvidenceContentType ?? "application/octet-stream", found.EvidenceFile!);
        }
    }
}
