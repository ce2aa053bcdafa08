using HocVuSo.Core.Common;
using HocVuSo.Core.Features.Reporting;
using HocVuSo.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace HocVuSo.Web.Exports;

/// <summary>Reminder e-mails in Vietnamese, from the resource files, whatever the language of whoever started the job.</summary>
public sealed class ReminderWording(IStringLocalizer<SharedResource> localizer) : IReminderWording
{
    public (string Subject, string Body) ToCommune(string communeName, string period, string status, DateOnly dueDate) => InVietnamese.Read(() =>
        (localizer["ReportExport.Reminder.CommuneSubject", ReportText.Month(period), communeName].Value,
         localizer["ReportExport.Reminder.CommuneBody", ReportText.LowerFirst(communeName), ReportText.Month(period), localizer["reports.status." + status].Value, VietnameseFormat.Date(dueDate)].Value));

    public (string Subject, string Body) ToProvince(string provinceName, string period, DateOnly dueDate, IReadOnlyList<(string Name, string Status)> lateCommunes) => InVietnamese.Read(() =>
        (localizer["ReportExport.Reminder.ProvinceSubject", ReportText.Month(period), provinceName, lateCommunes.Count].Value,
         localizer["ReportExport.Reminder.ProvinceBody", ReportText.LowerFirst(provinceName), ReportText.Month(period), VietnameseFormat.Date(dueDate), lateCommunes.Count].Value
            + Environment.NewLine + string.Join(Environment.NewLine, lateCommunes.Select(c => "- " + c.Name + ": " + localizer["reports.status." + c.Status].Value))));
}
