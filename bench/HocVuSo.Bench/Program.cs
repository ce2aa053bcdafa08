using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/HocVuSo.Bench -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(HocVuSo.Bench.UnitTreeBenchmarks).Assembly).Run(args);
