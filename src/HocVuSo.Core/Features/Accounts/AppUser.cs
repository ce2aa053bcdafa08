using HocVuSo.Core.Features.Messaging;
using Microsoft.AspNetCore.Identity;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// A person who signs in: a citizen learner or a member of staff. Staff rights come only from
/// <see cref="StaffAssignment"/> rows (role + unit), never from fields on the user.
/// </summary>
public sealed class AppUser : IdentityUser
{
    [PersonalData]
    public string FullName { get; set; } = string.Empty;

    /// <summary>The commune or village the person lives in (learners) or belongs to.</summary>
    public int? HomeUnitId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The community team member who registered this learner on their phone, if any ("cầm tay chỉ việc").</summary>
    public string? RegisteredByUserId { get; set; }

    /// <summary>
    /// The channels on which the person wants notifications (reminders and the like): e-mail by
    /// default; SMS and Zalo reach the account's phone number. Set on the notification settings page.
    /// </summary>
    public NotificationChannel NotificationChannels { get; set; } = NotificationChannel.Email;

    public ICollection<StaffAssignment> Assignments { get; } = [];
}
