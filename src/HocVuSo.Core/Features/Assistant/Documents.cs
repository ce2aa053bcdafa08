using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Assistant;

public sealed record DocumentDto(int Id, string Unit, string UnitName, string Title, string FileName, string Kind, bool IsPublic, long SizeBytes, int Pages, DateTime UploadedAt, string Url);

/// <summary>
/// A province or commune officer gives the assistant a document (PDF, .docx or text) for their
/// unit: its text is read page by page and the document is found from then on (see
/// <see cref="SearchAssistant"/>). The file is refused whole when it is too large, is not what its
/// name says, is encrypted, unreadable or a zip bomb; nothing of it is kept then. Audited.
/// </summary>
public static class UploadDocument
{
    public sealed record Command(string? Unit, string? Title, bool IsPublic, string? FileName, Upload File);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock, PassageIndex index, AssistantOptions options)
    {
        public async Task<Result<DocumentDto>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, (command.Unit ?? string.Empty).Trim(), clock.TodayInVietnam(), Permission.ManagePlans, ct);
            if (!found.IsSuccess)
            {
                return Result<DocumentDto>.Fail(found.Errors);
            }

            var unit = found.Value!;
            var fileName = Path.GetFileName(VietnameseText.Clean(command.FileName));
            if (fileName.Length == 0 || fileName.Length > 260)
            {
                return Errors.Invalid("assistant.document_file_name", "file");
            }

            var title = VietnameseText.Check(command.Title, "documentTitle", 300);
            if (!title.IsSuccess)
            {
                return Result<DocumentDto>.Fail(title.Errors);
            }

            var opened = await command.File.OpenAsync(ct);
            if (!opened.IsSuccess)
            {
                return Result<DocumentDto>.Fail(opened.Errors);
            }

            await using var stream = opened.Value!;
            var buffered = await BoundedStream.BufferAsync(stream, options.MaxDocumentBytes, ct);
            if (!buffered.IsSuccess)
            {
                return Result<DocumentDto>.Fail(buffered.Errors);
            }

            var bytes = buffered.Value!.ToArray();
            if (bytes.Length == 0)
            {
                return UploadErrors.Missing();
            }

            var extracted = DocumentText.Read(bytes, fileName);
            if (!extracted.IsSuccess)
            {
                return Result<DocumentDto>.Fail(extracted.Errors);
            }

            var now = clock.UtcNow();
            var document = new AssistantDocument
            {
                UnitId = unit.Id,
                UnitPath = unit.Path,
                Title = title.Value!.Length > 0 ? title.Value : Path.GetFileNameWithoutExtension(fileName),
                FileName = fileName,
                Kind = extracted.Value!.Kind,
                ContentType = extracted.Value.ContentType,
                IsPublic = command.IsPublic,
                SizeBytes = bytes.Length,
                Bytes = bytes,
                UploadedAt = now,
                UploadedByUserId = scope.UserId,
            };
            for (var i = 0; i < extracted.Value.Pages.Count; i++)
            {
                document.Pages.Add(new AssistantDocumentPage { Number = i + 1, Text = extracted.Value.Pages[i] });
            }

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.AssistantDocuments.Add(document);
            await db.SaveChangesAsync(ct);
            db.AssistantIndexChanges.Add(new AssistantIndexChange { Source = PassageReader.DocumentGroup(document.Id), At = now });
            AuditLog.Record(db, scope, now, "assistant.document_uploaded", nameof(AssistantDocument), document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.Path,
                newValue: new { document.Title, document.FileName, document.Kind, document.IsPublic, document.SizeBytes, Pages = document.Pages.Count });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            await index.EnsureCurrentAsync(db, ct);
            return Documents.ToDto(document, unit.Code, unit.Name, document.Pages.Count);
        }
    }
}

/// <summary>The documents of a unit and of the units under it that the caller may see (staff in scope).</summary>
public static class ListDocuments
{
    public sealed record Query(string? Unit);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<IReadOnlyList<DocumentDto>>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var found = await db.UnitInScopeAsync(scope, (query.Unit ?? string.Empty).Trim(), clock.TodayInVietnam(), Permission.ViewPlans, ct);
            if (!found.IsSuccess)
            {
                return Result<IReadOnlyList<DocumentDto>>.Fail(found.Errors);
            }

            var path = found.Value!.Path;
            var rows = await db.AssistantDocuments.AsNoTracking()
                .Where(d => d.UnitPath.StartsWith(path))
                .WithinScope(scope, Permission.ViewPlans, d => d.UnitPath)
                .OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id)
                .Join(db.Units, d => d.UnitId, u => u.Id, (d, u) => new { d.Id, d.Title, d.FileName, d.Kind, d.IsPublic, d.SizeBytes, d.UploadedAt, u.Code, u.Name, Pages = d.Pages.Count })
                .ToListAsync(ct);
            return rows.Select(r => new DocumentDto(r.Id, r.Code, r.Name, r.Title, r.FileName, r.Kind, r.IsPublic, r.SizeBytes, r.Pages, r.UploadedAt, Documents.FileUrl(r.Id))).ToList();
        }
    }
}

/// <summary>
/// The file of a document: for staff whose scope covers its unit, and for anyone living under that
/// unit when it is public. Anyone else is answered as if it did not exist.
/// </summary>
public static class GetDocumentFile
{
    public sealed record File(string FileName, string ContentType, byte[] Bytes);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<File>> HandleAsync(int id, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var document = await db.AssistantDocuments.AsNoTracking().Where(d => d.Id == id)
                .Select(d => new { d.UnitPath, d.IsPublic, d.FileName, d.ContentType, d.Bytes })
                .FirstOrDefaultAsync(ct);
            var notFound = Errors.NotFound("assistant.document_not_found", id);
            if (document is null)
            {
                return notFound;
            }

            if (!scope.Can(Permission.ViewPlans, document.UnitPath))
            {
                var home = scope.UserId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == scope.UserId)
                    .Join(db.Units, u => u.HomeUnitId, u => u.Id, (_, unit) => unit.Path).FirstOrDefaultAsync(ct);
                if (!document.IsPublic || home is null || !home.StartsWith(document.UnitPath, StringComparison.Ordinal))
                {
                    return notFound;
                }
            }

            return new File(document.FileName, document.ContentType, document.Bytes);
        }
    }
}

public static class Documents
{
    public static string FileUrl(int id) => "/api/v1/assistant/documents/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/file";

    public static DocumentDto ToDto(AssistantDocument d, string unitCode, string unitName, int pages) =>
        new(d.Id, unitCode, unitName, d.Title, d.FileName, d.Kind, d.IsPublic, d.SizeBytes, pages, d.UploadedAt, FileUrl(d.Id));
}
