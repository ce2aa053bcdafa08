using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HocVuSo.Web.Pages.Awards;

/// <summary>What the award pages share: who may open them, and how a failed use case comes back to the form.</summary>
internal static class AwardPages
{
    /// <summary>Staff assigned at the unit, above it or below it (a village head under the commune) open its award pages.</summary>
    public static bool MayOpen(UserScope scope, string unitPath) =>
        scope.IsSystem || scope.Grants.Any(g => g.UnitPath.StartsWith(unitPath, StringComparison.Ordinal) || unitPath.StartsWith(g.UnitPath, StringComparison.Ordinal));

    /// <summary>"10/10/2026" or "2026-10-10" as the API's yyyy-MM-dd.</summary>
    public static string? IsoDate(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return text;
        }

        return VietnameseFormat.TryParseDate(text, out var day) ? day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : text.Trim();
    }

    /// <summary>Forbidden answers 403; other errors go on the form (field names kept in the message).</summary>
    public static IActionResult? Refuse(IReadOnlyList<Error> errors, ModelStateDictionary modelState, ErrorMessages messages)
    {
        if (errors[0].Kind == ErrorKind.Forbidden && errors[0].Code == "scope.forbidden")
        {
            return new ForbidResult();
        }

        messages.AddTo(modelState, errors.Select(e => e with { Field = null }));
        return null;
    }
}
