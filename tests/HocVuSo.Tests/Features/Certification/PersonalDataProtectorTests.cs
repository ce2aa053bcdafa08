using System.Security.Cryptography;
using System.Text;
using HocVuSo.Core.Features.Certification;
using HocVuSo.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace HocVuSo.Tests.Features.Certification;

/// <summary>Encryption at rest with rotating keys, the keyed hash, and the keys generated for the embedded demo.</summary>
public class PersonalDataProtectorTests
{
    private const string Number = "066185123456";
    private const string Context = "personal-id-number\nuser-1";

    private static readonly string KeyA = NewKey();
    private static readonly string KeyB = NewKey();
    private static readonly string HashKey = NewKey();

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static PersonalDataProtector Protector(string active, params (string Id, string Key)[] keys)
    {
        var options = new PersonalDataOptions { ActiveKeyId = active, HashKey = HashKey };
        foreach (var (id, key) in keys)
        {
            options.Keys[id] = key;
        }

        return new PersonalDataProtector(Options.Create(options));
    }

    [Fact]
    public void Protect_RoundTrips_WithoutThePlainText()
    {
        var protector = Protector("k1", ("k1", KeyA));

        var first = protector.Protect(Number, Context);
        var second = protector.Protect(Number, Context);

        first.KeyId.ShouldBe("k1");
        protector.Unprotect(first, Context).ShouldBe(Number);
        protector.Unprotect(second, Context).ShouldBe(Number);
        first.Cipher.ShouldNotBe(second.Cipher);
        Encoding.ASCII.GetString(first.Cipher).ShouldNotContain(Number);
        Convert.ToHexString(first.Cipher).ShouldNotContain(Number);
    }

    [Fact]
    public void Cipher_IsBoundToItsContextAndKeyId()
    {
        var protector = Protector("k1", ("k1", KeyA), ("k2", KeyB));
        var value = protector.Protect(Number, Context);

        Should.Throw<CryptographicException>(() => protector.Unprotect(value, "personal-id-number\nuser-2"));
        Should.Throw<CryptographicException>(() => protector.Unprotect(value with { KeyId = "k2" }, Context));
        var tampered = value.Cipher.ToArray();
        tampered[^1] ^= 1;
        Should.Throw<CryptographicException>(() => protector.Unprotect(value with { Cipher = tampered }, Context));
    }

    [Fact]
    public void Rotation_OldKeysStillDecrypt_NewValuesUseTheActiveKey()
    {
        var before = Protector("k1", ("k1", KeyA)).Protect(Number, Context);
        var rotated = Protector("k2", ("k1", KeyA), ("k2", KeyB));

        rotated.Unprotect(before, Context).ShouldBe(Number);
        var after = rotated.Protect(Number, Context);
        after.KeyId.ShouldBe("k2");
        rotated.Unprotect(after, Context).ShouldBe(Number);
        Should.Throw<CryptographicException>(() => Protector("k1", ("k1", KeyA)).Unprotect(after with { KeyId = "k1" }, Context));

        var retired = Protector("k2", ("k2", KeyB));
        Should.Throw<InvalidOperationException>(() => retired.Unprotect(before, Context)).Message.ShouldContain("'k1'");
    }

    [Fact]
    public void Hash_IsStable_AcrossInstancesAndKeyRotation_AndDependsOnTheHashKeyAndPurpose()
    {
        var hash = Protector("k1", ("k1", KeyA)).Hash(PersonalIdNumbers.Purpose, Number);

        hash.Length.ShouldBe(32);
        Protector("k2", ("k1", KeyA), ("k2", KeyB)).Hash(PersonalIdNumbers.Purpose, Number).ShouldBe(hash);
        Protector("k1", ("k1", KeyA)).Hash(PersonalIdNumbers.Purpose, "066185123457").ShouldNotBe(hash);
        Protector("k1", ("k1", KeyA)).Hash("phone", Number).ShouldNotBe(hash);
        var otherHashKey = new PersonalDataOptions { ActiveKeyId = "k1", HashKey = NewKey(), Keys = { ["k1"] = KeyA } };
        new PersonalDataProtector(Options.Create(otherHashKey)).Hash(PersonalIdNumbers.Purpose, Number).ShouldNotBe(hash);
    }

    [Theory]
    [InlineData("k9", "k1", "32", "ActiveKeyId")]
    [InlineData("k1", "k1", "16", "PersonalData:Keys:k1")]
    [InlineData("k1", "bad id!", "32", "key id")]
    [InlineData("k1", "k1", "none", "HashKey")]
    public void HalfOrBadlyConfiguredKeys_StopTheStart_WithoutShowingKeys(string active, string keyId, string keySize, string expected)
    {
        var key = keySize == "16" ? Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)) : KeyA;
        var options = new PersonalDataOptions { ActiveKeyId = active, HashKey = keySize == "none" ? null : HashKey, Keys = { [keyId] = key } };

        var result = new PersonalDataOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.FailureMessage.ShouldContain(expected);
        result.FailureMessage.ShouldNotContain(key);
        new PersonalDataOptionsValidator().Validate(null, new PersonalDataOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ConfiguredKeys_AreUsedAsTheyAre_AndNoFileIsWritten()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hocvuso-tests", "keys-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = folder }).Build();
        var options = new PersonalDataOptions { ActiveKeyId = "k1", HashKey = HashKey, Keys = { ["k1"] = KeyA } };

        new GeneratedPersonalDataKeys(configuration, NullLogger<GeneratedPersonalDataKeys>.Instance).PostConfigure(null, options);

        options.Keys.Keys.ShouldBe(["k1"]);
        Directory.Exists(folder).ShouldBeFalse();
    }

    [Fact]
    public void WithoutConfiguredKeys_KeysAreGeneratedOnce_PrivateToThePlatform_WithAWarning()
    {
        var folder = Path.Combine(Path.GetTempPath(), "hocvuso-tests", "keys-" + Guid.NewGuid().ToString("N"));
        try
        {
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeysPath"] = folder }).Build();
            var log = new ListLogger<GeneratedPersonalDataKeys>();
            var firstOptions = new PersonalDataOptions();
            new GeneratedPersonalDataKeys(configuration, log).PostConfigure(null, firstOptions);
            var first = new PersonalDataProtector(Options.Create(firstOptions));
            var value = first.Protect(Number, Context);
            var secondOptions = new PersonalDataOptions();
            new GeneratedPersonalDataKeys(configuration, NullLogger<GeneratedPersonalDataKeys>.Instance).PostConfigure(null, secondOptions);
            var second = new PersonalDataProtector(Options.Create(secondOptions));

            second.Unprotect(value, Context).ShouldBe(Number);
            second.Hash(PersonalIdNumbers.Purpose, Number).ShouldBe(first.Hash(PersonalIdNumbers.Purpose, Number));
            new PersonalDataOptionsValidator().Validate(null, secondOptions).Succeeded.ShouldBeTrue();
            var file = Path.Combine(folder, "personal-data-keys.json");
            File.Exists(file).ShouldBeTrue();
            Directory.GetFiles(folder).Length.ShouldBe(1);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            var warning = log.Entries.ShouldHaveSingleItem();
            warning.Level.ShouldBe(LogLevel.Warning);
            warning.Message.ShouldContain("PersonalData:Keys");
            warning.Message.ShouldContain(file);
            warning.Message.ShouldNotContain(firstOptions.HashKey!);
            warning.Message.ShouldNotContain(firstOptions.Keys.Values.Single());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
