namespace HocVuSo.Web.Pages.Shared;

/// <summary>What the sign-up forms show ticked in <c>_ConsentChoices</c> (the person's last choice when the form comes back with an error).</summary>
public sealed record ConsentChoicesView(bool Learning, bool Vneid, bool Contact);
