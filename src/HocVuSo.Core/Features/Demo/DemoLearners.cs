using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Geography;
using HocVuSo.Core.Features.Learning;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Demo;

/// <summary>
/// Demo learners in Ea Trang's villages, in every state: not started, part-way through the first
/// module, and having passed it. Names are illustrative. Their attempts are graded with the real
/// answer key, so figures computed from them are consistent.
/// </summary>
internal sealed class DemoLearners(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    private static readonly string[] Names =
    [
        "H'Linh Niê", "Y Bhin Êban", "Nguyễn Thị Lan", "Trần Văn Hùng", "H'Yến Mlô", "Lê Thị Hoa", "Y Khuê Byă", "Phạm Văn Nam",
        "H'Mai Ksơr", "Đinh Văn Tâm", "Vũ Thị Thu", "Y Sơn Adrơng", "H'Nhi Êban", "Hoàng Văn Đức", "Bùi Thị Nga", "Y Thắng Niê",
        "H'Ben Mlô", "Đỗ Văn Phúc", "Ngô Thị Hạnh", "Y Ngọc Kbuôr",
    ];

    /// <summary>Creates the twenty demo learners (with <paramref name="password"/>, or each with a generated one) and returns them to print; existing ones get the given password again.</summary>
    public async Task<IReadOnlyList<DemoAccount>> SeedAsync(IReadOnlyList<Unit> villages, string? password, CancellationToken ct)
    {
        var accounts = new List<DemoAccount>();
        var course = await db.Courses.Include(c => c.CurrentVersion).ThenInclude(v => v!.Modules).ThenInclude(m => m.Lessons)
            .FirstOrDefaultAsync(c => c.Slug == "ky-nang-so-co-ban", ct);
        if (course?.CurrentVersion is null)
        {
            return accounts;
        }

        var now = clock.UtcNow();
        var firstModule = course.CurrentVersion.Modules.OrderBy(m => m.Position).First();
        var lessons = firstModule.Lessons.OrderBy(l => l.Position).ToList();
        var quiz = await db.Quizzes.FirstAsync(q => q.ModuleId == firstModule.Id, ct);
        var bank = await db.Questions.AsNoTracking().Where(q => q.ModuleId == firstModule.Id).ToListAsync(ct);
        var ordered = villages.OrderBy(v => v.Code, StringComparer.Ordinal).ToList();
        for (var i = 0; i < Names.Length; i++)
        {
            var userName = $"hocvien{i + 1:00}.eatrang";
            var village = ordered[i % ordered.Count];
            if (await users.FindByNameAsync(userName) is { } existing)
            {
                if (password is not null)
                {
                    await users.ResetPasswordAsync(existing, await users.GeneratePasswordResetTokenAsync(existing), password);
                    await users.SetLockoutEndDateAsync(existing, null);
                }

                accounts.Add(new DemoAccount(userName, nameof(StaffRole.Learner), village.Code, village.FullName, password));
                continue;
            }

            var user = new AppUser { UserName = userName, FullName = Names[i], HomeUnitId = village.Id, CreatedAt = now.AddDays(-30 + i), LockoutEnabled = true };
            var chosen = password ?? PasswordGenerator.Create();
            var created = await users.CreateAsync(user, chosen);
            if (!created.Succeeded)
            {
                continue;
            }

            accounts.Add(new DemoAccount(userName, nameof(StaffRole.Learner), village.Code, village.FullName, chosen));

            // A third have not started, a third are learning, a third passed module 1.
            var state = i % 3;
            if (state == 0)
            {
                continue;
            }

            // They learn in order after signing up: the lessons first, then module 1's quiz.
            var done = state == 1 ? 1 + (i % Math.Max(1, lessons.Count - 1)) : lessons.Count;
            foreach (var lesson in lessons.Take(done))
            {
                var at = user.CreatedAt.AddDays(1).AddHours(lesson.Position);
                db.LessonProgress.Add(new LessonProgress
                {
                    UserId = user.Id, CourseSlug = course.Slug, LessonSlug = lesson.Slug, FirstOpenedAt = at, LastOpenedAt = at, CompletedAt = at, UnitPath = village.Path,
                });
            }

            if (state == 2)
            {
                db.QuizAttempts.Add(PassedAttempt(quiz, bank, user.Id, village.Path, user.CreatedAt.AddDays(2), assistedBy: null));
            }
        }

        await db.SaveChangesAsync(ct);
        return accounts;
    }

    /// <summary>
    /// What a certified learner has behind them before <paramref name="by"/>: every lesson of the
    /// course done, in order, and every module's quiz passed (what they had already is kept).
    /// </summary>
    internal static async Task CompleteModulesAsync(AppDbContext db, CourseVersion version, IReadOnlyList<Quiz> quizzes, List<Question> bank,
        string userId, string unitPath, DateTime by, CancellationToken ct)
    {
        var slug = version.Course!.Slug;
        var progress = await db.LessonProgress.Where(p => p.UserId == userId && p.CourseSlug == slug).ToDictionaryAsync(p => p.LessonSlug, ct);
        var passed = await db.QuizAttempts.Where(a => a.UserId == userId && a.Passed == true).Select(a => a.Quiz!.Slug).ToListAsync(ct);
        var modules = version.Modules.OrderBy(m => m.Position).ToList();
        var step = modules.Sum(m => m.Lessons.Count + 1);
        foreach (var module in modules)
        {
            foreach (var lesson in module.Lessons.OrderBy(l => l.Position))
            {
                var at = by.AddHours(-2 * step--);
                if (progress.TryGetValue(lesson.Slug, out var row))
                {
                    row.CompletedAt ??= at;
                    continue;
                }

                db.LessonProgress.Add(new LessonProgress
                {
                    UserId = userId, CourseSlug = slug, LessonSlug = lesson.Slug, FirstOpenedAt = at, LastOpenedAt = at, CompletedAt = at, UnitPath = unitPath,
                });
            }

            var quizAt = by.AddHours(-2 * step--);
            if (quizzes.FirstOrDefault(q => q.ModuleId == module.Id) is { } quiz && !passed.Contains(quiz.Slug))
            {
                db.QuizAttempts.Add(PassedAttempt(quiz, bank.Where(q => q.ModuleId == module.Id).ToList(), userId, unitPath, quizAt, assistedBy: null));
            }
        }
    }

    /// <summary>A passed attempt answering the first questions of each competency correctly, as the demo's learners and certified people have.</summary>
    internal static QuizAttempt PassedAttempt(Quiz quiz, List<Question> bank, string userId, string unitPath, DateTime at, string? assistedBy)
    {
        var items = quiz.Competencies.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(c => bank.Where(q => q.Competency == c).OrderBy(q => q.Id).Take(quiz.QuestionsPerCompetency))
            .Select(q => new AttemptItem
            {
                QuestionId = q.Id,
                Competency = q.Competency,
                ShownOptions = q.Options.Select(o => o.Id).Reverse().ToList(),
                ShownIds = OpaqueOptionIds.Draw(q.Options.Count),
                Answer = q.Type == QuestionTypes.Ordering ? q.Options.Select(o => o.Id).ToList() : q.Options.Where(o => o.Correct).Select(o => o.Id).ToList(),
                Correct = true,
            }).ToList();
        return new QuizAttempt
        {
            Id = Guid.NewGuid(),
            QuizId = quiz.Id,
            UserId = userId,
            StartedAt = at.AddMinutes(-12),
            SubmittedAt = at,
            Items = items,
            Score = 100,
            Passed = true,
            SubmissionKey = "demo-" + Guid.NewGuid().ToString("N"),
            AssistedByUserId = assistedBy,
            Assisted = assistedBy is not null,
            UnitPath = unitPath,
        };
    }
}
