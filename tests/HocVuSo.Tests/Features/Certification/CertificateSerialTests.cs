using HocVuSo.Core.Features.Certification;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Certification;

public class CertificateSerialTests
{
    [Fact]
    public void NewSerials_AreWellFormed_Distinct_AndATypoIsCaught()
    {
        var serials = Enumerable.Range(0, 200).Select(_ => CertificateSerials.New(2026)).ToList();

        serials.ShouldAllBe(s => CertificateSerials.IsWellFormed(s) && s.StartsWith("HVS-2026-", StringComparison.Ordinal) && s.Length == 20);
        serials.Distinct().Count().ShouldBe(200);
        var serial = serials[0];
        var typo = serial[..10] + (serial[10] == 'A' ? 'B' : 'A') + serial[11..];
        CertificateSerials.IsWellFormed(typo).ShouldBeFalse();
        CertificateSerials.IsWellFormed(serial.ToLowerInvariant()).ShouldBeFalse();
        CertificateSerials.IsWellFormed("HVS-2026-0000-0000-0").ShouldBeFalse();
        CertificateSerials.IsWellFormed(null).ShouldBeFalse();
    }

    [Fact]
    public void EveryMistypedCharacterOfTheRandomPart_IsCaught()
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        foreach (var serial in Enumerable.Range(0, 50).Select(_ => CertificateSerials.New(2026)))
        {
            foreach (var position in new[] { 9, 10, 11, 12, 14, 15, 16, 17 })
            {
                foreach (var other in alphabet.Where(c => c != serial[position]))
                {
                    var typo = serial[..position] + other + serial[(position + 1)..];
                    CertificateSerials.IsWellFormed(typo).ShouldBeFalse(typo);
                }
            }
        }
    }

    [Fact]
    public void SerialsIssuedByTheFirstRelease_StillMayHaveBeenIssued_ButNotRandomOnes()
    {
        const string body = "HVS-2026-K7QM-3XPA";
        var firstRelease = body + "-" + CertificateSerials.FirstReleaseCheck(body);
        CertificateSerials.MayHaveBeenIssued(firstRelease).ShouldBeTrue();
        CertificateSerials.MayHaveBeenIssued(CertificateSerials.New(2026)).ShouldBeTrue();
        CertificateSerials.MayHaveBeenIssued("HVS-2026-AAAA-AAAA-A").ShouldBeFalse();
        CertificateSerials.MayHaveBeenIssued("HVS-2026-0000-0000-0").ShouldBeFalse();
        CertificateSerials.MayHaveBeenIssued(null).ShouldBeFalse();
    }

    [Fact]
    public void Signature_CoversEveryField_AndDependsOnTheKey()
    {
        var signer = new CertificateSigner(Options.Create(new CertificateOptions { SigningKey = Convert.ToBase64String(new byte[32]) }));
        var other = new CertificateSigner(Options.Create(new CertificateOptions { SigningKey = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) }));
        var fields = new CertificateFields("HVS-2026-2345-6789-X", "066•••••••12", "Nguyễn Thị Lan", "24445", new DateOnly(2026, 3, 5), "v1-2026");
        var signature = signer.Sign(fields);

        signer.Verify(fields, signer.KeyId, signature).ShouldBeTrue();
        signer.Verify(fields with { HolderName = "Nguyễn Thị Lân" }, signer.KeyId, signature).ShouldBeFalse();
        signer.Verify(fields with { MaskedIdNumber = "066•••••••13" }, signer.KeyId, signature).ShouldBeFalse();
        signer.Verify(fields with { CertifiedOn = new DateOnly(2026, 3, 6) }, signer.KeyId, signature).ShouldBeFalse();
        signer.Verify(fields with { RuleVersion = "v2" }, signer.KeyId, signature).ShouldBeFalse();
        signer.Verify(fields with { CommuneCode = "24446" }, signer.KeyId, signature).ShouldBeFalse();
        other.Verify(fields, other.KeyId, signature).ShouldBeFalse();
        other.KeyId.ShouldNotBe(signer.KeyId);
        CertificateSigner.MatchesShort(signature, CertificateSigner.Abbreviate(signature)).ShouldBeTrue();
        CertificateSigner.MatchesShort(signature, signature[..8]).ShouldBeFalse();
        Should.Throw<InvalidOperationException>(() => new CertificateSigner(Options.Create(new CertificateOptions { SigningKey = "c2hvcnQ=" })));
    }

    [Theory]
    [InlineData("Nguyễn Thị Lan", "N. T. Lan")]
    [InlineData("  H'Linh   Niê ", "H. Niê")]
    [InlineData("Lan", "Lan")]
    [InlineData("", "")]
    public void Initials_ShowOnlyTheGivenNameInFull(string name, string expected) =>
        VerifyCertificate.Initials(name).ShouldBe(expected);
}
