using HocVuSo.Core.Common;

namespace HocVuSo.Core.Features.Certification;

/// <summary>
/// Anyone may check a personal identification number before typing it into a form: the format,
/// the province of birth and, when given, the birth year and gender it encodes. Nothing is stored
/// or looked up, so the answer never says whether someone has recorded the number.
/// </summary>
public static class ValidatePersonalIdNumber
{
    public sealed record Query(string? Number, int? BirthYear, string? Gender);

    public sealed record Outcome(bool Valid, IReadOnlyList<Error> Problems);

    public sealed class Handler(TimeProvider clock)
    {
        public Outcome Handle(Query query)
        {
            var problems = PersonalIdNumbers.Check(query.Number, query.BirthYear, query.Gender, clock.TodayInVietnam().Year);
            return new Outcome(problems.Count == 0, problems);
        }
    }
}
