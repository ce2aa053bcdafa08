using System.IO.Compression;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Learning;
using HocVuSo.Web.Api;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Pages.Author;

/// <summary>Content authors: courses with their published version, export and import as a folder (.zip) or question bank (CSV), retire, allow testing out.</summary>
public sealed class IndexModel(AppDbContext db, ScopeService scopes, ExportContent.Handler export, ImportContentArchive.Handler import,
    QuestionBankCsv.Handler bank, SetCourseStatus.Handler setStatus, SetCourseTestOut.Handler setTestOut, UploadLimits limits, ErrorMessages messages, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public sealed record LessonLink(int Id, string Title);

    public sealed record CourseRow(string Slug, string Title, int Version, string Status, int Modules, int Lessons, int Questions, IReadOnlyList<LessonLink> LessonLinks,
        bool TestOutAllowed);

    public IReadOnlyList<CourseRow> Courses { get; private set; } = [];

    public string? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : Forbid();

    public async Task<IActionResult> OnGetFolderAsync(string course, CancellationToken ct)
    {
        var workspace = Directory.CreateTempSubdirectory("hocvuso-export-");
        try
        {
            var exported = await export.HandleAsync(new ExportContent.Command(course, workspace.FullName), ct);
            if (!exported.IsSuccess)
            {
                return exported.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
            }

            using var zip = new MemoryStream();
            ZipFile.CreateFromDirectory(exported.Value!, zip, CompressionLevel.Optimal, includeBaseDirectory: true);
            return File(zip.ToArray(), "application/zip", course + ".zip");
        }
        finally
        {
            workspace.Delete(recursive: true);
        }
    }

    public async Task<IActionResult> OnGetBankAsync(string course, CancellationToken ct)
    {
        var csv = await QuestionBankCsv.ExportAsync(db, await scopes.GetAsync(ct), course, ct);
        return csv.IsSuccess ? File(csv.Value!, "text/csv; charset=utf-8", course + "-cau-hoi.csv")
            : csv.FirstError.Kind == ErrorKind.Forbidden ? Forbid() : NotFound();
    }

    public async Task<IActionResult> OnPostBankAsync(string course, IFormFile? file, CancellationToken ct)
    {
        var result = await bank.HandleAsync(new QuestionBankCsv.Command(course, UploadRequests.FileOf(file, limits.MaxCsvBytes)), ct);
        if (!result.IsSuccess && result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        return await AfterImportAsync(result.IsSuccess ? [result.Value!] : null, result.Errors, ct);
    }

    public async Task<IActionResult> OnPostFolderAsync(IFormFile? file, CancellationToken ct)
    {
        var result = await import.HandleAsync(new ImportContentArchive.Command(UploadRequests.FileOf(file, limits.MaxZipBytes)), ct);
        if (!result.IsSuccess && result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        return await AfterImportAsync(result.Value, result.Errors, ct);
    }

    public async Task<IActionResult> OnPostStatusAsync(string course, CourseStatus status, CancellationToken ct)
    {
        var result = await setStatus.HandleAsync(new SetCourseStatus.Command(course, status), ct);
        if (!result.IsSuccess && result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        return Redirect("/author");
    }

    public async Task<IActionResult> OnPostTestOutAsync(string course, bool allowed, CancellationToken ct)
    {
        var result = await setTestOut.HandleAsync(new SetCourseTestOut.Command(course, allowed), ct);
        if (!result.IsSuccess && result.FirstError.Kind == ErrorKind.Forbidden)
        {
            return Forbid();
        }

        if (!result.IsSuccess)
        {
            messages.AddTo(ModelState, result.Errors);
            await LoadAsync(ct);
            return Page();
        }

        return Redirect("/author");
    }

    private async Task<IActionResult> AfterImportAsync(IReadOnlyList<ImportContent.CourseReport>? reports, IReadOnlyList<Error> errors, CancellationToken ct)
    {
        if (reports is null)
        {
            messages.AddTo(ModelState, errors);
        }
        else
        {
            Report = string.Join(" ", reports.Select(r => localizer["author.imported", r.Slug, r.Version, r.Changed ? localizer["author.published"] : localizer["author.unchanged"]].Value));
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.Has(Permission.ManageContent))
        {
            return false;
        }

        var language = LearningApi.Language(null);
        var versions = await db.CourseVersions.AsNoTracking().Where(v => v.Course!.CurrentVersionId == v.Id)
            .Include(v => v.Course).Include(v => v.Modules).ThenInclude(m => m.Lessons).AsSplitQuery().ToListAsync(ct);
        var questionCounts = await db.Questions.Where(q => q.CourseVersion!.Course!.CurrentVersionId == q.CourseVersionId)
            .GroupBy(q => q.CourseVersionId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Courses = versions.OrderBy(v => v.Course!.Slug, StringComparer.Ordinal).Select(v => new CourseRow(v.Course!.Slug, v.Title.In(language).Text, v.Number,
            v.Course.Status.ToString(), v.Modules.Count, v.Modules.Sum(m => m.Lessons.Count), questionCounts.GetValueOrDefault(v.Id),
            v.Modules.OrderBy(m => m.Position).SelectMany(m => m.Lessons.OrderBy(l => l.Position)).Select(l => new LessonLink(l.Id, l.Title.In(language).Text)).ToList(),
            v.TestOutAllowed)).ToList();
        return true;
    }
}
