using System.Text.RegularExpressions;
using HocVuSo.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace HocVuSo.Tests.Features.Demo;

/// <summary>The <c>seed-demo</c> verb prints every account the README promises, with a password that signs in.</summary>
public class SeedDemoCommandTests
{
    [Fact]
    public async Task SeedDemo_PrintsTheTwentyDemoLearners_WithTheirPasswords()
    {
        await using var platform = new PlatformProcess();

        var generated = await platform.RunCommandAsync("seed-demo");
        var given = await platform.RunCommandAsync("seed-demo", "--password", TestApp.Password);

        for (var i = 1; i <= 20; i++)
        {
            var name = $"hocvien{i:00}.eatrang";
            var line = generated.Split('\n').Single(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal));
            line.ShouldContain("Learner");
            Regex.IsMatch(line.TrimEnd(), @"\S{10,}$").ShouldBeTrue(line);
            line.ShouldNotContain("(unchanged)");
            given.Split('\n').Single(l => l.TrimStart().StartsWith(name + " ", StringComparison.Ordinal)).TrimEnd().ShouldEndWith(TestApp.Password);
        }
    }
}

/// <summary>The demo served by <c>seed-demo --serve</c> has the VNeID sandbox on, and Production never does.</summary>
public class DemoServeArgumentsTests
{
    [Fact]
    public void DemoServe_TurnsTheSandboxOn_OutsideProduction()
    {
        var arguments = HocVuSo.Web.Cli.CommandLine.DemoHostArguments(["--urls", "http://localhost:5080"]);
        var configuration = new ConfigurationBuilder().AddCommandLine(arguments).Build();

        arguments.ShouldContain("--Vneid:Sandbox:Enabled=true");
        HocVuSo.Web.Vneid.VneidSandbox.IsEnabled(new Environment("Demo"), configuration).ShouldBeTrue();
        HocVuSo.Web.Vneid.VneidSandbox.IsEnabled(new Environment("Production"), configuration).ShouldBeFalse();
        HocVuSo.Web.Cli.CommandLine.DemoHostArguments(["--environment", "Production"]).Count(a => a.StartsWith("--environment", StringComparison.Ordinal)).ShouldBe(1);
    }

    private sealed class Environment(string name) : Microsoft.Extensions.Hosting.IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "hocvuso";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
