using HocVuSo.Web.Cli;

return await CommandLine.RunAsync(args);

/// <summary>Entry point of the <c>hocvuso</c> executable; public for the test host.</summary>
public partial class Program;
