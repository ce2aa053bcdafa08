using HocVuSo.Core.Common;
using HocVuSo.Web.Hosting;

namespace HocVuSo.Web.Api;

internal static class ApiResults
{
    /// <summary>Success becomes <paramref name="onSuccess"/>; failures become problem details in the caller's language.</summary>
    public static IResult ToHttp<T>(this Result<T> result, ErrorMessages messages, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value!) : messages.ToProblem(result.Errors);
}
