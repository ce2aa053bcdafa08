using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HocVuSo.Core.Features.Plans;

/// <summary>
/// A whole plan as a YAML plan file (docs/PLANS.md): its identity and year, its sections in order,
/// their tasks with the lead and coordinating bodies by name, the schedule, and the targets by
/// indicator code. <see cref="ImportPlan"/> reads the same format, so an exported plan imported
/// into another unit (with organisations of the same names) exports to the same document.
/// </summary>
public static class ExportPlan
{
    public const string ContentType = "application/yaml";

    public sealed record Query(int Id);

    public sealed class Handler(AppDbContext db, ScopeService scopes)
    {
        public async Task<Result<string>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == query.Id, ct);
            if (plan is null)
            {
                return Errors.NotFound("plans.not_found", query.Id);
            }

            if (scope.Check(Permission.ViewPlans, plan.UnitPath) is { } forbidden)
            {
                return forbidden;
            }

            var sections = await db.PlanSections.AsNoTracking().Where(s => s.PlanId == plan.Id).OrderBy(s => s.Position).ThenBy(s => s.Id).ToListAsync(ct);
            var tasks = await db.PlanTasks.AsNoTracking().Where(t => t.PlanId == plan.Id)
                .Include(t => t.LeadOrganisation).Include(t => t.Coordinators).ThenInclude(c => c.Organisation).Include(t => t.Targets)
                .AsSplitQuery().ToListAsync(ct);
            return Write(plan, sections, tasks);
        }
    }

    private static string Write(Plan plan, IReadOnlyList<PlanSection> sections, IReadOnlyList<PlanTask> tasks)
    {
        var identity = new YamlMappingNode();
        Add(identity, "number", plan.Number);
        Add(identity, "title", plan.Title);
        Add(identity, "issuingBody", plan.IssuingBody);
        Add(identity, "signer", plan.Signer);
        Add(identity, "signerTitle", plan.SignerTitle);
        Add(identity, "issuedOn", Day(plan.IssuedOn));
        Add(identity, "year", plan.Year.ToString(CultureInfo.InvariantCulture));

        var sectionNodes = new YamlSequenceNode();
        foreach (var section in sections)
        {
            var taskNodes = new YamlSequenceNode();
            foreach (var task in tasks.Where(t => t.SectionId == section.Id).OrderBy(t => t.Position).ThenBy(t => t.Id))
            {
                taskNodes.Add(TaskNode(task));
            }

            var node = new YamlMappingNode();
            Add(node, "number", section.Number, quoted: true);
            Add(node, "title", section.Title);
            node.Add("tasks", taskNodes);
            sectionNodes.Add(node);
        }

        var document = new YamlMappingNode { { "version", "1" }, { "plan", identity }, { "sections", sectionNodes } };
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(document)).Save(new Emitter(writer, 2, int.MaxValue), assignAnchors: false);
        var text = writer.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text.Replace("\r\n...\r\n", "\r\n", StringComparison.Ordinal);
    }

    private static YamlMappingNode TaskNode(PlanTask task)
    {
        var node = new YamlMappingNode();
        Add(node, "number", task.Number, quoted: true);
        Add(node, "title", task.Title);
        Add(node, "purpose", task.Purpose);
        Add(node, "form", task.Form);
        Add(node, "lead", task.LeadOrganisation?.Name);
        var coordinating = task.Coordinators.Select(c => c.Organisation!.Name).Order(StringComparer.Ordinal).ToList();
        if (coordinating.Count > 0)
        {
            node.Add("coordinating", new YamlSequenceNode(coordinating.Select(name => new YamlScalarNode(name))));
        }

        Add(node, "schedule", PlanRules.ScheduleName(task.Schedule));
        Add(node, "starts", Day(task.StartsOn));
        Add(node, "due", Day(task.DueOn));
        Add(node, "scheduleText", task.ScheduleText);
        if (task.Targets.Count > 0)
        {
            var targets = new YamlSequenceNode();
            foreach (var target in task.Targets.OrderBy(t => t.Id))
            {
                var t = new YamlMappingNode();
                Add(t, "indicator", target.IndicatorCode);
                Add(t, "value", target.Value.ToString("0.##", CultureInfo.InvariantCulture));
                Add(t, "unitLevel", PlanReading.LevelName(target.UnitLevel));
                Add(t, "due", Day(target.DueOn));
                Add(t, "text", target.Text);
                targets.Add(t);
            }

            node.Add("targets", targets);
        }

        return node;
    }

    /// <summary>Adds a key when it has a value; numbers such as "1.1" are quoted so that they stay text for any reader.</summary>
    private static void Add(YamlMappingNode node, string key, string? value, bool quoted = false)
    {
        if (value is not null)
        {
            node.Add(key, new YamlScalarNode(value) { Style = quoted ? ScalarStyle.DoubleQuoted : ScalarStyle.Any });
        }
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
