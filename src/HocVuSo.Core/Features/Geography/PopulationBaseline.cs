namespace HocVuSo.Core.Features.Geography;

/// <summary>
/// Population baseline (số liệu nền) of a unit for one year: the denominators of the movement's
/// indicators — adults 18+, officials and civil servants (CBCCVC), students by level,
/// enterprise and cooperative workers, households. Every change is kept in the audit trail.
/// </summary>
public sealed class PopulationBaseline
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    public int Year { get; set; }

    public int Adults { get; set; }

    public int Officials { get; set; }

    public int StudentsPrimary { get; set; }

    public int StudentsLowerSecondary { get; set; }

    public int StudentsUpperSecondary { get; set; }

    public int StudentsHigherEducation { get; set; }

    public int EnterpriseWorkers { get; set; }

    public int Households { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedByUserId { get; set; }

    public int StudentsTotal => StudentsPrimary + StudentsLowerSecondary + StudentsUpperSecondary + StudentsHigherEducation;
}
