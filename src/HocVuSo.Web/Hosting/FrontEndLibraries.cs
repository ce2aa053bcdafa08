using Microsoft.Extensions.FileProviders;

namespace HocVuSo.Web.Hosting;

public static class FrontEndLibraries
{
    /// <summary>
    /// Third-party CSS, JavaScript and fonts come from npm packages, copied at build into the
    /// output's lib/ folder (see FrontEnd.targets) and served from here: never from a CDN, so the
    /// platform works with no internet.
    /// </summary>
    public static IApplicationBuilder UseFrontEndLibraries(this IApplicationBuilder app)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "lib");
        Directory.CreateDirectory(folder);
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(folder),
            RequestPath = "/lib",
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "public,max-age=604800",
        });
    }
}
