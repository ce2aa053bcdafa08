using System.Globalization;
using HocVuSo.Core.Common;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Accounts;
using HocVuSo.Core.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Certification;

/// <summary>A person's digital-identity milestones as officers see them.</summary>
public sealed record DigitalIdentityStatusView(string UserName, DateOnly? VneidLevel2On, string? VneidLevel2Source, DateOnly? DigitalSignatureOn, string? DigitalSignatureSource)
{
    internal static DigitalIdentityStatusView From(string userName, DigitalIdentityStatus? s) => new(
        userName, s?.VneidLevel2On, SourceName(s?.VneidLevel2Source), s?.DigitalSignatureOn, SourceName(s?.DigitalSignatureSource));

    public static string? SourceName(StatusSource? source) => source switch
    {
        StatusSource.Officer => "officer",
        StatusSource.Import => "import",
        _ => null,
    };
}

internal static class StatusDates
{
    public static readonly DateOnly Earliest = new(2020, 1, 1);

    /// <summary>dd/MM/yyyy (as people write it) or yyyy-MM-dd; between 2020 and today.</summary>
    public static (DateOnly? Date, Error? Error) Parse(string? text, string field, DateOnly today)
    {
        var value = VietnameseText.Clean(text);
        if (value.Length == 0)
        {
            return (null, null);
        }

        if (!DateOnly.TryParseExact(value, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return (null, Errors.Invalid("digital_status.date_invalid", field, value.Length > 20 ? value[..20] : value));
        }

        if (date < Earliest || date > today)
        {
            return (null, Errors.Invalid("digital_status.date_out_of_range", field, VietnameseFormat.Date(date), VietnameseFormat.Date(Earliest), VietnameseFormat.Date(today)));
        }

        return (date, null);
    }

    public static void Apply(DigitalIdentityStatus row, DateOnly? vneid, DateOnly? signature, StatusSource source, DateTime now)
    {
        if (vneid is { } v)
        {
            (row.VneidLevel2On, row.VneidLevel2Source, row.VneidLevel2RecordedAt) = (v, source, now);
        }

        if (signature is { } s)
        {
            (row.DigitalSignatureOn, row.DigitalSignatureSource, row.DigitalSignatureRecordedAt) = (s, source, now);
        }
    }
}

/// <summary>
/// An officer who manages identities in a person's unit records that the person activated a
/// level-2 VNeID account and/or registered a personal digital signature, with the dates (dd/MM/yyyy).
/// A date left empty keeps what was recorded. Audited.
/// </summary>
public static class SetDigitalIdentityStatus
{
    public sealed record Command(string? UserName, string? VneidLevel2On, string? DigitalSignatureOn);

    public sealed class Handler(AppDbContext db, ScopeService scopes, TimeProvider clock)
    {
        public async Task<Result<DigitalIdentityStatusView>> HandleAsync(Command command, CancellationToken ct)
        {
            var scope = await scopes.GetAsync(ct);
            var resolved = await IdentityTargets.ResolveAsync(db, scope, command.UserName, allowSelf: false, ct);
            if (!resolved.IsSuccess)
            {
                return Result<DigitalIdentityStatusView>.Fail(resolved.Errors);
            }

            var target = resolved.Value!;
            var today = clock.TodayInVietnam();
            var (vneid, vneidError) = StatusDates.Parse(command.VneidLevel2On, "vneidLevel2On", today);
            var (signature, signatureError) = StatusDates.Parse(command.DigitalSignatureOn, "digitalSignatureOn", today);
            var errors = new[] { vneidError, signatureError }.OfType<Error>().ToList();
            if (errors.Count == 0 && vneid is null && signature is null)
            {
                errors.Add(Errors.Invalid("digital_status.nothing_to_set", "vneidLevel2On"));
            }

            if (errors.Count > 0)
            {
                return Result<DigitalIdentityStatusView>.Fail(errors);
            }

            var now = clock.UtcNow();
            var row = await db.DigitalIdentityStatuses.FirstOrDefaultAsync(s => s.UserId == target.UserId, ct);
            var old = row is null ? null : new { row.VneidLevel2On, row.DigitalSignatureOn };
            if (row is null)
            {
                row = new DigitalIdentityStatus { UserId = target.UserId };
                db.DigitalIdentityStatuses.Add(row);
            }

            row.UnitPath = target.UnitPath;
            StatusDates.Apply(row, vneid, signature, StatusSource.Officer, now);
            AuditLog.Record(db, scope, now, CertificationAuditActions.StatusSet, nameof(DigitalIdentityStatus), target.UserId, target.UnitPath,
                oldValue: old, newValue: new { row.VneidLevel2On, row.DigitalSignatureOn, source = "officer" });
            await db.SaveChangesAsync(ct);
            return DigitalIdentityStatusView.From(target.UserName, row);
        }
    }
}
