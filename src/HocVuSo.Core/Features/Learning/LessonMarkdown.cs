using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// Lessons are Markdown rendered safely: raw HTML is refused at import and escaped if it ever
/// reaches rendering; links may only be http(s) or the course's own media; images are lazy-loaded.
/// Each "##" step becomes its own section, so a phone shows one idea per screen.
/// </summary>
public static class LessonMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    /// <summary>Problems that make a lesson unfit to import (raw HTML, unsafe links, empty text).</summary>
    public static IReadOnlyList<string> Check(string markdown)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(markdown))
        {
            problems.Add("empty");
            return problems;
        }

        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().Build());
        if (document.Descendants<HtmlBlock>().Any() || document.Descendants<HtmlInline>().Any())
        {
            problems.Add("raw_html");
        }

        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafeUrl(link.Url))
            {
                problems.Add("unsafe_link:" + link.Url);
            }
        }

        return problems;
    }

    /// <summary>Renders lesson Markdown to HTML; relative media paths point to <paramref name="mediaBase"/>.</summary>
    public static string ToHtml(string markdown, string mediaBase)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
                continue;
            }

            if (link.Url is { } url && !url.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                link.Url = mediaBase.TrimEnd('/') + "/" + MediaPath(url);
            }

            if (link.IsImage)
            {
                link.GetAttributes().AddProperty("loading", "lazy");
                link.GetAttributes().AddProperty("decoding", "async");
            }
            else if (link.Url!.StartsWith("http", StringComparison.OrdinalIgnoreCase))
            {
                link.GetAttributes().AddProperty("rel", "noopener noreferrer");
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        var open = false;
        var steps = 0;
        foreach (var block in document)
        {
            if (block is HeadingBlock { Level: 2 })
            {
                if (open)
                {
                    writer.Write("</section>\n");
                }

                writer.Write("<section class=\"step\" id=\"" + StepAnchor(++steps) + "\">\n");
                open = true;
            }

            renderer.Render(block);
        }

        if (open)
        {
            writer.Write("</section>\n");
        }

        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The anchor of the <paramref name="number"/>th step of a lesson page (from 1): the assistant links its answers there.</summary>
    public static string StepAnchor(int number) => "step-" + number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"../images/a.svg" → "images/a.svg": media paths are relative to the module folder.</summary>
    public static string MediaPath(string url)
    {
        var path = url.Replace('\\', '/');
        while (path.StartsWith("../", StringComparison.Ordinal) || path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[(path.IndexOf('/', StringComparison.Ordinal) + 1)..];
        }

        return path;
    }

    private static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https";
        }

        return !url.Contains(':', StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal);
    }
}
