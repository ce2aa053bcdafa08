using System.Globalization;
using System.Text.RegularExpressions;
using HocVuSo.BrowserTests.Infrastructure;

namespace HocVuSo.BrowserTests.Accessibility;

/// <summary>
/// Every page the other browser tests reach, as each kind of user sees it on the smallest phone in
/// use (320 px wide), at the normal and at the largest text size: nothing scrolls sideways and
/// axe-core finds nothing critical or serious.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture fixture)
{
    private const int Width = 320;
    private const string CommuneDashboard = "/units/24445/dashboard?indicator=adults_vneid_confirmed&period=";

    private static readonly string[] BlockingImpacts = ["critical", "serious"];
    private static readonly string[] TextSizes = ["md", "xl"];

    /// <summary>The demo seeds reports for the four months before today.</summary>
    private static string Period => DateTime.UtcNow.AddHours(7).AddMonths(-3).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>What overflows, deepest elements last, to say in a failure where the width comes from.</summary>
    private const string OverflowingScript = """
        () => [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-wrap, [hidden], .visually-hidden, .skip-link'))
          .slice(-6)
          .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' → ' + Math.round(e.getBoundingClientRect().right) + 'px')
          .join(' | ')
        """;

    [Fact]
    public async Task Public_pages_fit_a_320px_phone_at_every_text_size()
    {
        var found = new List<string>();
        await using var context = await NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        foreach (var path in new[]
                 {
                     "/", "/units", "/units?q=ea+trang", "/units/66", "/units/24445", "/learn", "/learn/lessons/1",
                     "/Account/Login", "/Account/Register", "/Account/Register?commune=" + Learners.CommuneCode,
                 })
        {
            await VisitAsync(context, page, path, found);
        }

        // The public verification page of a demo certificate, as anyone who scans its QR code sees it.
        await using var holder = await NewPhoneContextAsync();
        var holderPage = await holder.NewPageAsync();
        await SignInAsync(holderPage, "certified");
        await holderPage.GotoAsync("/learn/certificate");
        var verify = await holderPage.Locator("#certificate-verify").GetAttributeAsync("href");
        await VisitAsync(context, page, verify.ShouldNotBeNull(), found);

        found.ShouldBeEmpty(Report(found));
    }

    [Fact]
    public async Task Learner_pages_fit_a_320px_phone_at_every_text_size()
    {
        var found = new List<string>();
        await using var context = await NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, "certified");
        foreach (var path in new[] { "/learn", "/learn/certificate", "/learn/lessons/1" })
        {
            await VisitAsync(context, page, path, found);
        }

        await page.GotoAsync("/learn");
        var quiz = await page.Locator("a[href^='/learn/quizzes/']").First.GetAttributeAsync("href");
        await VisitAsync(context, page, quiz.ShouldNotBeNull(), found);
        await page.Locator("main form[method='post'] button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/learn/attempts/[0-9a-f-]{36}$"));
        await CheckBothSizesAsync(context, page, "a quiz attempt", found);
        await new AnswerKey(fixture.DatabasePath).AnswerAllAsync(page);
        await page.Locator("#quiz-form > button[type='submit']").ClickAsync();
        await Expect(page.Locator("#result")).ToBeVisibleAsync();
        await CheckAsync(page, "a quiz result", found);

        found.ShouldBeEmpty(Report(found));
    }

    [Theory]
    [InlineData("officer.eatrang")]
    [InlineData("officer.daklak")]
    [InlineData("team.eatrang")]
    [InlineData("author")]
    public async Task Staff_pages_fit_a_320px_phone_at_every_text_size(string userName)
    {
        var found = new List<string>();
        await using var context = await NewPhoneContextAsync();
        var page = await context.NewPageAsync();
        await SignInAsync(page, userName);
        var paths = userName switch
        {
            "officer.eatrang" => new[]
            {
                "/staff", "/staff/create", "/staff/import", "/assist", "/units/24445", "/units/24445/villages/new", "/units/24445/villages/import",
                "/units/24445/baseline", "/units/24445/classes", "/units/24445/teams", "/units/24445/staff", "/units/24445/learning",
                "/units/24445/certification", CommuneDashboard + Period, "/units/24445/summary?period=" + Period,
                "/units/24445/reports/" + Period, "/units/24445/reports/" + Period + "/history", "/units/24445/plans?year=2026",
            },
            "officer.daklak" => ["/staff", "/units/66/dashboard?indicator=adults_vneid_confirmed&period=" + Period, "/units/66/summary?period=" + Period, "/units/66/plans?year=2026"],
            "team.eatrang" => ["/team/app"],
            _ => ["/author", "/author/lessons/1"],
        };
        foreach (var path in paths)
        {
            await VisitAsync(context, page, path, found);
        }

        found.ShouldBeEmpty(Report(found));
    }

    [Fact]
    public async Task Two_factor_staff_pages_fit_a_320px_phone_at_every_text_size()
    {
        var found = new List<string>();
        await using var context = await NewPhoneContextAsync();
        var page = await context.NewPageAsync();

        // The administrator enrols an authenticator app on the first sign-in.
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync("admin");
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/EnableAuthenticator"));
        await CheckBothSizesAsync(context, page, "/Account/EnableAuthenticator", found);
        var key = await page.Locator("#shared-key").InnerTextAsync();
        await page.Locator("input[name='Code']").FillAsync(Authenticator.Code(key, DateTimeOffset.UtcNow));
        await page.Locator("main form button[type='submit']").ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/Account/EnableAuthenticator"));

        foreach (var path in new[] { "/admin/outbox", "/units/24445/reports/" + Period })
        {
            await VisitAsync(context, page, path, found);
        }

        found.ShouldBeEmpty(Report(found));
    }

    [Fact]
    public async Task VNeID_sign_in_pages_fit_a_320px_phone_at_every_text_size()
    {
        var found = new List<string>();
        var baseUrl = await fixture.StartSandboxPlatformAsync();
        await using var context = await NewPhoneContextAsync(baseUrl);
        var page = await context.NewPageAsync();
        await VisitAsync(context, page, "/Account/Login", found);
        await VisitAsync(context, page, "/sandbox/vneid", found);

        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập bằng VNeID" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/sandbox/vneid/authorize\?"));
        await CheckBothSizesAsync(context, page, "the VNeID sandbox's sign-in", found);
        await page.Locator("input[name='Citizen'][value='-1']").CheckAsync();
        await page.Locator("#FullName").FillAsync("Y Niê Kdăm");
        await page.Locator("#PersonalIdNumber").FillAsync("066090" + Random.Shared.Next(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture));
        await page.Locator("#BirthYear").FillAsync("1990");
        await page.Locator("#Gender").SelectOptionAsync("male");
        await page.Locator("#vneid-authorize button[type='submit']:not([name='deny'])").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/VneidCommune"));
        await CheckBothSizesAsync(context, page, "/Account/VneidCommune", found);
        await page.Locator("input#q").FillAsync("ea trang");
        await page.Locator("main form[role='search'] button[type='submit']").ClickAsync();
        await page.Locator($"#communes a[href^='?commune={Learners.CommuneCode}']").ClickAsync();
        await Expect(page.Locator("select#UnitCode")).ToBeVisibleAsync();
        await CheckBothSizesAsync(context, page, "/Account/VneidCommune with the commune chosen", found);

        found.ShouldBeEmpty(Report(found));
    }

    private Task<IBrowserContext> NewPhoneContextAsync(string? baseUrl = null) =>
        fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = Width, Height = 740 } });

    /// <summary>Opens <paramref name="path"/> at each text size (the display cookie the size buttons set) and checks it.</summary>
    private async Task VisitAsync(IBrowserContext context, IPage page, string path, List<string> found)
    {
        foreach (var size in TextSizes)
        {
            await SetTextSizeAsync(context, size);
            var response = await page.GotoAsync(path);
            if (response is not { Status: 200 })
            {
                found.Add($"{path}: HTTP {response?.Status}");
                continue;
            }

            await CheckAsync(page, $"{path} (text {size})", found);
        }
    }

    /// <summary>Checks a page reached by a form at each text size, reloading it for the larger one.</summary>
    private async Task CheckBothSizesAsync(IBrowserContext context, IPage page, string what, List<string> found)
    {
        await SetTextSizeAsync(context, "md");
        await page.ReloadAsync();
        await CheckAsync(page, what + " (text md)", found);
        await SetTextSizeAsync(context, "xl");
        await page.ReloadAsync();
        await CheckAsync(page, what + " (text xl)", found);
        await SetTextSizeAsync(context, "md");
    }

    private Task SetTextSizeAsync(IBrowserContext context, string size) =>
        context.AddCookiesAsync([new Cookie { Name = "hocvuso.display", Value = size, Url = fixture.BaseUrl }]);

    private static async Task CheckAsync(IPage page, string what, List<string> found)
    {
        var width = await page.EvaluateAsync<int>("() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
        if (width > Width)
        {
            found.Add($"{what}: {width} px wide: {await page.EvaluateAsync<string>(OverflowingScript)}");
        }

        found.AddRange((await Axe.AuditAsync(page)).Where(v => BlockingImpacts.Contains(v.Impact)).Select(v => $"{what}: {v}"));
    }

    private static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(BrowserFixture.Password);
        await page.Locator("main form button[type='submit']").ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));
        }
        catch (TimeoutException e)
        {
            // Say what the sign-in page answered (a validation message, a lockout, an error page) rather than only that it stayed.
            var shown = await page.Locator("main").InnerTextAsync();
            throw new InvalidOperationException($"Signing in as {userName} stayed on {page.Url}; the page said: {shown[..Math.Min(shown.Length, 600)]}", e);
        }
    }

    private static string Report(List<string> found) =>
        $"{found.Count} problem(s) at {Width} px:{Environment.NewLine}{string.Join(Environment.NewLine, found)}";
}
