using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HocVuSo.Core.Data;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Core.Features.Messaging;
using HocVuSo.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HocVuSo.Tests.Features.Certification.CertificationHelpers;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>Certificates: public verification, the PDF and who may have it, revocation, and the VNeID confirmation handler.</summary>
public class CertificateTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    internal static async Task<(HttpClient Learner, string UserName, string Number, string Serial, string ShortSignature)> CertifiedLearnerAsync(TestApp app)
    {
        var (learner, userName) = await app.CreateLearnerAsync("24445-005");
        var number = NewNumber();
        (await learner.PutAsJsonAsync("/api/v1/identity/me", new { cccd = number, birthYear = 1985, gender = "nữ" })).EnsureSuccessStatusCode();
        await PassFinalAsync(app, learner);
        var me = await MyCertificationAsync(learner);
        var serial = me.GetProperty("certificateSerial").GetString()!;
        var verifyUrl = me.GetProperty("verifyUrl").GetString()!;
        return (learner, userName, number, serial, verifyUrl[(verifyUrl.IndexOf("?s=", StringComparison.Ordinal) + 3)..]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Verify_SaysValid_RevokedOrUnknown_AndNeverShowsTheNumber(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (_, _, number, serial, signature) = await CertifiedLearnerAsync(app);
        var anonymous = app.CreateClient();

        var valid = await anonymous.GetAsync($"/api/v1/certificates/{serial}/verify?s={signature}");
        var bare = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}/verify");
        var tampered = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}/verify?s={(signature[0] == 'A' ? 'B' : 'A')}{signature[1..]}");
        var guessed = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{CertificateSerials.New(2026)}/verify");
        var malformed = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/certificates/HVS-2026-AAAA-AAAA-A/verify");

        valid.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await valid.Content.ReadAsStringAsync();
        text.ShouldNotContain(number);
        text.ShouldNotContain(number[3..]);
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        body.GetProperty("status").GetString().ShouldBe("valid");
        body.GetProperty("holder").GetString().ShouldBe("N. H. Thử");
        body.GetProperty("commune").GetString().ShouldBe("Xã Ea Trang");
        body.GetProperty("ruleVersion").GetString().ShouldBe("v1-2026");
        body.GetProperty("certifiedOn").GetString().ShouldNotBeNullOrEmpty();
        bare.GetProperty("status").GetString().ShouldBe("valid");
        tampered.GetProperty("status").GetString().ShouldBe("unknown");
        tampered.GetProperty("reason").GetString().ShouldBe("invalid-signature");
        tampered.GetProperty("holder").ValueKind.ShouldBe(JsonValueKind.Null);
        guessed.GetProperty("status").GetString().ShouldBe("unknown");
        malformed.GetProperty("status").GetString().ShouldBe("unknown");

        // An altered record (the name changed in the database) no longer matches its signature.
        await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).ExecuteUpdateAsync(s => s.SetProperty(c => c.HolderName, "Người Khác")));
        // A change made behind the platform's back is seen once the kept public answer expires
        // (OutputCache:CertificateSeconds); the test evicts it rather than wait.
        await app.Services.GetRequiredService<HocVuSo.Core.Common.IPublicContentCache>().EvictAsync(HocVuSo.Core.Common.PublicContent.Certificates, CancellationToken.None);
        var altered = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}/verify?s={signature}");
        altered.GetProperty("status").GetString().ShouldBe("unknown");
        altered.GetProperty("reason").GetString().ShouldBe("invalid-signature");
        await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).ExecuteUpdateAsync(s => s.SetProperty(c => c.HolderName, "Người Học Thử")));

        var page = await anonymous.GetStringAsync($"/verify/{serial}?s={signature}");
        page.ShouldContain("CHỨNG NHẬN HỢP LỆ");
        page.ShouldContain("data-status=\"valid\"");
        page.ShouldNotContain(number);
        (await anonymous.GetStringAsync($"/verify/{serial}?s=AAAAAAAAAAAAAAAA")).ShouldContain("KHÔNG HỢP LỆ");
        (await anonymous.GetStringAsync($"/verify/{CertificateSerials.New(2026)}")).ShouldContain("KHÔNG XÁC MINH ĐƯỢC");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Revoke_NeedsAReason_AndAScopedOfficer_IsAudited_AndVerifiesAsRevoked(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _, _, serial, signature) = await CertifiedLearnerAsync(app);
        var officer = await app.CreateClientAsync("officer.eatrang");

        (await learner.PostAsJsonAsync($"/api/v1/certificates/{serial}/revoke", new { reason = "tự thu hồi" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.CreateClientAsync("officer.bacninh")).PostAsJsonAsync($"/api/v1/certificates/{serial}/revoke", new { reason = "ngoài phạm vi" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var noReason = await officer.PostAsJsonAsync($"/api/v1/certificates/{serial}/revoke", new { reason = "  " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().ShouldBe("Hãy ghi lý do thu hồi chứng nhận.");

        var revoked = await officer.PostAsJsonAsync($"/api/v1/certificates/{serial}/revoke", new { reason = "Cấp nhầm người." });
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await officer.PostAsJsonAsync($"/api/v1/certificates/{serial}/revoke", new { reason = "lần nữa" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var verify = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/certificates/{serial}/verify?s={signature}");
        verify.GetProperty("status").GetString().ShouldBe("revoked");
        (await app.CreateClient().GetStringAsync($"/verify/{serial}")).ShouldContain("ĐÃ BỊ THU HỒI");
        (await MyCertificationAsync(learner)).GetProperty("status").GetString().ShouldBe("revoked");
        (await learner.GetAsync($"/api/v1/certificates/{serial}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var id = await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).Select(c => c.Id).SingleAsync());
        var audit = (await app.ExecuteDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == CertificationAuditActions.Revoked && a.EntityKey == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToListAsync())).ShouldHaveSingleItem();
        audit.Reason.ShouldBe("Cấp nhầm người.");
        audit.ActorName.ShouldBe("officer.eatrang");

        // The decision and its reason are shown to staff: in the API and on the unit's certification page.
        var decisions = await officer.GetFromJsonAsync<JsonElement>("/api/v1/certification/units/24445/decisions");
        decisions.EnumerateArray().Single(d => d.GetProperty("serial").GetString() == serial).GetProperty("reason").GetString().ShouldBe("Cấp nhầm người.");
        var browser = app.CreateClient();
        await browser.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });
        (await browser.GetPageAsync("/units/24445/certification")).QuerySelectorAll("#certification-decisions tbody tr").Select(r => r.TextContent)
            .ShouldContain(r => r.Contains(serial) && r.Contains("Thu hồi chứng nhận") && r.Contains("Cấp nhầm người."));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Pdf_ReadsBackInVietnamese_WithMaskedNumber_ForItsOwnerAndScopedStaffOnly(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _, number, serial, _) = await CertifiedLearnerAsync(app);

        var response = await learner.GetAsync($"/api/v1/certificates/{serial}/pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = await PdfText.ExtractAsync(bytes);
        text.ShouldContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
        text.ShouldContain("Độc lập - Tự do - Hạnh phúc");
        text.ShouldContain("GIẤY CHỨNG NHẬN");
        text.ShouldContain("Người Học Thử");
        text.ShouldContain("066•••••••" + number[^2..]);
        text.ShouldContain(serial);
        text.ShouldContain("Xã Ea Trang");
        text.ShouldContain("v1-2026");
        text.ShouldContain("/verify/" + serial + "?s=");
        text.ShouldNotContain(number);
        var info = await PdfText.InfoAsync(bytes);
        System.Text.RegularExpressions.Regex.IsMatch(info, @"Page size:\s+842 x 595 pts \(A4\)").ShouldBeTrue(info);

        (await (await app.CreateClientAsync("officer.eatrang")).GetAsync($"/api/v1/certificates/{serial}/pdf")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.CreateClientAsync("officer.bacninh")).GetAsync($"/api/v1/certificates/{serial}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (stranger, _) = await app.CreateLearnerAsync();
        (await stranger.GetAsync($"/api/v1/certificates/{serial}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/v1/certificates/{serial}/pdf")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VneidHandler_SendsTheDecryptedNumber_SetsConfirmedOnce_AndADuplicateAckChangesNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _, number, serial, _) = await CertifiedLearnerAsync(app);
        var client = new RecordingVneidClient();
        var firstAck = new DateTime(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);

        await DeliverAsync(app, serial, client, new VneidAcknowledgement("ack-1", firstAck, AlreadyRecorded: false));
        await DeliverAsync(app, serial, client, new VneidAcknowledgement("ack-2", firstAck.AddHours(5), AlreadyRecorded: true));

        client.Sent.Count.ShouldBe(1);
        var (confirmation, key) = client.Sent[0];
        confirmation.PersonalIdNumber.ShouldBe(number);
        confirmation.CertificateSerial.ShouldBe(serial);
        confirmation.FullName.ShouldBe("Người Học Thử");
        confirmation.CommuneCode.ShouldBe("24445");
        key.ShouldBe("vneid-confirmation:" + serial);
        var row = await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Serial == serial));
        row.VneidConfirmedAt.ShouldBe(firstAck);
        row.VneidAcknowledgementId.ShouldBe("ack-1");
        (await MyCertificationAsync(learner)).GetProperty("vneidConfirmedAt").GetDateTime().ShouldBe(firstAck);

        // A second acknowledgement that arrives while the first is being recorded changes nothing either.
        await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).ExecuteUpdateAsync(s => s.SetProperty(c => c.VneidConfirmedAt, (DateTime?)null)));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var message = await db.OutboxMessages.SingleAsync(m => m.Reference == serial);
            var handler = new VneidConfirmationHandler(db, scope.ServiceProvider.GetRequiredService<PersonalDataProtector>(), new AckingWhileRecorded(app, serial, firstAck));
            await handler.HandleAsync(message, CancellationToken.None);
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
        }

        (await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Serial == serial))).VneidAcknowledgementId.ShouldBe("ack-1");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task VneidHandler_WithoutAnIdNumber_FailsClearly_AndSendsNothing(string provider)
    {
        var app = await TestApp.GetAsync(provider);
        var (learner, _) = await app.CreateLearnerAsync();
        await PassFinalAsync(app, learner);
        var serial = (await MyCertificationAsync(learner)).GetProperty("certificateSerial").GetString()!;
        var client = new RecordingVneidClient();

        var error = await Should.ThrowAsync<InvalidOperationException>(() => DeliverAsync(app, serial, client, new VneidAcknowledgement("x", DateTime.UtcNow, false)));

        error.Message.ShouldContain("has not recorded an identification number");
        client.Sent.ShouldBeEmpty();
        (await app.ExecuteDbAsync(db => db.Certifications.AsNoTracking().SingleAsync(c => c.Serial == serial))).VneidConfirmedAt.ShouldBeNull();
        // Registered for the outbox worker (which resolves it with the configured VNeID client).
        app.Services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(IOutboxHandler)).ShouldBeTrue();
    }

    /// <summary>Runs the handler as the worker would: in one scope, saving after it returns.</summary>
    private static async Task DeliverAsync(TestApp app, string serial, RecordingVneidClient client, VneidAcknowledgement ack)
    {
        client.Next = ack;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var message = await db.OutboxMessages.SingleAsync(m => m.Reference == serial);
        await new VneidConfirmationHandler(db, scope.ServiceProvider.GetRequiredService<PersonalDataProtector>(), client).HandleAsync(message, CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private sealed class RecordingVneidClient : IVneidClient
    {
        public List<(VneidConfirmation Confirmation, string Key)> Sent { get; } = [];

        public VneidAcknowledgement Next { get; set; } = new("none", DateTime.UtcNow, false);

        public Task<VneidAcknowledgement> ConfirmAsync(VneidConfirmation confirmation, string idempotencyKey, CancellationToken cancellationToken)
        {
            // The handler only calls when not yet confirmed; a duplicate acknowledgement is simulated by delivering twice.
            Sent.Add((confirmation, idempotencyKey));
            return Task.FromResult(Next);
        }
    }

    /// <summary>Another delivery records its acknowledgement while this call is in flight.</summary>
    private sealed class AckingWhileRecorded(TestApp app, string serial, DateTime at) : IVneidClient
    {
        public async Task<VneidAcknowledgement> ConfirmAsync(VneidConfirmation confirmation, string idempotencyKey, CancellationToken cancellationToken)
        {
            await app.ExecuteDbAsync(db => db.Certifications.Where(c => c.Serial == serial).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.VneidConfirmedAt, at).SetProperty(c => c.Revision, c => c.Revision + 1), cancellationToken));
            return new VneidAcknowledgement("ack-late", at.AddMinutes(1), AlreadyRecorded: true);
        }
    }
}
