using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Oversight;

public sealed record VerificationItemView(
    int Id, int Position, string Village, string Subject, string? Name, string? Phone, string? Serial, DateOnly? Date,
    string? Title, string? Place, int? Participants, string? RecordedBy, string? Outcome, string? Note, DateTime? RecordedAt);

public sealed record EstimateView(double? Genuine, double? Low, double? High, int Confirmed, int Counted, int Unreachable, int Pending);

public sealed record VerificationSampleView(
    int Id, string Unit, string UnitName, string Period, string Kind, int Size, int Seed, int Population, DateTime DrawnAt,
    string? DrawnBy, bool Masked, IReadOnlyList<VerificationItemView> Items, EstimateView Estimate);

/// <summary>
/// A call-back sample with its outcomes and the genuine-share estimate. Staff above the commune
/// with the right to see staff data read it; the commune's own staff do not (they would learn whom
/// the inspector will call). Names and phones are shown in full only to the inspector who drew the
/// sample, masked for everyone else; every view is audited.
/// </summary>
public static class GetVerificationSample
{
    public sealed record Query(int Id);

    public sealed class Handler(AppDbContext db, ScopeService scopes, Viewer viewer)
    {
        public async Task<Result<VerificationSampleView>> HandleAsync(Query query, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var sample = await db.VerificationSamples.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == query.Id, ct);
            if (sample is null || !scope.Can(Permission.ViewStaffData, sample.UnitPath))
            {
                return Errors.NotFound("verification.sample_not_found", query.Id);
            }

            if (!scope.CanAbove(Permission.ViewStaffData, sample.UnitPath))
            {
                return Errors.Forbidden();
            }

            var unitName = await db.Units.AsNoTracking().Where(u => u.Id == sample.UnitId).Select(u => u.Name).FirstAsync(ct);
            return await viewer.ViewAsync(sample, unitName, scope, ct, audit: true);
        }
    }

    /// <summary>Builds the view of a sample for a reader (masking for all but the inspector) and audits the view when asked.</summary>
    public sealed class Viewer(AppDbContext db, TimeProvider clock)
    {
        public async Task<VerificationSampleView> ViewAsync(VerificationSample sample, string unitName, UserScope scope, CancellationToken ct, bool audit = false)
        {
            var masked = scope.UserId is null || scope.UserId != sample.DrawnByUserId;
            var details = await VerificationRecords.DetailsAsync(db, sample.Kind, sample.Items.Select(i => i.SubjectKey).ToList(), ct);
            var items = sample.Items.OrderBy(i => i.Position).Select(i =>
            {
                var d = details.GetValueOrDefault(i.SubjectKey) ?? new SampledRecord(i.SubjectKey);
                return new VerificationItemView(
                    i.Id, i.Position, i.VillageCode, i.SubjectKey,
                    masked ? Mask.Name(d.Name) : d.Name, masked ? Mask.Phone(d.Phone) : d.Phone, d.Serial, d.Date,
                    d.Title, d.Place, d.Participants, masked ? Mask.Name(d.RecordedBy) : d.RecordedBy,
                    VerificationKeys.Key(i.Outcome), i.Note, i.RecordedAt);
            }).ToList();
            var estimate = VerificationStatistics.Estimate(sample.Items.Select(i => i.Outcome));
            if (audit)
            {
                AuditLog.Record(db, scope, clock.UtcNow(), "verification.sample_viewed", nameof(VerificationSample), sample.Id.ToString(CultureInfo.InvariantCulture), sample.UnitPath,
                    newValue: new { masked });
                await db.SaveChangesAsync(ct);
            }

            return new VerificationSampleView(
                sample.Id, sample.CommuneCode, unitName, VietnameseFormat.PeriodKey(sample.Period), VerificationKeys.Key(sample.Kind),
                sample.Size, sample.Seed, sample.Population, sample.DrawnAt, sample.DrawnByName, masked, items,
                new EstimateView(estimate.Genuine, estimate.Low, estimate.High, estimate.GenuineCount, estimate.Counted, estimate.Unreachable, estimate.Pending));
        }
    }
}
