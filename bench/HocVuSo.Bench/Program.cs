using BenchmarkDotNet.Running;
using HocVuSo.Bench.Load;

// Micro-benchmarks:  dotnet run -c Release --project bench/HocVuSo.Bench -- --filter '*'
// HTTP load run:     dotnet run -c Release --project bench/HocVuSo.Bench -- load --provider Sqlite --learners 600 --concurrency 16
// Contest peak:     dotnet run -c Release --project bench/HocVuSo.Bench -- contest-load --pg "Host=127.0.0.1;Port=55432;Username=postgres" [--participants 10000 --spread 10]
// Dashboards:       dotnet run -c Release --project bench/HocVuSo.Bench -- bench-data --pg "Host=127.0.0.1;Port=55432;Username=postgres" [--fraction 1000]
// Assistant quality: dotnet run -c Release --project bench/HocVuSo.Bench -- assistant-quality [--rounds 5]
// (docs/BENCHMARKS.md says what each reports and how to run it on PostgreSQL.)
if (args.Length > 0 && args[0] == "bench-data")
{
    return await HocVuSo.Bench.Dashboards.BenchDataCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "contest-load")
{
    return await HocVuSo.Bench.Contests.ContestLoadCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "assistant-quality")
{
    return await HocVuSo.Bench.Assistant.AssistantQualityCommand.RunAsync(args[1..]);
}

if (args.Length > 0 && args[0] == "load")
{
    return await LoadCommand.RunAsync(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(HocVuSo.Bench.UnitTreeBenchmarks).Assembly).Run(args);
return 0;
