using System.Security.Cryptography.X509Certificates;
using HocVuSo.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace HocVuSo.Web.Hosting;

/// <summary>
/// The data-protection key ring (it protects sign-in cookies, antiforgery tokens and the other
/// tokens the platform issues) lives in the application database, so every web instance behind
/// the load balancer reads what another issued, and the keys survive restarts and redeployments.
/// With <c>DataProtection:Certificate:Path</c> (a PKCS#12 file with its private key) each key is
/// encrypted with that certificate before it is stored; certificates listed under
/// <c>DataProtection:Certificate:Previous</c> still decrypt keys written under them.
/// </summary>
public static class DataProtectionSetup
{
    public static IServiceCollection AddPlatformDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddDataProtection()
            .SetApplicationName("HocVuSo")
            .PersistKeysToDbContext<AppDbContext>();

        var section = configuration.GetSection("DataProtection:Certificate");
        var path = section["Path"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var current = Load(path, section["Password"]);
            var previous = section.GetSection("Previous").GetChildren()
                .Select(entry => Load(entry["Path"] ?? entry.Value ?? string.Empty, entry["Password"]))
                .ToArray();
            builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }

        return services;
    }

    private static X509Certificate2 Load(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"DataProtection:Certificate: the certificate file {path} does not exist.");
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"DataProtection:Certificate: {path} holds no private key; the key ring cannot be decrypted with it.");
        }

        return certificate;
    }
}
