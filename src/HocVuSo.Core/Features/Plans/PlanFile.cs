using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Common.Uploads;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace HocVuSo.Core.Features.Plans;

/// <summary>A value read from a plan file with the line it is on.</summary>
internal sealed record Located(string? Text, int Line);

internal sealed record FileTarget(int Line, IReadOnlyDictionary<string, Located> Fields);

internal sealed record FileTask(int Line, IReadOnlyDictionary<string, Located> Fields, IReadOnlyList<Located> Coordinating, IReadOnlyList<FileTarget> Targets);

internal sealed record FileSection(int Line, IReadOnlyDictionary<string, Located> Fields, IReadOnlyList<FileTask> Tasks);

internal sealed record FileDocument(IReadOnlyDictionary<string, Located> Plan, IReadOnlyList<FileSection> Sections);

/// <summary>
/// Reads a YAML plan file into its parts, each value with its line (YamlDotNet's marks). Aliases
/// are refused (a file cannot multiply itself), unknown keys and wrong shapes are errors naming
/// their line and key; the meaning of the values is checked by <see cref="ImportPlan"/>.
/// </summary>
internal static class PlanFile
{
    private static readonly string[] PlanKeys = ["number", "title", "issuingBody", "signer", "signerTitle", "issuedOn", "year"];
    private static readonly string[] SectionKeys = ["number", "title"];
    private static readonly string[] TaskKeys = ["number", "title", "purpose", "form", "lead", "schedule", "starts", "due", "scheduleText"];
    private static readonly string[] TargetKeys = ["indicator", "value", "unitLevel", "due", "text"];

    public static async Task<Result<FileDocument>> ReadAsync(Upload upload, UploadLimits limits, CancellationToken ct)
    {
        var opened = await upload.OpenAsync(ct);
        if (!opened.IsSuccess)
        {
            return Result<FileDocument>.Fail(opened.Errors);
        }

        string text;
        using var deadline = limits.Deadline(ct);
        try
        {
            await using var stream = new BoundedStream(opened.Value!, limits.MaxCsvBytes, leaveOpen: false);
            using var reader = new StreamReader(stream, new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(deadline.Token);
        }
        catch (BoundedStream.LimitExceededException)
        {
            return UploadErrors.TooLarge(limits.MaxCsvBytes);
        }
        catch (System.Text.DecoderFallbackException)
        {
            return Errors.Invalid("plans.file_not_utf8", "file");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return UploadErrors.TooSlow(limits.ProcessingTimeout);
        }

        try
        {
            if (CheckEvents(text, limits) is { } refused)
            {
                return refused;
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                return Errors.Invalid("plans.file_shape", "file").AtRow(1);
            }

            var errors = new List<Error>();
            var document = Document(root, errors);
            return errors.Count > 0 ? Result<FileDocument>.Fail(errors) : document;
        }
        catch (YamlException e)
        {
            return Errors.Invalid("plans.file_syntax", "file", e.Message.Split(':', 2)[^1].Trim()).AtRow(Line(e.Start));
        }
    }

    /// <summary>Refuses aliases (each would be read again wherever it is used) and files with more nodes than a plan has.</summary>
    private static Error? CheckEvents(string text, UploadLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var events = 0;
        var line = 1;
        try
        {
            while (parser.MoveNext())
            {
                line = Line(parser.Current!.End);
                if (parser.Current is AnchorAlias alias)
                {
                    return Errors.Invalid("plans.file_alias", "file").AtRow(Line(alias.Start));
                }

                if (++events > limits.MaxXlsxCells * 10)
                {
                    return UploadErrors.TooManyCells(limits.MaxXlsxCells * 10);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // The scanner gives up on some malformed input (an unclosed flow sequence) without a mark: the error is after the last event read.
            return Errors.Invalid("plans.file_syntax_after", "file").AtRow(line);
        }

        return null;
    }

    private static int Line(Mark mark) => (int)Math.Min(int.MaxValue, mark.Line);

    private static FileDocument Document(YamlMappingNode root, List<Error> errors)
    {
        var top = Keys(root, ["version", "plan", "sections"], errors);
        if (top.TryGetValue("version", out var version) && (version is not YamlScalarNode { Value: "1" }))
        {
            errors.Add(Errors.Invalid("plans.file_version", "version").AtRow(Line(version.Start)));
        }

        var plan = top.TryGetValue("plan", out var planNode) && Mapping(planNode, "plan", errors) is { } p
            ? Scalars(p, PlanKeys, errors)
            : Missing("plan", root, errors);
        var sections = new List<FileSection>();
        if (!top.TryGetValue("sections", out var sectionsNode))
        {
            errors.Add(Errors.Invalid("plans.file_key_missing", "sections", "sections").AtRow(Line(root.Start)));
        }
        else if (Sequence(sectionsNode, "sections", errors) is { } list)
        {
            foreach (var item in list.Children)
            {
                if (Mapping(item, "sections", errors) is not { } s)
                {
                    continue;
                }

                var keys = Keys(s, [.. SectionKeys, "tasks"], errors);
                var tasks = new List<FileTask>();
                if (keys.TryGetValue("tasks", out var tasksNode) && Sequence(tasksNode, "tasks", errors) is { } taskList)
                {
                    tasks.AddRange(taskList.Children.Select(t => Mapping(t, "tasks", errors)).OfType<YamlMappingNode>().Select(t => Task(t, errors)));
                }

                sections.Add(new FileSection(Line(s.Start), Scalars(keys, SectionKeys, errors), tasks));
            }
        }

        return new FileDocument(plan, sections);
    }

    private static FileTask Task(YamlMappingNode node, List<Error> errors)
    {
        var keys = Keys(node, [.. TaskKeys, "coordinating", "targets"], errors);
        var coordinating = new List<Located>();
        if (keys.TryGetValue("coordinating", out var c) && Sequence(c, "coordinating", errors) is { } names)
        {
            foreach (var name in names.Children)
            {
                if (name is YamlScalarNode scalar)
                {
                    coordinating.Add(new Located(scalar.Value, Line(scalar.Start)));
                }
                else
                {
                    errors.Add(Errors.Invalid("plans.file_expected_text", "coordinating").AtRow(Line(name.Start)));
                }
            }
        }

        var targets = new List<FileTarget>();
        if (keys.TryGetValue("targets", out var t) && Sequence(t, "targets", errors) is { } list)
        {
            targets.AddRange(list.Children.Select(x => Mapping(x, "targets", errors)).OfType<YamlMappingNode>()
                .Select(x => new FileTarget(Line(x.Start), Scalars(Keys(x, TargetKeys, errors), TargetKeys, errors))));
        }

        return new FileTask(Line(node.Start), Scalars(keys, TaskKeys, errors), coordinating, targets);
    }

    private static Dictionary<string, YamlNode> Keys(YamlMappingNode node, IReadOnlyList<string> allowed, List<Error> errors)
    {
        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in node.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? string.Empty;
            if (!allowed.Contains(name))
            {
                errors.Add(Errors.Invalid("plans.file_key_unknown", name, name, string.Join(", ", allowed)).AtRow(Line(key.Start)));
            }
            else if (!result.TryAdd(name, value))
            {
                errors.Add(Errors.Invalid("plans.file_key_repeated", name, name).AtRow(Line(key.Start)));
            }
        }

        return result;
    }

    private static Dictionary<string, Located> Scalars(YamlMappingNode node, IReadOnlyList<string> allowed, List<Error> errors) =>
        Scalars(Keys(node, allowed, errors), allowed, errors);

    /// <summary>The text values of the keys that hold text; an empty or null value counts as absent.</summary>
    private static Dictionary<string, Located> Scalars(Dictionary<string, YamlNode> keys, IReadOnlyList<string> textKeys, List<Error> errors)
    {
        var result = new Dictionary<string, Located>(StringComparer.Ordinal);
        foreach (var (name, value) in keys.Where(k => textKeys.Contains(k.Key)))
        {
            if (value is YamlScalarNode scalar)
            {
                var plainNull = scalar.Style == ScalarStyle.Plain && scalar.Value is "" or "~" or "null" or null;
                result[name] = new Located(plainNull ? null : scalar.Value, Line(scalar.Start));
            }
            else
            {
                errors.Add(Errors.Invalid("plans.file_expected_text", name).AtRow(Line(value.Start)));
            }
        }

        return result;
    }

    private static YamlMappingNode? Mapping(YamlNode node, string key, List<Error> errors)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        errors.Add(Errors.Invalid("plans.file_expected_mapping", key).AtRow(Line(node.Start)));
        return null;
    }

    private static YamlSequenceNode? Sequence(YamlNode node, string key, List<Error> errors)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "" or "~" or "null" })
        {
            return new YamlSequenceNode();
        }

        errors.Add(Errors.Invalid("plans.file_expected_list", key).AtRow(Line(node.Start)));
        return null;
    }

    private static Dictionary<string, Located> Missing(string key, YamlNode root, List<Error> errors)
    {
        errors.Add(Errors.Invalid("plans.file_key_missing", key, key).AtRow(Line(root.Start)));
        return [];
    }

    /// <summary>A date as the file writes it (YYYY-MM-DD); an error naming the line and key otherwise.</summary>
    public static DateOnly? Day(IReadOnlyDictionary<string, Located> fields, string key, List<Error> errors)
    {
        if (!fields.TryGetValue(key, out var value) || value.Text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value.Text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        errors.Add(Errors.Invalid("plans.file_bad_date", key, value.Text).AtRow(value.Line));
        return null;
    }

    public static string? Text(IReadOnlyDictionary<string, Located> fields, string key) => fields.TryGetValue(key, out var value) ? value.Text : null;

    /// <summary>The line of <paramref name="key"/>, else of the item it belongs to.</summary>
    public static int LineOf(IReadOnlyDictionary<string, Located> fields, string key, int itemLine) => fields.TryGetValue(key, out var value) ? value.Line : itemLine;
}
