namespace HocVuSo.Tests.Infrastructure;

/// <summary>A test that needs a PostgreSQL server: skipped, saying so, when HOCVUSO_TEST_PG is not set.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(TestApp.PostgresVariable)))
        {
            Skip = $"Needs a PostgreSQL server: set {TestApp.PostgresVariable} (.ci/run does).";
        }
    }
}
