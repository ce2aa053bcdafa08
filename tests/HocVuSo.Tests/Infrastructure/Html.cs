using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace HocVuSo.Tests.Infrastructure;

/// <summary>Reads pages as a browser would: parses HTML, finds forms and posts them with their antiforgery token.</summary>
public static class Html
{
    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, $"GET {url}");
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Posts the page's form (the one whose action contains <paramref name="actionContains"/>, or else the first in the page's main content) with the given fields.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? actionContains = null)
    {
        var page = await client.GetPageAsync(url);
        var form = page.QuerySelectorAll("form[method='post']").OfType<IHtmlFormElement>()
            .First(f => actionContains is null
                ? f.Closest("main") is not null
                : (f.GetAttribute("action") ?? string.Empty).Contains(actionContains, StringComparison.Ordinal));
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[type='hidden']").OfType<IHtmlInputElement>())
        {
            values[input.Name!] = input.Value;
        }

        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        var action = form.GetAttribute("action");
        return await client.PostAsync(string.IsNullOrEmpty(action) ? url : action, new FormUrlEncodedContent(values));
    }

    /// <summary>
    /// Makes a cookie-signed-in client send the antiforgery token the API asks of cookie writes, as
    /// the site's own scripts do; call it again after signing in as someone else (the token names the user).
    /// </summary>
    public static async Task<HttpClient> UseApiAntiforgeryAsync(this HttpClient client)
    {
        var answer = await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<System.Text.Json.JsonElement>(client, "/api/v1/auth/antiforgery");
        var header = answer.GetProperty("headerName").GetString()!;
        client.DefaultRequestHeaders.Remove(header);
        client.DefaultRequestHeaders.Add(header, answer.GetProperty("token").GetString());
        return client;
    }
}
