using BenchmarkDotNet.Running;

// In process: the silo and its database live beside the measurement, and BenchmarkDotNet's generated child
// project would otherwise inherit this repository's central package rules and warnings-as-errors.
string[] arguments = args.Contains("--inProcess") ? args : [.. args, "--inProcess"];
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(arguments);
