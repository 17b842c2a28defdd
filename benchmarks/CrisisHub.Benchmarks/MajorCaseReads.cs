using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using CrisisHub.Contracts.Audit;
using CrisisHub.Contracts.Cases;
using CrisisHub.Contracts.Network;

namespace CrisisHub.Benchmarks;

/// <summary>
/// A Major case is read by many people over a term. Each read appends one record to the audit log and writes
/// nothing else, so a read after ten thousand others should cost what the first did and the case's row should
/// not grow (it used to be rewritten whole, trail included, by every read).
/// </summary>
[Config(typeof(Columns))]
public class MajorCaseReads
{
    private static readonly Actor Reader = new("teacher-1", "Teacher", ResponderRole.HeadTeacher);

    /// <summary>What the cleanup measured, by the case's previous reads, for the columns (the run is in process).</summary>
    private static readonly ConcurrentDictionary<int, (long StateBytes, long AuditRecords)> Measured = new();

    private SqliteSilo _silo = null!;
    private string _caseId = "";
    private IStudentCaseGrain _case = null!;

    [Params(0, 1_000, 10_000)]
    public int PreviousReads { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _silo = await SqliteSilo.StartAsync();
        _caseId = await _silo.OpenMajorCaseAsync();
        _case = _silo.Grains.GetGrain<IStudentCaseGrain>(_caseId);
        for (var i = 0; i < PreviousReads; i++) await _case.ReadAsync(Reader);
        var (bytes, records) = _silo.Stored(_caseId);
        Console.WriteLine($"// After {PreviousReads} reads: case row {bytes} bytes, audit stream {records} records");
    }

    [Benchmark(Description = "ReadAsync")]
    public Task<CaseView> ReadCase() => _case.ReadAsync(Reader);

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        var stored = _silo.Stored(_caseId);
        Measured[PreviousReads] = stored;
        Console.WriteLine($"// After the run: case row {stored.StateBytes} bytes, audit stream {stored.AuditRecords} records");
        await _silo.DisposeAsync();
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(new StoredColumn("Case row (bytes)", m => m.StateBytes), new StoredColumn("Audit records", m => m.AuditRecords));
        }
    }

    /// <summary>A figure of the stored case after the run, taken by the cleanup.</summary>
    private sealed class StoredColumn(string name, Func<(long StateBytes, long AuditRecords), long> figure) : IColumn
    {
        public string Id => name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Size;
        public string Legend => $"{name} of the case as stored after the run";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            benchmarkCase.Parameters["PreviousReads"] is int reads && Measured.TryGetValue(reads, out var stored) ? figure(stored).ToString("N0") : "?";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    }
}
