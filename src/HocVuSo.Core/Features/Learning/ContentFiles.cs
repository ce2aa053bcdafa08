using System.Text.Json;
using System.Text.Json.Serialization;

namespace HocVuSo.Core.Features.Learning;

/// <summary>The JSON files of a course folder (docs/CONTENT.md).</summary>
internal static class ContentFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record QuizSettings(int QuestionsPerCompetency = 2, int PassMark = 70, int MaxAttempts = 3, int CooldownMinutes = 30);

    public sealed record CourseFile(string Id, Dictionary<string, string> Title, Dictionary<string, string>? Summary,
        List<string>? TargetGroups, List<string> Modules, QuizSettings? FinalAssessment, bool TestOut = false);

    public sealed record LessonRef(string Id, Dictionary<string, string> Title, List<string>? Competencies, List<string>? TargetGroups, int Minutes = 5);

    public sealed record ModuleFile(string Id, Dictionary<string, string> Title, Dictionary<string, string>? Summary, List<LessonRef> Lessons, QuizSettings? Quiz);

    public sealed record OptionFile(string Id, Dictionary<string, string> Text, bool Correct = false, string? Image = null);

    public sealed record QuestionFile(string Id, string Type, string Competency, string? Lesson, Dictionary<string, string> Text,
        List<OptionFile> Options, Dictionary<string, string>? Explanation, bool Retired = false);
}
