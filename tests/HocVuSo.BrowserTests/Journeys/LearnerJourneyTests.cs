using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Journeys;

/// <summary>
/// A villager signs up on a small phone, reads the first module lesson by lesson, and passes its
/// test; every page fits the 360 px screen.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LearnerJourneyTests(BrowserFixture fixture)
{
    private const int PhoneWidth = 360;
    private const string FirstModule = "01-dien-thoai-internet";

    private static readonly Regex LessonUrl = new(@"/learn/lessons/(\d+)$");

    [Fact]
    public async Task New_learner_on_a_phone_registers_completes_module_01_and_passes_its_test_with_full_marks()
    {
        await using var context = await fixture.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = PhoneWidth, Height = 740 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();

        var phone = await Learners.RegisterAsync(page, "Y Nguyễn Thị Hằng Ê Ban");
        await Expect(page.Locator("nav.main-nav")).ToContainTextAsync(phone);
        var module = page.Locator($"li#module-{FirstModule}");
        var lessons = module.Locator("ol.lessons > li");
        var lessonCount = await lessons.CountAsync();
        lessonCount.ShouldBeGreaterThan(1);
        await Expect(module.Locator(".badge.ok")).ToHaveCountAsync(0);

        // "Học tiếp" leads a newcomer to the very first lesson of the course.
        var firstLessonHref = await lessons.First.Locator("a").GetAttributeAsync("href");
        await Expect(page.Locator("section#course-ky-nang-so-co-ban #continue")).ToHaveAttributeAsync("href", firstLessonHref!);
        await page.Locator("#continue").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(firstLessonHref!) + "$"));
        await Expect(page.Locator("article#lesson h1")).Not.ToBeEmptyAsync();
        (await page.Locator("#lesson-body .step").CountAsync()).ShouldBeGreaterThan(0);
        (await page.Locator("#lesson-body").InnerTextAsync()).Trim().Length.ShouldBeGreaterThan(200, "the lesson has hardly any text");
        (await ScrollWidthAsync(page)).ShouldBeLessThanOrEqualTo(PhoneWidth, "the lesson page scrolls sideways on a 360 px phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "lesson-360.png"), FullPage = true });

        // The breadcrumb leads back to the lesson's module in the catalogue.
        await Expect(page.Locator("nav.breadcrumb a").Last).ToHaveAttributeAsync("href", $"/learn#module-{FirstModule}");

        // Each "Tôi đã học xong" marks the lesson done and opens the next one.
        for (var done = 1; done <= lessonCount; done++)
        {
            var before = page.Url;
            await page.Locator("nav.lesson-nav form[method='post'] button[type='submit']").ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(before);
            await Expect(page).ToHaveURLAsync(LessonUrl);
        }

        await page.GotoAsync("/learn");
        await Expect(module.Locator("ol.lessons > li.done")).ToHaveCountAsync(lessonCount);
        await Expect(module.Locator("ol.lessons > li .badge.ok", new() { HasText = "✓" })).ToHaveCountAsync(lessonCount);
        await Expect(module.Locator("progress")).ToHaveAttributeAsync("value", lessonCount.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Learners.StartModuleQuizAsync(page, FirstModule);
        var attemptUrl = page.Url;
        (await ScrollWidthAsync(page)).ShouldBeLessThanOrEqualTo(PhoneWidth, "the quiz page scrolls sideways on a 360 px phone");
        var answered = await new AnswerKey(fixture.DatabasePath).AnswerAllAsync(page);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "quiz-360.png"), FullPage = true });
        await page.Locator("#quiz-form > button[type='submit']").ClickAsync();

        await Expect(page).ToHaveURLAsync(attemptUrl);
        var result = page.Locator("#result");
        await Expect(result).ToHaveClassAsync(new Regex(@"(^|\s)passed(\s|$)"));
        await Expect(result.Locator(".score")).ToContainTextAsync(new Regex(@"\b100\b"));
        await Expect(page.Locator("ol.review > li")).ToHaveCountAsync(answered.Values.Sum());
        await Expect(page.Locator("ol.review > li.wrong")).ToHaveCountAsync(0);
        (await ScrollWidthAsync(page)).ShouldBeLessThanOrEqualTo(PhoneWidth, "the quiz result scrolls sideways on a 360 px phone");

        await page.GotoAsync("/learn");
        await Expect(module.Locator("p.progress-line strong.badge.ok")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Ordering_question_is_answered_by_numbering_its_steps()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await Learners.RegisterAsync(page, "Lê Văn Đức");
        var modules = await page.Locator("li.module").EvaluateAllAsync<string[]>("items => items.map(i => i.id.slice('module-'.length))");
        modules.ShouldNotBeEmpty();

        // Questions are drawn at random; open module tests in turn until one shows an ordering question.
        var ordering = page.Locator("fieldset.question[data-type='ordering']");
        foreach (var slug in modules)
        {
            await Learners.StartModuleQuizAsync(page, slug);
            if (await ordering.CountAsync() > 0)
            {
                break;
            }
        }

        (await ordering.CountAsync()).ShouldBeGreaterThan(0, "no module test drew an ordering question");
        var steps = ordering.First.Locator("select");
        (await steps.CountAsync()).ShouldBeGreaterThan(1);
        await Expect(steps.First.Locator("option")).ToHaveCountAsync(await steps.CountAsync() + 1);

        var answered = await new AnswerKey(fixture.DatabasePath).AnswerAllAsync(page);
        answered.Keys.ShouldContain("ordering");
        await page.Locator("#quiz-form > button[type='submit']").ClickAsync();

        await Expect(page.Locator("#result.passed .score")).ToContainTextAsync(new Regex(@"\b100\b"));
        await Expect(page.Locator("ol.review > li.wrong")).ToHaveCountAsync(0);
        await Expect(page.Locator("ol.review > li.right", new() { HasText = "→" }).First).ToBeVisibleAsync();
    }

    private static Task<int> ScrollWidthAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
}
