using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace HocVuSo.BrowserTests.Infrastructure;

/// <summary>
/// The right answers of the question bank, read from the platform's database: the attempt page never
/// carries them. Options are a JSON array of {id, text, correct, image}; ordering questions store their
/// steps in the right order. The page names options by random ids of the attempt, which the attempt's
/// items (shownOptions, shownIds) map to the bank's own.
/// </summary>
public sealed class AnswerKey(string databasePath)
{
    public sealed record Question(int Id, string Type, IReadOnlyList<Option> Options);

    public sealed record Option(string Id, bool Correct);

    public sealed record Item(int QuestionId, List<string> ShownOptions, List<string> ShownIds)
    {
        public string Shown(string optionId) => ShownIds[ShownOptions.IndexOf(optionId)];
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        return new SqliteConnection(connection.ToString());
    }

    /// <summary>The items of the attempt open on <paramref name="page"/> (its address ends with the attempt id).</summary>
    public async Task<IReadOnlyList<Item>> ItemsAsync(IPage page)
    {
        var attemptId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await using var db = Open();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT Items FROM QuizAttempts WHERE upper(Id) = upper($id)";
        command.Parameters.AddWithValue("$id", attemptId);
        var json = (string?)await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"Attempt {attemptId} is not in {databasePath}.");
        return JsonSerializer.Deserialize<List<Item>>(json, Json) ?? [];
    }

    public async Task<Question> QuestionAsync(int id)
    {
        await using var db = Open();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT Type, Options FROM Questions WHERE Id = $id";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            throw new InvalidOperationException($"Question {id} is not in {databasePath}.");
        }

        var options = JsonSerializer.Deserialize<List<Option>>(reader.GetString(1), Json) ?? [];
        return new Question(id, reader.GetString(0), options);
    }

    /// <summary>Answers every question of the attempt form on <paramref name="page"/> rightly, the way a learner would: clicks and selects.</summary>
    /// <returns>How many questions of each type were answered.</returns>
    public async Task<IReadOnlyDictionary<string, int>> AnswerAllAsync(IPage page)
    {
        var answered = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = await page.Locator("#quiz-form fieldset.question").EvaluateAllAsync<string[]>("sets => sets.map(s => s.id)");
        ids.ShouldNotBeEmpty("the attempt has no question");
        var items = await ItemsAsync(page);
        foreach (var fieldsetId in ids)
        {
            var id = int.Parse(fieldsetId["question-".Length..], CultureInfo.InvariantCulture);
            var question = await QuestionAsync(id);
            var item = items.Single(i => i.QuestionId == id);
            var fieldset = page.Locator($"#{fieldsetId}");
            await Expect(fieldset).ToHaveAttributeAsync("data-type", question.Type);
            if (question.Type == "ordering")
            {
                for (var position = 0; position < question.Options.Count; position++)
                {
                    var step = fieldset.Locator($"select[name='o{id}_{item.Shown(question.Options[position].Id)}']");
                    await step.SelectOptionAsync((position + 1).ToString(CultureInfo.InvariantCulture));
                }
            }
            else
            {
                var right = question.Options.Where(o => o.Correct).ToList();
                right.ShouldNotBeEmpty($"question {id} has no right option");
                foreach (var option in right)
                {
                    await fieldset.Locator($"input[name='q{id}'][value='{item.Shown(option.Id)}']").CheckAsync();
                }
            }

            answered[question.Type] = answered.GetValueOrDefault(question.Type) + 1;
        }

        return answered;
    }
}
