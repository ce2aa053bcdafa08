using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HocVuSo.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace HocVuSo.Tests.Web;

/// <summary>
/// Several web instances behind the load balancer share one key ring, kept in the database: a
/// sign-in cookie or an antiforgery token issued by one instance is read by another, and by an
/// instance started after the first has stopped. With a certificate configured the keys are
/// stored encrypted.
/// </summary>
public class DataProtectionKeyRingTests
{
    public static TheoryData<string> Providers => TestApp.Providers;

    private const string OfficerPage = "/units/24445/certification";

    /// <summary>The personal-data and certificate keys every instance of one installation is configured with.</summary>
    private static Dictionary<string, string?> InstallationKeys() =>
        new()
        {
            ["PersonalData:Keys:k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PersonalData:ActiveKeyId"] = "k1",
            ["PersonalData:HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Certificates:SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };

    private static Dictionary<string, string?> SecondInstance(Dictionary<string, string?> first, string connectionString, params (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(first) { ["ConnectionStrings:Default"] = connectionString };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HttpClient ClientOf(TestApp app, CookieContainer cookies) =>
        new(new CookieContainerHandler(cookies) { InnerHandler = app.App.GetTestServer().CreateHandler() }) { BaseAddress = new Uri("http://localhost") };

    private static async Task SignInAsync(HttpClient client)
    {
        var login = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.UserName"] = "officer.eatrang", ["Input.Password"] = TestApp.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CookieAndAntiforgeryToken_FromOneInstance_AreAcceptedByAnother_AndAfterTheFirstStops(string provider)
    {
        var keys = InstallationKeys();
        await using var first = await TestApp.StartOwnAsync(provider, keys);
        var second = await TestApp.StartOwnAsync(provider, SecondInstance(keys, first.ConnectionString));
        var secondStopped = false;
        try
        {
            var cookies = new CookieContainer();
            var onFirst = ClientOf(first, cookies);
            var onSecond = ClientOf(second, cookies);

            // The sign-in form (its antiforgery token and cookie) comes from the first instance; the second accepts the post.
            var form = await onFirst.GetPageAsync("/Account/Login");
            var token = form.QuerySelector("form[method='post'] input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
            var signedIn = await onSecond.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = "officer.eatrang",
                ["Input.Password"] = TestApp.Password,
                ["__RequestVerificationToken"] = token,
            }));
            signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            signedIn.Headers.Location!.ToString().ShouldNotContain("/Account/Login");

            // The session cookie the second issued is read by the first.
            (await onFirst.GetAsync(OfficerPage)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await onSecond.GetAsync(OfficerPage)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await first.ExecuteDbAsync(db => db.DataProtectionKeys.CountAsync())).ShouldBe(1);

            // The instance that issued it stops; one started afterwards reads the key ring from the database.
            await second.DisposeAsync();
            secondStopped = true;
            await using var third = await TestApp.StartOwnAsync(provider, SecondInstance(keys, first.ConnectionString));
            (await ClientOf(third, cookies).GetAsync(OfficerPage)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await third.ExecuteDbAsync(db => db.DataProtectionKeys.CountAsync())).ShouldBe(1);
        }
        finally
        {
            if (!secondStopped)
            {
                await second.DisposeAsync();
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task WithACertificate_KeysAreStoredEncrypted_AndOnlyAnInstanceWithTheCertificateReadsThem(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("hocvuso-dp-cert-");
        try
        {
            var certificate = Path.Combine(folder.FullName, "dataprotection.pfx");
            using (var rsa = RSA.Create(2048))
            {
                var request = new CertificateRequest("CN=HocVuSo data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
                using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
                await File.WriteAllBytesAsync(certificate, created.Export(X509ContentType.Pkcs12, "pfx-pass"));
            }

            var keys = InstallationKeys();
            keys["DataProtection:Certificate:Path"] = certificate;
            keys["DataProtection:Certificate:Password"] = "pfx-pass";
            await using var first = await TestApp.StartOwnAsync(provider, keys);
            var cookies = new CookieContainer();
            await SignInAsync(ClientOf(first, cookies));

            var xml = await first.ExecuteDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).SingleAsync());
            xml.ShouldContain("EncryptedData");
            xml.ShouldNotContain("<masterKey");

            await using var withCertificate = await TestApp.StartOwnAsync(provider, SecondInstance(keys, first.ConnectionString));
            (await ClientOf(withCertificate, cookies).GetAsync(OfficerPage)).StatusCode.ShouldBe(HttpStatusCode.OK);

            await using var withoutCertificate = await TestApp.StartOwnAsync(provider, SecondInstance(keys, first.ConnectionString,
                ("DataProtection:Certificate:Path", null), ("DataProtection:Certificate:Password", null)));
            var refused = await ClientOf(withoutCertificate, cookies).GetAsync(OfficerPage);
            refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            refused.Headers.Location!.ToString().ShouldContain("/Account/Login");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
