using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Cybercantal.Edge.Benchmarks.DoorGrantBenchmarks).Assembly).Run(args);
return 0;
