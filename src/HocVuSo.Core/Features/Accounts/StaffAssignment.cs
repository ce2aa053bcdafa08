using HocVuSo.Core.Features.Geography;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// A staff assignment: one role held in one unit. What the holder sees and changes is that
/// unit's subtree (<see cref="UnitPath"/> prefix).
/// </summary>
public sealed class StaffAssignment
{
    public int Id { get; set; }

    public required string UserId { get; set; }

    public AppUser? User { get; set; }

    public StaffRole Role { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>
    /// For an <see cref="StaffRole.OrganisationOfficer"/>: the organisation (of <see cref="UnitId"/>)
    /// the holder acts for; null for every other role.
    /// </summary>
    public int? OrganisationId { get; set; }

    /// <summary>Copy of the unit's path, so scope checks are one prefix comparison.</summary>
    public required string UnitPath { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedByUserId { get; set; }
}
