using HocVuSo.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Core.Features.Accounts;

/// <summary>
/// The one-off step that protects rows written before names, phones and e-mail addresses were
/// encrypted: any protected column (user names, phones and e-mails, team members, walk-ins,
/// certificate holders, outbox payloads, the VNeID sandbox's names, Identity's account secrets such as
/// authenticator keys) still without the
/// <see cref="PersonalDataColumns.Marker"/> is written again (the column converters encrypt it);
/// a learner whose user name is still their phone number or e-mail address gets its sign-in
/// handle (<see cref="LoginNames"/>), so they keep signing in by typing it, and every
/// <c>NormalizedEmail</c> becomes the address's keyed hash. Run by <c>hocvuso migrate</c> (DatabaseMigrator) after the schema migrations;
/// idempotent: a second run finds nothing in clear and changes nothing.
/// </summary>
public static class PersonalDataAtRest
{
    private const int BatchSize = 500;

    public sealed record Report(int Users, int TeamMembers, int WalkIns, int Certifications = 0, int OutboxMessages = 0, int SandboxConfirmations = 0, int AccountSecrets = 0);

    /// <summary>SQL LIKE pattern of a protected value.</summary>
    private const string Protected = PersonalDataColumns.Marker + "%";

    public static async Task<Report> ProtectAsync(AppDbContext db, LoginNames loginNames, CancellationToken ct)
    {
        // Raw SQL: the stored (encrypted or clear) text is compared, which LINQ over converted columns cannot express.
        var userIds = await db.Database.SqlQueryRaw<string>(
            "SELECT \"Id\" AS \"Value\" FROM \"AspNetUsers\" WHERE \"FullName\" NOT LIKE '" + Protected + "' OR (\"PhoneNumber\" IS NOT NULL AND \"PhoneNumber\" NOT LIKE '" + Protected + "')"
            + " OR (\"Email\" IS NOT NULL AND \"Email\" NOT LIKE '" + Protected + "') OR \"UserName\" LIKE '%@%'")
            .ToListAsync(ct);
        foreach (var batch in userIds.Chunk(BatchSize))
        {
            var users = await db.Users.Where(u => batch.Contains(u.Id)).ToListAsync(ct);
            foreach (var user in users)
            {
                db.Entry(user).Property(u => u.FullName).IsModified = true;
                db.Entry(user).Property(u => u.PhoneNumber).IsModified = user.PhoneNumber is not null;
                if (LoginNames.NormalisePhone(user.UserName) is { } phone && phone == user.UserName)
                {
                    user.PhoneNumber ??= phone;
                    user.UserName = loginNames.PhoneHandle(phone);
                    user.NormalizedUserName = user.UserName.ToUpperInvariant();
                }
                else if (LoginNames.Normalise(user.UserName) is { } email && LoginNames.IsEmail(email))
                {
                    user.Email ??= email;
                    user.UserName = loginNames.EmailHandle(email);
                    user.NormalizedUserName = user.UserName.ToUpperInvariant();
                }

                db.Entry(user).Property(u => u.Email).IsModified = user.Email is not null;
                user.NormalizedEmail = loginNames.EmailKey(user.Email);
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var memberIds = await db.Database.SqlQueryRaw<int>(
            "SELECT \"Id\" AS \"Value\" FROM \"TeamMembers\" WHERE \"FullName\" NOT LIKE '" + Protected + "' OR (\"Phone\" IS NOT NULL AND \"Phone\" NOT LIKE '" + Protected + "')")
            .ToListAsync(ct);
        foreach (var batch in memberIds.Chunk(BatchSize))
        {
            var members = await db.TeamMembers.Where(m => batch.Contains(m.Id)).ToListAsync(ct);
            foreach (var member in members)
            {
                db.Entry(member).Property(m => m.FullName).IsModified = true;
                db.Entry(member).Property(m => m.Phone).IsModified = member.Phone is not null;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var walkInIds = await db.Database.SqlQueryRaw<int>(
            "SELECT \"Id\" AS \"Value\" FROM \"ClassAttendance\" WHERE \"WalkInName\" IS NOT NULL AND \"WalkInName\" NOT LIKE '" + Protected + "'")
            .ToListAsync(ct);
        foreach (var batch in walkInIds.Chunk(BatchSize))
        {
            var attendees = await db.ClassAttendance.Where(a => batch.Contains(a.Id)).ToListAsync(ct);
            foreach (var attendee in attendees)
            {
                db.Entry(attendee).Property(a => a.WalkInName).IsModified = true;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var certificationIds = await db.Database.SqlQueryRaw<int>(
            "SELECT \"Id\" AS \"Value\" FROM \"Certifications\" WHERE \"HolderName\" IS NOT NULL AND \"HolderName\" NOT LIKE '" + Protected + "'")
            .ToListAsync(ct);
        foreach (var batch in certificationIds.Chunk(BatchSize))
        {
            // Only the holder's name is written: the certificate's signature covers the name in clear and stays valid.
            foreach (var certification in await db.Certifications.Where(c => batch.Contains(c.Id)).ToListAsync(ct))
            {
                db.Entry(certification).Property(c => c.HolderName).IsModified = true;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var messageIds = await db.Database.SqlQueryRaw<long>(
            "SELECT \"Id\" AS \"Value\" FROM \"OutboxMessages\" WHERE \"Payload\" NOT LIKE '" + Protected + "'")
            .ToListAsync(ct);
        foreach (var batch in messageIds.Chunk(BatchSize))
        {
            foreach (var message in await db.OutboxMessages.Where(m => batch.Contains(m.Id)).ToListAsync(ct))
            {
                db.Entry(message).Property(m => m.Payload).IsModified = true;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var sandboxIds = await db.Database.SqlQueryRaw<long>(
            "SELECT \"Id\" AS \"Value\" FROM \"VneidSandboxConfirmations\" WHERE \"FullName\" NOT LIKE '" + Protected + "'")
            .ToListAsync(ct);
        foreach (var batch in sandboxIds.Chunk(BatchSize))
        {
            foreach (var confirmation in await db.VneidSandboxConfirmations.Where(c => batch.Contains(c.Id)).ToListAsync(ct))
            {
                db.Entry(confirmation).Property(c => c.FullName).IsModified = true;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        var secretOwners = await db.Database.SqlQueryRaw<string>(
            "SELECT DISTINCT \"UserId\" AS \"Value\" FROM \"AspNetUserTokens\" WHERE \"Value\" IS NOT NULL AND \"Value\" NOT LIKE '" + Protected + "'")
            .ToListAsync(ct);
        var secrets = 0;
        foreach (var batch in secretOwners.Chunk(BatchSize))
        {
            foreach (var token in await db.UserTokens.Where(t => batch.Contains(t.UserId)).ToListAsync(ct))
            {
                db.Entry(token).Property(t => t.Value).IsModified = token.Value is not null;
                secrets++;
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return new Report(userIds.Count, memberIds.Count, walkInIds.Count, certificationIds.Count, messageIds.Count, sandboxIds.Count, secrets);
    }
}
