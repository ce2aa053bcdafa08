using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// Uploads as the web edge receives them. An API upload's body is read only when its handler
/// opens it, after the handler checked the caller's right, and never past the bound for its kind
/// (the request's declared length, the server's body limit for the endpoint, the multipart
/// limits); a larger body is 413 with problem details.
/// </summary>
public static class UploadRequests
{
    /// <summary>Room for the multipart framing around the file (boundaries, part headers, the file name).</summary>
    public const long FormOverhead = 16 * 1024;

    /// <summary>The file in field <c>file</c> of this request's multipart body, read when the handler opens it.</summary>
    public static Upload FileOf(HttpRequest request, long maxBytes) => new(async ct =>
    {
        var form = await FormOf(request, maxBytes, ct);
        return form.IsSuccess ? Open(form.Value!.Files.GetFile("file") ?? (form.Value.Files.Count == 1 ? form.Value.Files[0] : null), maxBytes) : Result<Stream>.Fail(form.Errors);
    });

    /// <summary>
    /// This request's multipart form, read within the same bounds (for an endpoint whose fields
    /// come with the file); the file itself is opened with <see cref="FileOf(IFormFile?, long)"/>.
    /// </summary>
    public static async Task<Result<IFormCollection>> FormOf(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + FormOverhead)
        {
            return UploadErrors.TooLarge(maxBytes);
        }

        if (!request.HasFormContentType)
        {
            return UploadErrors.Missing();
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = maxBytes + FormOverhead;
        }

        try
        {
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, Limits(maxBytes)));
            return Result<IFormCollection>.Ok(await request.ReadFormAsync(ct));
        }
        catch (InvalidDataException)
        {
            return UploadErrors.TooLarge(maxBytes);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return UploadErrors.TooLarge(maxBytes);
        }
    }

    /// <summary>A file a page has already received (its antiforgery check reads the form), opened the same way.</summary>
    public static Upload FileOf(IFormFile? file, long maxBytes) => new(_ => Task.FromResult(Open(file, maxBytes)));

    /// <summary>The endpoint's body limit for the server, so a larger upload is cut off while it arrives rather than after.</summary>
    public static TBuilder LimitUpload<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestSizeLimitAttribute(maxBytes + FormOverhead), new RequestFormLimitsAttribute { MultipartBodyLengthLimit = maxBytes + FormOverhead });

    private static FormOptions Limits(long maxBytes) => new()
    {
        MultipartBodyLengthLimit = maxBytes + FormOverhead,
        ValueCountLimit = 16,
        ValueLengthLimit = 4 * 1024,
        KeyLengthLimit = 256,
        MultipartHeadersCountLimit = 8,
        MultipartHeadersLengthLimit = 4 * 1024,
    };

    private static Result<Stream> Open(IFormFile? file, long maxBytes) =>
        file is null || file.Length == 0 ? UploadErrors.Missing()
        : file.Length > maxBytes ? UploadErrors.TooLarge(maxBytes)
        : Result<Stream>.Ok(file.OpenReadStream());
}

/// <summary>The same body bounds on the pages that take a file as on their API endpoints.</summary>
public static class UploadPages
{
    public static IServiceCollection AddUploadPageLimits(this IServiceCollection services)
    {
        services.AddOptions<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>().Configure<UploadLimits>((options, limits) =>
        {
            Limit(options, "/Units/Report", limits.MaxXlsxBytes);
            Limit(options, "/Units/Plans", Math.Max(limits.MaxCsvBytes, limits.MaxDocumentBytes));
            Limit(options, "/Units/ImportVillages", limits.MaxCsvBytes);
            Limit(options, "/Units/Certification", limits.MaxCsvBytes);
            Limit(options, "/Staff/Import", limits.MaxCsvBytes);
            Limit(options, "/Author/Index", Math.Max(limits.MaxZipBytes, limits.MaxCsvBytes));
        });
        return services;
    }

    private static void Limit(Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions options, string page, long maxBytes) =>
        options.Conventions.AddPageApplicationModelConvention(page, model =>
        {
            model.EndpointMetadata.Add(new RequestSizeLimitAttribute(maxBytes + UploadRequests.FormOverhead));
            model.Filters.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = maxBytes + UploadRequests.FormOverhead });
        });
}
