using System.Globalization;
using HocVuSo.Core.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// The one place where an <see cref="Error"/> becomes words for people: a sentence from the
/// resource files, prefixed with the row and field when the error came from a file.
/// </summary>
public sealed class ErrorMessages(IStringLocalizer<SharedResource> localizer)
{
    public string Describe(Error error)
    {
        var template = localizer[error.Code];
        var text = template.ResourceNotFound ? error.Code : string.Format(CultureInfo.CurrentCulture, template.Value, error.Args.Select(Argument).ToArray());
        if (error.Row is { } row)
        {
            var where = error.Field is null
                ? string.Format(CultureInfo.CurrentCulture, localizer["error.at_row"].Value, row)
                : string.Format(CultureInfo.CurrentCulture, localizer["error.at_row_field"].Value, row, error.Field);
            return where + " " + text;
        }

        // Errors found in files of a folder (e.g. learning content) name the file they are in.
        return error.Field is { } file && file.Contains('/', StringComparison.Ordinal) ? file + ": " + text : text;
    }

    /// <summary>An argument as the message shows it: a <see cref="FieldLabel"/> becomes the field's label (its name when it has none).</summary>
    private object Argument(object argument) => argument is FieldLabel label
        ? localizer["field.label." + label.Field] is { ResourceNotFound: false } found ? found.Value : label.Field
        : argument;

    public static int StatusCode(Error error) => error.Kind switch
    {
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The API's answer for failed use cases: RFC 9457 problem details, errors listed by field.</summary>
    public IResult ToProblem(IReadOnlyList<Error> errors, int? status = null)
    {
        var first = errors[0];
        var byField = errors
            .GroupBy(e => e.Field ?? string.Empty)
            .ToDictionary(g => g.Key, g => g.Select(Describe).ToArray());
        var extensions = new Dictionary<string, object?>
        {
            ["code"] = first.Code,
            ["errors"] = byField,
            ["rows"] = errors.Where(e => e.Row is not null).Select(e => new { row = e.Row, field = e.Field, code = e.Code, message = Describe(e) }).ToArray(),
        };
        var statusCode = status ?? StatusCode(first);
        return Results.Problem(detail: Describe(first), statusCode: statusCode, title: ErrorPages.Title(localizer, statusCode), extensions: extensions);
    }

    /// <summary>The pages' answer for failed use cases: messages on the form fields they concern.</summary>
    public void AddTo(ModelStateDictionary modelState, IEnumerable<Error> errors, string prefix = "")
    {
        foreach (var error in errors)
        {
            var key = error.Field is null || error.Row is not null ? string.Empty : prefix + char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
            modelState.AddModelError(key, Describe(error));
        }
    }
}
