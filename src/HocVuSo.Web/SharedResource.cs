namespace HocVuSo.Web;

/// <summary>Marker for the platform's UI strings: Resources/SharedResource.resx (Vietnamese) and .en.resx.</summary>
public sealed class SharedResource;
