using System.Net;
using System.Text.Json;
using HocVuSo.Tests.Infrastructure;

namespace HocVuSo.Tests.Web;

public class PlatformTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Health_IsOkWhenTheDatabaseAnswers(string provider)
    {
        var app = await TestApp.GetAsync(provider);

        var response = await app.CreateClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheUnitsApi()
    {
        var app = await TestApp.GetAsync("Sqlite");

        var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/v1/units", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/units/search", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/v1/auth/token", out _).ShouldBeTrue();
    }
}
