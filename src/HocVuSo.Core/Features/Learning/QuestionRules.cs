using HocVuSo.Core.Common;

namespace HocVuSo.Core.Features.Learning;

/// <summary>
/// What makes a question of each type well formed (how many options, how many correct, true/false
/// ids, distinct ordering steps): one rule for the course bank and for any other bank that reuses
/// the question types (a contest's pool). Returns the message keys of what is wrong, in the order
/// found; images of image-choice options are checked by the caller that holds the media.
/// </summary>
public static class QuestionRules
{
    public static IReadOnlyList<string> Check(string type, IReadOnlyList<(string Id, string? VietnameseText, bool Correct)> options)
    {
        var problems = new List<string>();
        var correct = options.Count(o => o.Correct);
        var ids = options.Select(o => o.Id).ToList();
        switch (type)
        {
            case QuestionTypes.SingleChoice or QuestionTypes.ImageChoice:
                Expect(options.Count is >= 2 and <= 6, "content.question_option_count");
                Expect(correct == 1, correct == 0 ? "content.question_no_correct" : "content.question_many_correct");
                break;
            case QuestionTypes.MultipleChoice:
                Expect(options.Count is >= 3 and <= 6, "content.question_option_count");
                Expect(correct >= 1, "content.question_no_correct");
                break;
            case QuestionTypes.TrueFalse:
                Expect(options.Count == 2 && ids.Contains("true") && ids.Contains("false"), "content.question_true_false");
                Expect(correct == 1, correct == 0 ? "content.question_no_correct" : "content.question_many_correct");
                break;
            case QuestionTypes.Ordering:
                Expect(options.Count is >= 2 and <= 8, "content.question_option_count");
                var steps = options.Select(o => VietnameseText.Fold(o.VietnameseText)).ToList();
                Expect(steps.Distinct(StringComparer.Ordinal).Count() == steps.Count, "content.question_duplicate_steps");
                break;
            default:
                problems.Add("content.question_bad_type");
                break;
        }

        return problems;

        void Expect(bool condition, string code)
        {
            if (!condition)
            {
                problems.Add(code);
            }
        }
    }
}
