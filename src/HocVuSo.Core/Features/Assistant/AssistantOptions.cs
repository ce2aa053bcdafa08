using Microsoft.Extensions.Configuration;

namespace HocVuSo.Core.Features.Assistant;

/// <summary>The assistant's settings (section <c>Assistant</c>); the optional language model has its own (<c>Assistant:Model</c>).</summary>
public sealed class AssistantOptions
{
    public const string Section = "Assistant";

    /// <summary>Largest document a unit may upload, in bytes (20 MB by default).</summary>
    public long MaxDocumentBytes { get; set; } = 20 * 1024 * 1024;

    public static AssistantOptions From(IConfiguration configuration)
    {
        var options = new AssistantOptions();
        configuration.GetSection(Section).Bind(options);
        return options;
    }
}
