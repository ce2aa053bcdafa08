using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Plans;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Exports;

/// <summary>Task reminder e-mails in Vietnamese, from the resource files, whatever the language of whoever started the job.</summary>
public sealed class PlanReminderWording(IStringLocalizer<SharedResource> localizer) : IPlanReminderWording
{
    public (string Subject, string Body) DueSoon(string unitName, string planNumber, string taskNumber, string taskTitle, DateOnly due) => InVietnamese.Read(() =>
        (localizer["plans.reminder.due_subject", unitName, taskNumber].Value,
         localizer["plans.reminder.due_body", unitName, planNumber, taskNumber, taskTitle, VietnameseFormat.Date(due)].Value));

    public (string Subject, string Body) Late(string unitName, string planNumber, string taskNumber, string taskTitle, DateOnly due) => InVietnamese.Read(() =>
        (localizer["plans.reminder.late_subject", unitName, taskNumber].Value,
         localizer["plans.reminder.late_body", unitName, planNumber, taskNumber, taskTitle, VietnameseFormat.Date(due)].Value));

    public (string Subject, string Body) Escalation(string unitName, string planNumber, string taskNumber, string taskTitle, string? lead, DateOnly due, int daysLate) => InVietnamese.Read(() =>
        (localizer["plans.reminder.escalation_subject", unitName, taskNumber, daysLate].Value,
         localizer["plans.reminder.escalation_body", unitName, planNumber, taskNumber, taskTitle, lead ?? localizer["plans.no_lead"].Value, VietnameseFormat.Date(due), daysLate].Value));
}
