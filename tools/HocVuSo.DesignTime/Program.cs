// Nothing runs here: the EF Core tools only load this assembly to find the Design services and
// the design-time factories in HocVuSo.Core. Use scripts/add-migration.sh.
Console.WriteLine("HocVuSo.DesignTime is the startup project for the EF Core tools; run scripts/add-migration.sh.");
