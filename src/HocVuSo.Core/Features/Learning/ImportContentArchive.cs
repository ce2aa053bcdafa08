using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Features.Accounts;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// Imports courses sent as one .zip of their folders (the author's page). Only content managers
/// get the archive read; it is checked from its central directory (entries, unpacked size,
/// compression ratio) before anything is unpacked, unpacked into a private temporary folder with
/// the bytes actually written counted, and then imported by <see cref="ImportContent"/> with all
/// its rules: any problem and nothing is saved.
/// </summary>
public static class ImportContentArchive
{
    public sealed record Command(Upload Zip);

    public sealed class Handler(ScopeService scopes, ImportContent.Handler import, UploadLimits limits)
    {
        public async Task<Result<IReadOnlyList<ImportContent.CourseReport>>> HandleAsync(Command command, CancellationToken ct)
        {
            if (!(await scopes.GetAsync(ct)).Can(Permission.ManageContent, "/"))
            {
                return Errors.Forbidden();
            }

            var opened = await command.Zip.OpenAsync(ct);
            if (!opened.IsSuccess)
            {
                return Result<IReadOnlyList<ImportContent.CourseReport>>.Fail(opened.Errors);
            }

            var buffered = await BoundedStream.BufferAsync(opened.Value!, limits.MaxZipBytes, ct);
            if (!buffered.IsSuccess)
            {
                return Result<IReadOnlyList<ImportContent.CourseReport>>.Fail(buffered.Errors);
            }

            await using var zip = buffered.Value!;
            var corrupt = Errors.Invalid("author.bad_zip", "file");
            if (ArchiveGuard.Check(zip, limits.MaxZipUncompressedBytes, limits.MaxArchiveEntries, limits.MaxCompressionRatio, corrupt) is { } refused)
            {
                return refused;
            }

            using var deadline = limits.Deadline(ct);
            var workspace = Directory.CreateTempSubdirectory("hocvuso-import-");
            try
            {
                if (await ArchiveGuard.ExtractAsync(zip, workspace.FullName, limits.MaxZipUncompressedBytes, corrupt, deadline.Token) is { } failed)
                {
                    return failed;
                }

                var folder = Directory.GetFiles(workspace.FullName, "course.json", SearchOption.AllDirectories).Select(Path.GetDirectoryName).FirstOrDefault();
                return await import.HandleAsync(new ImportContent.Command(folder ?? workspace.FullName), ct);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return UploadErrors.TooSlow(limits.ProcessingTimeout);
            }
            finally
            {
                workspace.Delete(recursive: true);
            }
        }
    }
}
